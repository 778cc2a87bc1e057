/**
 * Replay window on `Kick-Event-Message-Timestamp` (RFC 3339, UTC, second precision, e.g.
 * `2025-05-22T18:41:33Z`). A valid signature only proves Kick sent the bytes once, so a
 * delivery older than the window (or further in the future than the window, i.e. a clock far
 * off) is refused. The window is symmetric: the message-id memory lasts twice the window,
 * which covers every accepted timestamp.
 */

export const DEFAULT_MAX_EVENT_AGE_SECONDS = 300;

import { parseKickTimestamp } from '../shared/time';

export { parseKickTimestamp };

export type FreshnessResult =
	| { ok: true; timestampMs: number | undefined }
	| { ok: false; reason: 'bad-timestamp' | 'stale' | 'future' };

/**
 * Checks the delivery time against `nowMs`. `maxAgeSeconds` 0 turns the check off (the
 * timestamp is still parsed when possible, for the output's delay).
 */
export function checkFreshness(timestamp: string, nowMs: number, maxAgeSeconds: number): FreshnessResult {
	const timestampMs = parseKickTimestamp(timestamp);
	if (!(maxAgeSeconds > 0)) return { ok: true, timestampMs };
	if (timestampMs === undefined) return { ok: false, reason: 'bad-timestamp' };
	const windowMs = maxAgeSeconds * 1000;
	if (nowMs - timestampMs > windowMs) return { ok: false, reason: 'stale' };
	if (timestampMs - nowMs > windowMs) return { ok: false, reason: 'future' };
	return { ok: true, timestampMs };
}
