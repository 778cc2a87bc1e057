import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext } from '../../nodes/Kick/actions/types';
import type { ChannelKey } from '../../nodes/Kick/client/channelLookup';
import {
	fromOfficialChannel,
	fromWebsite,
	officialLookup,
	offlineOfficial,
	PUBLIC_INFO_FIELDS,
	websiteTime,
} from '../../nodes/Kick/actions/common/publicInfo';
import { simplifyChannel, simplifyLivestream } from '../../nodes/Kick/actions/common/channels';
import { readWebsiteChannel, websiteBaseUrl } from '../../nodes/Kick/transport';
import channels from './fixtures/get-channels.json';
import livestreams from './fixtures/get-livestreams-v2.json';
import website from './fixtures/website-channel.json';

const [neonvale, pixelmoth] = channels.data as unknown as IDataObject[];
const live = livestreams.data[0] as unknown as IDataObject;

const keysOf = (value: IDataObject) => Object.keys(value).filter((key) => key !== 'website');

describe('one normalized shape for official and website data', () => {
	it('every source yields the same fields', () => {
		const shapes = [
			fromOfficialChannel(neonvale, { name: 'NeonVale', profile_picture: 'p.webp' }),
			fromOfficialChannel(pixelmoth),
			offlineOfficial(1),
			fromWebsite(website as unknown as IDataObject),
		];
		for (const shape of shapes) expect(keysOf(shape)).toEqual([...PUBLIC_INFO_FIELDS]);
	});

	it('official channel', () => {
		expect(fromOfficialChannel(neonvale, { name: 'NeonVale', profile_picture: 'p.webp' })).toMatchObject({
			source: 'official_api',
			slug: 'neonvale',
			url: 'https://kick.com/neonvale',
			broadcaster_user_id: 2841377,
			username: 'NeonVale',
			is_live: true,
			title: 'Ranked grind to Diamond | !discord',
			category_name: 'Counter-Strike 2',
			viewer_count: 1843,
			started_at: '2026-03-14T18:58:31Z',
		});
		expect(fromOfficialChannel(pixelmoth)).toMatchObject({ is_live: false, started_at: null, category_id: null, viewer_count: null });
	});

	it('website: normalized, raw kept under website without the playback URL', () => {
		const result = fromWebsite(website as unknown as IDataObject);
		expect(result).toMatchObject({
			source: 'website',
			slug: 'neonvale',
			broadcaster_user_id: 2841377,
			channel_id: 2712044,
			username: 'NeonVale',
			is_live: true,
			viewer_count: 1843,
			started_at: '2026-03-14T18:58:31Z',
			category_id: 18,
			followers_count: 58213,
		});
		const checked = readWebsiteChannel('neonvale', { status: 200, headers: { 'content-type': 'application/json' }, body: website });
		expect('channel' in checked && checked.channel.playback_url).toBeUndefined();
		expect(fromWebsite({ ...(website as unknown as IDataObject), livestream: null })).toMatchObject({ is_live: false, title: null, viewer_count: null });
	});

	it('language: the same code from every source, the name beside it', () => {
		const websiteChannel = website as unknown as IDataObject;
		expect((websiteChannel.livestream as IDataObject).language).toBe('English');
		const sources = [fromOfficialChannel(neonvale), fromWebsite(websiteChannel)];
		for (const result of sources) expect(result).toMatchObject({ language: 'en', language_name: 'English' });
		// The website's own text stays visible, in language_name and in the raw object.
		expect((fromWebsite(websiteChannel).website as IDataObject).livestream).toMatchObject({ language: 'English' });
	});

	it('language: a name the node cannot map gives null and keeps the text; no stream gives null', () => {
		const withLanguage = (language: unknown) =>
			fromWebsite({ ...(website as unknown as IDataObject), livestream: { ...(website.livestream as IDataObject), language } });
		expect(withLanguage('Klingon')).toMatchObject({ language: null, language_name: 'Klingon' });
		expect(withLanguage('Spanish')).toMatchObject({ language: 'es', language_name: 'Spanish' });
		expect(withLanguage('')).toMatchObject({ language: null, language_name: null });
		expect(fromWebsite({ ...(website as unknown as IDataObject), livestream: null })).toMatchObject({ language: null, language_name: null });
		expect(fromOfficialChannel(pixelmoth)).toMatchObject({ language: null, language_name: null });
		const german = fromOfficialChannel({ ...neonvale, stream: { ...(neonvale.stream as IDataObject), language: 'DE' } });
		expect(german).toMatchObject({ language: 'de', language_name: 'German' });
		expect(offlineOfficial(1)).toMatchObject({ language: null, language_name: null });
	});

	it('websiteTime and the offline "year 1" time', () => {
		expect(websiteTime('2026-03-14 18:58:31')).toBe('2026-03-14T18:58:31Z');
		expect(websiteTime('0001-01-01 00:00:00')).toBeNull();
		expect(websiteTime('')).toBeNull();
	});
});

describe('readWebsiteChannel', () => {
	it('404 → unknown slug', () => {
		const result = readWebsiteChannel('nobody', { status: 404, body: { message: 'Not found' } });
		expect('error' in result && result.error).toMatchObject({ kind: 'notFound', message: "Kick has no channel 'nobody' (the website answered 404)" });
	});

	it('Cloudflare HTML 403 → blocked, suggests a credential, no HTML', () => {
		const html = '<!DOCTYPE html><html><title>Just a moment...</title></html>';
		const result = readWebsiteChannel('neonvale', { status: 403, headers: { 'content-type': 'text/html' }, body: html });
		expect('error' in result && result.error.kind).toBe('blocked');
		if (!('error' in result)) throw new Error('expected an error');
		expect(result.error.message).toBe("Kick's website blocked the request (HTTP 403 from Cloudflare bot protection)");
		expect(result.error.description).toMatch(/Kick credential/);
		expect(JSON.stringify(result)).not.toMatch(/Just a moment|<html/i);
	});

	it('a changed shape or an HTML page with 200 → shape error', () => {
		for (const body of [{ slug: 'neonvale' }, '<html>challenge</html>', [1, 2]]) {
			const result = readWebsiteChannel('neonvale', { status: 200, body });
			expect('error' in result && result.error.kind).toBe('shape');
		}
	});

	it('a JSON string body is parsed', () => {
		expect('channel' in readWebsiteChannel('neonvale', { status: 200, body: JSON.stringify(website) })).toBe(true);
	});

	it('websiteBaseUrl defaults and trims', () => {
		expect(websiteBaseUrl('')).toBe('https://kick.com');
		expect(websiteBaseUrl('http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000');
	});
});

describe('Simplify', () => {
	it('channel: flat, never the stream key', () => {
		const simple = simplifyChannel(neonvale);
		expect(simple).toMatchObject({ slug: 'neonvale', is_live: true, viewer_count: 1843, category_name: 'Counter-Strike 2', language: 'en', language_name: 'English' });
		expect(JSON.stringify(simple)).not.toContain('sk_us-west-2');
		expect(simplifyChannel(pixelmoth)).toMatchObject({ started_at: null, category_id: null, is_live: false });
	});

	it('channel: active subscribers include the gifted ones, which are also counted alone (KickDevDocs#406)', () => {
		expect(simplifyChannel(neonvale)).toMatchObject({ active_subscribers_count: 412, active_gifted_subscribers_count: 96 });
		expect(simplifyChannel(pixelmoth)).toMatchObject({ active_subscribers_count: 0, active_gifted_subscribers_count: 0 });
		// A channel answer from before the field existed: unknown, not zero.
		const older = { ...neonvale };
		delete older.active_gifted_subscribers_count;
		expect(simplifyChannel(older)).toMatchObject({ active_subscribers_count: 412, active_gifted_subscribers_count: null });
	});

	it('livestream: flat', () => {
		expect(simplifyLivestream(live)).toMatchObject({ slug: 'neonvale', username: 'NeonVale', viewer_count: 1843, language: 'en', language_name: 'English' });
	});
});

describe('Get Status with a credential: the channels\' own live state (docs/kick-api.md §4.4)', () => {
	const users: Record<number, IDataObject> = {
		2841377: { user_id: 2841377, name: 'NeonVale', profile_picture: 'https://files.kick.com/neonvale.webp' },
		61530248: { user_id: 61530248, name: 'pixelmoth', profile_picture: '' },
	};

	/** Kick played from the fixtures: channels by id or slug, users by id; every request recorded. */
	function fakeKick(scope?: string) {
		const calls: Array<{ path: string; qs: IDataObject }> = [];
		const many = (value: unknown) => (Array.isArray(value) ? value : [value]).map(String);
		const context = {
			credentialType: scope === undefined ? 'kickAppOAuth2Api' : 'kickOAuth2Api',
			request: async (_item: number, request: { path: string; qs?: IDataObject }) => {
				const qs = request.qs ?? {};
				calls.push({ path: request.path, qs });
				if (request.path === '/public/v1/users') return { data: many(qs.id).map((id) => users[Number(id)]).filter(Boolean) };
				if (request.path !== '/public/v1/channels') throw new Error(`unexpected ${request.path}`);
				const wanted = qs.slug !== undefined ? many(qs.slug) : many(qs.broadcaster_user_id);
				const field = qs.slug !== undefined ? 'slug' : 'broadcaster_user_id';
				return { data: [neonvale, pixelmoth].filter((channel) => wanted.includes(String(channel[field]))) };
			},
		} as unknown as OperationContext;
		const execute = { getCredentials: async () => ({ oauthTokenData: { scope } }) } as unknown as IExecuteFunctions;
		return { calls, status: async (keys: ChannelKey[]) => await officialLookup.call(execute, context, keys, 'status') };
	}

	it('live and offline from GET /public/v1/channels, the name and picture of the live ones from GET /public/v1/users', async () => {
		const kick = fakeKick();
		const result = await kick.status(['id:2841377', 'slug:pixelmoth', 'id:61530248']);
		expect(result.get('id:2841377')).toMatchObject({
			source: 'official_api',
			slug: 'neonvale',
			username: 'NeonVale',
			profile_picture: 'https://files.kick.com/neonvale.webp',
			is_live: true,
			title: 'Ranked grind to Diamond | !discord',
			category_name: 'Counter-Strike 2',
			viewer_count: 1843,
			started_at: '2026-03-14T18:58:31Z',
			language: 'en',
			tags: ['english', 'ranked'],
			description: 'Variety + CS2. Schedule in !discord',
		});
		for (const key of ['slug:pixelmoth', 'id:61530248'] as const) {
			expect(result.get(key)).toMatchObject({ slug: 'pixelmoth', is_live: false, username: null, viewer_count: null, started_at: null });
		}
		for (const value of result.values()) expect(keysOf(value)).toEqual([...PUBLIC_INFO_FIELDS]);
		// Ids and slugs in separate calls; users only for the live channel; never the undocumented live list.
		expect(kick.calls).toEqual([
			{ path: '/public/v1/channels', qs: { broadcaster_user_id: [2841377, 61530248] } },
			{ path: '/public/v1/channels', qs: { slug: ['pixelmoth'] } },
			{ path: '/public/v1/users', qs: { id: [2841377] } },
		]);
	});

	it('a broadcaster ID Kick has no channel for is offline; an unknown slug is not found', async () => {
		const result = await fakeKick().status(['id:7000001', 'slug:nobody-here']);
		expect(result.get('id:7000001')).toEqual(offlineOfficial(7000001));
		expect(result.get('id:7000001')).toMatchObject({ broadcaster_user_id: 7000001, is_live: false, slug: null });
		expect(result.has('slug:nobody-here')).toBe(false);
	});

	it('a user token without user:read: no users request, the live state all the same', async () => {
		const kick = fakeKick('channel:read chat:write');
		const result = await kick.status(['slug:neonvale']);
		expect(result.get('slug:neonvale')).toMatchObject({ is_live: true, viewer_count: 1843, username: null });
		expect(kick.calls.map((call) => call.path)).toEqual(['/public/v1/channels']);
	});
});
