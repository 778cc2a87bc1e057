import { SEED } from '../emulator';
import { kickTestBed, locator, many } from './kickSetup';

describe('Livestream (real n8n, emulator)', () => {
	const bed = kickTestBed();

	it('Get Many: v2 filters as repeated keys, Kick order by default, simplified', async () => {
		const run = await bed.run(
			{ resource: 'livestream', operation: 'getMany', returnAll: true, filters: { categoryIds: '15, 18', languageCodes: 'EN, es' } },
			{ auth: 'app' },
		);
		expect(run.error).toBeUndefined();
		const [call] = bed.calls('/public/v2/livestreams');
		expect(call.query).toEqual({ category_id: ['15', '18'], language_code: ['en', 'es'], limit: '1000' });
		// Kick's order: oldest stream first.
		expect(run.items.map((item) => item.json.slug)).toEqual(['lalunaloca', 'neonvale', 'mintcondition']);
		expect(run.items[1].json).toMatchObject({ livestream_id: SEED.broadcaster.livestreamId, viewer_count: 1843, category_name: 'Counter-Strike 2' });
	});

	it('Get Many: Limit pages with the exact page size, sorted by viewers client-side', async () => {
		const run = await bed.run({ resource: 'livestream', operation: 'getMany', returnAll: false, limit: 5, sortBy: 'viewerCount' }, { auth: 'app' });
		expect(run.error).toBeUndefined();
		expect(bed.calls('/public/v2/livestreams').map((call) => call.query.limit)).toEqual(['5']);
		const viewers = run.items.map((item) => item.json.viewer_count as number);
		expect(viewers).toEqual([...viewers].sort((a, b) => b - a));
		expect(run.items).toHaveLength(5);
	});

	it('Get Many: Simplify off gives Kick\'s objects', async () => {
		const run = await bed.run({ resource: 'livestream', operation: 'getMany', returnAll: false, limit: 12, simplify: false }, { auth: 'app' });
		expect(run.items).toHaveLength(SEED.counts.liveStreams);
		expect(run.items[0].json.broadcaster_user).toBeDefined();
	});

	it('Get Many: 26 categories are refused before any request', async () => {
		const ids = Array.from({ length: 26 }, (_, i) => i + 1).join(',');
		const run = await bed.run({ resource: 'livestream', operation: 'getMany', returnAll: true, filters: { categoryIds: ids } }, { auth: 'app' });
		expect(run.error?.message).toBe('Category IDs: has 26 ids, more than the 25 Kick accepts');
		expect(bed.dataCalls()).toHaveLength(0);
	});

	it('Get Stats', async () => {
		const run = await bed.run({ resource: 'livestream', operation: 'getStats' }, { auth: 'app' });
		expect(run.items[0].json).toEqual({ total_count: SEED.counts.liveStreams });
		expect(bed.calls('/public/v1/livestreams/stats')[0]).toMatchObject({ method: 'GET', tokenKind: 'app' });
	});

	it("Get Status by id and slug: the channels' own live state, names of the live ones, offline reported", async () => {
		const run = await bed.run(
			{ resource: 'livestream', operation: 'getStatus', channel: { __rl: true, mode: 'slug', value: '={{ $json.c }}' } },
			{ auth: 'app', items: [{ c: String(SEED.users.neonvale) }, { c: 'pixelmoth' }, { c: 'mintcondition' }] },
		);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.slug, item.json.is_live, item.json.username, item.json.source])).toEqual([
			['neonvale', true, 'NeonVale', 'official_api'],
			['pixelmoth', false, null, 'official_api'],
			['mintcondition', true, 'mintcondition', 'official_api'],
		]);
		expect(run.items[0].json).toMatchObject({
			title: 'Ranked grind to Diamond | !discord',
			category_name: 'Counter-Strike 2',
			viewer_count: 1843,
			started_at: '2026-03-14T18:58:31Z',
			language: 'en',
			language_name: 'English',
			profile_picture: expect.stringContaining('2841377'),
		});
		// The same fields as before the operation left GET /public/v1/users/livestreams, which Kick does not document.
		expect(Object.keys(run.items[1].json)).toEqual(Object.keys(run.items[0].json));
		const channels = bed.calls('/public/v1/channels');
		expect(channels.map((call) => call.query)).toEqual(
			expect.arrayContaining([{ broadcaster_user_id: String(SEED.users.neonvale) }, { slug: ['pixelmoth', 'mintcondition'] }]),
		);
		expect(channels).toHaveLength(2);
		const [users] = bed.calls('/public/v1/users');
		expect(many(users.query.id).sort()).toEqual([SEED.users.neonvale, SEED.users.mintcondition].map(String).sort());
		expect(bed.calls('/public/v1/users')).toHaveLength(1);
		expect(bed.calls(/^\/public\/v1\/(users\/)?livestreams/)).toEqual([]);
	});

	it.each([1, 50, 51, 1000])('Get Status: %i ids → ceil(N/50) channel calls, one user call for the live one, items paired', async (n) => {
		const items = Array.from({ length: n }, (_, i) => ({ id: i === 0 ? SEED.users.neonvale : 6_000_000 + i }));
		const run = await bed.run(
			{ resource: 'livestream', operation: 'getStatus', channel: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ auth: 'app', items },
		);
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(n);
		run.items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		expect(run.items[0].json).toMatchObject({ is_live: true, username: 'NeonVale' });
		// A broadcaster ID Kick has no channel for is reported offline, as it always was.
		const notOffline = run.items
			.slice(1)
			.filter((item, i) => item.json.is_live !== false || item.json.broadcaster_user_id !== items[i + 1].id);
		expect(notOffline).toEqual([]);
		expect(bed.calls('/public/v1/channels')).toHaveLength(Math.ceil(n / 50));
		expect(bed.calls('/public/v1/users')).toHaveLength(1);
	});

	it('Get Status with a user token: the same lookups, made with it', async () => {
		const run = await bed.run({ resource: 'livestream', operation: 'getStatus', channel: locator('slug', 'neonvale') }, { auth: 'user' });
		expect(run.items[0].json).toMatchObject({ source: 'official_api', is_live: true, username: 'NeonVale' });
		expect(bed.calls('/public/v1/channels')[0]).toMatchObject({ tokenKind: 'user', query: { slug: 'neonvale' } });
		expect(bed.calls('/public/v1/users')[0]).toMatchObject({ tokenKind: 'user', query: { id: String(SEED.users.neonvale) } });
	});

	it('Get Status without a credential: the website, live and offline', async () => {
		const run = await bed.run(
			{ resource: 'livestream', operation: 'getStatus', channel: { __rl: true, mode: 'slug', value: '={{ $json.c }}' }, options: { websiteBaseUrl: bed.emulator.url } },
			{ auth: 'none', items: [{ c: 'neonvale' }, { c: 'pixelmoth' }, { c: 'neonvale' }] },
		);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.slug, item.json.is_live, item.json.source])).toEqual([
			['neonvale', true, 'website'],
			['pixelmoth', false, 'website'],
			['neonvale', true, 'website'],
		]);
		expect(run.items[0].json).toMatchObject({ language: 'en', language_name: 'English' });
		// One request per distinct slug.
		expect(bed.calls(/^\/api\/v2\/channels\//)).toHaveLength(2);
	});

	it('Get Status with the emulator behind Cloudflare on the website only: the official path still works', async () => {
		bed.emulator.faults.cloudflare = 'website';
		const run = await bed.run({ resource: 'livestream', operation: 'getStatus', channel: locator('slug', 'neonvale') }, { auth: 'user' });
		expect(run.items[0].json).toMatchObject({ source: 'official_api', is_live: true });
	});
});
