/**
 * Bounded "seen recently" memory for webhook deliveries: the trigger's first line against a
 * delivery running twice.
 *
 * Kick delivers at least once: the same `Kick-Event-Message-Id` can arrive twice, and duplicate
 * subscriptions resend the same body under a new message id (docs/kick-api.md §6.5).
 * A captured authentic delivery can also be replayed by anyone while its timestamp is fresh.
 * Each trigger (workflow + node) keeps its own memory in this n8n process; the trigger also
 * persists what must survive a restart (./trigger/deliveryLog.ts).
 *
 * Entries live as long as the freshness window lets a delivery be accepted (twice the window:
 * it is symmetric). The bound on entries is derived from that lifetime and the fastest rate at
 * which n8n can answer requests, so no real traffic can push a live entry out.
 */
import { createHash } from 'node:crypto';

import type { KickEventType } from '../shared/kick.constants';

/** Memory length when the freshness window is off. */
export const DEFAULT_DEDUP_TTL_MS = 600_000;

/**
 * More requests per second than one n8n process can answer. Measured: n8n 2.41 answers about
 * 1,250 requests/s for an unregistered webhook path on the 2-core test machine (its cheapest
 * answer, `npm run bench:e2e` case c), and a Kick delivery costs more than that. Eight times the
 * measurement leaves room for much faster machines.
 */
export const MAX_ANSWERS_PER_SECOND = 10_000;

/** The most entries a memory of this length can need: nothing can arrive faster. */
export function dedupCapacity(ttlMs: number): number {
	return Math.ceil((MAX_ANSWERS_PER_SECOND * ttlMs) / 1000);
}

const INITIAL_SLOTS = 1024;

export interface TtlSetOptions {
	ttlMs: number;
	/** Upper bound on entries (default: `dedupCapacity(ttlMs)`, following the memory length). */
	maxEntries?: number;
}

export class TtlSet {
	/** key → expiry (ms), for lookups. */
	private readonly expiries = new Map<string, number>();

	/**
	 * The same entries in insertion order, as a ring buffer that grows by doubling up to the
	 * bound: memory follows real traffic, and the oldest entry is evicted in O(1).
	 */
	private ringKeys: Array<string | undefined> = [];

	private ringExpiries: number[] = [];

	private head = 0;

	private count = 0;

	/**
	 * Set once the bound was reached and a live entry had to go. By construction of the bound
	 * that cannot happen with real traffic; the trigger logs it once.
	 */
	capacityReached = false;

	private ttl: number;

	private readonly fixedMaxEntries?: number;

	constructor(options: TtlSetOptions) {
		this.ttl = options.ttlMs;
		this.fixedMaxEntries = options.maxEntries;
	}

	get ttlMs(): number {
		return this.ttl;
	}

	/** A new memory length (the trigger's Max Event Age changed); the bound follows it. */
	set ttlMs(value: number) {
		this.ttl = value;
	}

	get maxEntries(): number {
		return Math.max(1, this.fixedMaxEntries ?? dedupCapacity(this.ttl));
	}

	get size(): number {
		return this.expiries.size;
	}

	/** Whether `key` was recorded and has not expired (no side effects). */
	has(key: string, nowMs: number): boolean {
		const expiry = this.expiries.get(key);
		return expiry !== undefined && expiry > nowMs;
	}

	/**
	 * Records `key` and answers whether it had already been seen (and not yet expired).
	 * A repeat does not extend the original entry's life.
	 */
	seen(key: string, nowMs: number): boolean {
		if (this.has(key, nowMs)) return true;
		this.add(key, nowMs, nowMs + this.ttlMs);
		return false;
	}

	/** Records `key` until `expiresAt` (an entry restored from elsewhere keeps its own expiry). */
	add(key: string, nowMs: number, expiresAt: number): void {
		if (expiresAt <= nowMs || this.has(key, nowMs)) return;
		while (this.count > 0 && (this.ringExpiries[this.head] as number) <= nowMs) this.evictOldest();
		if (this.count === this.ringKeys.length) this.grow();
		if (this.count === this.ringKeys.length) {
			// At the bound. Evicting the oldest entry (the nearest to expiring anyway) keeps every
			// new delivery working; refusing new ones would lose authentic events for certain,
			// while a replay of the evicted one would also need to be fresh and arrive in time.
			this.capacityReached = true;
			this.evictOldest();
		}
		const tail = (this.head + this.count) % this.ringKeys.length;
		this.ringKeys[tail] = key;
		this.ringExpiries[tail] = expiresAt;
		this.count++;
		this.expiries.set(key, expiresAt);
	}

	/** Live entries with their expiry, oldest first. */
	*entries(nowMs: number): IterableIterator<[string, number]> {
		for (const [key, expiry] of this.expiries) if (expiry > nowMs) yield [key, expiry];
	}

	private grow(): void {
		const size = Math.min(this.maxEntries, Math.max(INITIAL_SLOTS, this.ringKeys.length * 2));
		if (size === this.ringKeys.length) return;
		const keys = new Array<string | undefined>(size);
		const expiries = new Array<number>(size).fill(0);
		for (let i = 0; i < this.count; i++) {
			const from = (this.head + i) % this.ringKeys.length;
			keys[i] = this.ringKeys[from];
			expiries[i] = this.ringExpiries[from] as number;
		}
		this.ringKeys = keys;
		this.ringExpiries = expiries;
		this.head = 0;
	}

	private evictOldest(): void {
		const key = this.ringKeys[this.head];
		// A key recorded again after expiring has a newer ring slot; only the matching one removes it.
		if (key !== undefined && this.expiries.get(key) === this.ringExpiries[this.head]) this.expiries.delete(key);
		this.ringKeys[this.head] = undefined;
		this.head = (this.head + 1) % this.ringKeys.length;
		this.count--;
	}

	/** Removes `key` (e.g. when the delivery that recorded it could not be handed to n8n). */
	forget(key: string): void {
		this.expiries.delete(key);
	}

	clear(): void {
		this.expiries.clear();
		this.ringKeys = [];
		this.ringExpiries = [];
		this.head = 0;
		this.count = 0;
	}
}

/** Memory length for a freshness window: twice the window (it is symmetric), or the default when off. */
export function dedupTtlMs(maxEventAgeSeconds: number): number {
	return maxEventAgeSeconds > 0 ? maxEventAgeSeconds * 2000 : DEFAULT_DEDUP_TTL_MS;
}

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
 * subscriptions, another Kick app's subscription) have the same one. Short because the trigger
 * persists it and outputs it (`eventId`).
 */
export function payloadFingerprint(eventType: string, rawBody: Buffer): string {
	return createHash('sha1').update(eventType).update('\n').update(rawBody).digest('base64url').slice(0, 16);
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

/**
 * The option's value as saved: one of the modes, or a boolean from workflows saved when the
 * option was a switch (on = all bodies, off = none).
 */
export function readDuplicatePayloads(value: unknown): DuplicatePayloads {
	if (value === true || value === 'all') return 'all';
	if (value === false || value === 'never') return 'never';
	return 'identifying';
}

export interface DedupStores {
	messageIds: TtlSet;
	payloads: TtlSet;
}

/** Per-trigger stores, kept for the life of the n8n process. */
export class DedupRegistry {
	private readonly stores = new Map<string, DedupStores>();

	/** @param maxEntries a fixed bound (tests); by default it follows each memory's length. */
	constructor(private readonly maxEntries?: number) {}

	/** The stores of one trigger (scope = workflow id + node id + mode), with the given memory length. */
	forScope(scope: string, ttlMs: number): DedupStores {
		let stores = this.stores.get(scope);
		if (!stores) {
			const options = { ttlMs, maxEntries: this.maxEntries };
			stores = { messageIds: new TtlSet(options), payloads: new TtlSet(options) };
			this.stores.set(scope, stores);
		} else if (stores.messageIds.ttlMs !== ttlMs) {
			stores.messageIds.ttlMs = ttlMs;
			stores.payloads.ttlMs = ttlMs;
		}
		return stores;
	}

	clear(): void {
		this.stores.clear();
	}
}

export const sharedDedupRegistry = new DedupRegistry();
