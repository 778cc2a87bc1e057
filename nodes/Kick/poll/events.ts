/**
 * The events the polling trigger reports. Three are Kick's own webhook events seen by
 * comparing two polls, and keep their names; the KICKs leaderboard has no webhook event, so
 * its name follows the same dotted style and lives only here.
 */
import { EVENT_OPTIONS } from '../events/names';
import type { KickEventType } from '../shared/kick.constants';

export const LEADERBOARD_EVENT = 'kicks.leaderboard.updated';

export const POLL_EVENTS = [
	'livestream.status.updated',
	'livestream.metadata.updated',
	'channel.reward.redemption.updated',
	LEADERBOARD_EVENT,
] as const;
export type PollEventType = (typeof POLL_EVENTS)[number];
export type OfficialPollEvent = Extract<PollEventType, KickEventType>;

/** Events only the connected account can see: they need a user token (Kick OAuth2 API). */
export const USER_ONLY_EVENTS: readonly PollEventType[] = ['channel.reward.redemption.updated', LEADERBOARD_EVENT];

export function isPollEvent(value: unknown): value is PollEventType {
	return (POLL_EVENTS as readonly unknown[]).includes(value);
}

export function isOfficialEvent(event: PollEventType): event is OfficialPollEvent {
	return event !== LEADERBOARD_EVENT;
}

export const POLL_EVENT_OPTIONS: Record<PollEventType, { name: string; description: string }> = {
	'livestream.status.updated': EVENT_OPTIONS['livestream.status.updated'],
	'livestream.metadata.updated': { name: 'Stream Info Changed', description: 'The stream title or category changed' },
	'channel.reward.redemption.updated': {
		name: 'New Reward Redemption',
		description: 'Someone redeemed a channel points reward (each redemption once)',
	},
	[LEADERBOARD_EVENT]: {
		name: 'KICKs Leaderboard Changed',
		description: "Someone gifted KICKs and moved on the channel's KICKs leaderboard",
	},
};
