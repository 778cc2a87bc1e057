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

	it('Get Status by id and slug: users/livestreams (slugs resolved first), offline reported', async () => {
		const run = await bed.run(
			{ resource: 'livestream', operation: 'getStatus', channel: { __rl: true, mode: 'slug', value: '={{ $json.c }}' } },
			{ auth: 'app', items: [{ c: String(SEED.users.neonvale) }, { c: 'pixelmoth' }, { c: 'mintcondition' }] },
		);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.slug, item.json.is_live, item.json.source])).toEqual([
			['neonvale', true, 'official_api'],
			['pixelmoth', false, 'official_api'],
			['mintcondition', true, 'official_api'],
		]);
		expect(run.items[0].json).toMatchObject({ language: 'en', language_name: 'English' });
		const [channels] = bed.calls('/public/v1/channels');
		expect(channels.query).toEqual({ slug: ['pixelmoth', 'mintcondition'] });
		const [live] = bed.calls('/public/v1/users/livestreams');
		expect(many(live.query.user_id).sort()).toEqual([SEED.users.neonvale, SEED.users.pixelmoth, SEED.users.mintcondition].map(String).sort());
	});

	it.each([1, 50, 51, 1000])('Get Status: %i ids → ceil(N/50) calls, every item paired', async (n) => {
		const items = Array.from({ length: n }, (_, i) => ({ id: i === 0 ? SEED.users.neonvale : 6_000_000 + i }));
		const run = await bed.run(
			{ resource: 'livestream', operation: 'getStatus', channel: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ auth: 'app', items },
		);
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(n);
		run.items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		expect(run.items[0].json.is_live).toBe(true);
		expect(bed.calls('/public/v1/users/livestreams')).toHaveLength(Math.ceil(n / 50));
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
