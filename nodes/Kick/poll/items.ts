/**
 * The Polling Trigger's changes as copies of their events for the shared decide step
 * (../events/decide.ts), with `source: 'poll'`. Pure.
 */
import type { EventCopy } from '../events/decide';
import { KICK_EVENT_VERSION } from '../shared/kick.constants';
import type { Json } from '../shared/json';
import { parseKickTimestamp } from '../shared/time';
import type { LeaderboardChange } from './bodies';
import type { PollChange } from './diff';
import { LEADERBOARD_EVENT } from './pollingTriggerParameters';

/** A change as a copy of its event, seen at `observedAt`. */
export function pollCopy(change: PollChange, observedAt: number, extra?: Json): EventCopy {
	return {
		source: 'poll',
		event: change.event,
		body: change.body,
		messageId: change.messageId,
		version: KICK_EVENT_VERSION,
		subscriptionId: null,
		kickTimestamp: change.kickTimestamp,
		kickTimestampMs: parseKickTimestamp(change.kickTimestamp) ?? observedAt,
		receivedAt: observedAt,
		extra,
	};
}

/**
 * Minimum KICKs Amount for the leaderboard: a change keeps only the moves of at least the
 * minimum, and goes when none is left (Kick's own events are filtered by the decide step).
 */
export function withMinimumKicks(changes: PollChange[], minimum: number | undefined): PollChange[] {
	if (!minimum) return changes;
	return changes.flatMap((change) => {
		if (change.event !== LEADERBOARD_EVENT) return [change];
		const all = (change.body.changes as LeaderboardChange[] | undefined) ?? [];
		const moves = all.filter((move) => (move.amount_change ?? move.gifted_amount) >= minimum);
		if (moves.length === 0) return [];
		const known = moves.map((move) => move.amount_change).filter((amount): amount is number => amount !== null);
		const total = known.length === moves.length ? known.reduce((sum, amount) => sum + amount, 0) : null;
		return [{ ...change, body: { ...change.body, changes: moves, total_amount_change: total } }];
	});
}
