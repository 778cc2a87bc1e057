/**
 * The one memory of the Kick triggers: which keys were seen, and when (docs/ARCHITECTURE.md lists
 * what asks it).
 *
 * - Keys are filed under the second of a time the caller gives (a webhook's signed time, an
 *   event's own time, when a frame arrived). A key can be filed under several seconds.
 * - The **horizon**: seconds older than this before now are let go of.
 * - The **bound**: at most this many (key, second) entries; at the bound the oldest second goes.
 * - The **floor**: the newest second let go of. Every key filed above the floor is still here,
 *   so a caller that must never run something twice refuses what is older than the floor
 *   (`judge`): it may have been seen before. A full memory only moves the floor up.
 * - One serialized form (`serialize`, `merge`): the newest entries and the floor, so another
 *   n8n process or a restart continues from them.
 *
 * Pure: the caller passes the time.
 */

const SECOND = 1000;

export class SeenMemory {
	/** key → the seconds it is filed under (one number in the usual case). */
	private readonly keys = new Map<string, number | number[]>();

	/** second → its keys. */
	private readonly buckets = new Map<number, string[]>();

	/** The buckets' seconds in ascending order, from `head` on. */
	private seconds: number[] = [];

	private head = 0;

	private entries = 0;

	/** The last millisecond let go of (−∞ while nothing was). */
	private floor = Number.NEGATIVE_INFINITY;

	/** Whether the bound (not the horizon) made the memory let go of entries. */
	reachedBound = false;

	horizonMs: number;

	readonly maxEntries: number;

	constructor(options: { horizonMs: number; maxEntries: number }) {
		this.horizonMs = options.horizonMs;
		this.maxEntries = Math.max(1, options.maxEntries);
	}

	/** (key, second) entries held. */
	get size(): number {
		return this.entries;
	}

	get floorMs(): number {
		return this.floor;
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	/** A time (ms, the start of its second) `key` is filed under within `windowMs` of `atMs`, if any. */
	near(key: string, atMs: number, windowMs: number): number | undefined {
		const filed = this.keys.get(key);
		if (filed === undefined) return undefined;
		const at = Math.floor(atMs / SECOND);
		const window = Math.ceil(windowMs / SECOND);
		for (const second of typeof filed === 'number' ? [filed] : filed) {
			if (Math.abs(second - at) <= window) return second * SECOND;
		}
		return undefined;
	}

	/** The newest time (ms, the start of its second) `key` is filed under, if any. */
	newest(key: string): number | undefined {
		const filed = this.keys.get(key);
		if (filed === undefined) return undefined;
		return (typeof filed === 'number' ? filed : Math.max(...filed)) * SECOND;
	}

	/** Files every key unless one is here already: whether this is the first claim of them. */
	claim(keys: readonly string[], atMs: number, nowMs: number): boolean {
		if (keys.some((key) => this.keys.has(key))) return false;
		for (const key of keys) this.add(key, atMs, nowMs);
		return true;
	}

	/** Whether something that happened at `atMs` may still be decided: within `limitMs` and above the floor. */
	judge(atMs: number, limitMs: number, nowMs: number): 'ok' | 'past-late-limit' | 'beyond-memory' {
		if (nowMs - atMs > limitMs) return 'past-late-limit';
		return atMs <= this.floor ? 'beyond-memory' : 'ok';
	}

	/** Files `key` under the second of `atMs` (nothing when it is there already, or past the horizon). */
	add(key: string, atMs: number, nowMs: number): void {
		this.expire(nowMs);
		const second = Math.floor(atMs / SECOND);
		if ((second + 1) * SECOND <= nowMs - this.horizonMs) return;
		const filed = this.keys.get(key);
		if (filed === second || (Array.isArray(filed) && filed.includes(second))) return;
		this.keys.set(key, filed === undefined ? second : [...(typeof filed === 'number' ? [filed] : filed), second]);
		let bucket = this.buckets.get(second);
		if (!bucket) {
			bucket = [];
			this.buckets.set(second, bucket);
			this.insertSecond(second);
		}
		bucket.push(key);
		this.entries += 1;
		while (this.entries > this.maxEntries) {
			this.reachedBound = true;
			this.dropOldest();
		}
	}

	/** Lets go of the seconds past the horizon. */
	expire(nowMs: number): void {
		const oldestKept = Math.floor((nowMs - this.horizonMs) / SECOND);
		while (this.head < this.seconds.length && (this.seconds[this.head] as number) < oldestKept) this.dropOldest();
	}

	/** Moves the floor up (never down): what another process or an earlier run let go of. */
	raiseFloor(floorMs: number): void {
		if (floorMs > this.floor) this.floor = floorMs;
	}

	/**
	 * The newest entries, at most `maxEntries`, and the floor a reader of only those must use:
	 * `<floor second>;<second> <key> <key>;…`, seconds in base 36.
	 */
	serialize(maxEntries: number, nowMs: number): string {
		this.expire(nowMs);
		const lines: string[] = [];
		let floorSecond = Number.isFinite(this.floor) ? Math.floor(this.floor / SECOND) : undefined;
		let count = 0;
		for (let i = this.seconds.length - 1; i >= this.head; i -= 1) {
			const second = this.seconds[i] as number;
			const keys = this.buckets.get(second) ?? [];
			if (count + keys.length > maxEntries) {
				floorSecond = Math.max(floorSecond ?? second, second);
				break;
			}
			lines.push(`${second.toString(36)} ${keys.join(' ')}`);
			count += keys.length;
		}
		return [floorSecond === undefined ? '' : floorSecond.toString(36), ...lines.reverse()].join(';');
	}

	/** Adds what `serialize` wrote (in another process, or before a restart). */
	merge(serialized: string, nowMs: number): void {
		const [floor, ...lines] = serialized.split(';');
		const floorSecond = parseInt(floor ?? '', 36);
		if (Number.isFinite(floorSecond)) this.raiseFloor(floorSecond * SECOND + SECOND - 1);
		for (const line of lines) {
			const [second, ...keys] = line.split(' ');
			const atMs = parseInt(second ?? '', 36) * SECOND;
			if (!Number.isFinite(atMs)) continue;
			for (const key of keys) if (key !== '') this.add(key, atMs, nowMs);
		}
	}

	private insertSecond(second: number): void {
		const seconds = this.seconds;
		if (seconds.length === this.head || (seconds[seconds.length - 1] as number) < second) {
			seconds.push(second);
			return;
		}
		// Out of order (a late delivery): binary search for its place.
		let low = this.head;
		let high = seconds.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if ((seconds[middle] as number) < second) low = middle + 1;
			else high = middle;
		}
		seconds.splice(low, 0, second);
	}

	private dropOldest(): void {
		const second = this.seconds[this.head] as number;
		this.head += 1;
		if (this.head > 1024 && this.head * 2 > this.seconds.length) {
			this.seconds = this.seconds.slice(this.head);
			this.head = 0;
		}
		for (const key of this.buckets.get(second) ?? []) {
			const filed = this.keys.get(key);
			const rest = Array.isArray(filed) ? filed.filter((other) => other !== second) : [];
			if (rest.length === 0) this.keys.delete(key);
			else this.keys.set(key, rest.length === 1 ? (rest[0] as number) : rest);
			this.entries -= 1;
		}
		this.buckets.delete(second);
		this.raiseFloor(second * SECOND + SECOND - 1);
	}
}
