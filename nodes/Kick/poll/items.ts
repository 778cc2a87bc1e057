/**
 * Changes → output items: the shared filters decide (the same rules as the Kick Trigger's,
 * on the same webhook-shaped bodies), the shared normalizer builds the item with
 * `source: 'poll'`. Pure.
 */
import type { IDataObject } from 'n8n-workflow';

import { compileFilters, rejectParsed } from '../events/filters';
import { crossSourceEventId } from '../events/identity';
import { normalizeEvent } from '../events/normalize';
import { KICK_EVENT_VERSION, type KickEventType } from '../shared/kick.constants';
import { parseKickTimestamp } from '../shared/time';
import type { LeaderboardChange } from './bodies';
import type { PollChange } from './diff';
import { isOfficialEvent, LEADERBOARD_EVENT } from './events';
import type { PollSettings } from './settings';
import type { Json } from '../shared/json';


function leaderboardSummary(body: Json): string {
	const changes = (body.changes as LeaderboardChange[] | undefined) ?? [];
	const parts = changes.map((change) => {
		const amount = change.amount_change === null ? `is new on the list with ${change.gifted_amount} KICKs` : `gifted ${change.amount_change} KICKs`;
		const rank = change.previous_rank === null || change.previous_rank === change.rank ? `#${change.rank}` : `#${change.rank}, was #${change.previous_rank}`;
		return `${change.username || 'Someone'} ${amount} (now ${rank})`;
	});
	return `KICKs leaderboard (${String(body.period)}): ${parts.join('; ') || 'no change'}`;
}

/** The output item for one change, shaped like the Kick Trigger's. */
export function pollItem(change: PollChange, receivedAt: number, extra: Json = {}): IDataObject {
	const kickTimestampMs = parseKickTimestamp(change.kickTimestamp);
	const item = normalizeEvent(change.body, {
		// The leaderboard is not one of Kick's webhook events: normalizeEvent then adds the
		// envelope and the body as they are, and the summary is set here.
		event: change.event as KickEventType,
		source: 'poll',
		version: KICK_EVENT_VERSION,
		messageId: change.messageId,
		// The id the other Kick triggers give the same event (a stream's start, a redemption).
		eventId: crossSourceEventId(change.event, change.body),
		subscriptionId: null,
		kickTimestamp: change.kickTimestamp,
		kickTimestampMs,
		receivedAt,
	});
	if (change.event === LEADERBOARD_EVENT) {
		item.summary = leaderboardSummary(change.body);
		item.kicksAmount = change.body.total_amount_change ?? null;
	}
	return { ...item, ...extra } as IDataObject;
}

/** Keeps only the leaderboard moves of at least the minimum KICKs amount; undefined when none is left. */
function leaderboardAfterMinimum(body: Json, minimum: number | undefined): Json | undefined {
	if (!minimum) return body;
	const changes = ((body.changes as LeaderboardChange[] | undefined) ?? []).filter(
		(change) => (change.amount_change ?? change.gifted_amount) >= minimum,
	);
	if (changes.length === 0) return undefined;
	const known = changes.map((change) => change.amount_change).filter((amount): amount is number => amount !== null);
	return { ...body, changes, total_amount_change: known.length === changes.length ? known.reduce((sum, amount) => sum + amount, 0) : null };
}

/** The changes that pass the trigger's filters (a leaderboard change keeps only the moves that pass). */
export function filterChanges(changes: PollChange[], settings: PollSettings): PollChange[] {
	const official = settings.events.filter(isOfficialEvent);
	const filters = compileFilters({ ...settings.filters, events: official });
	const kept: PollChange[] = [];
	for (const change of changes) {
		if (isOfficialEvent(change.event)) {
			if (!rejectParsed(change.event, change.body, filters)) kept.push(change);
			continue;
		}
		const body = leaderboardAfterMinimum(change.body, settings.filters.minKicksAmount);
		if (body) kept.push({ ...change, body });
	}
	return kept;
}
