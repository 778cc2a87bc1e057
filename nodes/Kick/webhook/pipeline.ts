/**
 * One webhook delivery, from raw request to "run the workflow with this item" or "answer and
 * stop". Cheapest and most decisive checks first:
 *
 *   headers present → size → freshness → signature (one key refetch on failure)
 *   → message id seen before → event type/version known → own subscription → wanted type
 *   → JSON parse → type agrees with body → filters → duplicate body → schema → normalize
 *
 * Answers: forged, tampered, missing signature headers, stale or future → 401; empty,
 * oversized, not JSON, type header contradicting the body → 400; authentic but not wanted
 * (filtered, duplicate, unknown type or version, someone else's subscription) → 200 without a
 * run. Never a 5xx: Kick deletes subscriptions whose deliveries keep failing.
 *
 * Every authentic message id is remembered as soon as the signature holds, whatever happens to
 * the delivery next: the type, version and subscription headers are not signed, so a replay with
 * rewritten headers must not turn an ignored delivery into another event. The memory's bound
 * follows from the window and n8n's fastest answer rate (./dedup.ts), so a firehose of dropped
 * chat cannot push a live id out of it.
 *
 * What must survive an n8n restart comes back in the result as `remember`: the id (and body
 * fingerprint) of every delivery that runs, and of an ignored one whose body a header rewrite
 * could make run. The trigger persists those (./trigger/deliveryLog.ts).
 *
 * Reasons are short fixed strings for logs: no body, header value, key or signature.
 */
import type { KeyObject } from 'node:crypto';

import { KICK_EVENT_VERSION } from '../shared/kick.constants';
import {
	comparesPayload,
	DedupRegistry,
	dedupTtlMs,
	PAYLOAD_IDENTIFIES_EVENT,
	payloadFingerprint,
	sharedDedupRegistry,
	type DedupStores,
	type DuplicatePayloads,
} from './dedup';
import { rejectParsed, type CompiledFilters, type FilterReason } from '../events/filters';
import { checkFreshness } from './freshness';
import { headerValue, KICK_HEADERS, type HeaderBag } from './headers';
import { normalizeEvent, type KickEventItem } from '../events/normalize';
import { PublicKeyCache, sharedPublicKeyCache, type PemFetcher } from './publicKey';
import { bodyMatchesType, isKickEventType, validateEventBody } from './schemas';
import { verifyKickSignature } from './signature';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

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
	/** Freshness window in seconds; 0 turns it off. */
	maxEventAgeSeconds: number;
	maxBodyBytes?: number;
	/** The trigger's own subscription ids; when non-empty, deliveries for other subscriptions are not run. */
	ownSubscriptionIds?: ReadonlySet<string>;
	/** Which bodies identical to one already run (under another message id) are dropped (default: none). */
	duplicatePayloads?: DuplicatePayloads;
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
	dedup: DedupStores;
}

export type RefusalReason =
	| 'missing-signature-headers'
	| 'bad-timestamp'
	| 'stale'
	| 'future'
	| 'bad-signature'
	| 'empty-body'
	| 'body-too-large'
	| 'not-json'
	| 'not-an-object'
	| 'type-mismatch';

export type IgnoreReason =
	| 'unknown-event-type'
	| 'unknown-event-version'
	| 'not-own-subscription'
	| 'duplicate-message'
	| 'duplicate-payload'
	| 'internal-error'
	| FilterReason;

/** What the trigger persists so that a restart does not forget it (see the module comment). */
export interface Remembered {
	messageId: string;
	/** The body's fingerprint, when duplicate bodies of this type are dropped. */
	fingerprint?: string;
	/** When the memory may forget it (ms since the epoch). */
	expiresAt: number;
}

export type DeliveryResult =
	| { status: 200; run: true; item: KickEventItem; reason: 'ok' | 'ok:schema-drift'; remember: Remembered }
	| { status: 200; run: false; reason: IgnoreReason; remember?: Remembered }
	| { status: 400 | 401; run: false; reason: RefusalReason };

const MESSAGES: Record<RefusalReason | IgnoreReason | 'ok' | 'ok:schema-drift', string> = {
	'missing-signature-headers': 'Missing Kick signature headers',
	'bad-timestamp': 'Invalid Kick-Event-Message-Timestamp',
	stale: 'Delivery is too old',
	future: 'Delivery timestamp is too far in the future',
	'bad-signature': 'Invalid signature',
	'empty-body': 'Empty body',
	'body-too-large': 'Body too large',
	'not-json': 'Body is not JSON',
	'not-an-object': 'Body is not a JSON object',
	'type-mismatch': 'Kick-Event-Type does not match the body',
	'unknown-event-type': 'Received; unknown event type, not processed',
	'unknown-event-version': 'Received; unknown event version, not processed',
	'not-own-subscription': 'Received; not a subscription of this trigger',
	'duplicate-message': 'Received; duplicate delivery',
	'duplicate-payload': 'Received; duplicate event',
	'internal-error': 'Received; could not be processed',
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

function refuse(status: 400 | 401, reason: RefusalReason): DeliveryResult {
	return { status, run: false, reason };
}

function ignore(reason: IgnoreReason): DeliveryResult {
	return { status: 200, run: false, reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Checked {
	messageId: string;
	timestamp: string;
	signature: string;
	rawBody: Buffer;
	timestampMs: number | undefined;
}

/** Everything decided before the signature: headers, size, freshness. No I/O, no key. */
function precheck(input: DeliveryInput, config: PipelineConfig): Checked | DeliveryResult {
	const { headers, rawBody } = input;
	const messageId = headerValue(headers, KICK_HEADERS.messageId);
	const timestamp = headerValue(headers, KICK_HEADERS.timestamp);
	const signature = headerValue(headers, KICK_HEADERS.signature);
	if (messageId === undefined || timestamp === undefined || signature === undefined) {
		return refuse(401, 'missing-signature-headers');
	}
	if (!rawBody || rawBody.length === 0) return refuse(400, 'empty-body');
	if (rawBody.length > (config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) return refuse(400, 'body-too-large');
	const freshness = checkFreshness(timestamp, input.receivedAt, config.maxEventAgeSeconds);
	if (!freshness.ok) return refuse(401, freshness.reason);
	return { messageId, timestamp, signature, rawBody, timestampMs: freshness.timestampMs };
}

function verifies(key: KeyObject, checked: Checked): boolean {
	return verifyKickSignature(key, checked.messageId, checked.timestamp, checked.rawBody, checked.signature);
}

/**
 * Decides one delivery. Never throws; never answers 5xx. With the key cached (every delivery
 * but the first, or one after a rotation) it runs without awaiting anything.
 */
export function handleDelivery(input: DeliveryInput, config: PipelineConfig, deps: PipelineDeps): Promise<DeliveryResult> {
	try {
		const checked = precheck(input, config);
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

/** Everything after the signature held: Kick sent these bytes, so unwanted means 200 without a run. */
function decideAuthentic(input: DeliveryInput, checked: Checked, config: PipelineConfig, deps: PipelineDeps): DeliveryResult {
	const { headers, receivedAt } = input;
	const { messageId, timestamp, rawBody } = checked;
	const messageIds = deps.dedup.messageIds;
	if (messageIds.seen(messageId, receivedAt)) return ignore('duplicate-message');
	const expiresAt = receivedAt + messageIds.ttlMs;

	// Decisions taken on unsigned headers: remembered across restarts when a rewrite could make
	// the same body run as a wanted event.
	const type = headerValue(headers, KICK_HEADERS.type);
	if (type === undefined || !isKickEventType(type)) return ignoreByHeader('unknown-event-type', rawBody, config, messageId, expiresAt);
	const version = headerValue(headers, KICK_HEADERS.version) ?? String(KICK_EVENT_VERSION);
	if (version !== String(KICK_EVENT_VERSION)) return ignoreByHeader('unknown-event-version', rawBody, config, messageId, expiresAt);

	// The subscription id header is not signed; checking it keeps deliveries of subscriptions
	// this trigger did not make (another tool on the same Kick app) from running it.
	const subscriptionId = headerValue(headers, KICK_HEADERS.subscriptionId) ?? null;
	const own = config.ownSubscriptionIds;
	if (own && own.size > 0 && (subscriptionId === null || !own.has(subscriptionId))) {
		return ignore('not-own-subscription');
	}

	if (!config.filters.events.has(type)) return ignoreByHeader('filtered:event', rawBody, config, messageId, expiresAt);

	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return refuse(400, 'not-json');
	}
	if (!isObject(body)) return refuse(400, 'not-an-object');
	// Kick-Event-Type is not signed either: trust it only when the body has that type's shape.
	if (!bodyMatchesType(type, body)) return refuse(400, 'type-mismatch');

	const rejected = rejectParsed(type, body, config.filters);
	if (rejected) return ignore(rejected);

	// The event id is the body's fingerprint where identical bodies are one event: always for the
	// types whose body identifies the event, and for every type when the user says so ("For All
	// Events"). Otherwise it is the message id.
	const compare = comparesPayload(type, config.duplicatePayloads ?? 'never');
	const eventId = compare || PAYLOAD_IDENTIFIES_EVENT.has(type) ? payloadFingerprint(type, rawBody) : messageId;
	const fingerprint = compare ? eventId : undefined;
	if (fingerprint !== undefined && deps.dedup.payloads.seen(fingerprint, receivedAt)) return ignore('duplicate-payload');
	const remember: Remembered = { messageId, fingerprint, expiresAt };

	// The body matched its type; a schema difference beyond that is Kick's payload drifting.
	// The event still runs (losing it would be worse), with the differences listed.
	const schema = validateEventBody(type, body);
	const item = normalizeEvent(
		body,
		{
			event: type,
			version: KICK_EVENT_VERSION,
			messageId,
			eventId,
			subscriptionId,
			kickTimestamp: timestamp,
			kickTimestampMs: checked.timestampMs,
			receivedAt,
		},
		{ commandPrefix: config.filters.commandPrefix },
	);
	if (!schema.ok) {
		item.schemaIssues = schema.issues;
		return { status: 200, run: true, item, reason: 'ok:schema-drift', remember };
	}
	return { status: 200, run: true, item, reason: 'ok', remember };
}

/**
 * An authentic delivery ignored because of what its unsigned headers say. Its id is already in
 * this process's memory; it is also persisted when the body has the shape of an event this
 * trigger wants (a subscription "new" and "renewal" look the same), so a replay with rewritten
 * headers is refused after a restart too. Such bodies are rare: the parse costs nothing that
 * matters, and a firehose of unwanted chat never gets here.
 */
function ignoreByHeader(reason: IgnoreReason, rawBody: Buffer, config: PipelineConfig, messageId: string, expiresAt: number): DeliveryResult {
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return ignore(reason);
	}
	for (const wanted of config.filters.events) {
		if (isKickEventType(wanted) && bodyMatchesType(wanted, body)) return { status: 200, run: false, reason, remember: { messageId, expiresAt } };
	}
	return ignore(reason);
}

export interface DeliveryDepsOptions {
	/** The credential's API base URL (Kick's, or the emulator's): where the key comes from. */
	apiBaseUrl: string;
	/** Fetches the PEM from `<apiBaseUrl>/public/v1/public-key` (see `pemFromResponse`). */
	fetchPem: PemFetcher;
	/** One dedup memory per scope: workflow id + node id (+ test/production). */
	dedupScope: string;
	maxEventAgeSeconds: number;
	keyCache?: PublicKeyCache;
	dedupRegistry?: DedupRegistry;
}

/** Wires the process-wide key cache and dedup memory for one trigger. */
export function createDeliveryDeps(options: DeliveryDepsOptions): PipelineDeps {
	const cache = options.keyCache ?? sharedPublicKeyCache;
	const registry = options.dedupRegistry ?? sharedDedupRegistry;
	const { apiBaseUrl, fetchPem } = options;
	return {
		keys: {
			current: () => cache.peek(apiBaseUrl),
			load: async () => await cache.get(apiBaseUrl, fetchPem),
			refresh: async () => await cache.refreshAfterFailure(apiBaseUrl, fetchPem),
		},
		dedup: registry.forScope(options.dedupScope, dedupTtlMs(options.maxEventAgeSeconds)),
	};
}
