import { compileFilters, type FilterSettings } from '../../../nodes/Kick/events/filters';
import { messageKey } from '../../../nodes/Kick/webhook/dedup';
import { DeliveryMemory } from '../../../nodes/Kick/webhook/memory';
import {
	handleDelivery,
	keyProvider,
	MAX_BODY_BYTES,
	responseMessage,
	type DeliveryResult,
	type PipelineConfig,
	type PipelineDeps,
} from '../../../nodes/Kick/webhook/pipeline';
import { PublicKeyCache } from '../../../nodes/Kick/webhook/publicKey';
import { eventFixtures, fixture, kickTime, makeKeys, signedDelivery, typeOfFixture, type Delivery, type TestKeys } from './helpers';

const BASE = 'https://api.kick.test';
const HOUR = 3_600_000;
const keys = makeKeys();
const rotated = makeKeys();

interface Harness {
	deps: PipelineDeps;
	fetches: () => number;
	serve: (pem: string | Error) => void;
	setNow: (ms: number) => void;
}

function harness(initial: string | Error = keys.publicPem, memory = new DeliveryMemory({ limitMs: 24 * HOUR })): Harness {
	let served: string | Error = initial;
	let now = 0;
	let fetches = 0;
	const cache = new PublicKeyCache({ now: () => now, refetchIntervalMs: 60_000 });
	const deps: PipelineDeps = {
		keys: keyProvider({
			apiBaseUrl: BASE,
			fetchPem: async () => {
				fetches++;
				if (served instanceof Error) throw served;
				return served;
			},
			cache,
		}),
		memory,
	};
	return {
		deps,
		fetches: () => fetches,
		serve: (pem) => {
			served = pem;
		},
		setNow: (ms) => {
			now = ms;
		},
	};
}

function config(filters: FilterSettings = {}, extra: Partial<PipelineConfig> = {}): PipelineConfig {
	return { filters: compileFilters(filters), ...extra };
}

async function deliver(h: Harness, delivery: Delivery, cfg = config(), receivedAt = Date.now()): Promise<DeliveryResult> {
	return await handleDelivery({ headers: delivery.headers, rawBody: delivery.rawBody, receivedAt }, cfg, h.deps);
}

function without(delivery: Delivery, header: string): Delivery {
	const headers = { ...delivery.headers };
	delete headers[header];
	return { ...delivery, headers };
}

const chat = fixture('chat.message.sent');

describe('handleDelivery: authentic events run', () => {
	it.each([...eventFixtures().keys()])('%s runs with a normalized item', async (name) => {
		const h = harness();
		const type = typeOfFixture(name);
		const result = await deliver(h, signedDelivery(keys, fixture(name), { type }));
		expect(result).toMatchObject({ status: 200, run: true, reason: 'ok' });
		if (result.run) {
			expect(result.item.event).toBe(type);
			expect(result.item.version).toBe(1);
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
		if (result.run) expect(result.item.content).toBe('héllo 👋 — !');
	});

	it('runs an event whose schema drifted, listing the differences', async () => {
		const h = harness();
		const drifted = { ...chat, sender: { ...(chat.sender as object), user_id: 'abc' }, created_at: 'soon' };
		const result = await deliver(h, signedDelivery(keys, drifted));
		expect(result).toMatchObject({ status: 200, run: true, reason: 'ok:schema-drift' });
		if (result.run) expect(String(result.item.schemaIssues)).toMatch(/sender\.user_id/);
	});
});

describe('handleDelivery: what Kick did not send is refused, everything Kick sent is answered 200', () => {
	const cases: Array<[string, (h: Harness) => Promise<DeliveryResult>, number, string]> = [
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
			async (h) => deliver(h, signedDelivery(keys, chat, { subscriptionId: '01KJMDEBOTHER00000000000000' }), config({}, { ownSubscriptionIds: new Set(['01KJMDEB801R3RS66KMMSCWRNE']) })),
			200,
			'not-own-subscription',
		],
	];

	it.each(cases.map(([name, run, status, reason]) => ({ name, run, status, reason })))('$name → $status', async ({ run, status, reason }) => {
		const h = harness();
		const result = await run(h);
		expect(result).toMatchObject({ status, run: false, reason });
		// The answer names the problem, never the body, a header value or a key.
		const message = responseMessage(result);
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
		const deps: PipelineDeps = {
			...harness().deps,
			keys: {
				current: () => undefined,
				load: async () => {
					throw new Error('boom');
				},
				refresh: async () => undefined,
			},
		};
		const result = await handleDelivery({ headers: signedDelivery(keys, chat).headers, rawBody: signedDelivery(keys, chat).rawBody, receivedAt: Date.now() }, config(), deps);
		expect(result).toEqual({ status: 200, run: false, reason: 'internal-error' });
	});
});

describe('handleDelivery: late deliveries', () => {
	it('runs a delivery 15 minutes late, once, saying how late', async () => {
		const h = harness();
		const now = Date.now();
		const late = signedDelivery(keys, chat, { timestamp: kickTime(now - 15 * 60_000) });
		const result = await deliver(h, late, config(), now);
		expect(result).toMatchObject({ status: 200, run: true, item: { late: true } });
		if (result.run) expect(result.item.delayMs).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
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
		const h = harness(keys.publicPem, new DeliveryMemory({ limitMs: 24 * HOUR, maxKeys: 5 }));
		const now = Date.now();
		const first = signedDelivery(keys, chat, { timestamp: kickTime(now - HOUR) });
		expect((await deliver(h, first, config(), now)).run).toBe(true);
		for (let i = 0; i < 10; i++) {
			expect((await deliver(h, signedDelivery(keys, chat, { timestamp: kickTime(now - 10 * 60_000 + i * 1000) }), config(), now)).run).toBe(true);
		}
		expect(h.deps.memory.has(messageKey(first.headers['kick-event-message-id'] as string))).toBe(false);
		expect(await deliver(h, first, config(), now)).toMatchObject({ status: 200, run: false, reason: 'beyond-memory' });
	});
});

describe('handleDelivery: duplicates', () => {
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
		expect(first).toMatchObject({ run: true, remember: { keys: [expect.any(String), expect.any(String)] } });
		expect(await deliver(dedup, signedDelivery(keys, body, { type }), cfg)).toMatchObject({ run: false, reason: 'duplicate-payload' });
	});

	it('by default does not compare follows or stream info changes (two real ones can have the same body); "For All Events" does', async () => {
		const h = harness();
		for (const type of ['channel.followed', 'livestream.metadata.updated'] as const) {
			const body = fixture(type);
			const cfg = config({}, { duplicatePayloads: 'identifying' });
			expect((await deliver(h, signedDelivery(keys, body, { type }), cfg)).run).toBe(true);
			const again = await deliver(h, signedDelivery(keys, body, { type }), cfg);
			expect(again).toMatchObject({ run: true, remember: { keys: [expect.any(String)] } });
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
		expect(h.deps.memory.size).toBe(0);
		expect(await deliver(h, dropped, cfg)).toMatchObject({ run: false, reason: 'filtered:command-prefix' });
		expect(await deliver(h, signedDelivery(keys, { ...chat, content: 'chatter' }), cfg)).not.toHaveProperty('remember');
	});

	it('a delivery ignored for its (unsigned) type header cannot run as another type: refused in process, persisted when the body fits a wanted type', async () => {
		const h = harness();
		const cfg = config({ events: ['channel.subscription.renewal'] });
		const body = fixture('channel.subscription.new');
		const original = signedDelivery(keys, body, { type: 'channel.subscription.new' });
		const ignored = await deliver(h, original, cfg);
		expect(ignored).toMatchObject({ run: false, reason: 'filtered:event', remember: { keys: [messageKey(original.headers['kick-event-message-id'] as string)] } });
		const rewritten = { ...original, headers: { ...original.headers, 'kick-event-type': 'channel.subscription.renewal', 'kick-event-subscription-id': 'another' } };
		expect(await deliver(h, rewritten, cfg)).toMatchObject({ run: false, reason: 'duplicate-message' });

		// A body that fits no wanted type is not persisted (a rewrite could not make it run).
		const chatResult = await deliver(h, signedDelivery(keys, chat, { type: 'chat.message.sent' }), cfg);
		expect(chatResult.reason).toBe('filtered:event');
		expect(chatResult).not.toHaveProperty('remember');
	});
});

describe('handleDelivery: key rotation and fallback', () => {
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

describe('handleDelivery: statuses are only ever 200, 401 or 413', () => {
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
