import { NodeApiError } from 'n8n-workflow';

import { batchedLookup, chunk, splitOnRejection } from '../../nodes/Kick/transport';
import { KICK_NODE as NODE } from '../support/n8nContext';

describe('chunk', () => {
	it('splits into parts of at most size', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 50)).toEqual([]);
	});
});

describe('batchedLookup', () => {
	it.each([
		[1, 1],
		[50, 1],
		[51, 2],
		[1000, 20],
	])('%i distinct ids → %i calls of at most 50', async (n, expectedCalls) => {
		const ids = Array.from({ length: n }, (_, i) => i + 1);
		const calls: number[][] = [];
		const found = await batchedLookup(
			ids,
			50,
			async (part) => {
				calls.push(part);
				return part.map((id) => ({ id }));
			},
			(result) => result.id,
		);
		expect(calls).toHaveLength(expectedCalls);
		expect(calls.every((part) => part.length <= 50)).toBe(true);
		expect(found.size).toBe(n);
	});

	it('asks for each distinct key once', async () => {
		const calls: number[][] = [];
		await batchedLookup([1, 1, 2, 2, 3], 50, async (part) => (calls.push(part), []), () => undefined);
		expect(calls).toEqual([[1, 2, 3]]);
	});

	it('leaves out keys Kick did not return', async () => {
		const found = await batchedLookup([1, 2], 50, async () => [{ id: 2 }], (result) => result.id);
		expect([...found.keys()]).toEqual([2]);
	});
});

describe('splitOnRejection', () => {
	const badRequest = () => new NodeApiError(NODE, { status: 400 }, { httpCode: '400', message: 'bad' });
	const isBad = (error: unknown) => error instanceof NodeApiError && error.httpCode === '400';

	it('isolates an unknown key in about log2(n) extra calls and keeps the rest', async () => {
		const keys = Array.from({ length: 50 }, (_, i) => `slug${i}`);
		const calls: string[][] = [];
		const fetch = splitOnRejection(async (part: string[]) => {
			calls.push(part);
			if (part.includes('slug17')) throw badRequest();
			return part.map((slug) => ({ slug }));
		}, isBad);
		const results = await fetch(keys);
		expect(results.map((r) => r.slug).sort()).toEqual(keys.filter((k) => k !== 'slug17').sort());
		expect(calls.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(50)));
	});

	it('passes other errors through unchanged', async () => {
		const other = new NodeApiError(NODE, { status: 500 }, { httpCode: '500', message: 'down' });
		const fetch = splitOnRejection(async () => {
			throw other;
		}, isBad);
		await expect(fetch(['a', 'b'])).rejects.toBe(other);
	});
});
