/**
 * Compares what the previous poll saw with what this poll sees and turns the differences into
 * events. Pure: the same state and snapshot always give the same events, message ids
 * included, so a change that is seen again (for example after n8n restarted before it could
 * save) is recognizably the same event.
 *
 * - Anything seen for the first time (no state yet, a new channel, redemptions or the
 *   leaderboard just switched on) is only recorded: no flood of events for what was already
 *   there.
 * - Stream status: offline → live is "went live"; live → offline is "ended" (ended_at is when
 *   the poll noticed, at most one poll interval late); a live stream with another start time
 *   than before is "ended" for the old one and "went live" for the new one. A stream that
 *   started and ended between two polls is reported as both only when Kick shows its start
 *   time on the offline channel, after the previous poll; Kick's API shows no start time for
 *   offline channels today, so such a stream is not reported.
 * - Title or category: reported as a metadata change, except in a poll that reports the
 *   stream going live or ending (that event carries the new title and category already).
 * - Redemptions: each redemption once, the first time a poll lists it.
 * - KICKs leaderboard: one event when gifters' amounts grew (or a gifter appeared); lower
 *   amounts (a new week or month) are only recorded.
 */
import { createHash } from 'node:crypto';

import type { EventCopy } from '../events/decide';
import { SeenMemory } from '../events/memory';
import { KICK_EVENT_VERSION } from '../shared/kick.constants';
import { isoSeconds, parseKickTimestamp } from '../shared/time';
import { leaderboardBody, metadataBody, redemptionBody, slimUser, streamStatusBody, type LeaderboardChange } from './bodies';
import { LEADERBOARD_EVENT, type PollEventType } from './pollingTriggerParameters';
import {
	MAX_SEEN_REDEMPTIONS,
	STATE_VERSION,
	type ChannelSnapshot,
	type ChannelState,
	type Identity,
	type LeaderboardState,
	type PollSnapshot,
	type PollState,
	type RedemptionState,
} from './state';
import type { Json } from '../shared/json';

export interface PollChange {
	event: PollEventType;
	body: Json;
	/** Stable: derived from the change itself. */
	messageId: string;
	/** When Kick says it happened (RFC 3339) when it says so, else when the poll saw it. */
	kickTimestamp: string;
}

/** A change as a copy of its event for the shared decide step (../events/decide.ts), seen at `observedAt`. */
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

function shortHash(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
}

/** A change whose message id is `poll:<event>:<idParts>`. */
function pollChange(event: PollEventType, body: Json, kickTimestamp: string, idParts: Array<string | number>): PollChange {
	return { event, body, messageId: ['poll', event, ...idParts].join(':'), kickTimestamp };
}

/** Kick's time when it reads as one, else when the poll saw it. */
function kickTimeOr(kickTime: string | null, observedAt: number): string {
	return kickTime && parseKickTimestamp(kickTime) !== undefined ? kickTime : isoSeconds(observedAt);
}

function statusChange(channel: ChannelState, endedAt: string | null, observedAt: number): PollChange {
	const stream = channel.startedAt ?? `unknown-start-${isoSeconds(observedAt)}`;
	const idParts = [channel.broadcasterUserId, stream, endedAt === null ? 'online' : 'offline'];
	const kickTimestamp = endedAt ?? kickTimeOr(channel.startedAt, observedAt);
	return pollChange('livestream.status.updated', streamStatusBody(channel, endedAt), kickTimestamp, idParts);
}

/** One channel: its next state and the events between `previous` and `current`. */
function diffChannel(
	previous: ChannelState | undefined,
	current: ChannelSnapshot,
	identity: Identity | null,
	events: ReadonlySet<PollEventType>,
	observedAt: number,
	previousPollAt: number | undefined,
): { next: ChannelState; changes: PollChange[] } {
	const sameStream = previous !== undefined && previous.live && current.live && previous.startedAt === current.startedAt;
	const next: ChannelState = {
		...current,
		// Kick shows no start time for an offline channel: keep the last stream's.
		startedAt: current.startedAt ?? (current.live ? null : (previous?.startedAt ?? null)),
		identity,
		peakViewerCount: current.live
			? Math.max(current.viewerCount ?? 0, sameStream ? (previous.peakViewerCount ?? 0) : 0)
			: (previous?.peakViewerCount ?? null),
		metadataChanges: previous?.metadataChanges ?? 0,
	};
	if (!previous) return { next, changes: [] };

	const status: PollChange[] = [];
	const observedIso = isoSeconds(observedAt);
	if (previous.live && !sameStream) {
		// The stream the last poll saw has ended: now offline, or replaced by a newer stream
		// (then it ended before that one started).
		const nextStart = current.live ? parseKickTimestamp(current.startedAt) : undefined;
		const endedAt = nextStart !== undefined && nextStart < observedAt ? isoSeconds(nextStart) : observedIso;
		status.push(statusChange({ ...previous, identity }, endedAt, observedAt));
	}
	if (current.live && !sameStream) status.push(statusChange(next, null, observedAt));
	if (!previous.live && !current.live && current.startedAt !== null && current.startedAt !== previous.startedAt) {
		// Kick shows the start of a stream no poll saw live: it began after the previous poll
		// and has ended already.
		const started = parseKickTimestamp(current.startedAt);
		if (started !== undefined && previousPollAt !== undefined && started > previousPollAt) {
			const missed: ChannelState = { ...next, live: true, viewerCount: null, thumbnail: null, peakViewerCount: null };
			status.push(statusChange(missed, null, observedAt), statusChange(missed, observedIso, observedAt));
		}
	}
	const changes = events.has('livestream.status.updated') ? status : [];

	const metadataChanged = previous.title !== current.title || (previous.category?.id ?? null) !== (current.category?.id ?? null);
	if (metadataChanged) {
		next.metadataChanges = previous.metadataChanges + 1;
		if (events.has('livestream.metadata.updated') && changes.length === 0) {
			const body = metadataBody({ ...previous, identity }, next);
			const hash = shortHash([previous.title, previous.category?.id ?? null, current.title, current.category?.id ?? null]);
			const idParts = [current.broadcasterUserId, next.metadataChanges, hash];
			changes.push(pollChange('livestream.metadata.updated', body, observedIso, idParts));
		}
	}
	return { next, changes };
}

/**
 * New redemptions since the last poll, and the ids to remember (../events/memory.ts, by
 * redemption time): the newest MAX_SEEN_REDEMPTIONS; anything at or before the floor counts as seen.
 */
function diffRedemptions(
	previous: RedemptionState | undefined,
	listed: NonNullable<PollSnapshot['redemptions']>,
	broadcasterUserId: number,
	broadcaster: Json,
	observedAt: number,
): { next: RedemptionState; changes: PollChange[] } {
	const timed = listed.items
		.map((redemption) => ({ redemption, ms: parseKickTimestamp(redemption.redeemedAt) ?? observedAt }))
		.sort((a, b) => a.ms - b.ms || a.redemption.id.localeCompare(b.redemption.id));
	const continues = previous !== undefined && previous.broadcasterUserId === broadcasterUserId && previous.statuses === listed.statuses;
	const memory = new SeenMemory({ horizonMs: Number.POSITIVE_INFINITY, maxEntries: MAX_SEEN_REDEMPTIONS });
	if (continues && typeof previous.seen === 'string') memory.merge(previous.seen, observedAt);
	else if (continues && previous.seen) {
		// The form earlier versions stored: an id → time map and a floor.
		memory.raiseFloor(previous.floorMs ?? Number.NEGATIVE_INFINITY);
		for (const [id, ms] of Object.entries(previous.seen)) memory.add(id, ms, observedAt);
	}
	const changes: PollChange[] = [];
	for (const { redemption, ms } of timed) {
		if (memory.has(redemption.id)) continue;
		if (continues && memory.judge(ms, Number.POSITIVE_INFINITY, observedAt) === 'ok') {
			const body = redemptionBody(redemption, broadcaster);
			const kickTimestamp = kickTimeOr(redemption.redeemedAt, observedAt);
			changes.push(pollChange('channel.reward.redemption.updated', body, kickTimestamp, [redemption.id]));
		}
		memory.add(redemption.id, ms, observedAt);
	}
	return { next: { broadcasterUserId, statuses: listed.statuses, seen: memory.serialize(MAX_SEEN_REDEMPTIONS, observedAt) }, changes };
}

/**
 * Gifters whose amount grew (or who appeared) since the last poll, those of at least
 * `minKicksAmount` (Minimum KICKs Amount; Kick's own events are filtered by the decide step).
 */
function diffLeaderboard(
	previous: LeaderboardState | undefined,
	current: NonNullable<PollSnapshot['leaderboard']>,
	broadcasterUserId: number,
	broadcaster: Json,
	observedAt: number,
	minKicksAmount: number | undefined,
): { next: LeaderboardState; changes: PollChange[] } {
	const entries = current.entries.map((entry) => ({ ...entry }));
	const next: LeaderboardState = { broadcasterUserId, period: current.period, size: current.size, entries };
	const continues =
		previous !== undefined && previous.broadcasterUserId === broadcasterUserId && previous.period === current.period && previous.size === current.size;
	if (!continues) return { next, changes: [] };

	const before = new Map(previous.entries.map((entry) => [entry.user_id, entry]));
	// A gifter not on a full list may have had up to the lowest listed amount before.
	const wasFull = previous.entries.length >= previous.size;
	const moved: LeaderboardChange[] = [];
	for (const entry of entries) {
		const old = before.get(entry.user_id);
		if (old && entry.gifted_amount <= old.gifted_amount) continue;
		const previousAmount = old ? old.gifted_amount : wasFull ? null : 0;
		moved.push({
			user_id: entry.user_id,
			username: entry.username,
			rank: entry.rank,
			previous_rank: old?.rank ?? null,
			gifted_amount: entry.gifted_amount,
			previous_gifted_amount: previousAmount,
			amount_change: previousAmount === null ? null : entry.gifted_amount - previousAmount,
		});
	}
	moved.sort((a, b) => (b.amount_change ?? b.gifted_amount) - (a.amount_change ?? a.gifted_amount) || a.rank - b.rank);
	const kept = moved.filter((move) => !minKicksAmount || (move.amount_change ?? move.gifted_amount) >= minKicksAmount);
	if (kept.length === 0) return { next, changes: [] };
	const previousRanks = new Map(previous.entries.map((entry) => [entry.user_id, entry.rank]));
	const body = leaderboardBody(broadcaster, current.period, kept, entries, previousRanks);
	// The id names every move, also those under the minimum: the same change keeps its id.
	const idParts = [broadcasterUserId, current.period, shortHash(moved.map((change) => [change.user_id, change.gifted_amount]))];
	return { next, changes: [pollChange(LEADERBOARD_EVENT, body, isoSeconds(observedAt), idParts)] };
}

/**
 * The whole poll: channels first (in the order they are configured), then redemptions (oldest
 * first), then the leaderboard. `previous` undefined = the first poll: record only.
 */
export function diffPoll(
	previous: PollState | undefined,
	snapshot: PollSnapshot,
	events: ReadonlySet<PollEventType>,
	minKicksAmount?: number,
): { changes: PollChange[]; next: PollState } {
	const { observedAt } = snapshot;
	const next: PollState = { version: STATE_VERSION, observedAt, channels: {}, slugs: { ...snapshot.slugs } };
	const changes: PollChange[] = [];

	for (const channel of snapshot.channels) {
		const key = String(channel.broadcasterUserId);
		const prior = previous?.channels[key];
		const identity = snapshot.identities.get(channel.broadcasterUserId) ?? prior?.identity ?? null;
		const result = diffChannel(prior, channel, identity, events, observedAt, previous?.observedAt);
		next.channels[key] = result.next;
		changes.push(...result.changes);
	}
	for (const id of snapshot.missingBroadcasterUserIds) {
		const prior = previous?.channels[String(id)];
		if (prior) next.channels[String(id)] = prior;
	}

	const own = snapshot.ownBroadcasterUserId;
	if (own !== undefined) {
		const channel = next.channels[String(own)];
		const broadcaster = slimUser(own, channel?.slug ?? null, channel?.identity ?? null);
		if (snapshot.redemptions) {
			const result = diffRedemptions(previous?.redemptions, snapshot.redemptions, own, broadcaster, observedAt);
			next.redemptions = result.next;
			changes.push(...result.changes);
		}
		if (snapshot.leaderboard) {
			const result = diffLeaderboard(previous?.leaderboard, snapshot.leaderboard, own, broadcaster, observedAt, minKicksAmount);
			next.leaderboard = result.next;
			changes.push(...result.changes);
		}
	}
	return { changes, next };
}
