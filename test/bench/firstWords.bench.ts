/**
 * First words on a big channel (nodes/Kick/events/chatRules.ts): what a 50,000-viewer stream
 * in which every viewer chats costs the workflow's record (heap bytes per viewer, entries), and
 * how fast a chat message is decided with Only First Message per Viewer when the record already
 * holds every viewer. `npx ts-node --transpile-only test/bench/firstWords.bench.ts`.
 */
import { decide, type EventCopy } from '../../nodes/Kick/events/decide';
import { compileFilters } from '../../nodes/Kick/events/filters';
import { RECORD_MAX_ENTRIES, WorkflowRecord } from '../../nodes/Kick/events/record';
import { collectGarbage } from './record.bench';

export interface FirstWordsBenchResult {
	viewers: number;
	entries: number;
	heapBytesPerViewer: number;
	maxEntries: number;
	firstPerSecond: number;
	repeatPerSecond: number;
}

const VIEWERS = 50_000;

function chatCopy(n: number, viewer: number, atMs: number): EventCopy {
	const body = {
		message_id: `9a1b6c2e-0d4f-4e5a-8b7c-${String(n).padStart(12, '0')}`,
		broadcaster: { user_id: 1001, username: 'neonvale', channel_slug: 'neonvale' },
		sender: { user_id: 100_000_000 + viewer, username: `viewer_${viewer}`, identity: { username_color: '#A1F4C2', badges: [] } },
		content: `hello from viewer ${viewer}`,
		created_at: new Date(atMs).toISOString(),
	};
	return { source: 'live-socket', event: 'chat.message.sent', body, messageId: body.message_id, version: 1, subscriptionId: null, kickTimestamp: body.created_at, kickTimestampMs: atMs, receivedAt: atMs };
}

export function runFirstWordsBench(): FirstWordsBenchResult {
	const start = Date.now() - 3_600_000;
	const filters = compileFilters({ events: ['chat.message.sent'], onlyFirstMessage: true });
	// Made beforehand: what is measured is the record, not the bodies.
	const first = Array.from({ length: VIEWERS }, (_, viewer) => chatCopy(viewer, viewer, start + viewer * 20));
	const again = Array.from({ length: VIEWERS }, (_, viewer) => chatCopy(VIEWERS + viewer, viewer, start + VIEWERS * 20 + viewer * 20));

	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	const record = new WorkflowRecord();
	let started = performance.now();
	let ran = 0;
	for (const copy of first) if (decide(copy, { filters, shared: record.memory }).status === 'run') ran++;
	const firstSeconds = (performance.now() - started) / 1000;
	collectGarbage();
	const heapBytesPerViewer = (process.memoryUsage().heapUsed - before) / VIEWERS;
	// The messages stay referenced until here, so the heap difference is the record's alone.
	if (ran !== first.length) throw new Error(`${ran} of ${first.length} first messages ran`);

	started = performance.now();
	for (const copy of again) if (decide(copy, { filters, shared: record.memory }).status === 'run') ran++;
	const repeatSeconds = (performance.now() - started) / 1000;
	if (ran !== VIEWERS) throw new Error(`${ran - VIEWERS} second messages ran`);
	return {
		viewers: VIEWERS,
		entries: record.memory.size,
		heapBytesPerViewer,
		maxEntries: RECORD_MAX_ENTRIES,
		firstPerSecond: VIEWERS / firstSeconds,
		repeatPerSecond: VIEWERS / repeatSeconds,
	};
}

export function formatFirstWordsBench(result: FirstWordsBenchResult): string {
	const n = (value: number) => Math.round(value).toLocaleString('en-US');
	return [
		'| measure | value | note |',
		'|---|---:|---|',
		`| record entries for ${n(result.viewers)} viewers | ${n(result.entries)} | one per viewer who spoke in the stream, and the channel's activity; the record holds at most ${n(result.maxEntries)} |`,
		`| heap per viewer | ${n(result.heapBytesPerViewer)} B | ${((result.heapBytesPerViewer * result.viewers) / 1e6).toFixed(1)} MB for the stream |`,
		`| first messages decided per second | ${n(result.firstPerSecond)} | each runs (Only First Message per Viewer) |`,
		`| later messages decided per second | ${n(result.repeatPerSecond)} | each dropped, the record holding every viewer |`,
	].join('\n');
}

if (require.main === module) process.stdout.write(`${formatFirstWordsBench(runFirstWordsBench())}\n`);
