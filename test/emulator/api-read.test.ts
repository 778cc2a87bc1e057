import type { AxiosInstance } from 'axios';
import { client, qs } from './helpers';
import { type KickEmulator, SEED, startKickEmulator } from './index';

let kick: KickEmulator;
let user: AxiosInstance;
let app: AxiosInstance;
beforeAll(async () => {
	kick = await startKickEmulator();
	user = client(kick, kick.issueUserToken({ userId: SEED.users.neonvale }).access_token);
	app = client(kick, kick.issueAppToken().access_token);
});
afterAll(() => kick.close());

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

describe('auth', () => {
	it('answers 401 without, with unknown and with expired tokens', async () => {
		for (const res of [
			await client(kick).get('/public/v1/users'),
			await client(kick, 'nope').get('/public/v1/users'),
			await client(kick, kick.issueAppToken({ expiresIn: 0 }).access_token).get('/public/v1/users'),
		]) {
			expect(res.status).toBe(401);
			expect(res.data).toEqual({ data: {}, message: 'Unauthorized' });
		}
	});

	it('answers 403 for a user token without the scope', async () => {
		const noScope = client(kick, kick.issueUserToken({ userId: SEED.users.neonvale, scopes: ['chat:write'] }).access_token);
		for (const path of ['/public/v1/users', '/public/v1/channels']) {
			const res = await noScope.get(path);
			expect(res.status).toBe(403);
			expect(res.data).toEqual({ data: {}, message: 'Forbidden' });
		}
	});
});

describe('GET /public/v1/users', () => {
	it('returns the token owner with email when no id is given', async () => {
		const res = await user.get('/public/v1/users');
		expect(res.status).toBe(200);
		expect(res.data).toEqual({
			data: [
				{
					user_id: SEED.users.neonvale,
					name: 'NeonVale',
					email: 'neonvale@example.com',
					profile_picture: expect.stringContaining('2841377'),
				},
			],
			message: 'OK',
		});
	});

	it('looks up ids without emails for other users, and needs ids with an app token', async () => {
		const res = await app.get(`/public/v1/users?${qs({ id: [SEED.users.pixelmoth, SEED.users.grainofrice, 999] })}`);
		expect(res.data.data.map((u: { user_id: number }) => u.user_id)).toEqual([SEED.users.pixelmoth, SEED.users.grainofrice]);
		expect(res.data.data[0]).not.toHaveProperty('email');
		expect((await app.get('/public/v1/users')).status).toBe(400);
	});

	it('refuses 51 ids', async () => {
		expect((await app.get(`/public/v1/users?${qs({ id: range(51) })}`)).status).toBe(400);
	});
});

describe('GET /public/v1/channels', () => {
	it('accepts 50 ids and refuses 51', async () => {
		const fifty = await app.get(`/public/v1/channels?${qs({ broadcaster_user_id: [SEED.users.neonvale, ...range(49, 10)] })}`);
		expect(fifty.status).toBe(200);
		expect(fifty.data.data).toHaveLength(1);
		const fiftyOne = await app.get(`/public/v1/channels?${qs({ broadcaster_user_id: range(51) })}`);
		expect(fiftyOne.status).toBe(400);
		expect(fiftyOne.data.message).toBe('Bad request');
	});

	it('refuses 51 slugs and slugs over 25 characters', async () => {
		const slugs = range(51).map((i) => `slug${i}`);
		expect((await app.get(`/public/v1/channels?${qs({ slug: slugs })}`)).status).toBe(400);
		expect((await app.get(`/public/v1/channels?${qs({ slug: slugs.slice(0, 50) })}`)).status).toBe(200);
		expect((await app.get(`/public/v1/channels?${qs({ slug: 'a'.repeat(26) })}`)).status).toBe(400);
		expect((await app.get(`/public/v1/channels?${qs({ slug: 'a'.repeat(25) })}`)).status).toBe(200);
	});

	it('refuses ids and slugs mixed', async () => {
		const res = await app.get(`/public/v1/channels?${qs({ broadcaster_user_id: SEED.users.neonvale, slug: 'pixelmoth' })}`);
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ data: expect.any(String), message: 'Bad request' });
	});

	it('returns live and offline channels by slug and leaves unknown slugs out', async () => {
		const res = await app.get(`/public/v1/channels?${qs({ slug: ['neonvale', 'pixelmoth', 'no-such-channel'] })}`);
		expect(res.status).toBe(200);
		const [neon, pixel] = res.data.data;
		expect(res.data.data).toHaveLength(2);
		expect(neon).toMatchObject({
			broadcaster_user_id: SEED.users.neonvale,
			slug: 'neonvale',
			stream_title: 'Ranked grind to Diamond | !discord',
			category: { id: 18, name: 'Counter-Strike 2' },
			stream: { is_live: true, viewer_count: 1843, start_time: '2026-03-14T18:58:31Z', url: '', key: '' },
			active_subscribers_count: 412,
			active_gifted_subscribers_count: 96,
		});
		expect(pixel.stream).toMatchObject({ is_live: false, start_time: '0001-01-01T00:00:00Z', viewer_count: 0 });
		expect(pixel.category).toEqual({ id: 0, name: '', thumbnail: '' });
	});

	it('counts gifted subscriptions among the active ones, and on their own (KickDevDocs#406)', async () => {
		const ids = kick.state.channels.map((channel) => channel.broadcasterUserId).slice(0, 50);
		const channels: Array<Record<string, number>> = (await app.get(`/public/v1/channels?${qs({ broadcaster_user_id: ids })}`)).data.data;
		expect(channels).toHaveLength(ids.length);
		const counted = channels.filter((c) => c.active_gifted_subscribers_count > 0);
		expect(counted.length).toBeGreaterThan(1);
		const wrong = channels.filter((c) => !(c.active_gifted_subscribers_count <= c.active_subscribers_count));
		expect(wrong).toEqual([]);
		const neon = channels.find((c) => c.broadcaster_user_id === SEED.users.neonvale);
		// 316 paid + 96 gifted.
		expect(neon).toMatchObject({ active_subscribers_count: 412, active_gifted_subscribers_count: 96, canceled_subscribers_count: 37 });
	});

	it('shows the stream key only to the owner with streamkey:read', async () => {
		const own = await user.get('/public/v1/channels');
		expect(own.data.data[0].stream.key).toMatch(/^sk_/);
		const limited = client(kick, kick.issueUserToken({ userId: SEED.users.neonvale, scopes: ['channel:read'] }).access_token);
		expect((await limited.get('/public/v1/channels')).data.data[0].stream.key).toBe('');
		expect((await app.get('/public/v1/channels')).status).toBe(400);
	});
});

describe('categories', () => {
	it('walks every v2 page with opaque cursors', async () => {
		const seen: number[] = [];
		let cursor: string | undefined;
		let pages = 0;
		do {
			const res = await app.get(`/public/v2/categories?${qs({ limit: 10, ...(cursor ? { cursor } : {}) })}`);
			expect(res.status).toBe(200);
			seen.push(...res.data.data.map((c: { id: number }) => c.id));
			cursor = res.data.pagination.next_cursor;
			pages++;
		} while (cursor);
		expect(pages).toBe(Math.ceil(SEED.counts.categories / 10));
		expect(new Set(seen).size).toBe(SEED.counts.categories);
	});

	it('filters by name, tag and id, repeated or comma-joined', async () => {
		const repeated = await app.get(`/public/v2/categories?${qs({ name: ['counter', 'chatting'] })}`);
		const joined = await app.get(`/public/v2/categories?name=counter,chatting`);
		const ids = (r: { data: { data: Array<{ id: number }> } }) => r.data.data.map((c) => c.id).sort((a, b) => a - b);
		expect(ids(repeated)).toEqual([15, 18, 9134]);
		expect(ids(joined)).toEqual(ids(repeated));
		expect(ids(await app.get('/public/v2/categories?tag=shooter&name=counter'))).toEqual([18, 9134]);
		expect(ids(await app.get('/public/v2/categories?id=15,4688'))).toEqual([15, 4688]);
		const noTags = (await app.get('/public/v2/categories?id=4688')).data.data[0];
		expect(noTags.tags).toBeNull();
	});

	it.each(['name=ab', 'tag=fp', 'limit=0', 'limit=1001', 'cursor=abc', 'cursor=bm90LWEtY3Vyc29y'])(
		'refuses %s',
		async (query) => {
			expect((await app.get(`/public/v2/categories?${query}`)).status).toBe(400);
		},
	);

	it('serves the deprecated v1 search and lookup by id', async () => {
		const search = await user.get('/public/v1/categories?q=counter');
		expect(search.data.data.map((c: { id: number }) => c.id)).toEqual([18, 9134]);
		const one = await user.get('/public/v1/categories/15');
		expect(one.data.data).toMatchObject({ id: 15, name: 'Just Chatting', tags: ['IRL', 'Talk Show'], viewer_count: expect.any(Number) });
		expect((await user.get('/public/v1/categories/424242')).status).toBe(404);
	});
});

describe('livestreams', () => {
	type Stream = { started_at: string; broadcaster_user: { id: number }; category: { id: number }; language_code: string };

	it('walks v2 pages from oldest to newest', async () => {
		const all: Stream[] = [];
		let cursor = '';
		do {
			const res = await app.get(`/public/v2/livestreams?${qs({ limit: 5, ...(cursor ? { cursor } : {}) })}`);
			all.push(...res.data.data);
			cursor = res.data.pagination.next_cursor;
		} while (cursor);
		expect(all).toHaveLength(SEED.counts.liveStreams);
		const starts = all.map((s) => Date.parse(s.started_at));
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
	});

	it('filters v2 by repeated category_id and language_code, at most 25 each', async () => {
		const res = await app.get(`/public/v2/livestreams?${qs({ category_id: [15, 18], language_code: ['en', 'es'] })}`);
		const streams: Stream[] = res.data.data;
		expect(streams.map((s) => s.broadcaster_user.id).sort()).toEqual([3301002, SEED.users.mintcondition, SEED.users.neonvale].sort());
		expect((await app.get(`/public/v2/livestreams?${qs({ category_id: range(26) })}`)).status).toBe(400);
		expect((await app.get(`/public/v2/livestreams?${qs({ category_id: range(25) })}`)).status).toBe(200);
	});

	it('does not serve GET /public/v1/users/livestreams, which Kick does not document (docs/kick-api.md §11.12)', async () => {
		const res = await app.get(`/public/v1/users/livestreams?${qs({ user_id: [SEED.users.neonvale] })}`);
		expect(res.status).toBe(404);
	});

	it('serves deprecated v1 with sort, and stats', async () => {
		const byViewers = await app.get('/public/v1/livestreams?sort=viewer_count&limit=3');
		const counts = byViewers.data.data.map((s: { viewer_count: number }) => s.viewer_count);
		expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
		expect(byViewers.data.data[0]).toHaveProperty('channel_id');
		expect((await app.get('/public/v1/livestreams?sort=title')).status).toBe(400);
		expect((await app.get('/public/v1/livestreams/stats')).data).toEqual({
			data: { total_count: SEED.counts.liveStreams },
			message: 'OK',
		});
	});
});

describe('request log', () => {
	it('records method, path, repeated query keys and token kinds', async () => {
		kick.clearRequests();
		await app.get(`/public/v1/channels?${qs({ slug: ['neonvale', 'pixelmoth'] })}`);
		await user.get('/public/v1/users');
		await client(kick).get('/public/v1/public-key');
		expect(kick.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/public/v1/channels',
				query: { slug: ['neonvale', 'pixelmoth'] },
				tokenKind: 'app',
				clientId: SEED.app.clientId,
				status: 200,
			}),
			expect.objectContaining({ path: '/public/v1/users', tokenKind: 'user', userId: SEED.users.neonvale }),
			expect.objectContaining({ path: '/public/v1/public-key', tokenKind: null, status: 200 }),
		]);
		expect(kick.requests[0].headers.authorization).toMatch(/^Bearer /);
	});
});
