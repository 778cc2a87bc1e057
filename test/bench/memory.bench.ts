/**
 * The Kick Trigger's delivery memory over a long run: what one remembered delivery costs in
 * the n8n process (heap bytes per key) and in the workflow's static data (bytes per key), and
 * whether recording stays as fast at the end of a long run as at the start (the memory at its
 * bound, late deliveries among the rest). The end-to-end long run through a real n8n is in
 * `npm run bench:e2e` (case g).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { fingerprintKey, messageKey, payloadFingerprint } from '../../nodes/Kick/webhook/dedup';
import { DeliveryMemory, MEMORY_MAX_KEYS } from '../../nodes/Kick/webhook/memory';
import { DELIVERY_LOG_KEY, DeliveryLog, PERSISTED_MAX_KEYS } from '../../nodes/Kick/webhook/trigger/deliveryLog';

export interface MemoryBenchResult {
	/** Heap bytes per remembered key, the memory filled to its bound. */
	heapBytesPerKey: number;
	maxKeys: number;
	/** Static-data bytes per persisted key, and the persisted log's size at its bound. */
	persistedBytesPerKey: number;
	persistedBytesAtBound: number;
	persistedMaxKeys: number;
	/** Deliveries recorded per second over the first and the last 10% of the run, and their ratio. */
	startRate: number;
	/** The first 10% of the run that the memory spends entirely at its bound. */
	boundRate: number;
	endRate: number;
	endOverStart: number;
	/** endRate / boundRate: whether a delivery costs more the longer the memory stays full. */
	endOverBound: number;
	deliveries: number;
}

/** A full garbage collection, so heap figures count only what is still held. */
export function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

const HOUR = 3_600_000;

/** One delivery's keys: its message id and its body's fingerprint (chat compares bodies). */
function keysOf(n: number): string[] {
	const messageId = `01KKPVMFS0YM6VX6496P${String(n).padStart(6, '0')}`;
	return [messageKey(messageId), fingerprintKey(payloadFingerprint('chat.message.sent', Buffer.from(`{"message_id":"${n}"}`)))];
}

export function runMemoryBench(): MemoryBenchResult {
	const now = Date.now();
	// 1. Heap per key, at the bound.
	const deliveriesToFill = MEMORY_MAX_KEYS / 2;
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	const memory = new DeliveryMemory({ limitMs: 24 * HOUR });
	// The keys are made here, as the trigger makes them per delivery: their strings count.
	for (let n = 0; n < deliveriesToFill; n++) memory.add(keysOf(n), now - 20 * HOUR + n * 200, now);
	collectGarbage();
	const heapBytesPerKey = (process.memoryUsage().heapUsed - before) / memory.size;

	// 2. Rate at the start vs the end of a long run: three times the bound, 1 in 10 deliveries
	// hours late, each delivery looked up before it is recorded (as the trigger does).
	const deliveries = 3 * deliveriesToFill;
	const all = Array.from({ length: deliveries }, (_, n) => keysOf(1_000_000 + n));
	const long = new DeliveryMemory({ limitMs: 24 * HOUR });
	const window = Math.floor(deliveries / 10);
	const timings: number[] = [];
	// The first window that starts with the memory already at its bound.
	let boundWindow: number | undefined;
	let started = performance.now();
	for (let n = 0; n < deliveries; n++) {
		const keyPair = all[n] as string[];
		const late = n % 10 === 0 ? 3 * HOUR : 0;
		if (!long.has(keyPair[0] as string) && !long.has(keyPair[1] as string)) long.add(keyPair, now - 20 * HOUR + n * 100 - late, now);
		if ((n + 1) % window === 0) {
			timings.push(performance.now() - started);
			if (boundWindow === undefined && long.fullEvictionHappened) boundWindow = timings.length;
			started = performance.now();
		}
	}
	const rate = (index: number) => window / ((timings[Math.min(index, timings.length - 1)] as number) / 1000);
	const startRate = rate(0);
	const boundRate = rate(boundWindow ?? timings.length - 1);
	const endRate = rate(timings.length - 1);

	// 3. The persisted log at its bound.
	const log = new DeliveryLog(24 * HOUR);
	for (let n = 0; n < PERSISTED_MAX_KEYS; n++) log.add({ keys: keysOf(n), timestampMs: now - HOUR + n * 1000 }, now);
	const staticData = {};
	log.writeTo(staticData, now);
	const persistedBytesAtBound = Buffer.byteLength(JSON.stringify((staticData as Record<string, unknown>)[DELIVERY_LOG_KEY]));

	return {
		heapBytesPerKey,
		maxKeys: MEMORY_MAX_KEYS,
		persistedBytesPerKey: persistedBytesAtBound / PERSISTED_MAX_KEYS,
		persistedBytesAtBound,
		persistedMaxKeys: PERSISTED_MAX_KEYS,
		startRate,
		boundRate,
		endRate,
		endOverStart: endRate / startRate,
		endOverBound: endRate / boundRate,
		deliveries,
	};
}

export function formatMemoryBench(result: MemoryBenchResult): string {
	const n = (value: number) => Math.round(value).toLocaleString('en-US');
	return [
		'| measure | value | note |',
		'|---|---:|---|',
		`| heap per remembered key | ${n(result.heapBytesPerKey)} B | the memory holds at most ${n(result.maxKeys)} keys per trigger (${(result.heapBytesPerKey * result.maxKeys / 1e6).toFixed(0)} MB at the bound); a delivery has one key, or two when its body is compared |`,
		`| static data per persisted key | ${result.persistedBytesPerKey.toFixed(1)} B | at most ${n(result.persistedMaxKeys)} keys persisted: ${n(result.persistedBytesAtBound)} B of the workflow's static data at the bound |`,
		`| deliveries recorded per second, first 10% of the run | ${n(result.startRate)} | ${n(result.deliveries)} deliveries (1 in 10 three hours late), each looked up then recorded |`,
		`| deliveries recorded per second, first 10% of the run spent at the bound | ${n(result.boundRate)} | the memory full, letting go of its oldest second as new ones come; a larger hash set than at the start |`,
		`| deliveries recorded per second, last 10% of the run | ${n(result.endRate)} | end / start = ${result.endOverStart.toFixed(2)}; end / first at the bound = **${result.endOverBound.toFixed(2)}** (cost does not grow while the memory stays full) |`,
	].join('\n');
}
