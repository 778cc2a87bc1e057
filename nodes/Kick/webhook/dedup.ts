/**
 * Bounded "seen recently" memory for webhook deliveries.
 *
 * Kick delivers at least once: the same `Kick-Event-Message-Id` can arrive twice, and duplicate
 * subscriptions resend the same body under a new message id (REFERENCE.md §6.5). Each trigger
 * (workflow + node) keeps its own memory in this n8n process. Entries live at least as long as
 * the freshness window allows a delivery to be accepted; the oldest are evicted beyond
 * `maxEntries`, so memory stays bounded under a chat firehose.
 */
import { createHash } from 'node:crypto';

export const DEFAULT_DEDUP_MAX_ENTRIES = 10_000;
/** Memory length when the freshness window is off. */
export const DEFAULT_DEDUP_TTL_MS = 600_000;

export interface TtlSetOptions {
	ttlMs: number;
	maxEntries?: number;
}

export class TtlSet {
	/** key → expiry (ms), for lookups. */
	private readonly expiries = new Map<string, number>();

	/**
	 * The same entries in insertion (= expiry) order, as a ring buffer: the oldest is evicted
	 * in O(1). (Evicting through a Map iterator degrades as deleted slots pile up at its head.)
	 */
	private ringKeys: Array<string | undefined> = [];

	private ringExpiries: number[] = [];

	private head = 0;

	private count = 0;

	ttlMs: number;

	readonly maxEntries: number;

	constructor(options: TtlSetOptions) {
		this.ttlMs = options.ttlMs;
		this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_DEDUP_MAX_ENTRIES);
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
		const expiry = this.expiries.get(key);
		if (expiry !== undefined && expiry > nowMs) return true;
		if (this.ringKeys.length === 0) {
			this.ringKeys = new Array<string | undefined>(this.maxEntries);
			this.ringExpiries = new Array<number>(this.maxEntries).fill(0);
		}
		while (this.count > 0 && (this.ringExpiries[this.head] as number) <= nowMs) this.evictOldest();
		if (this.count === this.maxEntries) this.evictOldest();
		const expires = nowMs + this.ttlMs;
		const tail = (this.head + this.count) % this.maxEntries;
		this.ringKeys[tail] = key;
		this.ringExpiries[tail] = expires;
		this.count++;
		this.expiries.set(key, expires);
		return false;
	}

	private evictOldest(): void {
		const key = this.ringKeys[this.head];
		// A key recorded again after expiring has a newer ring slot; only the matching one removes it.
		if (key !== undefined && this.expiries.get(key) === this.ringExpiries[this.head]) this.expiries.delete(key);
		this.ringKeys[this.head] = undefined;
		this.head = (this.head + 1) % this.maxEntries;
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

/** A short fingerprint of a delivery body, for the duplicate-subscription case. */
export function payloadFingerprint(eventType: string, rawBody: Buffer): string {
	return `${eventType}:${createHash('sha1').update(rawBody).digest('base64')}`;
}

export interface DedupStores {
	messageIds: TtlSet;
	payloads: TtlSet;
}

/** Per-trigger stores, kept for the life of the n8n process. */
export class DedupRegistry {
	private readonly stores = new Map<string, DedupStores>();

	constructor(private readonly maxEntries = DEFAULT_DEDUP_MAX_ENTRIES) {}

	/** The stores of one trigger (scope = workflow id + node id + mode), with the given memory length. */
	forScope(scope: string, ttlMs: number): DedupStores {
		let stores = this.stores.get(scope);
		if (!stores) {
			stores = {
				messageIds: new TtlSet({ ttlMs, maxEntries: this.maxEntries }),
				payloads: new TtlSet({ ttlMs, maxEntries: this.maxEntries }),
			};
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
