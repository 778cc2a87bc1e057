/**
 * One webhook delivery's fate, decided in one call of each step: the Kick Trigger's admit step
 * (signature, lateness, headers, body) and the shared decide step (seen, filters, normalize).
 */
import { decide } from '../../../nodes/Kick/events/decide';
import { compileFilters, type FilterSettings } from '../../../nodes/Kick/events/filters';
import { SeenMemory } from '../../../nodes/Kick/events/memory';
import type { KickEventItem } from '../../../nodes/Kick/events/normalize';
import { messageFor } from '../../../nodes/Kick/KickTrigger.node';
import { KICK_EVENT_TYPES } from '../../../nodes/Kick/shared/kick.constants';
import {
	admitDelivery,
	comparesPayload,
	MAX_BODY_BYTES,
	messageKey,
	PAYLOAD_IDENTIFIES_EVENT,
	payloadFingerprint,
	type DeliveryRules,
	type KeyProvider,
} from '../../../nodes/Kick/webhook/delivery';
import { readTriggerSettings } from '../../../nodes/Kick/webhook/kickTriggerParameters';
import { PublicKeyCache } from '../../../nodes/Kick/webhook/publicKey';
import { eventFixtures, fixture, kickTime, makeKeys, signedDelivery, typeOfFixture, type Delivery, type TestKeys } from './helpers';

const BASE = 'https://api.kick.test';
const HOUR = 3_600_000;
const keys = makeKeys();
const rotated = makeKeys();

interface Harness {
	keys: KeyProvider;
	memory: SeenMemory;
	fetches: () => number;
	serve: (pem: string | Error) => void;
	setNow: (ms: number) => void;
}

function harness(initial: string | Error = keys.publicPem, memory = new SeenMemory({ horizonMs: 24 * HOUR, maxEntries: 200_000 })): Harness {
	let served: string | Error = initial;
	let now = 0;
	let fetches = 0;
	const cache = new PublicKeyCache({ now: () => now, refetchIntervalMs: 60_000 });
	return {
		keys: cache.provider(BASE, async () => {
			fetches++;
			if (served instanceof Error) throw served;
			return served;
		}),
		memory,
		fetches: () => fetches,
		serve: (pem) => {
			served = pem;
		},
		setNow: (ms) => {
			now = ms;
		},
	};
}

function config(filters: FilterSettings = {}, extra: Partial<DeliveryRules> = {}): DeliveryRules {
	return { filters: compileFilters(filters), lateLimitMs: 24 * HOUR, duplicatePayloads: 'never', ...extra };
}

/** What became of a delivery, in one shape for both steps. */
interface Fate {
	status: number;
	run: boolean;
	reason: string;
	item?: KickEventItem;
	remembered?: boolean;
}

async function deliver(h: Harness, delivery: Delivery, rules = config(), receivedAt = Date.now()): Promise<Fate> {
	const admission = await admitDelivery({ headers: delivery.headers, rawBody: delivery.rawBody, receivedAt }, rules, h.memory, h.keys);
	if (!('copy' in admission)) return { status: admission.status, run: false, reason: admission.reason, remembered: 'remembered' in admission && admission.remembered === true };
	const decision = decide(admission.copy, { filters: rules.filters, memory: h.memory });
	if (decision.status === 'run') return { status: 200, run: true, reason: 'schemaIssues' in decision.item ? 'ok:schema-drift' : 'ok', item: decision.item };
	return { status: 200, run: false, reason: decision.status === 'dropped' ? (decision.reason === 'repeat' ? 'duplicate-payload' : decision.reason) : decision.status };
}

function without(delivery: Delivery, header: string): Delivery {
	const headers = { ...delivery.headers };
	delete headers[header];
	return { ...delivery, headers };
}

const chat = fixture('chat.message.sent');

describe('a delivery: authentic events run', () => {
	it.each([...eventFixtures().keys()])('%s runs with a normalized item', async (name) => {
		const h = harness();
		const type = typeOfFixture(name);
		const result = await deliver(h, signedDelivery(keys, fixture(name), { type }));
		expect(result).toMatchObject({ status: 200, run: true, reason: 'ok' });
		if (result.item) {
			expect(result.item?.event).toBe(type);
			expect(result.item?.version).toBe(1);
			expect(result.item.subscriptionId).toBe('01KJMDEB801R3RS66KMMSCWRNE');
			expect(typeof result.item.summary).toBe('string');
			expect(result.item).not.toHaveProperty('schemaIssues');
		}
	});

	it('fetches the key once, then verifies from the cache', async () => {
		const h = harness();
		for (let i = 0; i < 5; i++) expect((await deliver(h, signedDelivery(keys, chat))).run).toBe(true);
		expect(h.fetches()).toBe(1);
	});

	it('verifies the exact bytes: pretty-printed, non-ASCII bodies pass as sent', async () => {
		const h = harness();
		const pretty = Buffer.from(JSON.stringify({ ...chat, content: 'héllo 👋 — !' }, null, 2), 'utf8');
		const result = await deliver(h, signedDelivery(keys, pretty));
		expect(result.run).toBe(true);
		expect(result.item?.content).toBe('héllo 👋 — !');
	});

	it('runs an event whose schema drifted, listing the differences', async () => {
		const h = harness();
		const drifted = { ...chat, sender: { ...(chat.sender as object), user_id: 'abc' }, created_at: 'soon' };
		const result = await deliver(h, signedDelivery(keys, drifted));
		expect(result).toMatchObject({ status: 200, run: true, reason: 'ok:schema-drift' });
		expect(String(result.item?.schemaIssues)).toMatch(/sender\.user_id/);
	});
});

describe('a delivery: what Kick did not send is refused, everything Kick sent is answered 200', () => {
	const cases: Array<[string, (h: Harness) => Promise<Fate>, number, string]> = [
		['missing message id', async (h) => deliver(h, without(signedDelivery(keys, chat), 'kick-event-message-id')), 401, 'missing-signature-headers'],
		['missing timestamp', async (h) => deliver(h, without(signedDelivery(keys, chat), 'kick-event-message-timestamp')), 401, 'missing-signature-headers'],
		['missing signature', async (h) => deliver(h, without(signedDelivery(keys, chat), 'kick-event-signature')), 401, 'missing-signature-headers'],
		['signed with another key (forged)', async (h) => deliver(h, signedDelivery(keys, chat, { signWith: rotated.privateKey })), 401, 'bad-signature'],
		[
			'tampered body',
			async (h) => {
				const d = signedDelivery(keys, chat);
				return deliver(h, { ...d, rawBody: Buffer.from(d.rawBody.toString('utf8').replace('squad', 'SQUAD')) });
			},
			401,
			'bad-signature',
		],
		[
			'tampered message id',
			async (h) => {
				const d = signedDelivery(keys, chat);
				return deliver(h, { ...d, headers: { ...d.headers, 'kick-event-message-id': '01KKPVMFS0YM6VX6496PXTFYAA' } });
			},
			401,
			'bad-signature',
		],
		[
			'tampered timestamp',
			async (h) => {
				const d = signedDelivery(keys, chat);
				return deliver(h, { ...d, headers: { ...d.headers, 'kick-event-message-timestamp': kickTime(Date.now() - 5000) } });
			},
			401,
			'bad-signature',
		],
		['garbage signature', async (h) => deliver(h, { ...signedDelivery(keys, chat), headers: { ...signedDelivery(keys, chat).headers, 'kick-event-signature': 'bm9wZQ==' } }), 401, 'bad-signature'],
		['forged, with an unreadable timestamp', async (h) => deliver(h, signedDelivery(keys, chat, { timestamp: 'yesterday', signWith: rotated.privateKey })), 401, 'bad-signature'],
		['forged, with a body that is not JSON', async (h) => deliver(h, signedDelivery(keys, Buffer.from('{"content'), { signWith: rotated.privateKey })), 401, 'bad-signature'],
		['oversized body', async (h) => deliver(h, signedDelivery(keys, Buffer.alloc(MAX_BODY_BYTES + 1, 0x20))), 413, 'body-too-large'],
		['past the Late Delivery Limit (signed)', async (h) => deliver(h, signedDelivery(keys, chat, { timestamp: kickTime(Date.now() - 25 * HOUR) })), 200, 'past-late-limit'],
		['unreadable timestamp (signed)', async (h) => deliver(h, signedDelivery(keys, chat, { timestamp: 'yesterday' })), 200, 'bad-timestamp'],
		['empty body (signed)', async (h) => deliver(h, signedDelivery(keys, Buffer.alloc(0))), 200, 'not-json'],
		['body that is not JSON (signed)', async (h) => deliver(h, signedDelivery(keys, Buffer.from('{"content": "hi"'))), 200, 'not-json'],
		['JSON that is not an object (signed)', async (h) => deliver(h, signedDelivery(keys, [chat])), 200, 'not-an-object'],
		['type header contradicting the body (signed)', async (h) => deliver(h, signedDelivery(keys, chat, { type: 'kicks.gifted' })), 200, 'type-mismatch'],
		['unknown event type (signed)', async (h) => deliver(h, signedDelivery(keys, chat, { type: 'chat.message.deleted' })), 200, 'unknown-event-type'],
		['missing event type (signed)', async (h) => deliver(h, without(signedDelivery(keys, chat), 'kick-event-type')), 200, 'unknown-event-type'],
		['unknown event version (signed)', async (h) => deliver(h, signedDelivery(keys, chat, { version: '2' })), 200, 'unknown-event-version'],
		['filtered out (signed)', async (h) => deliver(h, signedDelivery(keys, chat), config({ events: ['kicks.gifted'] })), 200, 'filtered:event'],
		[
			'a subscription the trigger does not own (signed)',
			async (h) => deliver(h, signedDelivery(keys, chat, { subscriptionId: '01KJMDEBOTHER00000000000000' }), config({}, { ownsSubscription: (id) => id === '01KJMDEB801R3RS66KMMSCWRNE' })),
			200,
			'not-own-subscription',
		],
	];

	it.each(cases.map(([name, run, status, reason]) => ({ name, run, status, reason })))('$name → $status', async ({ run, status, reason }) => {
		const h = harness();
		const result = await run(h);
		expect(result).toMatchObject({ status, run: false, reason });
		// The answer names the problem, never the body, a header value or a key.
		const message = messageFor(result.reason);
		expect(message.length).toBeLessThan(90);
		expect(message).not.toMatch(/squad|BEGIN|01KKP/);
	});

	it('checks the signature headers and size before spending a signature check or a key fetch', async () => {
		const h = harness();
		await deliver(h, signedDelivery(keys, Buffer.alloc(MAX_BODY_BYTES + 1, 0x20)));
		await deliver(h, without(signedDelivery(keys, chat), 'kick-event-signature'));
		expect(h.fetches()).toBe(0);
	});

	it('never answers 5xx, even when the key source throws', async () => {
		const failing: KeyProvider = {
			current: () => undefined,
			load: async () => {
				throw new Error('boom');
			},
			refresh: async () => undefined,
		};
		const delivery = signedDelivery(keys, chat);
		const result = await admitDelivery({ headers: delivery.headers, rawBody: delivery.rawBody, receivedAt: Date.now() }, config(), harness().memory, failing);
		expect(result).toEqual({ status: 200, reason: 'internal-error' });
	});
});

describe('a delivery: late deliveries', () => {
	it('runs a delivery 15 minutes late, once, saying how late', async () => {
		const h = harness();
		const now = Date.now();
		const late = signedDelivery(keys, chat, { timestamp: kickTime(now - 15 * 60_000) });
		const result = await deliver(h, late, config(), now);
		expect(result).toMatchObject({ status: 200, run: true, item: { late: true } });
		expect(result.item?.delayMs).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
		// A replay an hour later, and 23 hours later, does not run: the memory lasts as long as the limit.
		expect(await deliver(h, late, config(), now + HOUR)).toMatchObject({ status: 200, run: false, reason: 'duplicate-message' });
		expect(await deliver(h, late, config(), now + 23 * HOUR)).toMatchObject({ status: 200, run: false, reason: 'duplicate-message' });
		// Past the limit it does not run either (answered 200: Kick sent it).
		expect(await deliver(h, late, config(), now + 24 * HOUR)).toMatchObject({ status: 200, run: false });
	});

	it('flags an item late only past a minute', async () => {
		const h = harness();
		const now = Date.now();
		const fresh = await deliver(h, signedDelivery(keys, chat, { timestamp: kickTime(now - 2000) }), config(), now);
		expect(fresh).toMatchObject({ run: true, item: { late: false } });
	});

	it('skips events older than Ignore Deliveries Older Than, answered 200', async () => {
		const h = harness();
		const now = Date.now();
		const cfg = config({}, { ignoreOlderThanMs: 10 * 60_000 });
		expect(await deliver(h, signedDelivery(keys, chat, { timestamp: kickTime(now - 11 * 60_000) }), cfg, now)).toMatchObject({ status: 200, run: false, reason: 'filtered:too-old' });
		expect(await deliver(h, signedDelivery(keys, chat, { timestamp: kickTime(now - 9 * 60_000) }), cfg, now)).toMatchObject({ status: 200, run: true });
	});

	it('a replay the memory let go of is never run: at the bound the floor rises above it', async () => {
		const h = harness(keys.publicPem, new SeenMemory({ horizonMs: 24 * HOUR, maxEntries: 5 }));
		const now = Date.now();
		const first = signedDelivery(keys, chat, { timestamp: kickTime(now - HOUR) });
		expect((await deliver(h, first, config(), now)).run).toBe(true);
		for (let i = 0; i < 10; i++) {
			expect((await deliver(h, signedDelivery(keys, chat, { timestamp: kickTime(now - 10 * 60_000 + i * 1000) }), config(), now)).run).toBe(true);
		}
		expect(h.memory.has(messageKey(first.headers['kick-event-message-id'] as string))).toBe(false);
		expect(await deliver(h, first, config(), now)).toMatchObject({ status: 200, run: false, reason: 'beyond-memory' });
	});
});

describe('a delivery: duplicates', () => {
	it('runs a delivery once, however often Kick repeats it', async () => {
		const h = harness();
		const d = signedDelivery(keys, chat);
		const results = [await deliver(h, d), await deliver(h, d), await deliver(h, d)];
		expect(results.map((r) => r.run)).toEqual([true, false, false]);
		expect(results[1]).toMatchObject({ status: 200, reason: 'duplicate-message' });
	});

	it('same body under a new message id: dropped with Ignore Duplicate Payloads, for types whose body identifies the event', async () => {
		const body = fixture('channel.subscription.new');
		const type = 'channel.subscription.new';
		const plain = harness();
		expect((await deliver(plain, signedDelivery(keys, body, { type }))).run).toBe(true);
		expect((await deliver(plain, signedDelivery(keys, body, { type }))).run).toBe(true);

		const dedup = harness();
		const cfg = config({}, { duplicatePayloads: 'identifying' });
		const first = await deliver(dedup, signedDelivery(keys, body, { type }), cfg);
		expect(first).toMatchObject({ run: true });
		// Remembered under its message id and its event id.
		expect(dedup.memory.size).toBe(2);
		expect(await deliver(dedup, signedDelivery(keys, body, { type }), cfg)).toMatchObject({ run: false, reason: 'duplicate-payload' });
	});

	it('by default does not compare follows or stream info changes (two real ones can have the same body); "For All Events" does', async () => {
		const h = harness();
		for (const type of ['channel.followed', 'livestream.metadata.updated'] as const) {
			const body = fixture(type);
			const cfg = config({}, { duplicatePayloads: 'identifying' });
			const before = h.memory.size;
			expect((await deliver(h, signedDelivery(keys, body, { type }), cfg)).run).toBe(true);
			const again = await deliver(h, signedDelivery(keys, body, { type }), cfg);
			expect(again).toMatchObject({ run: true });
			// Remembered under its message id only.
			expect(h.memory.size - before).toBe(2);
		}
		const all = harness();
		const cfg = config({}, { duplicatePayloads: 'all' });
		const body = fixture('channel.followed');
		expect((await deliver(all, signedDelivery(keys, body, { type: 'channel.followed' }), cfg)).run).toBe(true);
		expect(await deliver(all, signedDelivery(keys, body, { type: 'channel.followed' }), cfg)).toMatchObject({ run: false, reason: 'duplicate-payload' });
	});

	it('does not remember deliveries it filtered out on their (signed) body: a replay is filtered again', async () => {
		const h = harness();
		const cfg = config({ commandPrefix: '!' });
		const dropped = signedDelivery(keys, { ...chat, content: 'chatter' });
		expect(await deliver(h, dropped, cfg)).toMatchObject({ run: false, reason: 'filtered:command-prefix' });
		expect(h.memory.size).toBe(0);
		expect(await deliver(h, dropped, cfg)).toMatchObject({ run: false, reason: 'filtered:command-prefix' });
		await deliver(h, signedDelivery(keys, { ...chat, content: 'chatter' }), cfg);
		expect(h.memory.size).toBe(0);
	});

	it('a delivery ignored for its (unsigned) type header cannot run as another type: refused in process, persisted when the body fits a wanted type', async () => {
		const h = harness();
		const cfg = config({ events: ['channel.subscription.renewal'] });
		const body = fixture('channel.subscription.new');
		const original = signedDelivery(keys, body, { type: 'channel.subscription.new' });
		const ignored = await deliver(h, original, cfg);
		expect(ignored).toMatchObject({ run: false, reason: 'filtered:event', remembered: true });
		expect(h.memory.has(messageKey(original.headers['kick-event-message-id'] as string))).toBe(true);
		const rewritten = { ...original, headers: { ...original.headers, 'kick-event-type': 'channel.subscription.renewal', 'kick-event-subscription-id': 'another' } };
		expect(await deliver(h, rewritten, cfg)).toMatchObject({ run: false, reason: 'duplicate-message' });

		// A body that fits no wanted type is not persisted (a rewrite could not make it run).
		const chatResult = await deliver(h, signedDelivery(keys, chat, { type: 'chat.message.sent' }), cfg);
		expect(chatResult).toMatchObject({ reason: 'filtered:event', remembered: false });
	});
});

describe('a delivery: key rotation and fallback', () => {
	it('survives a rotation: refetches once and verifies with the new key', async () => {
		const h = harness();
		expect((await deliver(h, signedDelivery(keys, chat))).run).toBe(true);
		h.serve(rotated.publicPem);
		const result = await deliver(h, signedDelivery(rotated, chat));
		expect(result.run).toBe(true);
		expect(h.fetches()).toBe(2);
		// The new key is cached: no further fetches.
		expect((await deliver(h, signedDelivery(rotated, chat))).run).toBe(true);
		expect(h.fetches()).toBe(2);
	});

	it('a flood of forgeries causes at most one refetch per interval', async () => {
		const h = harness();
		const forger = makeKeys();
		for (let i = 0; i < 50; i++) {
			expect(await deliver(h, signedDelivery(forger, chat))).toMatchObject({ status: 401, reason: 'bad-signature' });
		}
		expect(h.fetches()).toBe(2); // the first load, and one refetch
		h.setNow(61_000);
		await deliver(h, signedDelivery(forger, chat));
		expect(h.fetches()).toBe(3);
	});

	it("uses Kick's documented key when the endpoint is down (a test key then fails, then is picked up once it is up)", async () => {
		const h = harness(new Error('ECONNREFUSED'));
		expect(await deliver(h, signedDelivery(keys, chat))).toMatchObject({ status: 401, reason: 'bad-signature' });
		h.serve(keys.publicPem);
		h.setNow(61_000);
		expect((await deliver(h, signedDelivery(keys, chat))).run).toBe(true);
	});
});

describe('a delivery: statuses are only ever 200, 401 or 413', () => {
	it('for a mixed stream of good and bad deliveries', async () => {
		const h = harness();
		const variants: Array<(k: TestKeys) => Delivery> = [
			(k) => signedDelivery(k, chat),
			(k) => signedDelivery(k, Buffer.from('nope')),
			(k) => without(signedDelivery(k, chat), 'kick-event-signature'),
			(k) => signedDelivery(k, chat, { type: 'moderation.banned' }),
			(k) => signedDelivery(k, chat, { timestamp: '0' }),
		];
		for (let i = 0; i < 40; i++) {
			const result = await deliver(h, (variants[i % variants.length] as (k: TestKeys) => Delivery)(i % 7 === 0 ? rotated : keys));
			expect([200, 401, 413]).toContain(result.status);
		}
	});
});

describe('payloadFingerprint', () => {
	it('is the same for the same type and bytes, different otherwise', () => {
		const body = Buffer.from('{"a":1}');
		expect(payloadFingerprint('channel.followed', body)).toBe(payloadFingerprint('channel.followed', Buffer.from('{"a":1}')));
		expect(payloadFingerprint('channel.followed', body)).not.toBe(payloadFingerprint('channel.followed', Buffer.from('{"a":2}')));
		expect(payloadFingerprint('channel.followed', body)).not.toBe(payloadFingerprint('kicks.gifted', body));
	});
});

describe('memory keys', () => {
	it('are 12 characters for message ids, the same for the same input', () => {
		expect(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FG')).toHaveLength(12);
		expect(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FG')).toBe(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FG'));
		expect(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FH')).not.toBe(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FG'));
	});

	it('do not repeat over many different message ids', () => {
		const keys = new Set<string>();
		for (let i = 0; i < 100_000; i++) keys.add(messageKey(`01KJ8XW2J5N1M4V6B7C${String(i).padStart(7, '0')}`));
		expect(keys.size).toBe(100_000);
	});
});

describe('Ignore Duplicate Payloads', () => {
	it('reads the saved option, the default being the events whose body identifies them', () => {
		const read = (value: unknown) =>
			readTriggerSettings((name, fallback) => (name === 'options' ? { ignoreDuplicatePayloads: value } : fallback)).duplicatePayloads;
		expect(read('all')).toBe('all');
		expect(read('never')).toBe('never');
		expect(read(undefined)).toBe('identifying');
		expect(read('something else')).toBe('identifying');
		expect(comparesPayload('channel.followed', 'identifying')).toBe(false);
		expect(comparesPayload('channel.followed', 'all')).toBe(true);
		expect(comparesPayload('chat.message.sent', 'identifying')).toBe(true);
		expect(comparesPayload('chat.message.sent', 'never')).toBe(false);
	});
});

describe('payload fingerprints', () => {
	it('are short, differ by type and by body', () => {
		const body = Buffer.from('{"a":1}');
		const fingerprint = payloadFingerprint('chat.message.sent', body);
		expect(fingerprint.length).toBeLessThanOrEqual(20);
		expect(payloadFingerprint('kicks.gifted', body)).not.toBe(fingerprint);
		expect(payloadFingerprint('chat.message.sent', Buffer.from('{"a":2}'))).not.toBe(fingerprint);
		expect(payloadFingerprint('chat.message.sent', body)).toBe(fingerprint);
	});

	it('apply to every type whose body identifies the event, not to follows or stream info changes', () => {
		expect([...PAYLOAD_IDENTIFIES_EVENT].sort()).toEqual(
			KICK_EVENT_TYPES.filter((type) => type !== 'channel.followed' && type !== 'livestream.metadata.updated').sort(),
		);
	});
});
