/**
 * The triggers' output item: a fixed envelope, then the event's own fields exactly as Kick sent
 * them (snake_case), then convenience fields (camelCase) that save users an expression, and a
 * one-line summary. One builder for every event name the three triggers emit: Kick's webhook
 * events, the live socket's own and the poll's leaderboard.
 *
 * Reads the body defensively: it is only assumed to be an object, so an event whose nested
 * shape drifted from the schema still produces an item.
 */
import { list, num, obj, str, type Json } from '../shared/json';
import { DEFAULT_COMMAND_PREFIX, parseCommand } from './command';
import { parseKickTimestamp } from '../shared/time';

/**
 * An item is `late` when it reached n8n more than this long after Kick's timestamp. Kick usually
 * delivers within a second; on bad days minutes to hours later (docs/kick-api.md §6.5).
 */
export const LATE_AFTER_MS = 60_000;

/** How the event reached n8n: Kick's signed webhook, Kick's live socket, or polling the API. */
export type EventSource = 'webhook' | 'live-socket' | 'poll';

export interface DeliveryEnvelope {
	event: string;
	/** Defaults to 'webhook'. */
	source?: EventSource;
	version: number;
	messageId: string;
	/**
	 * Identifies the event itself: the same for every copy of one event, whatever message id it
	 * came under. Defaults to the message id.
	 */
	eventId?: string;
	subscriptionId: string | null;
	/** `Kick-Event-Message-Timestamp` as received. */
	kickTimestamp: string;
	/** The same, parsed (undefined when it is not RFC 3339). */
	kickTimestampMs?: number;
	/** When n8n received the delivery (ms since the epoch). */
	receivedAt: number;
}

export type KickEventItem = Record<string, unknown> & {
	event: string;
	source: EventSource;
	version: number;
	messageId: string;
	eventId: string;
	subscriptionId: string | null;
	kickTimestamp: string;
	receivedAt: string;
	delayMs: number | null;
	/** Whether `delayMs` is over LATE_AFTER_MS. */
	late: boolean;
	broadcaster: unknown;
	summary: string;
};

function who(user: unknown, fallback = 'Someone'): string {
	const u = obj(user);
	if (u?.is_anonymous === true) return 'An anonymous user';
	return str(u?.username) || str(u?.channel_slug) || fallback;
}

function minutesBetween(from: unknown, to: unknown): number | null {
	const start = parseKickTimestamp(from);
	const end = parseKickTimestamp(to);
	if (start === undefined || end === undefined) return null;
	return Math.round((end - start) / 60_000);
}

function clip(text: string, max = 200): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Badge types of a chat sender (`moderator`, `subscriber`, `vip`, …). */
export function badgeTypes(user: unknown): string[] {
	return list(obj(obj(user)?.identity)?.badges).flatMap((badge) => str(obj(badge)?.type) || []);
}

/** Adds the per-type convenience fields and returns a one-line summary. */
function addConvenience(item: Json, event: string, body: Json, commandPrefix: string): string {
	switch (event) {
		case 'chat.message.sent': {
			const content = str(body.content) ?? '';
			item.isReply = obj(body.replies_to) !== undefined;
			item.senderBadges = badgeTypes(body.sender);
			const command = parseCommand(content, commandPrefix);
			item.command = command?.command ?? null;
			item.commandArgs = command?.args ?? [];
			item.commandArgsText = command?.argsText ?? '';
			// The decide step sets it from the workflow's record (./chatRules.ts); a sample is its sender's first.
			item.firstMessageInStream = true;
			return clip(`${who(body.sender)}: ${content}`);
		}
		case 'channel.followed':
			return `${who(body.follower)} followed ${who(body.broadcaster, 'the channel')}`;
		case 'channel.subscription.new':
		case 'channel.subscription.renewal': {
			const months = num(body.duration);
			item.isRenewal = event === 'channel.subscription.renewal';
			return event === 'channel.subscription.new'
				? `${who(body.subscriber)} subscribed`
				: `${who(body.subscriber)} renewed their subscription${months !== undefined ? ` (${months} months)` : ''}`;
		}
		case 'channel.subscription.gifts': {
			const count = Array.isArray(body.giftees) ? body.giftees.length : 0;
			item.giftedCount = count;
			item.isAnonymousGift = obj(body.gifter)?.is_anonymous === true;
			return `${who(body.gifter)} gifted ${count} ${count === 1 ? 'subscription' : 'subscriptions'}`;
		}
		case 'channel.reward.redemption.updated': {
			const title = str(obj(body.reward)?.title) ?? 'a reward';
			return `${who(body.redeemer)} redeemed ${title} (${str(body.status) ?? 'unknown status'})`;
		}
		case 'livestream.status.updated': {
			const online = body.is_live === true;
			item.streamStatus = online ? 'online' : 'offline';
			item.streamDurationMinutes = online ? null : minutesBetween(body.started_at, body.ended_at);
			return `${who(body.broadcaster, 'The channel')} went ${online ? 'live' : 'offline'}${str(body.title) ? `: ${str(body.title)}` : ''}`;
		}
		case 'livestream.metadata.updated': {
			const metadata = obj(body.metadata);
			const category = obj(metadata?.category) ?? obj(metadata?.Category) ?? null;
			if (metadata) {
				// One shape for users: `metadata.category`, whichever spelling Kick used.
				const { Category: _capitalized, ...rest } = metadata;
				void _capitalized;
				item.metadata = { ...rest, category };
			}
			item.category = category;
			const categoryName = str(category?.name);
			return `${who(body.broadcaster, 'The channel')} updated the stream: ${str(metadata?.title) ?? ''}${categoryName ? ` (${categoryName})` : ''}`;
		}
		case 'moderation.banned': {
			const metadata = obj(body.metadata);
			const expiresAt = metadata?.expires_at;
			const permanent = expiresAt === null || expiresAt === undefined || expiresAt === '';
			item.banType = permanent ? 'ban' : 'timeout';
			item.isPermanent = permanent;
			item.timeoutMinutes = permanent ? null : minutesBetween(metadata?.created_at, expiresAt);
			return permanent
				? `${who(body.banned_user)} was banned by ${who(body.moderator)}`
				: `${who(body.banned_user)} was timed out for ${String(item.timeoutMinutes ?? '?')} minutes by ${who(body.moderator)}`;
		}
		case 'kicks.gifted': {
			const amount = num(obj(body.gift)?.amount) ?? 0;
			item.kicksAmount = amount;
			return `${who(body.sender)} gifted ${amount} KICKs`;
		}
		case 'kicks.leaderboard.updated':
			item.kicksAmount = body.total_amount_change ?? null;
			return leaderboardSummary(body);
		default:
			return socketSummary(event, body);
	}
}

/** The poll's KICKs leaderboard move. */
function leaderboardSummary(body: Json): string {
	const changes = Array.isArray(body.changes) ? body.changes.map((change) => obj(change) ?? {}) : [];
	const parts = changes.map((change) => {
		const amountChange = num(change.amount_change);
		const amount = amountChange === undefined ? `is new on the list with ${String(num(change.gifted_amount))} KICKs` : `gifted ${amountChange} KICKs`;
		const rank = num(change.rank);
		const previous = num(change.previous_rank);
		return `${str(change.username) || 'Someone'} ${amount} (now ${previous === undefined || previous === rank ? `#${rank}` : `#${rank}, was #${previous}`})`;
	});
	return `KICKs leaderboard (${String(body.period)}): ${parts.join('; ') || 'no change'}`;
}

/** The live socket's own events. */
function socketSummary(event: string, body: Json): string {
	const channel = who(body.broadcaster, 'The channel');
	switch (event) {
		case 'chat.message.deleted':
			return 'A chat message was deleted';
		case 'chat.message.pinned': {
			const message = obj(body.message);
			const content = str(message?.content) ?? '';
			return `${named(message?.sender, 'Someone')}'s message was pinned${content ? `: ${content.slice(0, 150)}` : ''}`;
		}
		case 'chat.message.unpinned':
			return 'The pinned message was removed';
		case 'chat.cleared':
			return 'The chat was cleared';
		case 'chat.settings.updated':
			return `${channel} changed the chat settings`;
		case 'chat.poll.updated':
			return `Poll: ${str(obj(body.poll)?.title) ?? 'updated'}`;
		case 'chat.poll.deleted':
			return 'The poll ended';
		case 'moderation.unbanned':
			return `${named(body.user, 'Someone')} was unbanned by ${named(body.unbanned_by, 'a moderator')}`;
		case 'channel.unfollowed':
			return `${channel} lost a follower`;
		case 'channel.host.received': {
			const viewers = num(body.viewers);
			return `${named(body.host, 'A channel')} is hosting ${channel}${viewers !== undefined ? ` with ${viewers} viewers` : ''}`;
		}
		case 'channel.host.sent':
			return `${channel} is sending its viewers to ${named(body.hosted, str(body.slug) ?? 'another channel')}`;
		case 'channel.gifts.leaderboard.updated':
			return `${channel}'s gift leaderboard changed`;
		case 'channel.goal.updated': {
			const current = num(body.current_value);
			const target = num(body.target_value);
			return `${str(body.type) ?? 'Channel'} goal: ${current ?? '?'} of ${target ?? '?'}`;
		}
		default:
			return `Kick live socket event ${str(body.socketEvent) ?? event}`;
	}
}

/** A socket user's name (its own events name users by `username` or `slug`). */
function named(user: unknown, fallback: string): string {
	const value = obj(user);
	return str(value?.username) || str(value?.slug) || fallback;
}

/** Builds the output item for one event; a chat item's `command` fields are read with `options.commandPrefix` (default `!`). */
export function normalizeEvent(body: Json, envelope: DeliveryEnvelope, options: { commandPrefix?: string } = {}): KickEventItem {
	const delayMs = envelope.kickTimestampMs === undefined ? null : Math.max(0, envelope.receivedAt - envelope.kickTimestampMs);
	// Envelope keys first (their order is the output order), then the body as Kick sent it
	// (object spread defines own properties, so a `__proto__` key stays a plain field), then
	// the envelope values again in case the body used one of their names.
	const fields: Json = {
		event: envelope.event,
		source: envelope.source ?? 'webhook',
		version: envelope.version,
		messageId: envelope.messageId,
		eventId: envelope.eventId ?? envelope.messageId,
		subscriptionId: envelope.subscriptionId,
		kickTimestamp: envelope.kickTimestamp,
		receivedAt: new Date(envelope.receivedAt).toISOString(),
		delayMs,
		late: delayMs !== null && delayMs > LATE_AFTER_MS,
	};
	const item: Json = { ...fields, broadcaster: null, ...body };
	if (item.broadcaster === undefined) item.broadcaster = null;
	if (Object.keys(fields).some((key) => key in body)) Object.assign(item, fields);
	item.summary = addConvenience(item, envelope.event, body, options.commandPrefix ?? DEFAULT_COMMAND_PREFIX);
	return item as KickEventItem;
}
