import { DEFAULT_RETRY_POLICY, hintedDelayMs, isRetryable, retryDelayMs } from '../../nodes/Kick/transport';

describe('isRetryable', () => {
	it('always retries 429: Kick did not act on the request', () => {
		expect(isRetryable({ status: 429 }, false)).toBe(true);
		expect(isRetryable({ status: 429 }, true)).toBe(true);
	});

	it('retries 5xx only for idempotent requests (never a chat POST)', () => {
		for (const status of [500, 502, 503, 504]) {
			expect(isRetryable({ status }, true)).toBe(true);
			expect(isRetryable({ status }, false)).toBe(false);
		}
		expect(isRetryable({ status: 501 }, true)).toBe(false);
	});

	it('never retries client errors', () => {
		for (const status of [400, 401, 403, 404]) expect(isRetryable({ status }, true)).toBe(false);
	});

	it('retries connections that never reached Kick, and dropped ones only when idempotent', () => {
		expect(isRetryable({ networkCode: 'ECONNREFUSED' }, false)).toBe(true);
		expect(isRetryable({ networkCode: 'ECONNRESET' }, false)).toBe(false);
		expect(isRetryable({ networkCode: 'ECONNRESET' }, true)).toBe(true);
		expect(isRetryable({ networkCode: 'EWHATEVER' }, true)).toBe(false);
	});
});

describe('delays', () => {
	const now = Date.parse('2026-03-14T19:00:00Z');

	it('honors Retry-After in seconds and as a date', () => {
		expect(hintedDelayMs({ 'Retry-After': '3' }, now)).toBe(3000);
		expect(hintedDelayMs({ 'retry-after': 'Sat, 14 Mar 2026 19:00:05 GMT' }, now)).toBe(5000);
	});

	it('honors X-RateLimit-Reset as epoch seconds, epoch ms or seconds from now', () => {
		expect(hintedDelayMs({ 'x-ratelimit-reset': String(now / 1000 + 7) }, now)).toBe(7000);
		expect(hintedDelayMs({ 'X-RateLimit-Reset': String(now + 2500) }, now)).toBe(2500);
		expect(hintedDelayMs({ 'x-ratelimit-reset': '4' }, now)).toBe(4000);
		expect(hintedDelayMs({}, now)).toBeUndefined();
	});

	it('a header hint wins, capped by the policy', () => {
		expect(retryDelayMs({ status: 429, headers: { 'retry-after': '2' } }, 1, now)).toBe(2000);
		expect(retryDelayMs({ status: 429, headers: { 'retry-after': '3600' } }, 1, now)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
	});

	it('without a hint: exponential backoff with jitter between half and all of the step, bounded', () => {
		const policy = DEFAULT_RETRY_POLICY;
		expect(retryDelayMs({ status: 429 }, 1, now, () => 0)).toBe(250);
		expect(retryDelayMs({ status: 429 }, 1, now, () => 1)).toBe(500);
		expect(retryDelayMs({ status: 429 }, 3, now, () => 1)).toBe(2000);
		expect(retryDelayMs({ status: 429 }, 20, now, () => 1)).toBe(30_000);
		for (let retry = 1; retry <= 6; retry++) {
			const delay = retryDelayMs({ status: 503 }, retry, now);
			const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
			expect(delay).toBeGreaterThanOrEqual(step / 2);
			expect(delay).toBeLessThanOrEqual(step);
		}
	});
});
