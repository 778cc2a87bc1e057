/**
 * One workflow's record of the events its Kick triggers ran, so the first copy of an event runs
 * and the copies other sources bring later do not (./identity.ts says which copies are one).
 *
 * - A copy repeats an earlier one only when it comes from another source: each trigger drops its
 *   own repeats itself, and two socket redemptions of one reward within a minute are two events.
 * - Each earlier copy absorbs at most one copy per other source, so two real events that match
 *   one rule (the same user redeeming the same reward twice) still run twice when one of their
 *   copies was lost.
 * - A held copy (the Chat Trigger waiting for the Kick Trigger's signed copy) is matched like a
 *   recorded one: the preferred copy arriving in time replaces it; otherwise it runs when the
 *   hold ends, unless a copy of it ran meanwhile.
 *
 * Bounded: entries live `ttlMs` and at most `maxEntries` are kept (oldest out first).
 */
import { STREAM_START_TOLERANCE_MS, type EventIdentity } from './identity';
import type { EventSource } from './normalize';

const SOURCE_BITS: Record<EventSource, number> = { webhook: 1, 'live-socket': 2, poll: 4 };
const SOURCE_CODES: Record<EventSource, string> = { webhook: 'w', 'live-socket': 's', poll: 'p' };
const SOURCES_BY_CODE: Record<string, EventSource> = { w: 'webhook', s: 'live-socket', p: 'poll' };

/** One copy that ran (or is held): its identity, and what the ledger knows of it. */
interface Entry extends EventIdentity {
	source: EventSource;
	/** Sources whose copy this entry already absorbed (bits). */
	absorbed: number;
	expiresAt: number;
	held?: { release(run: boolean): void };
}

export interface LedgerOptions {
	ttlMs: number;
	maxEntries: number;
}

export type ClaimResult = { run: true } | { run: false; ranFrom: EventSource };

export class SourceLedger {
	private readonly byKey = new Map<string, Entry[]>();

	private readonly byId = new Map<string, Entry[]>();

	/** Recorded entries, oldest first; `head` is the first one still kept. */
	private queue: Entry[] = [];

	private head = 0;

	constructor(readonly options: LedgerOptions) {}

	/** Recorded entries (held copies not counted). */
	get size(): number {
		return this.queue.length - this.head;
	}

	/**
	 * The first copy runs: it is recorded and true is returned. A copy another source already
	 * ran is absorbed and not run. A copy that matches a held one replaces it (the held copy is
	 * released without running).
	 */
	claim(source: EventSource, identity: EventIdentity, nowMs: number): ClaimResult {
		this.prune(nowMs);
		const earlier = this.match(source, identity, nowMs);
		if (earlier && !earlier.held) {
			earlier.absorbed |= SOURCE_BITS[source];
			return { run: false, ranFrom: earlier.source };
		}
		let absorbed = 0;
		if (earlier?.held) {
			this.remove(earlier);
			absorbed = SOURCE_BITS[earlier.source];
			earlier.held.release(false);
		}
		this.record({ source, ...identity, absorbed, expiresAt: nowMs + this.options.ttlMs }, nowMs);
		return { run: true };
	}

	/**
	 * Holds a copy for up to `holdMs` for another source's copy: `release(true)` runs it when the
	 * hold ends and no copy of it ran meanwhile; `release(false)` when another copy ran instead
	 * (at once, when one already did). `schedule` calls back after `holdMs` (or never, when the
	 * trigger stopped: the held copy is then dropped with it).
	 */
	hold(
		source: EventSource,
		identity: EventIdentity,
		nowMs: number,
		holdMs: number,
		schedule: (ms: number, run: () => void) => void,
		release: (run: boolean) => void,
		clock: () => number,
	): void {
		this.prune(nowMs);
		const earlier = this.match(source, identity, nowMs);
		if (earlier && !earlier.held) {
			earlier.absorbed |= SOURCE_BITS[source];
			release(false);
			return;
		}
		let done = false;
		const entry: Entry = {
			source,
			...identity,
			absorbed: 0,
			expiresAt: nowMs + holdMs,
			held: {
				release: (run) => {
					if (done) return;
					done = true;
					release(run);
				},
			},
		};
		this.index(entry);
		schedule(holdMs, () => {
			if (done) return;
			this.remove(entry);
			const result = this.claim(source, identity, clock());
			entry.held?.release(result.run);
		});
	}

	private usable(entry: Entry, source: EventSource, nowMs: number): boolean {
		return entry.source !== source && (entry.absorbed & SOURCE_BITS[source]) === 0 && (entry.held !== undefined || entry.expiresAt > nowMs);
	}

	private match(source: EventSource, identity: EventIdentity, nowMs: number): Entry | undefined {
		const idDecides = identity.idDecides && identity.eventId !== undefined;
		if (idDecides) {
			const same = this.byId.get(identity.eventId as string)?.find((entry) => this.usable(entry, source, nowMs));
			if (same) return same;
		}
		const candidates = this.byKey.get(identity.matchKey);
		if (!candidates) return undefined;
		for (const entry of candidates) {
			if (!this.usable(entry, source, nowMs)) continue;
			// Both copies carry the id that decides: it did not match above.
			if (idDecides && entry.eventId !== undefined) continue;
			if (identity.startMs !== undefined && entry.startMs !== undefined) {
				// Both say when the stream started: that decides. The webhook and the API give the
				// same start, to the second; the live socket's comes from Kick's website and may differ
				// a little. So a stream restarted seconds after the last one ended (an encoder
				// reconnecting) is a new stream, unless only the socket saw one of the two.
				const tolerance = source === 'live-socket' || entry.source === 'live-socket' ? STREAM_START_TOLERANCE_MS : 0;
				if (Math.abs(identity.startMs - entry.startMs) > tolerance) continue;
			} else if (identity.atMs !== undefined && entry.atMs !== undefined && Math.abs(identity.atMs - entry.atMs) > Math.max(identity.windowMs, entry.windowMs)) {
				continue;
			}
			return entry;
		}
		return undefined;
	}

	private record(entry: Entry, nowMs: number): void {
		this.index(entry);
		this.queue.push(entry);
		this.prune(nowMs);
	}

	private index(entry: Entry): void {
		push(this.byKey, entry.matchKey, entry);
		if (entry.eventId !== undefined) push(this.byId, entry.eventId, entry);
	}

	private remove(entry: Entry): void {
		pull(this.byKey, entry.matchKey, entry);
		if (entry.eventId !== undefined) pull(this.byId, entry.eventId, entry);
	}

	private prune(nowMs: number): void {
		while (this.head < this.queue.length && (this.queue[this.head].expiresAt <= nowMs || this.size > this.options.maxEntries)) {
			this.remove(this.queue[this.head]);
			this.head += 1;
		}
		// Compact now and then, so the array does not grow with every entry ever recorded.
		if (this.head > 1024 && this.head * 2 > this.queue.length) {
			this.queue = this.queue.slice(this.head);
			this.head = 0;
		}
	}

	/**
	 * The newest `limit` recorded entries as one string, to persist: per entry its source, what
	 * it absorbed, its ids, its time and when it expires (about 60 bytes).
	 */
	serialize(limit: number, nowMs: number): string {
		this.prune(nowMs);
		const start = Math.max(this.head, this.queue.length - limit);
		const parts: string[] = [];
		for (let i = start; i < this.queue.length; i += 1) {
			const e = this.queue[i];
			parts.push(
				[
					`${SOURCE_CODES[e.source]}${e.absorbed}${e.idDecides ? 1 : 0}`,
					e.eventId ?? '',
					e.matchKey,
					e.atMs === undefined ? '' : e.atMs.toString(36),
					Math.round(e.windowMs / 1000).toString(36),
					e.expiresAt.toString(36),
					e.startMs === undefined ? '' : e.startMs.toString(36),
				].join('|'),
			);
		}
		return parts.join(';');
	}

	/** Adds what another process (or this one before a restart) persisted; entries already here only gain what they absorbed. */
	merge(serialized: string, nowMs: number): void {
		if (!serialized) return;
		for (const part of serialized.split(';')) {
			const [head, eventId, matchKey, at, window, expires, start] = part.split('|');
			const source = SOURCES_BY_CODE[head?.[0] ?? ''];
			const expiresAt = parseInt(expires ?? '', 36);
			if (!source || !matchKey || !(expiresAt > nowMs)) continue;
			const atMs = at ? parseInt(at, 36) : undefined;
			const absorbed = Number(head.slice(1, -1)) || 0;
			const known = this.byKey.get(matchKey)?.find((entry) => !entry.held && entry.source === source && entry.atMs === atMs && (entry.eventId ?? '') === eventId);
			if (known) {
				known.absorbed |= absorbed;
				continue;
			}
			this.record(
				{
					source,
					eventId: eventId || undefined,
					idDecides: head.endsWith('1'),
					matchKey,
					atMs,
					startMs: start ? parseInt(start, 36) : undefined,
					windowMs: (parseInt(window ?? '', 36) || 0) * 1000,
					absorbed,
					expiresAt,
				},
				nowMs,
			);
		}
	}
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
	const list = map.get(key);
	if (list) list.push(entry);
	else map.set(key, [entry]);
}

function pull(map: Map<string, Entry[]>, key: string, entry: Entry): void {
	const list = map.get(key);
	if (!list) return;
	const index = list.indexOf(entry);
	if (index !== -1) list.splice(index, 1);
	if (list.length === 0) map.delete(key);
}
