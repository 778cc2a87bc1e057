import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch } from '../../nodes/Kick/methods/listSearch';
import { fakeN8nContext } from '../support/n8nContext';

interface Call {
	url: string;
	qs?: Record<string, unknown>;
}

function loadOptions(authentication: string, respond: (call: Call) => unknown) {
	const calls: Call[] = [];
	const { context } = fakeN8nContext({
		parameters: { authentication },
		credentials: { useCustomEndpoints: true, apiBaseUrl: 'http://kick.test' },
		respond: (request) => {
			const call = { url: request.url.replace('http://kick.test', ''), qs: request.qs };
			calls.push(call);
			return respond(call);
		},
	});
	return { context: context as ILoadOptionsFunctions, calls };
}

const live = (slug: string, username: string, title: string) => ({ channel: { slug }, broadcaster_user: { username }, title });

describe('searchChannels', () => {
	it('without a filter: own channel (user token) then live channels, paginated by cursor', async () => {
		const { context, calls } = loadOptions('userOAuth2', (call) =>
			call.url === '/public/v1/channels'
				? { data: [{ slug: 'neonvale', stream_title: 'Ranked' }] }
				: { data: [live('neonvale', 'NeonVale', 'Ranked'), live('bytebard', 'ByteBard', 'Hardcore')], pagination: { next_cursor: 'next' } },
		);
		const result = await listSearch.searchChannels.call(context);
		expect(result.results.map((r) => r.value)).toEqual(['neonvale', 'bytebard']);
		expect(result.results[0]).toMatchObject({ name: 'Ranked (neonvale)', url: 'https://kick.com/neonvale' });
		expect(result.paginationToken).toBe('next');
		expect(calls.map((c) => c.url)).toEqual(['/public/v1/channels', '/public/v2/livestreams']);
	});

	it('with a filter: the exact slug, then live channels matching slug, name or title', async () => {
		const { context, calls } = loadOptions('appOAuth2', (call) =>
			call.url === '/public/v1/channels'
				? { data: [{ slug: 'hardcore', stream_title: '' }] }
				: { data: [live('bytebard', 'ByteBard', 'Hardcore day 200'), live('neonvale', 'NeonVale', 'Ranked')] },
		);
		const result = await listSearch.searchChannels.call(context, 'Hardcore');
		expect(result.results.map((r) => r.value)).toEqual(['hardcore', 'bytebard']);
		expect(calls[0].qs).toEqual({ slug: 'hardcore' });
	});

	it('without a credential: nothing, no request', async () => {
		const { context, calls } = loadOptions('none', () => ({}));
		expect((await listSearch.searchChannels.call(context, 'x')).results).toEqual([]);
		expect(calls).toHaveLength(0);
	});
});

describe('searchCategories and searchRewards', () => {
	it('categories by name, at least 3 characters', async () => {
		const { context, calls } = loadOptions('appOAuth2', () => ({ data: [{ id: 18, name: 'Counter-Strike 2' }], pagination: { next_cursor: '' } }));
		expect((await listSearch.searchCategories.call(context, 'cs')).results).toEqual([]);
		const result = await listSearch.searchCategories.call(context, 'counter');
		expect(result).toEqual({ results: [{ name: 'Counter-Strike 2', value: '18' }], paginationToken: undefined });
		expect(calls).toEqual([{ url: '/public/v2/categories', qs: { name: 'counter', limit: 50 } }]);
	});

	it('rewards of the connected channel, filtered by title; none with an app token', async () => {
		const rewards = { data: [{ id: 'A', title: 'Hydrate', cost: 100, is_enabled: true }, { id: 'B', title: 'Pick the map', cost: 2500, is_enabled: false }] };
		const user = loadOptions('userOAuth2', () => rewards);
		expect((await listSearch.searchRewards.call(user.context, 'map')).results).toEqual([{ name: 'Pick the map (2500 points, disabled)', value: 'B' }]);
		const app = loadOptions('appOAuth2', () => rewards);
		expect((await listSearch.searchRewards.call(app.context)).results).toEqual([]);
		expect(app.calls).toHaveLength(0);
	});
});
