/**
 * Webhook path throughput, measured in one run on this machine:
 * - ceiling: `crypto.verify` with a cached KeyObject + `JSON.parse` (the least any verifying
 *   receiver must do);
 * - naive: the same, parsing the PEM on every delivery (what most examples do);
 * - ours: the Kick Trigger's admit step and the shared decide step (headers, verify, memory,
 *   lateness, parse, type check, schema, identity, filters, normalize) on a ~1.5 KB chat event
 *   that runs;
 * - dropped by prefix: the same event with a `!` command-prefix filter it does not match.
 * Ratios: ours/ceiling and ours/naive. Rates are per second of CPU time.
 */
import { generateKeyPairSync, sign, verify, createPublicKey, type KeyObject } from 'node:crypto';

import { decide, type Decision } from '../../nodes/Kick/events/decide';
import { compileFilters } from '../../nodes/Kick/events/filters';
import { SeenMemory } from '../../nodes/Kick/events/memory';
import { admitDelivery, type DeliveryRules } from '../../nodes/Kick/webhook/delivery';
import { PublicKeyCache } from '../../nodes/Kick/webhook/publicKey';
import chatFixture from '../fixtures/events/chat.message.sent.json';

export interface BenchResult {
	name: string;
	opsPerSec: number;
	ratio?: number;
	note?: string;
}

const POOL_SIZE = 256;
/** Wall-clock budget for the measured rounds (plus ~0.5 s of key generation and signing). */
const BUDGET_MS = 2000;
/** Slices of one pool for the naive path (about 40 ms each). */
const NAIVE_SLICES = 6;
const MIN_ROUNDS = 6;
const MAX_ROUNDS = 60;

interface Delivery {
	headers: Record<string, string>;
	raw: Buffer;
	messageId: string;
	timestamp: string;
	signature: string;
}

/** Chat message number `i`: its own message id (the same length for every i), the same content. */
function chatBody(i: number): Buffer {
	const body = JSON.parse(JSON.stringify(chatFixture)) as Record<string, unknown>;
	body.message_id = `5f0b9c2e-8a47-4d1e-b3c6-${String(i).padStart(12, '0')}`;
	body.content =
		'@lunar_kettle squad of four [emote:37226:KEKW] [emote:39261:kkHuh] — queue starts in five, ranked until midnight, drop a follow if you are new here';
	return Buffer.from(JSON.stringify(body), 'utf8');
}

/** Distinct deliveries, each its own chat message, as Kick sends them. */
function makePool(privateKey: KeyObject, timestamp: string): Delivery[] {
	const pool: Delivery[] = [];
	for (let i = 0; i < POOL_SIZE; i++) {
		const raw = chatBody(i);
		const messageId = `01KKPVMFS0YM6VX6496P${String(i).padStart(6, '0')}`;
		const signature = sign('sha256', Buffer.concat([Buffer.from(`${messageId}.${timestamp}.`), raw]), privateKey).toString('base64');
		pool.push({
			raw,
			messageId,
			timestamp,
			signature,
			headers: {
				'kick-event-message-id': messageId,
				'kick-event-subscription-id': '01KJMDEB801R3RS66KMMSCWRNE',
				'kick-event-signature': signature,
				'kick-event-message-timestamp': timestamp,
				'kick-event-type': 'chat.message.sent',
				'kick-event-version': '1',
			},
		});
	}
	return pool;
}

/** Accumulated operations and CPU time (user + system, µs) of one measured path. */
interface Tally {
	ops: number;
	cpuMicros: number;
}

/**
 * Runs `pools` passes over the pool and adds ops and this process's CPU time to `tally`.
 * CPU time rather than wall time, and many short interleaved slices rather than one long run
 * per path: on a shared machine, load from other processes then skews every path alike.
 */
async function slice(
	tally: Tally,
	run: (delivery: Delivery) => unknown | Promise<unknown>,
	pool: Delivery[],
	pools: number,
	afterPool?: () => void,
): Promise<void> {
	const cpuStart = process.cpuUsage();
	for (let p = 0; p < pools; p++) {
		for (const delivery of pool) await run(delivery);
		afterPool?.();
	}
	const cpu = process.cpuUsage(cpuStart);
	tally.ops += pools * pool.length;
	tally.cpuMicros += cpu.user + cpu.system;
}

function rate(tally: Tally): number {
	return (tally.ops * 1e6) / Math.max(1, tally.cpuMicros);
}

export async function runWebhookBench(): Promise<BenchResult[]> {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
	const key = createPublicKey(pem);
	const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	const pool = makePool(privateKey, timestamp);

	const keyCache = new PublicKeyCache();
	const baseUrl = 'http://bench.invalid';
	await keyCache.get(baseUrl, async () => pem);
	const newMemory = () => new SeenMemory({ horizonMs: 24 * 3_600_000, maxEntries: 200_000 });
	const keys = keyCache.provider(baseUrl, async () => pem);
	let memory = newMemory();
	const rules = (commandPrefix?: string): DeliveryRules => ({
		filters: compileFilters({ events: ['chat.message.sent'], commandPrefix }),
		lateLimitMs: 24 * 3_600_000,
		duplicatePayloads: 'identifying',
	});
	const runRules = rules();
	const dropRules = rules('!');
	/** A delivery's fate, as the trigger decides it: admitted, then decided. */
	const fate = async (d: Delivery, config: DeliveryRules): Promise<Decision | string> => {
		const admission = await admitDelivery({ headers: d.headers, rawBody: d.raw, receivedAt: Date.now() }, config, memory, keys);
		return 'copy' in admission ? decide(admission.copy, { filters: config.filters, memory }) : admission.reason;
	};

	let sink = 0;
	const ceiling = (d: Delivery) => {
		const ok = verify('sha256', Buffer.concat([Buffer.from(`${d.messageId}.${d.timestamp}.`), d.raw]), key, Buffer.from(d.signature, 'base64'));
		const body = JSON.parse(d.raw.toString('utf8')) as { content: string };
		if (ok) sink += body.content.length;
	};
	const naive = (d: Delivery) => {
		const ok = verify('sha256', Buffer.concat([Buffer.from(`${d.messageId}.${d.timestamp}.`), d.raw]), pem, Buffer.from(d.signature, 'base64'));
		const body = JSON.parse(d.raw.toString('utf8')) as { content: string };
		if (ok) sink += body.content.length;
	};
	const ours = async (d: Delivery) => {
		const result = await fate(d, runRules);
		if (typeof result === 'string' || result.status !== 'run') throw new Error(`bench delivery did not run: ${JSON.stringify(result)}`);
		sink += 1;
	};
	const dropped = async (d: Delivery) => {
		const result = await fate(d, dropRules);
		if (typeof result === 'string' || result.status !== 'dropped' || result.reason !== 'filtered:command-prefix') {
			throw new Error(`bench delivery was not dropped: ${JSON.stringify(result)}`);
		}
	};
	// The pool repeats its deliveries, and every delivery that runs is remembered: forget them
	// between slices, as new deliveries would never have been seen.
	const resetDedup = () => {
		memory = newMemory();
	};

	// Warm up every path (JIT), then measure in interleaved rounds.
	for (const d of pool.slice(0, 64)) {
		ceiling(d);
		naive(d);
		await ours(d);
		resetDedup();
		await dropped(d);
		resetDedup();
	}
	resetDedup();
	const tallies = {
		ceiling: { ops: 0, cpuMicros: 0 },
		naive: { ops: 0, cpuMicros: 0 },
		ours: { ops: 0, cpuMicros: 0 },
		dropped: { ops: 0, cpuMicros: 0 },
	};
	// Ceiling, ours and dropped interleaved in short slices; the much slower naive path in a
	// phase of its own (its heap churn would otherwise land on its neighbors).
	const deadline = performance.now() + BUDGET_MS;
	let rounds = 0;
	while (rounds < MIN_ROUNDS || (performance.now() < deadline && rounds < MAX_ROUNDS)) {
		await slice(tallies.ceiling, ceiling, pool, 2);
		await slice(tallies.ours, ours, pool, 2, resetDedup);
		await slice(tallies.dropped, dropped, pool, 2, resetDedup);
		rounds++;
	}
	for (let i = 0; i < NAIVE_SLICES; i++) await slice(tallies.naive, naive, pool, 1);
	const best = {
		ceiling: rate(tallies.ceiling),
		naive: rate(tallies.naive),
		ours: rate(tallies.ours),
		dropped: rate(tallies.dropped),
	};
	if (sink < 0) throw new Error('unreachable');

	const round = (value: number) => Math.round(value);
	const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
	return [
		{ name: 'webhook: ceiling (verify cached KeyObject + JSON.parse)', opsPerSec: round(best.ceiling), note: `${pool[0].raw.length} B chat event, ${rounds} interleaved rounds, per CPU second` },
		{ name: 'webhook: naive (PEM parsed per delivery + JSON.parse)', opsPerSec: round(best.naive), ratio: ratio(best.naive, best.ceiling), note: 'ratio = naive/ceiling' },
		{
			name: 'webhook: Kick Trigger admit + decide (run)',
			opsPerSec: round(best.ours),
			ratio: ratio(best.ours, best.ceiling),
			note: `ratio = ours/ceiling; ours/naive = ${ratio(best.ours, best.naive)}`,
		},
		{
			name: 'webhook: Kick Trigger admit + decide (dropped by command prefix)',
			opsPerSec: round(best.dropped),
			ratio: ratio(best.dropped, best.ceiling),
			note: 'ratio = dropped/ceiling; verified and parsed, no item built',
		},
	];
}
