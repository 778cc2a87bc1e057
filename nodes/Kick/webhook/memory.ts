/**
 * What a Kick Trigger remembers of the deliveries it ran, so that none runs twice.
 *
 * Kick delivers at least once and often late (minutes to hours, docs/kick-api.md §6.5), and a
 * captured authentic delivery can be replayed by anyone: the signature only proves Kick sent the
 * bytes once. Every delivery carries a signed timestamp, so the memory is organized by it:
 *
 * - Keys (a delivery's message id and, where identical bodies are one event, its body's
 *   fingerprint) are kept in buckets per signed second.
 * - A delivery is decided only while its timestamp is within the Late Delivery Limit and above
 *   the **floor**: the newest timestamp the memory has let go of. Whenever keys are dropped (their
 *   timestamps passed the limit, or the memory is full and the oldest second goes), the floor
 *   rises to cover them. So every key above the floor is still here: a replay is either found,
 *   or older than anything the trigger would accept. The memory is exact, whatever its size; a
 *   full memory only moves the floor up, which turns away very late deliveries (logged) rather
 *   than letting a replay through.
 *
 * Pure: the caller passes the time.
 */

/** Keys remembered per trigger in one n8n process; at the bound the oldest second is let go. */
export const MEMORY_MAX_KEYS = 200_000;

const SECOND = 1000;

export type Judgement = 'ok' | 'past-late-limit' | 'beyond-memory';

export interface MemoryOptions {
	/** How late a delivery may be and still run (the Late Delivery Limit), ms. */
	limitMs: number;
	maxKeys?: number;
}

/** One signed second's keys, for the persisted form. */
export interface MemoryBucket {
	second: number;
	keys: readonly string[];
}

export class DeliveryMemory {
	/** The keys remembered. */
	private readonly keys = new Set<string>();

	/**
	 * second → its keys. A key is filed under one second: a delivery's keys are added once, under
	 * its signed time (a forgotten key may linger in its bucket; `keys` decides).
	 */
	private readonly buckets = new Map<number, string[]>();

	/** The buckets' seconds, as a min-heap: the oldest is found and let go of in O(log n). */
	private readonly seconds = new MinHeap();

	/** Deliveries signed at or before this time (ms) are not decided: the memory let go of them. */
	private floor = Number.NEGATIVE_INFINITY;

	/** Set when the bound (not the limit) raised the floor; the trigger logs it. */
	private evictedEarly = false;

	limitMs: number;

	readonly maxKeys: number;

	constructor(options: MemoryOptions) {
		this.limitMs = options.limitMs;
		this.maxKeys = Math.max(1, options.maxKeys ?? MEMORY_MAX_KEYS);
	}

	get size(): number {
		return this.keys.size;
	}

	get floorMs(): number {
		return this.floor;
	}

	/** Whether the bound (not only the limit) has made the memory let go of keys. */
	get fullEvictionHappened(): boolean {
		return this.evictedEarly;
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	/** Whether a delivery signed at `timestampMs` can run: within the limit and above the floor. */
	judge(timestampMs: number, nowMs: number): Judgement {
		if (nowMs - timestampMs > this.limitMs) return 'past-late-limit';
		if (timestampMs <= this.floor) return 'beyond-memory';
		return 'ok';
	}

	/** Remembers `keys` under the delivery's signed time. */
	add(keys: readonly string[], timestampMs: number, nowMs: number): void {
		this.expire(nowMs);
		const second = Math.floor(timestampMs / SECOND);
		let bucket = this.buckets.get(second);
		for (const key of keys) {
			if (this.keys.has(key)) continue;
			if (!bucket) {
				bucket = [];
				this.buckets.set(second, bucket);
				this.seconds.push(second);
			}
			bucket.push(key);
			this.keys.add(key);
		}
		while (this.keys.size > this.maxKeys && this.seconds.size > 0) {
			this.evictedEarly = true;
			this.dropOldest();
		}
	}

	/** Removes a key remembered for a decision that was then revised. */
	forget(key: string): void {
		this.keys.delete(key);
	}

	/** Moves the floor up (never down): what another process or an earlier run let go of. */
	raiseFloor(floorMs: number): void {
		if (floorMs > this.floor) this.floor = floorMs;
	}

	/** Drops the seconds that are past the limit (their deliveries would not run anyway). */
	expire(nowMs: number): void {
		const oldestKept = Math.floor((nowMs - this.limitMs) / SECOND);
		while (this.seconds.size > 0 && this.seconds.peek() < oldestKept) this.dropOldest();
	}

	/**
	 * The newest buckets holding at most `maxKeys` keys, oldest first, and the floor a reader of
	 * only those must use (it covers every key left out).
	 */
	newest(maxKeys: number): { buckets: MemoryBucket[]; floorMs: number } {
		const buckets: MemoryBucket[] = [];
		let count = 0;
		let floorMs = this.floor;
		const newestFirst = this.seconds.values().sort((a, b) => b - a);
		for (const second of newestFirst) {
			const keys = this.liveKeys(second);
			if (keys.length === 0) continue;
			if (count + keys.length > maxKeys) {
				floorMs = Math.max(floorMs, endOf(second));
				break;
			}
			buckets.push({ second, keys });
			count += keys.length;
		}
		return { buckets: buckets.reverse(), floorMs };
	}

	private liveKeys(second: number): string[] {
		return (this.buckets.get(second) ?? []).filter((key) => this.keys.has(key));
	}

	private dropOldest(): void {
		const second = this.seconds.pop();
		for (const key of this.buckets.get(second) ?? []) this.keys.delete(key);
		this.buckets.delete(second);
		this.raiseFloor(endOf(second));
	}
}

/** The last millisecond of a signed second: Kick's timestamps have second precision. */
function endOf(second: number): number {
	return second * SECOND + SECOND - 1;
}

/** A binary min-heap of numbers. */
class MinHeap {
	private readonly items: number[] = [];

	get size(): number {
		return this.items.length;
	}

	peek(): number {
		return this.items[0] as number;
	}

	values(): number[] {
		return [...this.items];
	}

	push(value: number): void {
		const items = this.items;
		let index = items.length;
		items.push(value);
		while (index > 0) {
			const parent = (index - 1) >>> 1;
			if ((items[parent] as number) <= value) break;
			items[index] = items[parent] as number;
			index = parent;
		}
		items[index] = value;
	}

	pop(): number {
		const items = this.items;
		const top = items[0] as number;
		const last = items.pop() as number;
		if (items.length > 0) {
			let index = 0;
			for (;;) {
				const left = 2 * index + 1;
				if (left >= items.length) break;
				const right = left + 1;
				const child = right < items.length && (items[right] as number) < (items[left] as number) ? right : left;
				if ((items[child] as number) >= last) break;
				items[index] = items[child] as number;
				index = child;
			}
			items[index] = last;
		}
		return top;
	}
}
