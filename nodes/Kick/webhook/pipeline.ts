/**
 * One webhook delivery, from raw request to "run the workflow with this item" or "answer and
 * stop". The signature comes first: nothing about the timestamp, the headers or the body is
 * decided before it holds.
 *
 *   signature headers present → size → signature (one key refetch on failure)
 *   → already ran (message id) → timestamp within the Late Delivery Limit and the memory
 *   → event type/version known → own subscription → wanted type → JSON → type agrees with body
 *   → filters → duplicate body → schema → normalize
 *
 * Answers: 401 for what Kick did not send (no signature headers, a wrong signature) and 413 for
 * a body too large to check. Everything authentic is answered 200, whatever its age, headers or
 * shape: Kick does not resend, and every error answer counts against the subscription (Kick
 * deletes subscriptions whose deliveries fail for a day). Authentic but not run (a duplicate,
 * filtered, too late, unreadable, an unknown type) is 200 without an execution. Never a 5xx.
 *
 * A delivery is remembered (./memory.ts) when it runs, and when it is ignored because of what an
 * unsigned header says while its body has the shape of a wanted event: the type, version and
 * subscription headers are not signed, so a replay with rewritten headers must not turn it into
 * another event. What must survive an n8n restart comes back as `remember`; the trigger persists
 * it (./trigger/deliveryLog.ts).
 *
 * Reasons are short fixed strings for logs: no body, header value, key or signature.
 */
import type { KeyObject } from 'node:crypto';

import { KICK_EVENT_VERSION } from '../shared/kick.constants';
import { isObject } from '../shared/json';
import { parseKickTimestamp } from '../shared/time';
import { comparesPayload, fingerprintKey, messageKey, PAYLOAD_IDENTIFIES_EVENT, payloadFingerprint, type DuplicatePayloads } from './dedup';
import { rejectParsed, type CompiledFilters, type FilterReason } from '../events/filters';
import { headerValue, KICK_HEADERS, type HeaderBag } from './headers';
import type { DeliveryMemory } from './memory';
import { normalizeEvent, type KickEventItem } from '../events/normalize';
import { crossSourceEventId } from '../events/identity';
import { PublicKeyCache, sharedPublicKeyCache, type PemFetcher } from './publicKey';
import { bodyMatchesType, isKickEventType, validateEventBody } from './schemas';
import { verifyKickSignature } from './signature';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface DeliveryInput {
	/** Request headers with lowercase names (as Node gives them). */
	headers: HeaderBag;
	/** The exact request body bytes (`req.rawBody`). */
	rawBody: Buffer | undefined;
	/** When the request arrived, ms since the epoch. */
	receivedAt: number;
}

export interface PipelineConfig {
	filters: CompiledFilters;
	/** The trigger's own subscription ids; when non-empty, deliveries for other subscriptions are not run. */
	ownSubscriptionIds?: ReadonlySet<string>;
	/** Which bodies identical to one already run (under another message id) are dropped (default: none). */
	duplicatePayloads?: DuplicatePayloads;
	/** The Ignore Deliveries Older Than filter, ms (undefined: off). */
	ignoreOlderThanMs?: number;
}

/** Access to the verification key. None of these may throw. */
export interface KeyProvider {
	/** The cached key, without I/O. */
	current(): KeyObject | undefined;
	/** The key, loading it when not cached. */
	load(): Promise<KeyObject>;
	/** A newer key after a failed check, or undefined (rate-limited, unchanged, unreachable). */
	refresh(): Promise<KeyObject | undefined>;
}

export interface PipelineDeps {
	keys: KeyProvider;
	/** The trigger's memory; its Late Delivery Limit applies. */
	memory: DeliveryMemory;
}

export type RefusalReason = 'missing-signature-headers' | 'bad-signature' | 'body-too-large';

export type IgnoreReason =
	| 'duplicate-message'
	| 'duplicate-payload'
	| 'past-late-limit'
	| 'beyond-memory'
	| 'bad-timestamp'
	| 'unknown-event-type'
	| 'unknown-event-version'
	| 'not-own-subscription'
	| 'not-json'
	| 'not-an-object'
	| 'type-mismatch'
	| 'internal-error'
	| 'filtered:too-old'
	| FilterReason;

/** What the trigger persists so that a restart does not forget it (see the module comment). */
export interface Remembered {
	/** Memory keys (./dedup.ts): the message id's, and the body fingerprint's when bodies are compared. */
	keys: string[];
	/** The signed timestamp, ms. */
	timestampMs: number;
}

export type DeliveryResult =
	| { status: 200; run: true; item: KickEventItem; reason: 'ok' | 'ok:schema-drift'; remember: Remembered }
	| { status: 200; run: false; reason: IgnoreReason; remember?: Remembered; delayMs?: number }
	| { status: 401 | 413; run: false; reason: RefusalReason };

const RECEIVED_NOT_RUN = 'Received; not processed';

const MESSAGES: Record<RefusalReason | IgnoreReason | 'ok' | 'ok:schema-drift', string> = {
	'missing-signature-headers': 'Missing Kick signature headers',
	'bad-signature': 'Invalid signature',
	'body-too-large': 'Body too large',
	'duplicate-message': 'Received; duplicate delivery',
	'duplicate-payload': 'Received; duplicate event',
	'past-late-limit': 'Received; later than the late delivery limit, not processed',
	'beyond-memory': 'Received; later than the deliveries this trigger remembers, not processed',
	'bad-timestamp': RECEIVED_NOT_RUN,
	'unknown-event-type': 'Received; unknown event type, not processed',
	'unknown-event-version': 'Received; unknown event version, not processed',
	'not-own-subscription': 'Received; not a subscription of this trigger',
	'not-json': RECEIVED_NOT_RUN,
	'not-an-object': RECEIVED_NOT_RUN,
	'type-mismatch': RECEIVED_NOT_RUN,
	'internal-error': 'Received; could not be processed',
	'filtered:too-old': 'Received; filtered out',
	'filtered:event': 'Received; filtered out',
	'filtered:channel': 'Received; filtered out',
	'filtered:stream-status': 'Received; filtered out',
	'filtered:command-prefix': 'Received; filtered out',
	'filtered:command': 'Received; filtered out',
	'filtered:chat-username': 'Received; filtered out',
	'filtered:min-kicks': 'Received; filtered out',
	'filtered:reward-title': 'Received; filtered out',
	'filtered:redemption-status': 'Received; filtered out',
	ok: 'Received',
	'ok:schema-drift': 'Received',
};

/** A short, secret-free message for the HTTP answer. */
export function responseMessage(result: DeliveryResult): string {
	return MESSAGES[result.reason];
}

function refuse(status: 401 | 413, reason: RefusalReason): DeliveryResult {
	return { status, run: false, reason };
}

function ignore(reason: IgnoreReason, remember?: Remembered): DeliveryResult {
	return remember ? { status: 200, run: false, reason, remember } : { status: 200, run: false, reason };
}

interface Checked {
	messageId: string;
	timestamp: string;
	signature: string;
	rawBody: Buffer;
}

/** What is decided before the signature: the signature headers are there, the body is not too big to check. */
function precheck(input: DeliveryInput): Checked | DeliveryResult {
	const { headers } = input;
	const messageId = headerValue(headers, KICK_HEADERS.messageId);
	const timestamp = headerValue(headers, KICK_HEADERS.timestamp);
	const signature = headerValue(headers, KICK_HEADERS.signature);
	if (messageId === undefined || timestamp === undefined || signature === undefined) {
		return refuse(401, 'missing-signature-headers');
	}
	const rawBody = input.rawBody ?? Buffer.alloc(0);
	if (rawBody.length > MAX_BODY_BYTES) return refuse(413, 'body-too-large');
	return { messageId, timestamp, signature, rawBody };
}

function verifies(key: KeyObject, checked: Checked): boolean {
	return verifyKickSignature(key, checked.messageId, checked.timestamp, checked.rawBody, checked.signature);
}

/**
 * Decides one delivery. Never throws; never answers 5xx. With the key cached (every delivery
 * but the first, or one after a rotation) it runs without awaiting anything, so two copies of
 * one delivery arriving together are decided one after the other.
 */
export function handleDelivery(input: DeliveryInput, config: PipelineConfig, deps: PipelineDeps): Promise<DeliveryResult> {
	try {
		const checked = precheck(input);
		if ('status' in checked) return Promise.resolve(checked);
		const key = deps.keys.current();
		if (key && verifies(key, checked)) return Promise.resolve(decideAuthentic(input, checked, config, deps));
		return verifyWithKeyIo(input, checked, config, deps, key !== undefined);
	} catch {
		return Promise.resolve(ignore('internal-error'));
	}
}

/** The slow path: load the key (first delivery), or refetch it once after a failed check. */
async function verifyWithKeyIo(
	input: DeliveryInput,
	checked: Checked,
	config: PipelineConfig,
	deps: PipelineDeps,
	cachedKeyFailed: boolean,
): Promise<DeliveryResult> {
	try {
		if (!cachedKeyFailed && verifies(await deps.keys.load(), checked)) {
			return decideAuthentic(input, checked, config, deps);
		}
		// The signature failed: refetch the key once (rate-limited) in case Kick rotated it.
		const newer = await deps.keys.refresh();
		if (!newer || !verifies(newer, checked)) return refuse(401, 'bad-signature');
		return decideAuthentic(input, checked, config, deps);
	} catch {
		return ignore('internal-error');
	}
}

/** Everything after the signature held: Kick sent these bytes, so the answer is 200. */
function decideAuthentic(input: DeliveryInput, checked: Checked, config: PipelineConfig, deps: PipelineDeps): DeliveryResult {
	try {
		return decide(input, checked, config, deps);
	} catch {
		return ignore('internal-error');
	}
}

function decide(input: DeliveryInput, checked: Checked, config: PipelineConfig, deps: PipelineDeps): DeliveryResult {
	const { headers, receivedAt } = input;
	const { messageId, timestamp, rawBody } = checked;
	const { memory } = deps;
	const idKey = messageKey(messageId);
	if (memory.has(idKey)) return ignore('duplicate-message');

	// The timestamp is signed: a replay carries the original one, so the memory (which covers
	// every delivery signed within the limit and above its floor) decides it exactly.
	const timestampMs = parseKickTimestamp(timestamp);
	if (timestampMs === undefined) return ignore('bad-timestamp');
	const judgement = memory.judge(timestampMs, receivedAt);
	if (judgement !== 'ok') return { status: 200, run: false, reason: judgement, delayMs: receivedAt - timestampMs };

	// Decisions taken on unsigned headers remember the delivery when a rewrite could make its
	// body run as a wanted event.
	const type = headerValue(headers, KICK_HEADERS.type);
	if (type === undefined || !isKickEventType(type)) return ignoreByHeader('unknown-event-type', rawBody, config, idKey, timestampMs, receivedAt, deps);
	const version = headerValue(headers, KICK_HEADERS.version) ?? String(KICK_EVENT_VERSION);
	if (version !== String(KICK_EVENT_VERSION)) return ignoreByHeader('unknown-event-version', rawBody, config, idKey, timestampMs, receivedAt, deps);

	// Checking the (unsigned) subscription id keeps deliveries of subscriptions this trigger did
	// not make (another tool on the same Kick app) from running it.
	const subscriptionId = headerValue(headers, KICK_HEADERS.subscriptionId) ?? null;
	const own = config.ownSubscriptionIds;
	if (own && own.size > 0 && (subscriptionId === null || !own.has(subscriptionId))) {
		return ignoreByHeader('not-own-subscription', rawBody, config, idKey, timestampMs, receivedAt, deps);
	}
	if (!config.filters.events.has(type)) return ignoreByHeader('filtered:event', rawBody, config, idKey, timestampMs, receivedAt, deps);
	if (config.ignoreOlderThanMs !== undefined && receivedAt - timestampMs > config.ignoreOlderThanMs) return ignore('filtered:too-old');

	const body = parseBody(rawBody);
	if (body === undefined) return ignore('not-json');
	if (!isObject(body)) return ignore('not-an-object');
	// Kick-Event-Type is not signed either: trust it only when the body has that type's shape.
	if (!bodyMatchesType(type, body)) return ignoreByHeader('type-mismatch', rawBody, config, idKey, timestampMs, receivedAt, deps, body);

	const rejected = rejectParsed(type, body, config.filters);
	if (rejected) return ignore(rejected);

	// The event id is the body's fingerprint where identical bodies are one event: always for the
	// types whose body identifies the event, and for every type when the user says so ("For All
	// Events"). Otherwise it is the message id.
	// Where Kick's sources share an id or a time (../../events/identity.ts), the event id is the
	// one every source gives the event, so a Kick Chat Trigger's or Polling Trigger's copy has it too.
	const compare = comparesPayload(type, config.duplicatePayloads ?? 'never');
	const identifies = compare || PAYLOAD_IDENTIFIES_EVENT.has(type);
	const eventId = identifies ? (crossSourceEventId(type, body) ?? payloadFingerprint(type, rawBody)) : messageId;
	const keys = [idKey];
	if (compare) {
		const bodyKey = fingerprintKey(eventId);
		if (memory.has(bodyKey)) return ignore('duplicate-payload');
		keys.push(bodyKey);
	}
	memory.add(keys, timestampMs, receivedAt);
	const remember: Remembered = { keys, timestampMs };

	// The body matched its type; a schema difference beyond that is Kick's payload drifting.
	// The event still runs (losing it would be worse), with the differences listed.
	const schema = validateEventBody(type, body);
	const item = normalizeEvent(
		body,
		{ event: type, version: KICK_EVENT_VERSION, messageId, eventId, subscriptionId, kickTimestamp: timestamp, kickTimestampMs: timestampMs, receivedAt },
		{ commandPrefix: config.filters.commandPrefix },
	);
	if (!schema.ok) {
		item.schemaIssues = schema.issues;
		return { status: 200, run: true, item, reason: 'ok:schema-drift', remember };
	}
	return { status: 200, run: true, item, reason: 'ok', remember };
}

function parseBody(rawBody: Buffer): unknown {
	try {
		return JSON.parse(rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * An authentic delivery ignored because of what its unsigned headers say. It is remembered (in
 * memory, and persisted) when the body has the shape of an event this trigger wants (a
 * subscription "new" and "renewal" look the same), so a replay with rewritten headers does not
 * run, also after a restart. Such bodies are rare: the parse costs nothing that matters, and a
 * firehose of unwanted chat never gets here.
 */
function ignoreByHeader(
	reason: IgnoreReason,
	rawBody: Buffer,
	config: PipelineConfig,
	idKey: string,
	timestampMs: number,
	nowMs: number,
	deps: PipelineDeps,
	parsed?: unknown,
): DeliveryResult {
	const body = parsed ?? parseBody(rawBody);
	if (!isObject(body)) return ignore(reason);
	for (const wanted of config.filters.events) {
		if (isKickEventType(wanted) && bodyMatchesType(wanted, body)) {
			deps.memory.add([idKey], timestampMs, nowMs);
			return ignore(reason, { keys: [idKey], timestampMs });
		}
	}
	return ignore(reason);
}

export interface KeyProviderOptions {
	/** The credential's API base URL (Kick's, or the emulator's): where the key comes from. */
	apiBaseUrl: string;
	/** Fetches the PEM from `<apiBaseUrl>/public/v1/public-key` (see `pemFromResponse`). */
	fetchPem: PemFetcher;
	cache?: PublicKeyCache;
}

/** The process-wide key cache, seen from one trigger. */
export function keyProvider(options: KeyProviderOptions): KeyProvider {
	const cache = options.cache ?? sharedPublicKeyCache;
	const { apiBaseUrl, fetchPem } = options;
	return {
		current: () => cache.peek(apiBaseUrl),
		load: async () => await cache.get(apiBaseUrl, fetchPem),
		refresh: async () => await cache.refreshAfterFailure(apiBaseUrl, fetchPem),
	};
}
