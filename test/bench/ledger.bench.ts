/**
 * The record of events a workflow's Kick triggers ran (nodes/Kick/events/crossSource.ts) over a
 * long run: what one remembered event costs in the n8n process (heap bytes per entry) and in the
 * workflow's static data (bytes per entry), and whether a chat message's two copies (the
 * webhook's, then the live socket's) are decided as fast at the end of the run as at the start,
 * the record at its bound and written to the static data as the triggers write it (every 250 ms
 * of a chat at 20 messages a second).
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_PERSISTED, MAX_REMEMBERED, PERSISTED_KEY, PERSIST_INTERVAL_MS, WorkflowSources } from '../../nodes/Kick/events/crossSource';
import { eventIdentity, type EventIdentity } from '../../nodes/Kick/events/identity';
import { collectGarbage } from './memory.bench';

export interface LedgerBenchResult {
	/** Heap bytes per remembered event, the record filled to its bound. */
	heapBytesPerEntry: number;
	maxEntries: number;
	/** Static-data bytes per persisted entry, and the persisted part's size. */
	persistedBytesPerEntry: number;
	persistedBytes: number;
	persistedMaxEntries: number;
	/** Events decided per second (both copies) over the first and the last 10% of the run. */
	startRate: number;
	endRate: number;
	endOverStart: number;
	events: number;
	/** Copies that ran, and that were dropped (the second copy of each event). */
	ran: number;
	dropped: number;
}

const CHAT_MESSAGES_PER_SECOND = 20;

/** A chat message's identity, made from its body as the triggers make it. */
function chatIdentity(n: number, atMs: number): EventIdentity {
	const body = {
		message_id: `9a1b6c2e-0d4f-4e5a-8b7c-${String(n).padStart(12, '0')}`,
		broadcaster: { user_id: 1001 },
		sender: { user_id: 100_000_000 + (n % 5000) },
		content: `message number ${n}`,
		created_at: new Date(atMs).toISOString(),
	};
	return eventIdentity('chat.message.sent', body) as EventIdentity;
}

export function runLedgerBench(): LedgerBenchResult {
	const start = Date.now() - 3_600_000;
	const at = (n: number) => start + Math.floor((n * 1000) / CHAT_MESSAGES_PER_SECOND);

	// 1. Heap per entry, at the bound (the identities are made here, as the triggers make them).
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	const filled = new WorkflowSources();
	for (let n = 0; n < MAX_REMEMBERED; n++) filled.ledger.claim('webhook', chatIdentity(n, at(n)), at(n));
	collectGarbage();
	const heapBytesPerEntry = (process.memoryUsage().heapUsed - before) / filled.ledger.size;

	// 2. Rate at the start vs the end: three times the bound, each event's webhook copy then its
	// socket copy, the record written to the static data every 250 ms of the chat's time.
	const events = 3 * MAX_REMEMBERED;
	const sources = new WorkflowSources();
	sources.register('webhook', ['chat.message.sent']);
	sources.register('live-socket', ['chat.message.sent']);
	const staticData: IDataObject = {};
	const identities = Array.from({ length: events }, (_, n) => chatIdentity(1_000_000 + n, at(n)));
	const window = Math.floor(events / 10);
	const timings: number[] = [];
	let ran = 0;
	let dropped = 0;
	let started = performance.now();
	for (let n = 0; n < events; n++) {
		const identity = identities[n] as EventIdentity;
		const now = at(n);
		for (const source of ['webhook', 'live-socket'] as const) {
			if (sources.ledger.claim(source, identity, now).run) ran++;
			else dropped++;
			sources.persist(staticData, now);
		}
		if ((n + 1) % window === 0) {
			timings.push(performance.now() - started);
			started = performance.now();
		}
	}
	const startRate = window / ((timings[0] as number) / 1000);
	const endRate = window / ((timings[timings.length - 1] as number) / 1000);
	const persistedBytes = Buffer.byteLength(JSON.stringify(staticData[PERSISTED_KEY]));

	return {
		heapBytesPerEntry,
		maxEntries: MAX_REMEMBERED,
		persistedBytesPerEntry: persistedBytes / MAX_PERSISTED,
		persistedBytes,
		persistedMaxEntries: MAX_PERSISTED,
		startRate,
		endRate,
		endOverStart: endRate / startRate,
		events,
		ran,
		dropped,
	};
}

export function formatLedgerBench(result: LedgerBenchResult): string {
	const n = (value: number) => Math.round(value).toLocaleString('en-US');
	return [
		'| measure | value | note |',
		'|---|---:|---|',
		`| heap per remembered event | ${n(result.heapBytesPerEntry)} B | at most ${n(result.maxEntries)} events per workflow (${((result.heapBytesPerEntry * result.maxEntries) / 1e6).toFixed(1)} MB at the bound), for 24 hours |`,
		`| static data per persisted event | ${result.persistedBytesPerEntry.toFixed(1)} B | the newest ${n(result.persistedMaxEntries)} are persisted: ${n(result.persistedBytes)} B of the workflow's static data |`,
		`| chat messages decided per second (both copies), first 10% of the run | ${n(result.startRate)} | ${n(result.events)} messages at ${CHAT_MESSAGES_PER_SECOND}/s of chat time, the webhook's copy then the socket's, written every ${PERSIST_INTERVAL_MS} ms; ${n(result.ran)} copies ran, ${n(result.dropped)} dropped |`,
		`| chat messages decided per second, last 10% of the run (record at its bound) | ${n(result.endRate)} | end / start = **${result.endOverStart.toFixed(2)}** |`,
	].join('\n');
}
