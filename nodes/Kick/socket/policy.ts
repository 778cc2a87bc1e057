/**
 * When to reconnect after the socket closed. Capped exponential backoff with jitter, so a
 * Kick or network outage never turns into a reconnect storm, and the Pusher close-code ranges
 * honored (see classifyCloseCode).
 */
import { classifyCloseCode } from './frames';

export interface ReconnectPolicy {
	/** First backoff delay (Pusher asks for at least 1 s on 4100–4199). */
	baseDelayMs: number;
	/** Longest wait between two attempts. */
	maxDelayMs: number;
	/** A connection that stayed up this long resets the backoff. */
	stableAfterMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
	baseDelayMs: 1000,
	maxDelayMs: 60_000,
	stableAfterMs: 30_000,
};

export type ReconnectDecision = { reconnect: false } | { reconnect: true; delayMs: number };

/**
 * The wait before the next attempt. `attempt` counts failures since the last stable connection
 * (0 = the connection that just closed had been stable); `random` is in [0, 1).
 */
export function reconnectDecision(code: number | null | undefined, attempt: number, policy: ReconnectPolicy, random: number): ReconnectDecision {
	const kind = classifyCloseCode(code);
	if (kind === 'fatal') return { reconnect: false };
	// "Reconnect immediately" — but not in a loop: a second quick 42xx backs off like any failure.
	if (kind === 'immediate' && attempt === 0) return { reconnect: true, delayMs: 0 };
	const exponent = Math.max(0, kind === 'immediate' ? attempt - 1 : attempt);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
	// Equal jitter: half fixed, half random, never below the base delay.
	const delayMs = Math.max(policy.baseDelayMs, Math.round(ceiling / 2 + (ceiling / 2) * random));
	return { reconnect: true, delayMs };
}
