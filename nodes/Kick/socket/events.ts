/**
 * The events the Kick Chat Trigger emits. Where the live socket sees what an official webhook
 * event describes, the item carries the official name (see ../events/names); the socket's own
 * events get names in the same dotted style here.
 */
import { EVENT_OPTIONS } from '../events/names';
import type { KickEventType } from '../shared/kick.constants';

/** Official events the socket can see (all but livestream.metadata.updated, which is on a private channel). */
export const SOCKET_OFFICIAL_EVENTS = [
	'chat.message.sent',
	'channel.followed',
	'channel.subscription.new',
	'channel.subscription.renewal',
	'channel.subscription.gifts',
	'channel.reward.redemption.updated',
	'livestream.status.updated',
	'moderation.banned',
	'kicks.gifted',
] as const satisfies readonly KickEventType[];

export const SOCKET_ONLY_EVENT_OPTIONS = {
	'chat.message.deleted': { name: 'Message Deleted', description: 'A moderator (or Kick\'s automatic moderation) deleted a chat message' },
	'chat.message.pinned': { name: 'Message Pinned', description: 'A chat message was pinned' },
	'chat.message.unpinned': { name: 'Message Unpinned', description: 'The pinned message was removed' },
	'chat.cleared': { name: 'Chat Cleared', description: 'A moderator cleared the chat' },
	'chat.settings.updated': { name: 'Chat Settings Changed', description: 'Slow mode, followers-only, subscribers-only or emote-only mode changed' },
	'chat.poll.updated': { name: 'Poll Started or Updated', description: 'A chat poll started or its votes changed' },
	'chat.poll.deleted': { name: 'Poll Ended', description: 'A chat poll was ended or deleted' },
	'moderation.unbanned': { name: 'User Unbanned', description: 'A moderator lifted a ban or timeout' },
	'channel.unfollowed': { name: 'Follower Lost', description: 'Someone unfollowed the channel (Kick does not say who)' },
	'channel.host.received': { name: 'Host or Raid Received', description: 'Another channel sent its viewers to this one' },
	'channel.host.sent': { name: 'Host or Raid Sent', description: 'This channel sent its viewers to another channel' },
	'channel.gifts.leaderboard.updated': { name: 'Gift Leaderboard Updated', description: 'The channel\'s sub-gift leaderboard changed' },
	'channel.goal.updated': { name: 'Channel Goal Progress', description: 'A channel goal (followers, subscribers) moved' },
} as const;

export type SocketOnlyEvent = keyof typeof SOCKET_ONLY_EVENT_OPTIONS;

/** Events Kick sends that this node does not know yet: only when chosen explicitly. */
export const UNKNOWN_SOCKET_EVENT = 'socket.unknown';

export type LiveEventName = (typeof SOCKET_OFFICIAL_EVENTS)[number] | SocketOnlyEvent | typeof UNKNOWN_SOCKET_EVENT;

export const SOCKET_ONLY_EVENTS = Object.keys(SOCKET_ONLY_EVENT_OPTIONS) as SocketOnlyEvent[];

/** What "All Events" stands for: every named event (unknown ones must be chosen on their own). */
export const ALL_LIVE_EVENTS: readonly LiveEventName[] = [...SOCKET_OFFICIAL_EVENTS, ...SOCKET_ONLY_EVENTS];

const OFFICIAL_SET: ReadonlySet<string> = new Set(SOCKET_OFFICIAL_EVENTS);

export function isOfficialEvent(event: string): event is (typeof SOCKET_OFFICIAL_EVENTS)[number] {
	return OFFICIAL_SET.has(event);
}

const ALL_SET: ReadonlySet<string> = new Set([...ALL_LIVE_EVENTS, UNKNOWN_SOCKET_EVENT]);

export function isLiveEventName(event: string): event is LiveEventName {
	return ALL_SET.has(event);
}

/** Where the socket tells less than the webhook, the option says so. */
const OFFICIAL_DESCRIPTIONS: Partial<Record<KickEventType, string>> = {
	'channel.followed': 'Someone followed the channel (the live socket does not say who)',
	'channel.reward.redemption.updated': 'A channel points reward was redeemed (the live socket has no accept or reject updates)',
};

/** The Events parameter's options (same display names as the Kick Trigger), sorted by name. */
export function liveEventOptions(): Array<{ name: string; value: string; description: string }> {
	const official = SOCKET_OFFICIAL_EVENTS.map((event) => ({
		name: EVENT_OPTIONS[event].name,
		value: event,
		description: OFFICIAL_DESCRIPTIONS[event] ?? EVENT_OPTIONS[event].description,
	}));
	const own = SOCKET_ONLY_EVENTS.map((event) => ({ name: SOCKET_ONLY_EVENT_OPTIONS[event].name, value: event, description: SOCKET_ONLY_EVENT_OPTIONS[event].description }));
	return [...official, ...own].sort((a, b) => a.name.localeCompare(b.name));
}
