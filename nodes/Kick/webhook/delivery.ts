/**
 * The Kick Trigger's admit step (its order: docs/ARCHITECTURE.md): one webhook delivery, from raw
 * request to a copy of an event for the decide step (../events/decide.ts), or an answer. Nothing
 * is decided before the signature holds.
 *
 * 401 for what Kick did not send, 413 for a body too large to check; everything authentic is
 * answered 200, whatever its age, headers or shape: Kick does not resend, and every error answer
 * counts against the subscription (Kick deletes subscriptions whose deliveries fail for a day).
 *
 * The memory is the workflow's record (../events/record.ts). The type, version and subscription
 * headers are not signed: a delivery ignored because of one, whose body has the shape of a wanted
 * event, is remembered too, so a replay with rewritten headers cannot run it.
 *
 * Reasons are short fixed strings for logs: no body, header value, key or signature.
 */
import { createHash, type KeyObject } from 'node:crypto';

import type { EventCopy } from '../events/decide';
import type { CompiledFilters } from '../events/filters';
import type { SeenMemory } from '../events/memory';
import { headerValue, type HeaderBag } from '../shared/headers';
import { isObject } from '../shared/json';
import { isKickEventType, KICK_EVENT_TYPES, KICK_EVENT_VERSION, type KickEventType } from '../shared/kick.constants';
import { parseKickTimestamp } from '../shared/time';
import { bodyMatchesType, validateEventBody } from './schemas';
import { verifyKickSignature } from './signature';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The headers Kick sends with every delivery (docs/kick-api.md §6.2), in Node's lowercase. */
export const KICK_HEADERS = {
	messageId: 'kick-event-message-id',
	subscriptionId: 'kick-event-subscription-id',
	signature: 'kick-event-signature',
	timestamp: 'kick-event-message-timestamp',
	type: 'kick-event-type',
	version: 'kick-event-version',
} as const;

/**
 * Event types whose body identifies one event, because it carries the event's own id or time:
 * two deliveries with the same body are the same event (a duplicate subscription, or a copy made
 * for another Kick app). Every type but follows (follow, unfollow, follow again gives the same
 * body twice) and stream info changes (a title changed back gives the same body).
 */
export const PAYLOAD_IDENTIFIES_EVENT: ReadonlySet<KickEventType> = new Set(
	KICK_EVENT_TYPES.filter((type) => type !== 'channel.followed' && type !== 'livestream.metadata.updated'),
);

/** Which bodies the trigger compares (the Ignore Duplicate Payloads option). */
export type DuplicatePayloads = 'identifying' | 'all' | 'never';

interface DeliveryInput {
	/** Lowercase names, as Node gives them. */
	headers: HeaderBag;
	/** The exact request body bytes (`req.rawBody`). */
	rawBody: Buffer | undefined;
	receivedAt: number;
}

export interface DeliveryRules {
	filters: CompiledFilters;
	lateLimitMs: number;
	duplicatePayloads: DuplicatePayloads;
	ignoreOlderThanMs?: number;
	/** Whether a subscription is one of the trigger's own (Only Own Subscriptions); undefined: any is. */
	ownsSubscription?: (id: string | null) => boolean | Promise<boolean>;
}

/** Access to the verification key. None of these may throw. */
export interface KeyProvider {
	current(): KeyObject | undefined;
	load(): Promise<KeyObject>;
	/** A newer key after a failed check, or undefined (rate-limited, unchanged, unreachable). */
	refresh(): Promise<KeyObject | undefined>;
}

export type RefusalReason = 'missing-signature-headers' | 'bad-signature' | 'body-too-large';

export type IgnoreReason =
	| 'duplicate-message'
	| 'past-late-limit'
	| 'beyond-memory'
	| 'bad-timestamp'
	| 'unknown-event-type'
	| 'unknown-event-version'
	| 'not-own-subscription'
	| 'filtered:event'
	| 'filtered:too-old'
	| 'not-json'
	| 'not-an-object'
	| 'type-mismatch'
	| 'internal-error';

export type Admission =
	| { status: 401 | 413; reason: RefusalReason }
	| { status: 200; reason: IgnoreReason; delayMs?: number; remembered?: boolean }
	| { status: 200; copy: EventCopy };

const FOREVER = Number.POSITIVE_INFINITY;

/** The memory key of a message id: 66 bits of its hash, short because the record is persisted. */
export function messageKey(messageId: string): string {
	return `m${createHash('sha1').update(messageId).digest('base64url').slice(0, 11)}`;
}

/**
 * The event id of a delivery body: 96 bits of SHA-1 over the event type and the exact body,
 * base64url. Copies of one event that Kick delivers under different message ids (duplicate
 * subscriptions, another Kick app's subscription) have the same one.
 */
export function payloadFingerprint(eventType: string, rawBody: Buffer): string {
	return createHash('sha1').update(eventType).update('\n').update(rawBody).digest('base64url').slice(0, 16);
}

/** Whether a delivery of this type is dropped when its body was seen before. */
export function comparesPayload(type: KickEventType, mode: DuplicatePayloads): boolean {
	return mode === 'all' || (mode === 'identifying' && PAYLOAD_IDENTIFIES_EVENT.has(type));
}

/** The signed parts of a delivery. */
interface Signed {
	messageId: string;
	timestamp: string;
	rawBody: Buffer;
}

/**
 * Admits one delivery. Never throws; never answers 5xx. With the key cached and the
 * subscription known (every delivery but the first) it runs without awaiting anything, so two
 * copies of one delivery arriving together are decided one after the other.
 */
export async function admitDelivery(input: DeliveryInput, rules: DeliveryRules, memory: SeenMemory, keys: KeyProvider): Promise<Admission> {
	try {
		const messageId = headerValue(input.headers, KICK_HEADERS.messageId);
		const timestamp = headerValue(input.headers, KICK_HEADERS.timestamp);
		const signature = headerValue(input.headers, KICK_HEADERS.signature);
		if (messageId === undefined || timestamp === undefined || signature === undefined) {
			return { status: 401, reason: 'missing-signature-headers' };
		}
		const rawBody = input.rawBody ?? Buffer.alloc(0);
		if (rawBody.length > MAX_BODY_BYTES) return { status: 413, reason: 'body-too-large' };
		const verifies = (key: KeyObject | undefined): boolean =>
			key !== undefined && verifyKickSignature(key, messageId, timestamp, rawBody, signature);
		const cached = keys.current();
		// The first delivery loads the key; a failed check refetches it once (rate-limited) in case Kick rotated it.
		const authentic = verifies(cached) || (!cached && verifies(await keys.load())) || verifies(await keys.refresh());
		if (!authentic) return { status: 401, reason: 'bad-signature' };
		return await admitAuthentic(input, { messageId, timestamp, rawBody }, rules, memory);
	} catch {
		return { status: 200, reason: 'internal-error' };
	}
}

/** Everything after the signature held: Kick sent these bytes, so the answer is 200. */
async function admitAuthentic(input: DeliveryInput, signed: Signed, rules: DeliveryRules, memory: SeenMemory): Promise<Admission> {
	const { headers, receivedAt } = input;
	const { messageId, timestamp, rawBody } = signed;
	const idKey = messageKey(messageId);
	if (memory.has(idKey)) return { status: 200, reason: 'duplicate-message' };

	// The timestamp is signed: a replay carries the original one, so the memory (which covers
	// every delivery signed within the limit and above its floor) decides it exactly.
	const timestampMs = parseKickTimestamp(timestamp);
	if (timestampMs === undefined) return { status: 200, reason: 'bad-timestamp' };
	const judgement = memory.judge(timestampMs, rules.lateLimitMs, receivedAt);
	if (judgement !== 'ok') return { status: 200, reason: judgement, delayMs: receivedAt - timestampMs };

	// Decisions taken on unsigned headers remember the delivery when a rewrite could make its
	// body run as a wanted event.
	const ignoreByHeader = (reason: IgnoreReason, parsed?: unknown): Admission => {
		const body = parsed ?? parseBody(rawBody);
		if (!isObject(body) || ![...rules.filters.events].some((wanted) => isKickEventType(wanted) && bodyMatchesType(wanted, body))) {
			return { status: 200, reason };
		}
		memory.add(idKey, timestampMs, receivedAt);
		return { status: 200, reason, remembered: true };
	};
	const type = headerValue(headers, KICK_HEADERS.type);
	if (type === undefined || !isKickEventType(type)) return ignoreByHeader('unknown-event-type');
	const version = headerValue(headers, KICK_HEADERS.version) ?? String(KICK_EVENT_VERSION);
	if (version !== String(KICK_EVENT_VERSION)) return ignoreByHeader('unknown-event-version');

	// Checking the (unsigned) subscription id keeps deliveries of subscriptions this trigger did
	// not make (another tool on the same Kick app) from running it.
	const subscriptionId = headerValue(headers, KICK_HEADERS.subscriptionId) ?? null;
	if (rules.ownsSubscription && !(await rules.ownsSubscription(subscriptionId))) return ignoreByHeader('not-own-subscription');
	if (!rules.filters.events.has(type)) return ignoreByHeader('filtered:event');
	const tooOld = rules.ignoreOlderThanMs !== undefined && receivedAt - timestampMs > rules.ignoreOlderThanMs;
	if (tooOld) return { status: 200, reason: 'filtered:too-old' };

	const body = parseBody(rawBody);
	if (body === undefined) return { status: 200, reason: 'not-json' };
	if (!isObject(body)) return { status: 200, reason: 'not-an-object' };
	// Kick-Event-Type is not signed either: trust it only when the body has that type's shape.
	if (!bodyMatchesType(type, body)) return ignoreByHeader('type-mismatch', body);

	// Where identical bodies are one event and Kick's sources share no id, the event id is the body's fingerprint.
	const compared = comparesPayload(type, rules.duplicatePayloads);
	const fingerprinted = compared || PAYLOAD_IDENTIFIES_EVENT.has(type);
	return {
		status: 200,
		copy: {
			source: 'webhook',
			event: type,
			body,
			messageId,
			version: KICK_EVENT_VERSION,
			subscriptionId,
			kickTimestamp: timestamp,
			kickTimestampMs: timestampMs,
			receivedAt,
			fallbackEventId: fingerprinted ? payloadFingerprint(type, rawBody) : undefined,
			repeatKeys: [{ key: idKey, atMs: timestampMs, windowMs: FOREVER }],
			repeatByEventId: compared,
			// The body matched its type; a schema difference beyond that is Kick's payload drifting.
			// The event still runs (losing it would be worse), with the differences listed. Checked
			// only for a copy that gets an item: a filtered delivery costs no schema check.
			extra: () => {
				const schema = validateEventBody(type, body);
				return schema.ok ? undefined : { schemaIssues: schema.issues };
			},
		},
	};
}

function parseBody(rawBody: Buffer): unknown {
	try {
		return JSON.parse(rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
}
