import { SEED } from '../emulator';
import { kickTestBed, locator, many } from './kickSetup';

describe('Category (real n8n, emulator)', () => {
	const bed = kickTestBed();

	it('Search by names: repeated name keys, page size = limit', async () => {
		const run = await bed.run({ resource: 'category', operation: 'search', filters: { names: 'counter, chatting' }, returnAll: false, limit: 10 }, { auth: 'app' });
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.name).sort()).toEqual(['Counter-Strike', 'Counter-Strike 2', 'Just Chatting']);
		const [call] = bed.calls('/public/v2/categories');
		expect(call.query).toEqual({ name: ['counter', 'chatting'], limit: '10' });
		expect(call.tokenKind).toBe('app');
	});

	it('Search by tag with a user token', async () => {
		const run = await bed.run({ resource: 'category', operation: 'search', filters: { tags: 'MOBA' }, returnAll: true });
		expect(run.items.map((item) => item.json.name).sort()).toEqual(['Dota 2', 'League of Legends']);
		expect(bed.calls('/public/v2/categories')[0]).toMatchObject({ query: { tag: 'MOBA', limit: '1000' }, tokenKind: 'user' });
	});

	it('Search: Return All follows the cursor over 1000-item pages (K pages → K requests)', async () => {
		const extra = Array.from({ length: 2100 }, (_, i) => ({
			id: 100_000 + i,
			name: `Zeta Test ${i}`,
			slug: `zeta-test-${i}`,
			thumbnail: '',
			tags: null,
			viewerCount: 0,
			parentId: 5,
		}));
		bed.emulator.state.categories.push(...extra);
		try {
			const run = await bed.run({ resource: 'category', operation: 'search', filters: { names: 'zeta' }, returnAll: true }, { auth: 'app' });
			expect(run.items).toHaveLength(2100);
			const calls = bed.calls('/public/v2/categories');
			expect(calls).toHaveLength(3);
			expect(calls.map((call) => call.query.cursor === undefined)).toEqual([true, false, false]);
			const limited = await bed.run({ resource: 'category', operation: 'search', filters: { names: 'zeta' }, returnAll: false, limit: 1000 }, { auth: 'app' });
			expect(limited.items).toHaveLength(1000);
			expect(bed.calls('/public/v2/categories')).toHaveLength(4);
		} finally {
			bed.emulator.state.categories.splice(-extra.length);
		}
	});

	it('Search: a term under 3 characters is refused before any request', async () => {
		const run = await bed.run({ resource: 'category', operation: 'search', filters: { names: 'cs' }, returnAll: true }, { auth: 'app' });
		expect(run.error?.message).toBe("Names: 'cs' is shorter than 3 characters");
		expect(bed.dataCalls()).toHaveLength(0);
	});

	it('Get by ID via v2 ?id=', async () => {
		const run = await bed.run({ resource: 'category', operation: 'get', category: locator('id', SEED.categories.counterStrike2) }, { auth: 'app' });
		expect(run.items[0].json).toMatchObject({ id: 18, name: 'Counter-Strike 2', tags: ['FPS', 'Shooter'] });
		expect(many(bed.calls('/public/v2/categories')[0].query.id)).toEqual(['18']);
		const unknown = await bed.run({ resource: 'category', operation: 'get', category: locator('id', 999999) }, { auth: 'app' });
		expect(unknown.error?.message).toBe('Category: Kick has no category with ID 999999');
	});
});
