/**
 * Which copies, from Kick's three sources (webhook, live socket, poll), are one real event.
 *
 * Where the sources share an id or a time, every copy gets the same `eventId`: a chat message
 * (the webhook's `message_id` is the socket message's `id`), a stream going online or offline
 * (broadcaster and start time), a redemption (its id, with its status). Where Kick shares no id
 * (subscriptions, gifts, KICKs, bans, a socket redemption), copies are matched by who and what
 * within a time window of the event's own time. The README's table lists each rule.
 *
 * Pure: the bodies are read as Kick (or the mapping to Kick's webhook shape) wrote them.
 */
import { createHash } from 'node:crypto';

import { num, obj, str, text, type Json } from '../shared/json';
import { parseKickTimestamp } from '../shared/time';

export interface EventIdentity {
	/** The same for every copy of the event, from any source (96 bits of SHA-1, base64url); undefined when the copy lacks what it is made of. */
	eventId?: string;
	/**
	 * Whether two copies that both have an `eventId` are one event only when it is equal (a chat
	 * message id, a redemption id). Otherwise the match rule decides: the start times two sources
	 * report for one stream may differ by a second.
	 */
	idDecides: boolean;
	/** Who and what, hashed: copies with equal keys and times within `windowMs` are one event. */
	matchKey: string;
	/** The event's own time, when the copy says it. */
	atMs?: number;
	/**
	 * A stream's start, when the copy says it: two copies that both have one are one event only
	 * when their starts are within STREAM_START_TOLERANCE_MS (whatever `atMs` says).
	 */
	startMs?: number;
	windowMs: number;
}

const MINUTE = 60_000;

/**
 * How far the live socket's report of a stream's start (from Kick's website) may be from the
 * webhook's or the API's (which are equal to the second) and still be that stream.
 */
export const STREAM_START_TOLERANCE_MS = 10_000;

/** How far apart two copies' event times may be and still be one event, per rule. */
export const MATCH_WINDOWS_MS = {
	chat: MINUTE,
	streamStart: STREAM_START_TOLERANCE_MS,
	// The poll sees a stream end up to one poll interval late; its copy says when it saw it.
	streamEnd: 15 * MINUTE,
	metadata: 15 * MINUTE,
	redemption: 2 * MINUTE,
	subscription: 5 * MINUTE,
	kicks: 2 * MINUTE,
	ban: 2 * MINUTE,
} as const;

/** 16 base64url characters of SHA-1: the length of the Kick Trigger's other event ids. */
export function hashId(text: string): string {
	return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

function timeOf(value: unknown): number | undefined {
	return typeof value === 'string' ? parseKickTimestamp(value) : undefined;
}

/** A user as a key part: the user id when there is one, else the lower-case username or slug. */
function userKey(user: unknown): string {
	const u = obj(user);
	const id = num(u?.user_id);
	if (id !== undefined) return `#${id}`;
	const name = text(u?.username) ?? text(u?.channel_slug);
	return name ? name.toLowerCase() : '?';
}

/** A user by name only (the socket names subscribers and gifters, rarely with an id). */
function nameKey(user: unknown): string {
	const u = obj(user);
	if (u?.is_anonymous === true) return 'anonymous';
	return (text(u?.username) ?? text(u?.channel_slug) ?? '?').toLowerCase();
}

function identity(parts: { exact?: string; idDecides?: boolean; key: string; atMs?: number; startMs?: number; windowMs: number }): EventIdentity {
	return {
		eventId: parts.exact === undefined ? undefined : hashId(parts.exact),
		idDecides: parts.idDecides ?? false,
		matchKey: hashId(parts.key),
		atMs: parts.atMs,
		startMs: parts.startMs,
		windowMs: parts.windowMs,
	};
}

/** What every source's copy of the event has in common exactly, when the copy has it. */
function exactKey(event: string, body: Json, channel: string): string | undefined {
	switch (event) {
		case 'chat.message.sent': {
			const id = text(body.message_id);
			return id === undefined ? undefined : `chat:${id}`;
		}
		case 'livestream.status.updated': {
			const startedMs = timeOf(body.started_at);
			if (startedMs === undefined) return undefined;
			return `live:${channel}:${body.is_live === true ? 'online' : 'offline'}:${Math.floor(startedMs / 1000)}`;
		}
		case 'channel.reward.redemption.updated': {
			const id = text(body.id);
			return id === undefined ? undefined : `redemption:${id}:${(str(body.status) ?? '').toLowerCase()}`;
		}
		default:
			return undefined;
	}
}

/**
 * The `eventId` every source gives this event (a chat message, a stream's start or end, a
 * redemption in one status), or undefined where Kick's sources share no id. Cheaper than
 * `eventIdentity`: the Kick Trigger computes it for every delivery that runs.
 */
export function crossSourceEventId(event: string, body: Json): string | undefined {
	const key = exactKey(event, body, userKey(body.broadcaster));
	return key === undefined ? undefined : hashId(key);
}

/**
 * The identity of one copy of an event, or undefined for events only one source has (or whose
 * copies cannot be told apart: the socket does not say who followed). `fallbackAtMs` is the
 * copy's own timestamp, used when the body has no time.
 */
export function eventIdentity(event: string, body: Json, fallbackAtMs?: number): EventIdentity | undefined {
	const channel = userKey(body.broadcaster);
	switch (event) {
		case 'chat.message.sent': {
			const content = createHash('sha1').update(str(body.content) ?? '').digest('base64url');
			return identity({
				exact: exactKey(event, body, channel),
				idDecides: true,
				key: `chat:${channel}:${userKey(body.sender)}:${content}`,
				atMs: timeOf(body.created_at) ?? fallbackAtMs,
				windowMs: MATCH_WINDOWS_MS.chat,
			});
		}
		case 'livestream.status.updated': {
			const startedMs = timeOf(body.started_at);
			if (body.is_live === true) {
				return identity({
					exact: exactKey(event, body, channel),
					key: `live:${channel}:online`,
					atMs: startedMs ?? fallbackAtMs,
					startMs: startedMs,
					windowMs: MATCH_WINDOWS_MS.streamStart,
				});
			}
			// Every source says when the stream ended; only some say when it started.
			return identity({
				exact: exactKey(event, body, channel),
				key: `live:${channel}:offline`,
				atMs: timeOf(body.ended_at) ?? fallbackAtMs,
				startMs: startedMs,
				windowMs: MATCH_WINDOWS_MS.streamEnd,
			});
		}
		case 'livestream.metadata.updated': {
			const metadata = obj(body.metadata);
			const category = obj(metadata?.category) ?? obj(metadata?.Category);
			return identity({
				key: `meta:${channel}:${str(metadata?.title) ?? ''}:${String(num(category?.id) ?? '')}`,
				atMs: fallbackAtMs,
				windowMs: MATCH_WINDOWS_MS.metadata,
			});
		}
		case 'channel.reward.redemption.updated': {
			const status = (str(body.status) ?? '').toLowerCase();
			const title = (str(obj(body.reward)?.title) ?? '').toLowerCase();
			return identity({
				exact: exactKey(event, body, channel),
				idDecides: true,
				key: `redemption:${channel}:${userKey(body.redeemer)}:${title}:${status}`,
				atMs: timeOf(body.redeemed_at) ?? fallbackAtMs,
				windowMs: MATCH_WINDOWS_MS.redemption,
			});
		}
		case 'channel.subscription.new':
		case 'channel.subscription.renewal':
			// One rule for both: the socket tells a renewal from a new subscription only by its months.
			return identity({
				key: `sub:${channel}:${nameKey(body.subscriber)}`,
				atMs: timeOf(body.created_at) ?? fallbackAtMs,
				windowMs: MATCH_WINDOWS_MS.subscription,
			});
		case 'channel.subscription.gifts': {
			const count = Array.isArray(body.giftees) ? body.giftees.length : 0;
			return identity({
				key: `gift:${channel}:${nameKey(body.gifter)}:${count}`,
				atMs: timeOf(body.created_at) ?? fallbackAtMs,
				windowMs: MATCH_WINDOWS_MS.subscription,
			});
		}
		case 'kicks.gifted':
			return identity({
				key: `kicks:${channel}:${userKey(body.sender)}:${String(num(obj(body.gift)?.amount) ?? '')}`,
				atMs: timeOf(body.created_at) ?? fallbackAtMs,
				windowMs: MATCH_WINDOWS_MS.kicks,
			});
		case 'moderation.banned': {
			const metadata = obj(body.metadata);
			const permanent = metadata?.expires_at === null || metadata?.expires_at === undefined || metadata?.expires_at === '';
			return identity({
				key: `ban:${channel}:${userKey(body.banned_user)}:${permanent ? 'ban' : 'timeout'}`,
				atMs: timeOf(metadata?.created_at) ?? fallbackAtMs,
				windowMs: MATCH_WINDOWS_MS.ban,
			});
		}
		default:
			return undefined;
	}
}
