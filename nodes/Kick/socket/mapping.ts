/**
 * From a socket event to what the trigger emits: for events the official webhooks also have,
 * a body in the webhook payload's shape (so the shared filters and normalizer apply unchanged),
 * with Kick's remaining socket fields kept beside it; for the socket's own events, Kick's fields
 * as they came. Subscriptions, gifts and hosts become parts for ./groups.
 */
import { eventBaseName, type PusherFrame } from './frames';
import type { GroupPart } from './groups';
import { type Json, list, num, obj, person, str, text, without } from '../shared/json';
import type { LiveEventName } from './chatTriggerParameters';
import { socketTimeIso, socketTimeMs } from '../shared/time';

/** Livestream id → what its start said (title, start time). */
export type StreamMemory = Map<string, { title: string | null; startedAt: string | null }>;

const STREAMS_KEPT = 20;

interface MapContext {
	/** The channel's owner, in the webhook payloads' broadcaster shape. */
	broadcaster: Json;
	receivedAt: number;
	/** Streams this trigger saw going live, so an offline event can say when it started. */
	streams: StreamMemory;
}

type Mapped =
	| {
			kind: 'item';
			event: LiveEventName;
			body: Json;
			/** Kick's id for the event, when it has one. */
			messageId?: string;
			/** The key of Kick's id its repeats are known by (without one, ./liveEvents.ts knows them by content). */
			idKey?: string;
			/** The event's own time (ms since the epoch), when Kick sent one this module can read. */
			kickTimeMs?: number;
	  }
	| { kind: 'part'; part: GroupPart }
	| { kind: 'ignore'; reason: string };

type Mapper = (data: Json, context: MapContext, frame: PusherFrame) => Mapped;

/** An event the socket has in its own shape: Kick's fields, the broadcaster, and where it came from. */
function ownItem(event: LiveEventName, data: Json, context: MapContext, extra: Partial<Extract<Mapped, { kind: 'item' }>> = {}): Mapped {
	return { kind: 'item', event, body: { broadcaster: context.broadcaster, ...data }, ...extra };
}

const EMOTE = /\[emote:(\d+):[^\]\s]*\]/g;

/** `[emote:<id>:<name>]` tokens as the webhook's `emotes` (code point positions, end inclusive); null when none. */
export function parseEmotes(content: string): Json[] | null {
	const byId = new Map<string, Array<{ s: number; e: number }>>();
	for (const match of content.matchAll(EMOTE)) {
		const start = [...content.slice(0, match.index)].length;
		const positions = byId.get(match[1]) ?? [];
		positions.push({ s: start, e: start + [...match[0]].length - 1 });
		byId.set(match[1], positions);
	}
	if (byId.size === 0) return null;
	return [...byId].map(([id, positions]) => ({ emote_id: id, positions }));
}

function chatSender(sender: Json): Json {
	const identity = obj(sender.identity) ?? {};
	const badges = list(identity.badges);
	const known = person({
		userId: sender.id,
		username: sender.username,
		slug: sender.slug,
		verified: badges.some((badge) => obj(badge)?.type === 'verified'),
		identity: { username_color: str(identity.color) ?? null, badges, ...without(identity, ['color', 'badges']) },
	});
	return { ...known, ...without(sender, ['id', 'username', 'slug', 'identity']) };
}

function replyOf(metadata: Json | undefined): Json | undefined {
	const message = obj(metadata?.original_message);
	if (!message) return undefined;
	const sender = obj(metadata?.original_sender) ?? {};
	return {
		message_id: str(message.id) ?? null,
		content: str(message.content) ?? null,
		sender: person({ userId: sender.id, username: sender.username, slug: sender.slug }),
	};
}

const chatMessage: Mapper = (data, context) => {
	const id = text(data.id);
	const content = str(data.content) ?? '';
	const createdMs = socketTimeMs(data.created_at);
	const body: Json = { message_id: id ?? null };
	const reply = replyOf(obj(data.metadata));
	if (reply) body.replies_to = reply;
	Object.assign(body, {
		broadcaster: context.broadcaster,
		sender: chatSender(obj(data.sender) ?? {}),
		content,
		emotes: parseEmotes(content),
		created_at: createdMs === undefined ? (data.created_at ?? null) : new Date(createdMs).toISOString(),
		...without(data, ['id', 'sender', 'content', 'created_at']),
	});
	return {
		kind: 'item',
		event: 'chat.message.sent',
		body,
		messageId: id,
		idKey: id ? `chat:${id}` : undefined,
		kickTimeMs: createdMs,
	};
};

const names = (value: unknown) =>
	list(value)
		.map((name) => text(name))
		.filter((name): name is string => name !== undefined);

/** The v1 chat event: only its gift and subscription notices (its chat duplicates the v2 event). */
const legacyChatMessage: Mapper = (data, _context, frame) => {
	const message = obj(data.message) ?? {};
	const user = obj(data.user) ?? {};
	const username = text(user.username);
	if (message.action === 'gift' && username) {
		const giftees = names(list(message.giftedUsers).map((entry) => obj(entry)?.username));
		return { kind: 'part', part: { type: 'gift', gifter: username, gifterId: num(user.id), giftees, source: frame } };
	}
	if (message.action === 'subscribe' && username) {
		return { kind: 'part', part: { type: 'subscription', username, userId: num(user.id), months: num(message.months_subscribed), source: frame } };
	}
	return { kind: 'ignore', reason: 'legacy chat message (the v2 event carries it)' };
};

const banned: Mapper = (data, context) => {
	const expiresMs = socketTimeMs(data.expires_at);
	const minutes = num(data.duration);
	const permanent = data.permanent === true || expiresMs === undefined;
	// The socket has no ban time; for a timeout it follows from the expiry and the duration (minutes).
	const createdMs = !permanent && minutes !== undefined ? (expiresMs as number) - minutes * 60_000 : context.receivedAt;
	const by = obj(data.banned_by) ?? {};
	const user = obj(data.user) ?? {};
	const id = text(data.id);
	return {
		kind: 'item',
		event: 'moderation.banned',
		body: {
			broadcaster: context.broadcaster,
			moderator: person({ userId: by.id, username: by.username, slug: by.slug }),
			banned_user: person({ userId: user.id, username: user.username, slug: user.slug }),
			metadata: {
				reason: null,
				created_at: new Date(createdMs).toISOString(),
				expires_at: permanent ? null : new Date(expiresMs as number).toISOString(),
			},
			...without(data, ['user', 'banned_by']),
		},
		messageId: id,
		idKey: id ? `ban:${id}` : undefined,
	};
};

/** A mapper for an event in the socket's own shape; with `idPrefix`, its repeats are known by Kick's id when it has one. */
const own =
	(event: LiveEventName, idPrefix?: string): Mapper =>
	(data, context) => {
		const id = idPrefix ? text(data.id) : undefined;
		return ownItem(event, data, context, id ? { messageId: id, idKey: `${idPrefix}:${id}` } : {});
	};

const streamerIsLive: Mapper = (data, context) => {
	const livestream = obj(data.livestream) ?? {};
	const id = num(livestream.id);
	const title = str(livestream.session_title) ?? null;
	const startedAt = socketTimeIso(livestream.created_at) ?? new Date(context.receivedAt).toISOString();
	if (id !== undefined) {
		context.streams.set(String(id), { title, startedAt });
		for (const old of context.streams.keys()) {
			if (context.streams.size <= STREAMS_KEPT) break;
			context.streams.delete(old);
		}
	}
	return {
		kind: 'item',
		event: 'livestream.status.updated',
		body: { broadcaster: context.broadcaster, is_live: true, title, started_at: startedAt, ended_at: null, ...data },
		idKey: id !== undefined ? `live:${id}:online` : undefined,
		kickTimeMs: socketTimeMs(livestream.created_at),
	};
};

const stopStreamBroadcast: Mapper = (data, context) => {
	const livestream = obj(data.livestream) ?? {};
	const id = num(livestream.id);
	const known = id !== undefined ? context.streams.get(String(id)) : undefined;
	return {
		kind: 'item',
		event: 'livestream.status.updated',
		body: {
			broadcaster: context.broadcaster,
			is_live: false,
			// Known only when this trigger saw the stream start.
			title: known?.title ?? null,
			started_at: known?.startedAt ?? null,
			ended_at: new Date(context.receivedAt).toISOString(),
			...data,
		},
		idKey: id !== undefined ? `live:${id}:offline` : undefined,
	};
};

const followersUpdated: Mapper = (data, context) => {
	if (data.followed === false) return ownItem('channel.unfollowed', data, context, { kickTimeMs: socketTimeMs(data.created_at) });
	return {
		kind: 'item',
		event: 'channel.followed',
		body: {
			broadcaster: context.broadcaster,
			// Kick's socket sends `username: null`: it does not say who followed.
			follower: person({ username: data.username }),
			followerKnown: text(data.username) !== undefined,
			...data,
		},
		kickTimeMs: socketTimeMs(data.created_at),
	};
};

const rewardRedeemed: Mapper = (data, context) => ({
	kind: 'item',
	event: 'channel.reward.redemption.updated',
	body: {
		id: null,
		user_input: str(data.user_input) ?? '',
		// The socket announces a redemption when it is made; accepting or rejecting it is not sent.
		status: 'pending',
		redeemed_at: new Date(context.receivedAt).toISOString(),
		reward: { id: null, title: str(data.reward_title) ?? null, cost: null, description: null, background_color: str(data.reward_background_color) ?? null },
		redeemer: person({ userId: data.user_id, username: data.username }),
		broadcaster: context.broadcaster,
		...without(data, ['reward_title', 'user_id', 'username', 'user_input', 'reward_background_color']),
	},
});

const kicksGifted: Mapper = (data, context) => {
	const sender = obj(data.sender) ?? {};
	const gift = obj(data.gift) ?? {};
	return {
		kind: 'item',
		event: 'kicks.gifted',
		body: {
			broadcaster: context.broadcaster,
			sender: person({ userId: sender.id, username: sender.username, slug: sender.slug, identity: { username_color: str(sender.username_color) ?? null, badges: [] } }),
			gift: {
				amount: num(gift.amount) ?? null,
				name: str(gift.name) ?? null,
				type: str(gift.type) ?? null,
				tier: str(gift.tier) ?? null,
				message: str(data.message) ?? null,
				pinned_time_seconds: num(gift.pinned_time) ?? null,
				...without(gift, ['amount', 'name', 'type', 'tier', 'pinned_time']),
			},
			created_at: socketTimeIso(data.created_at) ?? new Date(context.receivedAt).toISOString(),
			...without(data, ['sender', 'gift', 'message', 'created_at']),
		},
		kickTimeMs: socketTimeMs(data.created_at),
	};
};

const subscription: Mapper = (data, _context, frame) => {
	const username = text(data.username);
	if (!username) return { kind: 'ignore', reason: 'subscription without a username' };
	return { kind: 'part', part: { type: 'subscription', username, months: num(data.months), source: frame } };
};

const channelSubscription: Mapper = (data, _context, frame) => {
	const ids = list(data.user_ids)
		.map((id) => num(id))
		.filter((id): id is number => id !== undefined);
	const username = text(data.username);
	// With a username: one subscription; without: the recipients of a gift (named by the other events).
	if (username) return { kind: 'part', part: { type: 'subscription', username, userId: ids.length === 1 ? ids[0] : undefined, source: frame } };
	return { kind: 'part', part: { type: 'gift', gifteeIds: ids, source: frame } };
};

/** A gift's gifter and the giftees' names (GiftedSubscriptionsEvent and LuckyUsersWhoGotGiftSubscriptionsEvent name them differently). */
const gifted =
	(gifteesField: 'gifted_usernames' | 'usernames'): Mapper =>
	(data, _context, frame) => {
		const gifter = text(data.gifter_username);
		if (!gifter) return { kind: 'ignore', reason: 'gift without a gifter' };
		const giftees = names(data[gifteesField]);
		return { kind: 'part', part: { type: 'gift', gifter, giftees, gifterTotal: num(data.gifter_total), source: frame } };
	};

const streamHost: Mapper = (data, _context, frame) => {
	const username = text(data.host_username);
	if (!username) return { kind: 'ignore', reason: 'host without a channel name' };
	return { kind: 'part', part: { type: 'host', username, viewers: num(data.number_viewers), message: str(data.optional_message) ?? null, source: frame } };
};

const streamHosted: Mapper = (data, _context, frame) => {
	const message = obj(data.message) ?? {};
	const user = obj(data.user) ?? {};
	const username = text(user.username);
	if (!username) return { kind: 'ignore', reason: 'host without a channel name' };
	return {
		kind: 'part',
		part: {
			type: 'host',
			username,
			userId: num(user.id),
			viewers: num(message.numberOfViewers),
			message: str(message.optionalMessage) ?? null,
			createdAt: socketTimeIso(message.createdAt),
			source: frame,
		},
	};
};

/** Socket event (the name after the last backslash) → mapper. */
const MAPPERS: Record<string, Mapper> = {
	ChatMessageEvent: chatMessage,
	ChatMessageSentEvent: legacyChatMessage,
	MessageDeletedEvent: own('chat.message.deleted', 'deleted'),
	PinnedMessageCreatedEvent: own('chat.message.pinned'),
	PinnedMessageDeletedEvent: own('chat.message.unpinned'),
	ChatroomClearEvent: own('chat.cleared'),
	ChatroomUpdatedEvent: own('chat.settings.updated'),
	PollUpdateEvent: own('chat.poll.updated'),
	PollDeleteEvent: own('chat.poll.deleted'),
	UserBannedEvent: banned,
	UserUnbannedEvent: own('moderation.unbanned', 'unban'),
	StreamerIsLive: streamerIsLive,
	StopStreamBroadcast: stopStreamBroadcast,
	FollowersUpdated: followersUpdated,
	RewardRedeemedEvent: rewardRedeemed,
	KicksGifted: kicksGifted,
	SubscriptionEvent: subscription,
	ChannelSubscriptionEvent: channelSubscription,
	GiftedSubscriptionsEvent: gifted('gifted_usernames'),
	LuckyUsersWhoGotGiftSubscriptionsEvent: gifted('usernames'),
	StreamHostEvent: streamHost,
	StreamHostedEvent: streamHosted,
	ChatMoveToSupportedChannelEvent: own('channel.host.sent'),
	GiftsLeaderboardUpdated: own('channel.gifts.leaderboard.updated'),
	GoalProgressUpdateEvent: (data, context) => ownItem('channel.goal.updated', data, context, { kickTimeMs: socketTimeMs(data.updated_at) }),
};

/**
 * Maps one Kick frame. Data that is not an object (a PHP `[]`, text) is read as an empty object.
 * An item's body ends with the frame it came from (`socketEvents`).
 */
export function mapSocketFrame(frame: PusherFrame, context: MapContext): Mapped {
	const mapper = MAPPERS[eventBaseName(frame.event)];
	const mapped = mapper ? mapper(obj(frame.data) ?? {}, context, frame) : unknownEvent(frame, context);
	if (mapped.kind === 'item') mapped.body.socketEvents = [{ event: frame.event, channel: frame.channel ?? null }];
	return mapped;
}

function unknownEvent(frame: PusherFrame, context: MapContext): Mapped {
	return {
		kind: 'item',
		event: 'socket.unknown',
		body: {
			broadcaster: context.broadcaster,
			socketEvent: frame.event,
			channel: frame.channel ?? null,
			data: frame.data,
			// Whether parts of `data` nested too deep were replaced by a marker (see MAX_FRAME_DEPTH).
			dataTruncated: frame.truncated === true,
		},
	};
}
