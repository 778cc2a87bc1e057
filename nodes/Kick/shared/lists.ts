/** Reading lists users type into one field. One rule each, for every node. */

/**
 * Values separated by commas or new lines (spaces inside a value are kept: reward titles,
 * usernames, tags), trimmed, empty ones left out; an array's entries are read the same way.
 */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(splitList);
	if (value === undefined || value === null) return [];
	return String(value)
		.split(/[,\n]+/)
		.map((part) => part.trim())
		.filter(Boolean);
}

/** Tokens separated by commas or any white space (ids, slugs: they have no spaces). */
export function splitTokens(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(splitTokens);
	if (value === undefined || value === null) return [];
	return String(value)
		.split(/[\s,]+/)
		.map((part) => part.trim())
		.filter(Boolean);
}
