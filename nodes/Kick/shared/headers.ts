/** Reading HTTP headers: incoming webhook requests and Kick's answers. One rule for both. */

export type HeaderBag = Readonly<Record<string, unknown>>;

/**
 * One header's value as a string (the first one if it was repeated), or undefined when absent
 * or empty. Names are compared without case; Node gives incoming names in lowercase, so a
 * lowercase `name` is found without a scan.
 */
export function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	let value = headers[name];
	if (value === undefined) {
		const wanted = name.toLowerCase();
		for (const key of Object.keys(headers)) {
			if (key.toLowerCase() === wanted) {
				value = headers[key];
				break;
			}
		}
	}
	const first = Array.isArray(value) ? (value[0] as unknown) : value;
	if (first === undefined || first === null) return undefined;
	const text = String(first);
	return text === '' ? undefined : text;
}

/** The host of a URL (no path, no query) for messages; `fallback` when it is not a URL. */
export function hostOf(url: string, fallback = url): string {
	try {
		return new URL(url).host;
	} catch {
		return fallback;
	}
}
