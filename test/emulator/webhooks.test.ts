import { verify } from 'node:crypto';
import { client, startSink } from './helpers';
import {
	type KickEmulator,
	rfc3339Seconds,
	SAMPLE_EVENT_NAMES,
	sampleEvent,
	SEED,
	startKickEmulator,
	ulid,
} from './index';

let kick: KickEmulator;
let sink: Awaited<ReturnType<typeof startSink>>;
beforeEach(async () => {
	kick = await startKickEmulator();
	sink = await startSink();
});
afterEach(async () => {
	await kick.close();
	await sink.close();
});

/** The verification docs/kick-api.md §6.3 describes, against the key the emulator serves. */
async function verifies(index: number): Promise<boolean> {
	const pem = (await client(kick).get('/public/v1/public-key')).data.data.public_key as string;
	const { headers, rawBody } = sink.received[index];
	const id = headers['kick-event-message-id'] as string;
	const ts = headers['kick-event-message-timestamp'] as string;
	const signed = Buffer.concat([Buffer.from(`${id}.${ts}.`, 'utf8'), rawBody]);
	return verify('RSA-SHA256', signed, pem, Buffer.from(headers['kick-event-signature'] as string, 'base64'));
}

describe('deliver', () => {
	it('sends Kick headers and a compact body, and the signature verifies against the served key', async () => {
		const body = sampleEvent('chat.message.sent');
		const result = await kick.deliver({ url: sink.url, event: 'chat.message.sent', body, subscriptionId: '01KJMDEB801R3RS66KMMSCWRNE' });
		expect(result.status).toBe(200);
		expect(result.body).toBe('ok');
		const { headers, rawBody } = sink.received[0];
		expect(rawBody.toString('utf8')).toBe(JSON.stringify(body));
		expect(result.rawBody).toBe(JSON.stringify(body));
		expect(headers).toMatchObject({
			'content-type': 'application/json',
			'user-agent': 'Go-http-client/1.1',
			'kick-event-message-id': result.messageId,
			'kick-event-subscription-id': '01KJMDEB801R3RS66KMMSCWRNE',
			'kick-event-message-timestamp': result.timestamp,
			'kick-event-type': 'chat.message.sent',
			'kick-event-version': '1',
		});
		expect(result.messageId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
		expect(result.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(headers['kick-event-signature']).toHaveLength(344);
		expect(await verifies(0)).toBe(true);
	});

	it('sends a string body byte-for-byte, non-ASCII included', async () => {
		const raw = '{"content":"héllo 😀",  "spaced": true}';
		await kick.deliver({ url: sink.url, event: 'chat.message.sent', body: raw });
		expect(sink.received[0].rawBody.equals(Buffer.from(raw, 'utf8'))).toBe(true);
		expect(await verifies(0)).toBe(true);
	});

	it.each(['body', 'signature', 'messageId'] as const)('a delivery with a tampered %s does not verify', async (tamper) => {
		const result = await kick.deliver({ url: sink.url, event: 'channel.followed', body: sampleEvent('channel.followed'), tamper });
		expect(result.status).toBe(200);
		expect(await verifies(0)).toBe(false);
	});

	it('rotating the key changes the served key; old-key deliveries stop verifying', async () => {
		const before = (await client(kick).get('/public/v1/public-key')).data.data.public_key;
		kick.signer.rotateKey();
		const after = (await client(kick).get('/public/v1/public-key')).data.data.public_key;
		expect(after).not.toBe(before);
		expect(after).toBe(kick.signer.publicKeyPem);
		expect(after).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);

		await kick.deliver({ url: sink.url, event: 'kicks.gifted', body: sampleEvent('kicks.gifted'), signWith: 'previous' });
		await kick.deliver({ url: sink.url, event: 'kicks.gifted', body: sampleEvent('kicks.gifted') });
		expect(await verifies(0)).toBe(false);
		expect(await verifies(1)).toBe(true);
	});

	it('backdates with staleSeconds, keeps an explicit message id and omits headers', async () => {
		const messageId = ulid();
		const result = await kick.deliver({
			url: sink.url,
			event: 'channel.followed',
			body: {},
			messageId,
			staleSeconds: 600,
			omitHeaders: ['Kick-Event-Signature'],
			version: '2',
		});
		expect(result.messageId).toBe(messageId);
		expect(Date.now() - Date.parse(result.timestamp)).toBeGreaterThanOrEqual(599_000);
		const { headers } = sink.received[0];
		expect(headers['kick-event-signature']).toBeUndefined();
		expect(headers['kick-event-version']).toBe('2');
	});

	it('uses the Drops header names for drops.claim', async () => {
		await kick.deliver({ url: sink.url, event: 'drops.claim', body: sampleEvent('drops.claim') });
		const { headers } = sink.received[0];
		expect(headers['kick-event-timestamp']).toBeDefined();
		expect(headers['kick-event-message-id']).toBeDefined();
		expect(headers['kick-event-type']).toBeUndefined();
	});

	it('reports status 0 and the error when the connection is refused', async () => {
		await sink.close();
		const result = await kick.deliver({ url: sink.url, event: 'channel.followed', body: {} });
		expect(result.status).toBe(0);
		expect(result.body).toMatch(/ECONNREFUSED/);
	});
});

describe('deliverToSubscribers', () => {
	it('sends one delivery per subscription: duplicates arrive twice with different ids', async () => {
		kick.apps[0].webhookUrl = sink.url;
		const app = client(kick, kick.issueAppToken().access_token);
		const body = { events: [{ name: 'chat.message.sent', version: 1 }], broadcaster_user_id: SEED.users.neonvale };
		await app.post('/public/v1/events/subscriptions', body);
		await app.post('/public/v1/events/subscriptions', body);
		await app.post('/public/v1/events/subscriptions', { ...body, broadcaster_user_id: SEED.users.mintcondition });

		const results = await kick.deliverToSubscribers('chat.message.sent', SEED.users.neonvale, sampleEvent('chat.message.sent'));
		expect(results).toHaveLength(2);
		expect(sink.received).toHaveLength(2);
		expect(new Set(results.map((r) => r.messageId)).size).toBe(2);
		const subscriptionIds = kick.state.subscriptions
			.filter((s) => s.broadcasterUserId === SEED.users.neonvale)
			.map((s) => s.id)
			.sort();
		expect(sink.received.map((r) => r.headers['kick-event-subscription-id']).sort()).toEqual(subscriptionIds);
		expect(await verifies(0)).toBe(true);
	});

	it('skips apps without a webhook URL', async () => {
		const app = client(kick, kick.issueAppToken().access_token);
		await app.post('/public/v1/events/subscriptions', {
			events: [{ name: 'channel.followed', version: 1 }],
			broadcaster_user_id: SEED.users.neonvale,
		});
		expect(await kick.deliverToSubscribers('channel.followed', SEED.users.neonvale, {})).toEqual([]);
	});
});

describe("Kick's bad days: late deliveries and the unsubscribe rule", () => {
	const HOUR = 3_600_000;

	async function subscribe(event = 'chat.message.sent', broadcasterUserId = SEED.users.neonvale): Promise<string> {
		kick.apps[0].webhookUrl = sink.url;
		const app = client(kick, kick.issueAppToken().access_token);
		const response = await app.post('/public/v1/events/subscriptions', { events: [{ name: event, version: 1 }], broadcaster_user_id: broadcasterUserId });
		return response.data.data[0].subscription_id as string;
	}

	it("holds deliveries back on Kick's clock and sends them in one burst, with the time the event happened", async () => {
		await subscribe();
		const start = Date.now();
		kick.webhooks.clock.set(start - 2 * HOUR);
		const held = [0, 1, 2].map((n) => kick.webhooks.hold('chat.message.sent', SEED.users.neonvale, { ...sampleEvent('chat.message.sent'), content: `late ${n}` }, 2 * HOUR)[0]);
		expect(kick.webhooks.pending).toBe(3);
		expect(sink.received).toHaveLength(0);
		expect(await kick.webhooks.advance(HOUR)).toEqual([]);
		const sent = await kick.webhooks.advance(HOUR);
		expect(sent.map((result) => result.status)).toEqual([200, 200, 200]);
		expect(kick.webhooks.pending).toBe(0);
		// Sent now, signed with the time they happened: two hours ago by the receiver's clock.
		for (const [index, delivery] of sink.received.entries()) {
			const timestamp = Date.parse(delivery.headers['kick-event-message-timestamp'] as string);
			expect(start - timestamp).toBeGreaterThanOrEqual(2 * HOUR - 2000);
			expect(start - timestamp).toBeLessThanOrEqual(2 * HOUR + 2000);
			expect(delivery.headers['kick-event-message-id']).toBe(held[index]?.messageId);
			expect(await verifies(index)).toBe(true);
		}
	});

	it('sends a late copy after a real wait, signed with the time the event happened', async () => {
		await subscribe();
		const before = Date.now();
		const event = await kick.sources.chatMessage({ broadcasterUserId: SEED.users.neonvale, content: 'late by a moment', senderUserId: SEED.users.quietorbit }, { webhook: { afterMs: 1500 }, socket: 'lost' });
		expect([event.deliveries, event.frames, sink.received.length]).toEqual([[], 0, 0]);
		const late = await event.late;
		expect(Date.now() - before).toBeGreaterThanOrEqual(1500);
		expect(late.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		const [delivery] = sink.received;
		expect(JSON.parse(delivery!.rawBody.toString('utf8'))).toMatchObject({ message_id: event.messageId, content: 'late by a moment' });
		// The event's own second, not the send's: the receiver sees it about 1.5 s late.
		expect(Date.parse(delivery!.headers['kick-event-message-timestamp'] as string)).toBeLessThanOrEqual(before);
		expect(await verifies(0)).toBe(true);
	});

	it('deletes a subscription whose deliveries failed for over a day, and only then', async () => {
		const subscriptionId = await subscribe();
		sink.setStatus(500);
		kick.webhooks.clock.set(Date.now() - 30 * HOUR);
		for (let hour = 0; hour <= 24; hour++) {
			await kick.deliverToSubscribers('chat.message.sent', SEED.users.neonvale, sampleEvent('chat.message.sent'));
			if (hour < 24) kick.webhooks.clock.advanceBy(HOUR);
		}
		// Failing for exactly a day: still subscribed.
		expect(kick.state.subscriptions.map((subscription) => subscription.id)).toEqual([subscriptionId]);
		expect(kick.webhooks.healthOf(subscriptionId)).toMatchObject({ failures: 25, successes: 0 });
		kick.webhooks.clock.advanceBy(60_000);
		await kick.deliverToSubscribers('chat.message.sent', SEED.users.neonvale, sampleEvent('chat.message.sent'));
		expect(kick.state.subscriptions).toEqual([]);
		expect(kick.webhooks.unsubscribed.map((entry) => entry.subscription.id)).toEqual([subscriptionId]);
		// Nothing is delivered for it any more.
		const before = sink.received.length;
		expect(await kick.deliverToSubscribers('chat.message.sent', SEED.users.neonvale, sampleEvent('chat.message.sent'))).toEqual([]);
		expect(sink.received).toHaveLength(before);
	});

	it('forgives failures once a delivery succeeds: only failing without a break counts', async () => {
		const subscriptionId = await subscribe();
		kick.webhooks.clock.set(Date.now() - 50 * HOUR);
		for (let hour = 0; hour < 48; hour++) {
			sink.setStatus(hour % 20 === 19 ? 200 : 401);
			await kick.deliverToSubscribers('chat.message.sent', SEED.users.neonvale, sampleEvent('chat.message.sent'));
			kick.webhooks.clock.advanceBy(HOUR);
		}
		expect(kick.state.subscriptions.map((subscription) => subscription.id)).toEqual([subscriptionId]);
		expect(kick.webhooks.healthOf(subscriptionId)).toMatchObject({ successes: 2, failures: 46 });
	});

	it('counts a delivery no one answers as failed', async () => {
		const subscriptionId = await subscribe();
		await sink.close();
		const results = await kick.deliverToSubscribers('chat.message.sent', SEED.users.neonvale, sampleEvent('chat.message.sent'));
		expect(results[0]?.status).toBe(0);
		expect(kick.webhooks.healthOf(subscriptionId)).toMatchObject({ failures: 1, failingSince: expect.any(Number) });
		sink = await startSink();
	});
});

describe('helpers', () => {
	it('sampleEvent has every event type and merges overrides deeply', () => {
		for (const name of ['chat.message.sent', 'channel.followed', 'channel.subscription.renewal', 'channel.subscription.gifts',
			'channel.subscription.new', 'channel.reward.redemption.updated', 'livestream.status.updated',
			'livestream.metadata.updated', 'moderation.banned', 'kicks.gifted']) {
			expect(SAMPLE_EVENT_NAMES).toContain(name);
		}
		const event = sampleEvent('chat.message.sent', { content: 'hi', sender: { username: 'someone' } });
		expect(event.content).toBe('hi');
		expect(event.sender).toMatchObject({ username: 'someone', user_id: SEED.users.pixelmoth });
		expect(sampleEvent('chat.message.sent').content).not.toBe('hi');
		expect(() => sampleEvent('chat.message.deleted')).toThrow(/no sample/);
	});

	it('ulid and rfc3339Seconds have Kick formats', () => {
		expect(ulid()).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
		expect(rfc3339Seconds(new Date('2025-05-22T18:41:33.789Z'))).toBe('2025-05-22T18:41:33Z');
	});
});
