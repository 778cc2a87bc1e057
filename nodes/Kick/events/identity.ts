/**
 * Which copies, from Kick's three sources (webhook, live socket, poll), are one real event.
 *
 * Where the sources share an id or a time, every copy gets the same `eventId`: a chat message
 * (the webhook's `message_id` is the socket message's `id`), a stream going online or offline
 * (broadcaster and start time), a redemption (its id, with its status). Where Kick shares no id
 * (subscriptions, gifts, KICKs, bans, a socket redemption), copies are matched by who and what
 * within a time window of the event's own time. docs/two-triggers.md lists each rule.
 *
 * Pure: the bodies are read as Kick (or the mapping to Kick's webhook shape) wrote them.
 */
import { createHash } from 'node:crypto';

import { num, obj, str, text, type Json } from '../shared/json';
import { parseKickTimestamp } from '../shared/time';

/**
 * One copy's identity: its `eventId`, the marks it leaves in the workflow's record when it
 * runs, and the probes that find another source's copy of the same event there
 * (./record.ts). A probe matches a mark of the same key filed within its window of its time.
 */
export interface EventIdentity {
	/** The same for every copy of the event, from any source; undefined when the copy lacks what it is made of. */
	eventId?: string;
	marks: Mark[];
	probes: Probe[];
}

export interface Mark {
	key: string;
	atMs: number;
}

export interface Probe extends Mark {
	windowMs: number;
	/** The window when either copy comes from the live socket, whose stream times come from Kick's website. */
	socketWindowMs?: number;
}

/**
 * Kinds of mark, the first character of a key: an id every source gives the event (`i`); who
 * and what, for a copy that also has such an id (`c`) or has none (`C`); a stream's start
 * (`b`); a stream event's own time, for a copy that knows its stream's start (`f`) or does not
 * (`F`).
 */
type Kind = 'i' | 'c' | 'C' | 'b' | 'f' | 'F';

const MINUTE = 60_000;

/** How far apart two copies' event times may be and still be one event, per rule. */
export const MATCH_WINDOWS_MS = {
	chat: MINUTE,
	// How far the live socket's report of a stream's start (from Kick's website) may be from the
	// webhook's or the API's (which are equal to the second) and still be that stream.
	streamStart: 10_000,
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

/** A record key: its kind and 66 bits of the hash (short, because the record is persisted). */
function key(kind: Kind, hash: string): string {
	return `${kind}${hash.slice(0, 11)}`;
}

const FOREVER = Number.POSITIVE_INFINITY;

/** The mark of an event id: what every copy with this `eventId` leaves, and finds. */
export function idMark(eventId: string): string {
	return key('i', eventId);
}

/** A user as a key part: the user id when there is one, else the lower-case username or slug. */
export function userKey(user: unknown): string {
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

/**
 * Events with an id every source gives (a chat message, a redemption in one status): copies with
 * ids are one event only when the ids are equal; a copy without one is matched by who and what.
 */
function byId(exact: string | undefined, what: string, atMs: number, windowMs: number): EventIdentity {
	const content = hashId(what);
	if (exact === undefined) {
		const probes = [key('c', content), key('C', content)].map((k) => ({ key: k, atMs, windowMs }));
		return { marks: [{ key: key('C', content), atMs }], probes };
	}
	const eventId = hashId(exact);
	return {
		eventId,
		marks: [{ key: idMark(eventId), atMs }, { key: key('c', content), atMs }],
		probes: [{ key: idMark(eventId), atMs, windowMs: FOREVER }, { key: key('C', content), atMs, windowMs }],
	};
}

/**
 * A stream going online or offline. Copies that both say when the stream started are one event
 * (with the same `eventId`) when the starts agree: to the second between the webhook and Kick's
 * API, within MATCH_WINDOWS_MS.streamStart when one copy is the live socket's. Otherwise their
 * own times (the start, or the end) are compared within the window.
 */
function stream(what: string, startMs: number | undefined, atMs: number, windowMs: number): EventIdentity {
	const hash = hashId(what);
	if (startMs === undefined) {
		return { marks: [{ key: key('F', hash), atMs }], probes: [key('f', hash), key('F', hash)].map((k) => ({ key: k, atMs, windowMs })) };
	}
	return {
		eventId: hashId(`${what}:${Math.floor(startMs / 1000)}`),
		marks: [{ key: key('b', hash), atMs: startMs }, { key: key('f', hash), atMs }],
		probes: [
			{ key: key('b', hash), atMs: startMs, windowMs: 0, socketWindowMs: MATCH_WINDOWS_MS.streamStart },
			{ key: key('F', hash), atMs, windowMs },
		],
	};
}

/** Events Kick's sources share no id for: who and what within a window of the event's time. */
function byWho(what: string, atMs: number, windowMs: number): EventIdentity {
	const k = key('C', hashId(what));
	return { marks: [{ key: k, atMs }], probes: [{ key: k, atMs, windowMs }] };
}

/**
 * The identity of one copy of an event, or undefined for events only one source has (or whose
 * copies cannot be told apart: the socket does not say who followed). `fallbackAtMs` is the
 * copy's own timestamp, used when the body has no time.
 */
export function eventIdentity(event: string, body: Json, fallbackAtMs: number): EventIdentity | undefined {
	const channel = userKey(body.broadcaster);
	const createdMs = parseKickTimestamp(body.created_at) ?? fallbackAtMs;
	switch (event) {
		case 'chat.message.sent': {
			const id = text(body.message_id);
			const exact = id === undefined ? undefined : `chat:${id}`;
			const content = createHash('sha1').update(str(body.content) ?? '').digest('base64url');
			return byId(exact, `chat:${channel}:${userKey(body.sender)}:${content}`, createdMs, MATCH_WINDOWS_MS.chat);
		}
		case 'livestream.status.updated': {
			const startedMs = parseKickTimestamp(body.started_at);
			const online = body.is_live === true;
			if (online) return stream(`live:${channel}:online`, startedMs, startedMs ?? fallbackAtMs, MATCH_WINDOWS_MS.streamStart);
			// Every source says when the stream ended; only some say when it started.
			const endedMs = parseKickTimestamp(body.ended_at) ?? fallbackAtMs;
			return stream(`live:${channel}:offline`, startedMs, endedMs, MATCH_WINDOWS_MS.streamEnd);
		}
		case 'livestream.metadata.updated': {
			const metadata = obj(body.metadata);
			const category = obj(metadata?.category) ?? obj(metadata?.Category);
			const what = `meta:${channel}:${str(metadata?.title) ?? ''}:${String(num(category?.id) ?? '')}`;
			return byWho(what, fallbackAtMs, MATCH_WINDOWS_MS.metadata);
		}
		case 'channel.reward.redemption.updated': {
			const id = text(body.id);
			const status = (str(body.status) ?? '').toLowerCase();
			const title = (str(obj(body.reward)?.title) ?? '').toLowerCase();
			const at = parseKickTimestamp(body.redeemed_at) ?? fallbackAtMs;
			const exact = id === undefined ? undefined : `redemption:${id}:${status}`;
			return byId(exact, `redemption:${channel}:${userKey(body.redeemer)}:${title}:${status}`, at, MATCH_WINDOWS_MS.redemption);
		}
		case 'channel.subscription.new':
		case 'channel.subscription.renewal':
			// One rule for both: the socket tells a renewal from a new subscription only by its months.
			return byWho(`sub:${channel}:${nameKey(body.subscriber)}`, createdMs, MATCH_WINDOWS_MS.subscription);
		case 'channel.subscription.gifts': {
			const count = Array.isArray(body.giftees) ? body.giftees.length : 0;
			return byWho(`gift:${channel}:${nameKey(body.gifter)}:${count}`, createdMs, MATCH_WINDOWS_MS.subscription);
		}
		case 'kicks.gifted': {
			const what = `kicks:${channel}:${userKey(body.sender)}:${String(num(obj(body.gift)?.amount) ?? '')}`;
			return byWho(what, createdMs, MATCH_WINDOWS_MS.kicks);
		}
		case 'moderation.banned': {
			const metadata = obj(body.metadata);
			const permanent = metadata?.expires_at === null || metadata?.expires_at === undefined || metadata?.expires_at === '';
			const what = `ban:${channel}:${userKey(body.banned_user)}:${permanent ? 'ban' : 'timeout'}`;
			return byWho(what, parseKickTimestamp(metadata?.created_at) ?? fallbackAtMs, MATCH_WINDOWS_MS.ban);
		}
		default:
			return undefined;
	}
}
