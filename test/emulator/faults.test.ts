import type { AxiosInstance } from 'axios';
import { client } from './helpers';
import { type KickEmulator, SEED, startKickEmulator } from './index';

let kick: KickEmulator;
let app: AxiosInstance;
beforeAll(async () => {
	kick = await startKickEmulator();
	app = client(kick, kick.issueAppToken().access_token);
});
afterAll(() => kick.close());
afterEach(() => {
	kick.resetFaults();
	kick.webhooks.clock.reset();
});

const stats = () => app.get('/public/v1/livestreams/stats');

describe("Kick's request limit (rateWindow): a sliding window per app, refused requests counting, no headers", () => {
	it('refuses the request over the limit with a bare 429 until the window has moved on', async () => {
		kick.faults.rateWindow = { limit: 3, windowMs: 60_000 };
		const clock = kick.webhooks.clock;
		clock.set(Date.UTC(2026, 0, 1));
		const answers = [];
		for (let i = 0; i < 3; i++) answers.push(await stats());
		clock.advanceBy(30_000);
		for (let i = 0; i < 2; i++) answers.push(await stats());
		expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 429, 429]);
		expect(answers[3]?.headers['retry-after']).toBeUndefined();
		expect(answers[3]?.headers['x-ratelimit-reset']).toBeUndefined();
		// A minute on, the first three have left the window; the two refused at 30 s still count, so
		// one request fits, not three.
		clock.advanceBy(30_001);
		expect([(await stats()).status, (await stats()).status]).toEqual([200, 429]);
		// Once the refused ones have left too, requests fit again.
		clock.advanceBy(30_000);
		expect((await stats()).status).toBe(200);
	});

	it("shares one window among an app's tokens and endpoints, not with another app's", async () => {
		kick.faults.rateWindow = { limit: 2, windowMs: 60_000 };
		const user = client(kick, kick.issueUserToken({ userId: SEED.users.neonvale }).access_token);
		expect((await stats()).status).toBe(200);
		expect((await user.get('/public/v1/users')).status).toBe(200);
		expect((await user.get('/public/v1/channels')).status).toBe(429);
		const other = client(kick, kick.issueAppToken({ clientId: SEED.orgApp.clientId }).access_token);
		expect((await other.get('/public/v1/livestreams/stats')).status).toBe(200);
	});
});

describe('429', () => {
	it('starts after N requests, without Retry-After by default, until reset', async () => {
		kick.faults.rateLimitAfter = 2;
		expect((await stats()).status).toBe(200);
		expect((await stats()).status).toBe(200);
		for (let i = 0; i < 3; i++) {
			const res = await stats();
			expect(res.status).toBe(429);
			expect(res.data).toEqual({ data: {}, message: 'Too Many Requests' });
			expect(res.headers['retry-after']).toBeUndefined();
			expect(res.headers['x-ratelimit-reset']).toBeUndefined();
		}
		kick.resetFaults();
		expect((await stats()).status).toBe(200);
	});

	it('sends Retry-After and X-RateLimit-Reset when asked, and recovers after rateLimitCount', async () => {
		Object.assign(kick.faults, { rateLimitAfter: 0, rateLimitCount: 2, retryAfterSeconds: 3, rateLimitResetHeader: true });
		const first = await stats();
		expect(first.status).toBe(429);
		expect(first.headers['retry-after']).toBe('3');
		const reset = Number(first.headers['x-ratelimit-reset']);
		expect(Math.abs(reset - (Date.now() / 1000 + 3))).toBeLessThan(2);
		expect((await stats()).status).toBe(429);
		expect((await stats()).status).toBe(200);
		expect(kick.faults.rateLimitAfter).toBeNull();
	});

	it('applies to the OAuth server too', async () => {
		kick.faults.rateLimitAfter = 0;
		expect((await client(kick).post('/oauth/token')).status).toBe(429);
	});
});

describe('chat token bucket', () => {
	it('allows the burst, then 429s with a Retry-After computed from the refill rate', async () => {
		kick.faults.chatRateLimit = { perSecond: 1, burst: 3 };
		const clock = kick.webhooks.clock;
		clock.set(Date.UTC(2026, 0, 1));
		const neon = client(kick, kick.issueUserToken({ userId: SEED.users.neonvale }).access_token);
		const send = () => neon.post('/public/v1/chat', { type: 'user', broadcaster_user_id: SEED.users.neonvale, content: 'hi' });
		for (let i = 0; i < 3; i++) expect((await send()).status).toBe(200);
		const limited = await send();
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('1');
		clock.advanceBy(999);
		expect((await send()).status).toBe(429);
		clock.advanceBy(1);
		expect((await send()).status).toBe(200);
		expect((await send()).status).toBe(429);
		// Other endpoints are not limited by it.
		expect((await stats()).status).toBe(200);
	});
});

describe('5xx and dropped connections', () => {
	it('fails the next N requests with failStatus', async () => {
		kick.faults.fail5xx = 2;
		const first = await stats();
		expect(first.status).toBe(500);
		expect(first.data).toEqual({ data: null, message: 'Internal server error' });
		kick.faults.failStatus = 503;
		expect((await stats()).status).toBe(503);
		expect((await stats()).status).toBe(200);
	});

	it('destroys the socket without answering, then recovers', async () => {
		kick.faults.dropConnections = 1;
		kick.clearRequests();
		await expect(stats()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|EPIPE/) });
		expect(kick.requests[0]).toMatchObject({ path: '/public/v1/livestreams/stats', status: 0 });
		expect((await stats()).status).toBe(200);
	});
});

describe('latency', () => {
	it('delays every API response', async () => {
		kick.faults.latencyMs = 150;
		const started = Date.now();
		expect((await stats()).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});
});

describe('Cloudflare', () => {
	it("'website' answers the kick.com/api paths with the HTML challenge; the API is untouched", async () => {
		kick.faults.cloudflare = 'website';
		const res = await client(kick).get('/api/v2/channels/neonvale');
		expect(res.status).toBe(403);
		expect(res.headers['content-type']).toMatch(/^text\/html/);
		expect(res.data).toContain('<title>Just a moment...</title>');
		expect((await stats()).status).toBe(200);
	});

	it("'api' answers the public API with it", async () => {
		kick.faults.cloudflare = 'api';
		const res = await stats();
		expect(res.status).toBe(403);
		expect(res.headers['content-type']).toMatch(/^text\/html/);
		expect((await client(kick).get('/api/v2/channels/neonvale')).status).toBe(200);
	});

	it('cloudflareJsonBlock answers chat POSTs with the WAF JSON', async () => {
		kick.faults.cloudflareJsonBlock = true;
		const neon = client(kick, kick.issueUserToken({ userId: SEED.users.neonvale }).access_token);
		const res = await neon.post('/public/v1/chat', { type: 'user', broadcaster_user_id: SEED.users.neonvale, content: 'hi' });
		expect(res.status).toBe(403);
		expect(res.data).toEqual({ error: 'Request blocked by security policy.', reference: expect.any(String) });
	});
});

describe('targeting', () => {
	it('publicKeyDown fails only the public key', async () => {
		kick.faults.publicKeyDown = true;
		const res = await client(kick).get('/public/v1/public-key');
		expect(res.status).toBe(500);
		expect((await stats()).status).toBe(200);
	});

	it('pathFilter limits faults to matching paths, website paths included', async () => {
		kick.faults.fail5xx = 5;
		kick.faults.pathFilter = /^\/api\//;
		expect((await stats()).status).toBe(200);
		expect((await client(kick).get('/api/v2/channels/neonvale')).status).toBe(500);
		expect(kick.faults.fail5xx).toBe(4);
	});

	it('leaves website paths alone without a pathFilter', async () => {
		kick.faults.fail5xx = 1;
		expect((await client(kick).get('/api/v2/channels/neonvale')).status).toBe(200);
		expect(kick.faults.fail5xx).toBe(1);
	});
});
