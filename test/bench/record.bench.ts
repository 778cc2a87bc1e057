/**
 * The workflow's record (nodes/Kick/events/record.ts), the one memory of what a workflow's Kick
 * triggers ran, over a long run: what one entry costs in the n8n process (heap bytes) and in the
 * workflow's static data (bytes), and whether a chat message is decided as fast at the end of a
 * long run as at the start (the record at its bound, letting go of its oldest second, and
 * written to the static data as the triggers write it: every 250 ms of a chat at 20 messages a
 * second). Each message comes by webhook and then by the live socket, as in a workflow with a
 * Kick Trigger and a Kick Chat Trigger; one in ten webhook copies is three hours late. The
 * end-to-end long run through a real n8n is `npm run bench:e2e` (case g).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { IDataObject } from 'n8n-workflow';

import { eventIdentity, idMark, type EventIdentity } from '../../nodes/Kick/events/identity';
import { PERSIST_INTERVAL_MS, PERSISTED_MAX_ENTRIES, RECORD_KEY, RECORD_MAX_ENTRIES, sourceKey, WorkflowRecord } from '../../nodes/Kick/events/record';
import { messageKey } from '../../nodes/Kick/webhook/delivery';

export interface RecordBenchResult {
	/** Heap bytes per entry, the record filled to its bound; entries per chat message. */
	heapBytesPerEntry: number;
	entriesPerMessage: number;
	maxEntries: number;
	/** Static-data bytes per persisted entry, and the persisted record's size at its bound. */
	persistedBytesPerEntry: number;
	persistedBytes: number;
	persistedMaxEntries: number;
	/** Messages decided per second (both copies) over the first 10% of the run, the first 10% spent at the bound, and the last 10%. */
	startRate: number;
	boundRate: number;
	endRate: number;
	endOverStart: number;
	endOverBound: number;
	messages: number;
	/** Copies that ran, and that were dropped (the second copy of each message). */
	ran: number;
	dropped: number;
}

const CHAT_MESSAGES_PER_SECOND = 20;
const HOUR = 3_600_000;

/** A full garbage collection, so heap figures count only what is still held. */
export function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

interface Message {
	messageId: string;
	signedAt: number;
	identity: EventIdentity;
}

/** A chat message as both triggers see it, made from its body as they make it. */
function message(n: number, atMs: number): Message {
	const body = {
		message_id: `9a1b6c2e-0d4f-4e5a-8b7c-${String(n).padStart(12, '0')}`,
		broadcaster: { user_id: 1001 },
		sender: { user_id: 100_000_000 + (n % 5000) },
		content: `message number ${n}`,
		created_at: new Date(atMs).toISOString(),
	};
	const late = n % 10 === 0 ? 3 * HOUR : 0;
	return { messageId: `01KKPVMFS0YM6VX6496P${String(n).padStart(8, '0')}`, signedAt: atMs - late, identity: eventIdentity('chat.message.sent', body, atMs) as EventIdentity };
}

function newRecord(): WorkflowRecord {
	const record = new WorkflowRecord();
	record.join('kick', 'webhook', ['chat.message.sent']);
	record.join('chat', 'live-socket', ['chat.message.sent']);
	return record;
}

/**
 * One message through the record, as the two triggers decide it: the webhook's copy (message id
 * seen? then its message id and event id filed, then claimed), then the socket's (claimed).
 */
function decideBoth(record: WorkflowRecord, entry: Message, nowMs: number): number {
	let ran = 0;
	const key = messageKey(entry.messageId);
	if (!record.memory.has(key)) {
		record.memory.add(key, entry.signedAt, nowMs);
		record.memory.add(sourceKey('webhook', idMark(entry.identity.eventId as string)), entry.signedAt, nowMs);
		if (record.claim('webhook', entry.identity, nowMs).run) ran++;
	}
	if (record.claim('live-socket', entry.identity, nowMs).run) ran++;
	return ran;
}

export function runRecordBench(): RecordBenchResult {
	const start = Date.now() - 2 * HOUR;
	const at = (n: number) => start + Math.floor((n * 1000) / CHAT_MESSAGES_PER_SECOND);

	// 1. Heap per entry, at the bound (the messages are made here, as the triggers make them per delivery).
	const toFill = RECORD_MAX_ENTRIES / 4;
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	const filled = newRecord();
	for (let n = 0; n < toFill; n++) decideBoth(filled, message(n, at(n)), at(n));
	collectGarbage();
	const heapBytesPerEntry = (process.memoryUsage().heapUsed - before) / filled.memory.size;
	const entriesPerMessage = filled.memory.size / toFill;

	// 2. Rate at the start, at the bound and at the end: three times what fills the record.
	const messages = Math.ceil((3 * RECORD_MAX_ENTRIES) / entriesPerMessage);
	const all = Array.from({ length: messages }, (_, n) => message(1_000_000 + n, at(n)));
	const record = newRecord();
	const staticData: IDataObject = {};
	const window = Math.floor(messages / 10);
	const timings: number[] = [];
	let boundWindow: number | undefined;
	let ran = 0;
	let started = performance.now();
	for (let n = 0; n < messages; n++) {
		const now = at(n);
		ran += decideBoth(record, all[n] as Message, now);
		record.persist(staticData, now);
		if ((n + 1) % window === 0) {
			timings.push(performance.now() - started);
			if (boundWindow === undefined && record.memory.reachedBound) boundWindow = timings.length;
			started = performance.now();
		}
	}
	const rate = (index: number) => window / ((timings[Math.min(index, timings.length - 1)] as number) / 1000);
	const startRate = rate(0);
	const boundRate = rate(boundWindow ?? timings.length - 1);
	const endRate = rate(timings.length - 1);
	record.persist(staticData, at(messages), true);
	const persistedBytes = Buffer.byteLength(JSON.stringify(staticData[RECORD_KEY]));

	return {
		heapBytesPerEntry,
		entriesPerMessage,
		maxEntries: RECORD_MAX_ENTRIES,
		persistedBytesPerEntry: persistedBytes / PERSISTED_MAX_ENTRIES,
		persistedBytes,
		persistedMaxEntries: PERSISTED_MAX_ENTRIES,
		startRate,
		boundRate,
		endRate,
		endOverStart: endRate / startRate,
		endOverBound: endRate / boundRate,
		messages,
		ran,
		dropped: 2 * messages - ran,
	};
}

export function formatRecordBench(result: RecordBenchResult): string {
	const n = (value: number) => Math.round(value).toLocaleString('en-US');
	const atBound = (result.heapBytesPerEntry * result.maxEntries) / 1e6;
	return [
		'| measure | value | note |',
		'|---|---:|---|',
		`| heap per entry | ${n(result.heapBytesPerEntry)} B | at most ${n(result.maxEntries)} entries per workflow (${atBound.toFixed(0)} MB at the bound); a chat message both triggers saw takes ${result.entriesPerMessage.toFixed(1)} (its message id, event id and content, and the socket copy it absorbed); a webhook delivery alone takes one or two |`,
		`| static data per persisted entry | ${result.persistedBytesPerEntry.toFixed(1)} B | the newest ${n(result.persistedMaxEntries)} are persisted: ${n(result.persistedBytes)} B of the workflow's static data |`,
		`| chat messages decided per second (both copies), first 10% of the run | ${n(result.startRate)} | ${n(result.messages)} messages at ${CHAT_MESSAGES_PER_SECOND}/s of chat time (1 in 10 webhook copies three hours late), the webhook's copy then the socket's, written every ${PERSIST_INTERVAL_MS} ms; ${n(result.ran)} copies ran, ${n(result.dropped)} dropped |`,
		`| chat messages decided per second, first 10% of the run spent at the bound | ${n(result.boundRate)} | the record full, letting go of its oldest second as new ones come |`,
		`| chat messages decided per second, last 10% of the run | ${n(result.endRate)} | end / start = ${result.endOverStart.toFixed(2)}; end / first at the bound = **${result.endOverBound.toFixed(2)}** |`,
	].join('\n');
}
