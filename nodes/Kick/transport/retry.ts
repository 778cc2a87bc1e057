/**
 * When to retry a Kick request and how long to wait. Pure, so the rules are unit-tested apart
 * from HTTP. Kick publishes no rate-limit numbers and usually sends no rate-limit headers
 * (docs/kick-api.md §1.6), so headers are honored when present and exponential backoff with
 * jitter is the fallback.
 */
import { headerValue } from '../shared/headers';
import type { KickFailure } from './errorMessages';

export const DEFAULT_RETRY_POLICY = {
	/** Retries after the first attempt. */
	maxRetries: 5,
	/** First backoff step when Kick gives no hint. */
	baseDelayMs: 500,
	/** No single wait is longer than this. */
	maxDelayMs: 30_000,
};

/** Connection failures where the request never reached Kick, so even a POST may be resent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Connection failures where Kick may or may not have acted on the request. */
const MAYBE_SENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);

/**
 * Whether the failed attempt may be repeated. A 429 means Kick refused the request without
 * acting on it, so it is always safe. 5xx and dropped connections may have been acted on, so
 * only idempotent requests are repeated (a chat message must never be posted twice).
 */
export function isRetryable(attempt: KickFailure, idempotent: boolean): boolean {
	if (attempt.status === 429) return true;
	if (attempt.status !== undefined) {
		return idempotent && (attempt.status === 500 || attempt.status === 502 || attempt.status === 503 || attempt.status === 504);
	}
	if (attempt.networkCode && NOT_SENT_CODES.has(attempt.networkCode)) return true;
	if (attempt.networkCode && MAYBE_SENT_CODES.has(attempt.networkCode)) return idempotent;
	return false;
}

/** Milliseconds Kick asked us to wait, from Retry-After or X-RateLimit-Reset; undefined if neither. */
export function hintedDelayMs(headers: Record<string, unknown> | undefined, nowMs: number): number | undefined {
	const retryAfter = headerValue(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
	}
	const reset = headerValue(headers, 'x-ratelimit-reset');
	if (reset !== undefined) {
		const value = Number(reset);
		if (Number.isFinite(value)) {
			// Epoch seconds (or milliseconds) when large, otherwise seconds from now.
			if (value > 1e12) return Math.max(0, value - nowMs);
			if (value > 1e9) return Math.max(0, value * 1000 - nowMs);
			return Math.max(0, value * 1000);
		}
	}
	return undefined;
}

/**
 * How long to wait before retry number `retry` (1-based). A header hint wins; otherwise
 * "full jitter" exponential backoff, which spreads out many workflows hitting the same limit.
 */
export function retryDelayMs(attempt: KickFailure, retry: number, nowMs = Date.now(), random = Math.random): number {
	const { maxDelayMs, baseDelayMs } = DEFAULT_RETRY_POLICY;
	const hinted = hintedDelayMs(attempt.headers, nowMs);
	if (hinted !== undefined) return Math.min(hinted, maxDelayMs);
	const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
