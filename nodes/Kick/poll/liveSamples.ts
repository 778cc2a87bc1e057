/**
 * "Fetch Test Event" in the editor: one item per selected event, built from what Kick shows
 * right now (the first live channel, else the first channel; the newest redemption; the
 * current leaderboard), shaped exactly like a real event and marked `isSample: true`. Pure.
 */
import { leaderboardBody, metadataBody, redemptionBody, slimUser, streamStatusBody } from './bodies';
import { isoSeconds } from '../shared/time';
import type { PollChange } from './diff';
import { LEADERBOARD_EVENT, type PollEventType } from './pollingTriggerParameters';
import type { ChannelState, PollSnapshot } from './state';

export function sampleChanges(snapshot: PollSnapshot, events: readonly PollEventType[]): PollChange[] {
	const observedIso = isoSeconds(snapshot.observedAt);
	const channels: ChannelState[] = snapshot.channels.map((channel) => ({
		...channel,
		identity: snapshot.identities.get(channel.broadcasterUserId) ?? null,
		peakViewerCount: channel.viewerCount,
		metadataChanges: 0,
	}));
	const channel = channels.find((candidate) => candidate.live) ?? channels[0];
	const own = snapshot.ownBroadcasterUserId;
	const ownChannel = channels.find((candidate) => candidate.broadcasterUserId === own);
	const broadcaster = slimUser(own ?? null, ownChannel?.slug ?? null, ownChannel?.identity ?? null);
	const sample = (event: PollEventType, body: Record<string, unknown>, broadcasterUserId: number, kickTimestamp = observedIso): PollChange => ({
		event,
		body,
		messageId: `sample:${event}:${broadcasterUserId}`,
		kickTimestamp,
	});

	const changes: PollChange[] = [];
	for (const event of events) {
		if (event === 'livestream.status.updated' && channel) {
			changes.push(sample(event, streamStatusBody(channel, channel.live ? null : observedIso), channel.broadcasterUserId));
		} else if (event === 'livestream.metadata.updated' && channel) {
			changes.push(sample(event, metadataBody(channel, channel), channel.broadcasterUserId));
		} else if (event === 'channel.reward.redemption.updated' && own !== undefined) {
			const newest = [...(snapshot.redemptions?.items ?? [])].sort((a, b) => b.redeemedAt.localeCompare(a.redeemedAt))[0];
			if (newest) changes.push(sample(event, redemptionBody(newest, broadcaster), own, newest.redeemedAt || observedIso));
		} else if (event === LEADERBOARD_EVENT && own !== undefined && snapshot.leaderboard) {
			const { entries, period } = snapshot.leaderboard;
			// The top gifter as a move, so the sample shows the shape of `changes`.
			const top = entries[0];
			const moves = top
				? [{ user_id: top.user_id, username: top.username, rank: top.rank, previous_rank: null, gifted_amount: top.gifted_amount, previous_gifted_amount: null, amount_change: null }]
				: [];
			changes.push(sample(event, leaderboardBody(broadcaster, period, moves, entries, new Map()), own));
		}
	}
	return changes;
}
