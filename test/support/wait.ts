/**
 * The one way tests wait for something to happen. A test that proves something did NOT happen
 * does not wait: it sends a marker afterwards and waits for the marker (see the trigger suites).
 */

export interface WaitOptions {
	timeoutMs?: number;
	/** How often `check` runs. */
	everyMs?: number;
}

/**
 * Runs `check` until it gives a value other than undefined or false, and returns that value. On
 * timeout the error names what was awaited.
 */
export async function waitUntil<T>(
	what: string,
	check: () => T | undefined | false | Promise<T | undefined | false>,
	options: WaitOptions | number = {},
): Promise<T> {
	const { timeoutMs = 30_000, everyMs = 100 } = typeof options === 'number' ? { timeoutMs: options } : options;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}
