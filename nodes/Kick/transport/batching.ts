/**
 * Kick's lookups take up to 50 ids (or slugs) per call. When many input items ask for users,
 * channels or livestreams, the node collects every distinct key, fetches them in the fewest
 * calls, and then answers each item from the combined result.
 */

export function chunk<T>(values: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
	return chunks;
}

/**
 * Fetches every distinct key once, `size` keys per call (calls run one after another so a
 * rate limit hits one request, not a burst). Returns results by key; keys Kick did not return
 * are absent (Kick answers unknown ids with a shorter list, not an error).
 */
export async function batchedLookup<K extends string | number, R>(
	keys: readonly K[],
	size: number,
	fetchChunk: (chunkKeys: K[]) => Promise<R[]>,
	keyOf: (result: R) => K | undefined,
): Promise<Map<K, R>> {
	const distinct = [...new Set(keys)];
	const found = new Map<K, R>();
	for (const part of chunk(distinct, size)) {
		for (const result of await fetchChunk(part)) {
			const key = keyOf(result);
			if (key !== undefined) found.set(key, result);
		}
	}
	return found;
}

/**
 * Wraps a chunk fetcher for lookups where one unknown key may make Kick reject the whole call
 * (docs/kick-api.md §4.2, §11.2: unknown slugs give either a shorter 200 or a 400 for the batch). A
 * rejected chunk is split in halves until the bad keys are isolated, so one bad slug among 50
 * costs about 2·log2(50) ≈ 12 extra calls instead of 50; a single rejected key yields no
 * results ("not found"). Other failures pass through unchanged (they are already n8n errors).
 */
export function splitOnRejection<K, R>(
	fetchChunk: (keys: K[]) => Promise<R[]>,
	isRejection: (error: unknown) => boolean,
): (keys: K[]) => Promise<R[]> {
	const fetchPart = async (keys: K[]): Promise<R[]> => {
		const outcome = await fetchChunk(keys).then(
			(results) => ({ results, error: undefined }),
			(error: unknown) => ({ results: undefined, error }),
		);
		if (outcome.results) return outcome.results;
		if (!isRejection(outcome.error)) throw outcome.error;
		if (keys.length <= 1) return [];
		const middle = Math.ceil(keys.length / 2);
		return [...(await fetchPart(keys.slice(0, middle))), ...(await fetchPart(keys.slice(middle)))];
	};
	return fetchPart;
}
