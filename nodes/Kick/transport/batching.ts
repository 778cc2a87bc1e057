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
