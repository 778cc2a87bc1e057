import { SEED } from '../emulator';
import { kickTestBed, locator, many } from './kickSetup';

describe('Channel (real n8n, emulator)', () => {
	const bed = kickTestBed();

	it('Get by slug: one GET with slug=, user token, simplified output', async () => {
		const run = await bed.run({ resource: 'channel', operation: 'get', channel: locator('slug', 'NeonVale') });
		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({
					broadcaster_user_id: SEED.broadcaster.userId,
					slug: 'neonvale',
					is_live: true,
					category_name: 'Counter-Strike 2',
					// Gifted subscriptions count as active, and alone (KickDevDocs#406): 316 paid + 96 gifted.
					active_subscribers_count: 412,
					active_gifted_subscribers_count: 96,
				}),
				pairedItem: { item: 0 },
			}),
		]);
		expect(JSON.stringify(run.items)).not.toContain('"key"');
		const [call] = bed.calls('/public/v1/channels');
		expect(bed.calls('/public/v1/channels')).toHaveLength(1);
		expect(call).toMatchObject({ method: 'GET', query: { slug: 'neonvale' }, tokenKind: 'user', status: 200 });
	});

	it('Get across items: slugs and ids in separate calls, each item paired, raw output when Simplify is off', async () => {
		// Typed into "By Slug" from an expression, digits are read as a broadcaster ID.
		const items = [{ c: 'neonvale' }, { c: String(SEED.users.pixelmoth) }, { c: 'mintcondition' }, { c: String(SEED.users.neonvale) }];
		const run = await bed.run(
			{ resource: 'channel', operation: 'get', channel: { __rl: true, mode: 'slug', value: '={{ $json.c }}' }, simplify: false },
			{ auth: 'app', items },
		);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.slug, item.pairedItem])).toEqual([
			['neonvale', { item: 0 }],
			['pixelmoth', { item: 1 }],
			['mintcondition', { item: 2 }],
			['neonvale', { item: 3 }],
		]);
		expect(run.items[0].json.stream).toBeDefined();
		expect(run.items[0].json).toMatchObject({
			active_subscribers_count: 412,
			active_gifted_subscribers_count: 96,
			canceled_subscribers_count: 37,
		});
		const calls = bed.calls('/public/v1/channels');
		expect(calls).toHaveLength(2);
		expect(calls.map((call) => call.query)).toEqual(
			expect.arrayContaining([{ broadcaster_user_id: [String(SEED.users.pixelmoth), String(SEED.users.neonvale)] }, { slug: ['neonvale', 'mintcondition'] }]),
		);
		expect(calls.every((call) => call.tokenKind === 'app')).toBe(true);
	});

	it('Get: an unknown slug is an error for that item only (continue on fail)', async () => {
		const run = await bed.run(
			{ resource: 'channel', operation: 'get', channel: { __rl: true, mode: 'slug', value: '={{ $json.c }}' } },
			{ items: [{ c: 'neonvale' }, { c: 'nobody-here' }], continueOnFail: true },
		);
		expect(run.items[0].json.slug).toBe('neonvale');
		expect(run.items[1]).toEqual({ json: { error: "Channel: Kick has no channel 'nobody-here'" }, pairedItem: { item: 1 } });
		expect(bed.calls('/public/v1/channels')).toHaveLength(1);
	});

	it.each([1, 50, 51, 1000])('Get Many: %i ids across items → ceil(N/50) calls', async (n) => {
		const items = Array.from({ length: n }, (_, i) => ({ id: 5_000_000 + i }));
		const run = await bed.run({ resource: 'channel', operation: 'getMany', channels: '={{ $json.id }}' }, { auth: 'app', items });
		expect(run.error).toBeUndefined();
		// Unknown ids are left out, so the node outputs nothing, but it asked in the fewest calls.
		const calls = bed.calls('/public/v1/channels');
		expect(calls).toHaveLength(Math.ceil(n / 50));
		expect(calls.every((call) => many(call.query.broadcaster_user_id).length <= 50)).toBe(true);
		expect(calls.flatMap((call) => many(call.query.broadcaster_user_id))).toHaveLength(n);
	});

	it('Get Many: a list per item, found channels paired with the item that asked', async () => {
		const run = await bed.run(
			{ resource: 'channel', operation: 'getMany', channels: '={{ $json.list }}' },
			{ auth: 'app', items: [{ list: 'neonvale, pixelmoth' }, { list: `${SEED.users.mintcondition}, unknown-slug` }] },
		);
		expect(run.items.map((item) => [item.json.slug, item.pairedItem.item])).toEqual([
			['neonvale', 0],
			['pixelmoth', 0],
			['mintcondition', 1],
		]);
	});

	it('Update: PATCH with the fields set, answers them', async () => {
		const run = await bed.run({
			resource: 'channel',
			operation: 'update',
			updateFields: { streamTitle: 'New title', category: locator('id', SEED.categories.justChatting), customTags: 'english, chill' },
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toEqual({ updated: true, stream_title: 'New title', category_id: 15, custom_tags: ['english', 'chill'] });
		const [call] = bed.calls('/public/v1/channels', 'PATCH');
		expect(call).toMatchObject({ tokenKind: 'user', status: 204, body: { stream_title: 'New title', category_id: 15, custom_tags: ['english', 'chill'] } });
		expect(bed.emulator.state.channels.find((c) => c.slug === 'neonvale')?.streamTitle).toBe('New title');
	});

	it('Update: 11 tags and an empty update are refused before any request', async () => {
		const tags = Array.from({ length: 11 }, (_, i) => `tag${i}`).join(',');
		const tooMany = await bed.run({ resource: 'channel', operation: 'update', updateFields: { customTags: tags } });
		expect(tooMany.error?.message).toBe('Custom Tags: has 11 tags, more than the 10 Kick allows');
		const empty = await bed.run({ resource: 'channel', operation: 'update', updateFields: {} });
		expect(empty.error?.message).toBe('Update Fields: nothing to update');
		expect(bed.dataCalls()).toHaveLength(0);
	});

	it('Update with an app token is refused before any request', async () => {
		const run = await bed.run({ resource: 'channel', operation: 'update', updateFields: { streamTitle: 'x' } }, { auth: 'app' });
		expect(run.error?.message).toBe('Authentication: this operation needs a user token (Kick OAuth2 API)');
		expect(bed.dataCalls()).toHaveLength(0);
	});
});

describe('Channel → Get Public Info (hybrid)', () => {
	const bed = kickTestBed();

	it('with a credential: official channels + users lookups, normalized, source official_api', async () => {
		const run = await bed.run(
			{ resource: 'channel', operation: 'getPublicInfo', channel: { __rl: true, mode: 'slug', value: '={{ $json.c }}' } },
			{ auth: 'app', items: [{ c: 'neonvale' }, { c: 'pixelmoth' }] },
		);
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({
			source: 'official_api',
			slug: 'neonvale',
			username: 'NeonVale',
			is_live: true,
			viewer_count: 1843,
			language: 'en',
			language_name: 'English',
			profile_picture: expect.stringContaining('2841377'),
		});
		expect(run.items[1].json).toMatchObject({ source: 'official_api', slug: 'pixelmoth', is_live: false });
		expect(bed.calls('/public/v1/channels')).toHaveLength(1);
		expect(bed.calls('/public/v1/users')).toHaveLength(1);
		expect(bed.calls(/^\/api\//)).toHaveLength(0);
	});

	it('without a credential: the website endpoint, no token, same shape plus the raw object', async () => {
		const run = await bed.run(
			{ resource: 'channel', operation: 'getPublicInfo', channel: locator('url', 'https://kick.com/neonvale'), options: { websiteBaseUrl: bed.emulator.url } },
			{ auth: 'none' },
		);
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ source: 'website', slug: 'neonvale', channel_id: SEED.broadcaster.channelId, is_live: true, followers_count: 58213 });
		// The website names the language ("English"); the output gives the official API's code.
		expect(run.items[0].json).toMatchObject({ language: 'en', language_name: 'English' });
		expect(run.items[0].json.website.livestream.language).toBe('English');
		expect(run.items[0].json.website.playback_url).toBeUndefined();
		const [call] = bed.calls('/api/v2/channels/neonvale');
		expect(call).toMatchObject({ method: 'GET', tokenKind: null });
		expect(call.headers.authorization).toBeUndefined();
	});

	it('without a credential: Cloudflare HTML 403 is a clear error, never HTML', async () => {
		bed.emulator.faults.cloudflare = 'website';
		const run = await bed.run(
			{ resource: 'channel', operation: 'getPublicInfo', channel: locator('slug', 'neonvale'), options: { websiteBaseUrl: bed.emulator.url } },
			{ auth: 'none', continueOnFail: true },
		);
		expect(run.items[0].json.error).toBe("Kick's website blocked the request (HTTP 403 from Cloudflare bot protection)");
		expect(JSON.stringify(run.items)).not.toMatch(/<html|Just a moment/i);
	});

	it('without a credential: unknown slug → 404 error; an id → refused before any request', async () => {
		const unknown = await bed.run(
			{ resource: 'channel', operation: 'getPublicInfo', channel: locator('slug', 'nobody-here'), options: { websiteBaseUrl: bed.emulator.url } },
			{ auth: 'none' },
		);
		expect(unknown.error?.message).toBe("Kick has no channel 'nobody-here' (the website answered 404)");
		bed.emulator.clearRequests();
		const byId = await bed.run(
			{ resource: 'channel', operation: 'getPublicInfo', channel: locator('id', SEED.users.neonvale), options: { websiteBaseUrl: bed.emulator.url } },
			{ auth: 'none' },
		);
		expect(byId.error?.message).toBe('Channel: the public Kick website can only look channels up by slug');
		expect(byId.error?.description).toMatch(/credential/);
		expect(bed.dataCalls()).toHaveLength(0);
	});

	it('other operations refuse "None" before any request', async () => {
		const run = await bed.run({ resource: 'channel', operation: 'get', channel: locator('slug', 'neonvale') }, { auth: 'none' });
		expect(run.error?.message).toBe('Authentication: this operation needs a Kick credential');
		expect(bed.dataCalls()).toHaveLength(0);
	});
});
