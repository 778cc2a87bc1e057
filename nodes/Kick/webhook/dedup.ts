/**
 * Which deliveries are the same: the keys a delivery is remembered under (./memory.ts).
 *
 * Kick delivers at least once: the same `Kick-Event-Message-Id` can arrive twice, and duplicate
 * subscriptions resend the same body under a new message id (docs/kick-api.md §6.5). So a
 * delivery is remembered under its message id, and, where identical bodies are one event, under
 * its event id: the id every Kick source gives the event where there is one (a chat message id, a
 * stream's start, a redemption's id and status: ../events/identity.ts), else its body's fingerprint.
 *
 * Keys are 11 base64url characters (66 bits) of a hash: short because the trigger persists
 * them, and long enough that two different deliveries sharing one is not a practical concern
 * (one in about 10^16 per lookup against a thousand remembered keys).
 */
import { createHash } from 'node:crypto';

import type { KickEventType } from '../shared/kick.constants';

const KEY_LENGTH = 11;

/**
 * Event types whose body identifies one event, because it carries the event's own id or time:
 * two deliveries with the same body are the same event (a duplicate subscription, or a copy made
 * for another Kick app). Follows (no time in the body: follow, unfollow, follow again gives the
 * same body twice) and stream info changes (a title changed back gives the same body) are not
 * in the list: identical bodies there can be two real events.
 */
export const PAYLOAD_IDENTIFIES_EVENT: ReadonlySet<KickEventType> = new Set<KickEventType>([
	'chat.message.sent',
	'channel.subscription.new',
	'channel.subscription.renewal',
	'channel.subscription.gifts',
	'channel.reward.redemption.updated',
	'livestream.status.updated',
	'moderation.banned',
	'kicks.gifted',
]);

/**
 * The event id of a delivery body: 96 bits of SHA-1 over the event type and the exact body,
 * base64url. Copies of one event that Kick delivers under different message ids (duplicate
 * subscriptions, another Kick app's subscription) have the same one.
 */
export function payloadFingerprint(eventType: string, rawBody: Buffer): string {
	return createHash('sha1').update(eventType).update('\n').update(rawBody).digest('base64url').slice(0, 16);
}

/** The memory key of a message id. */
export function messageKey(messageId: string): string {
	return createHash('sha1').update(messageId).digest('base64url').slice(0, KEY_LENGTH);
}

/** The memory key of a body fingerprint (already a hash). */
export function fingerprintKey(fingerprint: string): string {
	return fingerprint.slice(0, KEY_LENGTH);
}

/**
 * Which bodies the trigger compares ("Ignore Duplicate Payloads"): only those that identify the
 * event (the default), all of them, or none.
 */
export type DuplicatePayloads = 'identifying' | 'all' | 'never';

/** Whether a delivery of this type is dropped when its body was seen before. */
export function comparesPayload(type: KickEventType, mode: DuplicatePayloads): boolean {
	return mode === 'all' || (mode === 'identifying' && PAYLOAD_IDENTIFIES_EVENT.has(type));
}

/** The option's saved value. */
export function readDuplicatePayloads(value: unknown): DuplicatePayloads {
	return value === 'all' || value === 'never' ? value : 'identifying';
}
