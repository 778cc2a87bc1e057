/**
 * A bounded "seen recently" set: keys live for a fixed time, and at the bound the oldest goes.
 * The live-socket trigger's duplicate memory and the Kick Trigger's record of executions started
 * in this process use it.
 */

const INITIAL_SLOTS = 1024;

export interface TtlSetOptions {
	ttlMs: number;
	/** Upper bound on entries; at the bound the oldest entry goes. */
	maxEntries: number;
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

	/** Set once the bound was reached and a live entry had to go. */
	capacityReached = false;

	private ttl: number;

	private readonly bound: number;

	constructor(options: TtlSetOptions) {
		this.ttl = options.ttlMs;
		this.bound = options.maxEntries;
	}

	get ttlMs(): number {
		return this.ttl;
	}

	set ttlMs(value: number) {
		this.ttl = value;
	}

	get maxEntries(): number {
		return Math.max(1, this.bound);
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
			// At the bound: the oldest entry (the nearest to expiring anyway) goes, so new ones
			// always get in.
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
