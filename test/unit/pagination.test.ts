import type { IDataObject } from 'n8n-workflow';

import { readClaimsPage } from '../../nodes/Kick/actions/drops/getClaims.operation';
import { flattenRedemptionPage } from '../../nodes/Kick/client/redemptions';
import { kickApiRequestPages, readStandardPage } from '../../nodes/Kick/transport';
import claims from './fixtures/get-drops-claims.json';
import redemptions from './fixtures/get-channel-reward-redemptions.json';
import { fakeN8nContext } from '../support/n8nContext';

/** A cursor-paginated list of `total` items served `limit` (or `defaultSize`) at a time. */
function pagedServer(total: number, defaultSize = 25) {
	return (call: { qs?: Record<string, unknown> }) => {
		const offset = call.qs?.cursor ? Number(String(call.qs.cursor).slice(1)) : 0;
		const size = Number(call.qs?.limit ?? defaultSize);
		const data = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => ({ id: offset + i }));
		const end = offset + data.length;
		return { data, message: 'OK', pagination: { next_cursor: end < total ? `c${end}` : '' } };
	};
}

const request = { method: 'GET' as const, path: '/public/v2/categories', credentialType: 'kickAppOAuth2Api' as const };
const credentials = { useCustomEndpoints: true, apiBaseUrl: 'http://kick.test' };

describe('kickApiRequestPages', () => {
	it('Return All over K pages costs K requests, at the largest page size', async () => {
		const { context, calls } = fakeN8nContext({ forExecute: true, credentials, respond: pagedServer(2500) });
		const items = await kickApiRequestPages.call(context, request, { returnAll: true, limit: 0, pageSize: { param: 'limit', max: 1000 } });
		expect(items).toHaveLength(2500);
		expect(calls).toHaveLength(3);
		expect(calls.map((call) => call.qs?.limit)).toEqual([1000, 1000, 1000]);
		expect(calls.map((call) => call.qs?.cursor)).toEqual([undefined, 'c1000', 'c2000']);
		expect(calls[0].url).toBe('http://kick.test/public/v2/categories');
	});

	it('Limit asks for exactly what it still needs', async () => {
		const { context, calls } = fakeN8nContext({ forExecute: true, credentials, respond: pagedServer(2500) });
		const items = await kickApiRequestPages.call(context, request, { returnAll: false, limit: 1200, pageSize: { param: 'limit', max: 1000 } });
		expect(items).toHaveLength(1200);
		expect(calls.map((call) => call.qs?.limit)).toEqual([1000, 200]);
	});

	it('without a page-size parameter, stops once the limit is reached', async () => {
		const { context, calls } = fakeN8nContext({ forExecute: true, credentials, respond: pagedServer(100, 25) });
		const items = await kickApiRequestPages.call(context, request, { returnAll: false, limit: 30 });
		expect(items).toHaveLength(30);
		expect(calls).toHaveLength(2);
	});

	it('ends on an empty cursor, a missing pagination or a repeated cursor', async () => {
		const repeating = fakeN8nContext({ forExecute: true, credentials, respond: () => ({ data: [{ id: 1 }], pagination: { next_cursor: 'same' } }) });
		expect(await kickApiRequestPages.call(repeating.context, request, { returnAll: true, limit: 0 })).toHaveLength(2);
		expect(repeating.calls).toHaveLength(2);
		const single = fakeN8nContext({ forExecute: true, credentials, respond: () => ({ data: [{ id: 1 }] }) });
		expect(await kickApiRequestPages.call(single.context, request, { returnAll: true, limit: 0 })).toHaveLength(1);
	});

	it('readStandardPage', () => {
		expect(readStandardPage({ data: [{ a: 1 }], pagination: { next_cursor: '' } })).toEqual({ items: [{ a: 1 }], nextCursor: undefined });
		expect(readStandardPage({ data: {} as IDataObject })).toEqual({ items: [], nextCursor: undefined });
	});
});

describe('page readers of the odd endpoints', () => {
	it('drops claims: the cursor lives in data.cursor; a short page ends the list', () => {
		expect(readClaimsPage(claims as unknown as IDataObject, 1)).toEqual({
			items: claims.data.claims,
			nextCursor: '01KKQ5T1R0444QM40YSQ6ESQ65',
		});
		expect(readClaimsPage(claims as unknown as IDataObject, 50).nextCursor).toBeUndefined();
	});

	it('redemptions: one item per redemption, with its reward and the redeemer id', () => {
		const page = flattenRedemptionPage(redemptions as unknown as IDataObject);
		expect(page.items).toHaveLength(2);
		expect(page.items[0]).toMatchObject({ id: '01KKPX9C58JEE64HKY8R8JR1RB', redeemer_user_id: 88412009, reward: { title: 'Pick the next map' } });
		expect(page.nextCursor).toBeUndefined();
		const minority = flattenRedemptionPage({ data: [{ reward: {}, redemptions: [{ id: 'x', redeemer: { broadcaster_user_id: 5 } }] }] });
		expect(minority.items[0].redeemer_user_id).toBe(5);
	});
});
