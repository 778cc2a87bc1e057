/** Shared test helpers: keys, signed deliveries, fixtures. Tests may use Node freely. */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { signedPayload } from '../../../nodes/Kick/webhook/signature';
import { KICK_EVENT_TYPES } from '../../../nodes/Kick/shared/kick.constants';

export const FIXTURES_DIR = join(__dirname, '..', '..', 'fixtures');
export const EVENTS_DIR = join(FIXTURES_DIR, 'events');

export interface TestKeys {
	publicKey: KeyObject;
	privateKey: KeyObject;
	publicPem: string;
}

export function makeKeys(): TestKeys {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return { publicKey, privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** Event fixture files: name (without .json) → parsed body. */
export function eventFixtures(): Map<string, Record<string, unknown>> {
	const map = new Map<string, Record<string, unknown>>();
	for (const file of readdirSync(EVENTS_DIR).sort()) {
		if (!file.endsWith('.json') || file.startsWith('_')) continue;
		map.set(file.slice(0, -5), JSON.parse(readFileSync(join(EVENTS_DIR, file), 'utf8')) as Record<string, unknown>);
	}
	return map;
}

export function fixture(name: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join(EVENTS_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export function jsonFixture(name: string): unknown {
	return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8'));
}

/** The event type of a fixture name such as `chat.message.sent.plain`. */
export function typeOfFixture(name: string): string {
	const types: readonly string[] = KICK_EVENT_TYPES;
	const type = types.find((candidate) => name === candidate || name.startsWith(`${candidate}.`));
	if (!type) throw new Error(`no event type for fixture ${name}`);
	return type;
}

/** RFC 3339, second precision, like Kick's header. */
export function kickTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

let counter = 0;
export function messageId(): string {
	counter++;
	return `01KKPVMFS0YM6VX6496P${String(counter).padStart(6, '0')}`;
}

export interface Delivery {
	headers: Record<string, string>;
	rawBody: Buffer;
}

export interface DeliveryOptions {
	type?: string;
	version?: string;
	id?: string;
	timestamp?: string;
	subscriptionId?: string;
	/** Sign with this key instead (e.g. a wrong key). */
	signWith?: KeyObject;
}

/** A delivery signed the way Kick signs: RSA-SHA256 over id.timestamp.rawBody. */
export function signedDelivery(keys: TestKeys, body: unknown, options: DeliveryOptions = {}): Delivery {
	const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
	const id = options.id ?? messageId();
	const timestamp = options.timestamp ?? kickTime(Date.now());
	const signature = sign('sha256', signedPayload(id, timestamp, rawBody), options.signWith ?? keys.privateKey).toString('base64');
	return {
		rawBody,
		headers: {
			'content-type': 'application/json',
			'kick-event-message-id': id,
			'kick-event-subscription-id': options.subscriptionId ?? '01KJMDEB801R3RS66KMMSCWRNE',
			'kick-event-signature': signature,
			'kick-event-message-timestamp': timestamp,
			'kick-event-type': options.type ?? 'chat.message.sent',
			'kick-event-version': options.version ?? '1',
		},
	};
}
