/**
 * A workflow's record of what its Kick triggers ran (docs/ARCHITECTURE.md: what it holds, and
 * when n8n saves it): one memory (./memory.ts) per workflow in each n8n process.
 *
 * Deduplicate With Other Kick Triggers: the copy of an event that runs first leaves its marks
 * (./identity.ts); a later copy from another source whose probe finds one is not run. Each mark
 * absorbs at most one copy per other source, so two real events that match one rule still run
 * twice when one source lost a copy. A held copy (the Chat Trigger waiting for the Kick
 * Trigger's signed copy) is replaced by a copy that matches it, or claims when its hold ends.
 *
 * Persisted: the newest PERSISTED_MAX_ENTRIES entries and the floor, in the workflow's static
 * data (the part all its nodes share). Every write holds the whole record as this process knows
 * it, and each process merges what another wrote, so a save of an older copy of the static data
 * loses nothing this process still knows.
 */
import type { IDataObject } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import type { EventIdentity, Mark, Probe } from './identity';
import { SeenMemory } from './memory';
import type { EventSource } from './normalize';

/** The key in the workflow's static data. */
export const RECORD_KEY = 'kickTriggers';

/** Entries held per workflow in one process; at the bound the oldest second goes. */
export const RECORD_MAX_ENTRIES = 200_000;
/** Entries persisted: the newest this many. */
export const PERSISTED_MAX_ENTRIES = 2_000;
/** How long the record keeps what ran: Kick's webhooks arrive up to hours late. */
export const RECORD_HORIZON_MS = 24 * 3_600_000;
/** Writes at most this often unless forced (each costs n8n a database update of the static data). */
export const PERSIST_INTERVAL_MS = 250;

const SOURCE_CODES: Record<EventSource, string> = { webhook: 'w', 'live-socket': 's', poll: 'p' };
const SOURCES = Object.keys(SOURCE_CODES) as EventSource[];

interface Stored {
	/** Which process wrote it, and its write count: merged only when it changed. */
	writer: string;
	seq: number;
	/** The sources that took part, as their codes. */
	sources: string;
	memory: string;
}

export type ClaimResult = { run: true } | { run: false; ranFrom: EventSource };

interface Held {
	source: EventSource;
	identity: EventIdentity;
	release(run: boolean): void;
}

/** Identifies this n8n process's writes. */
const PROCESS_WRITER = randomString(12);

/** A mark's key in the record: its source first. */
export function sourceKey(source: EventSource, key: string): string {
	return `${SOURCE_CODES[source]}${key}`;
}

/** The key that says `owner`'s mark `key` absorbed a copy from `copy`. */
function absorbedKey(owner: EventSource, copy: EventSource, key: string): string {
	return `${SOURCE_CODES[owner]}>${SOURCE_CODES[copy]}${key}`;
}

function window(probe: Probe, a: EventSource, b: EventSource): number {
	const socket = a === 'live-socket' || b === 'live-socket';
	return socket && probe.socketWindowMs !== undefined ? probe.socketWindowMs : probe.windowMs;
}

export class WorkflowRecord {
	readonly memory = new SeenMemory({ horizonMs: RECORD_HORIZON_MS, maxEntries: RECORD_MAX_ENTRIES });

	/** The Kick triggers taking part in this process, with the events each receives. */
	private readonly participants = new Map<string, { source: EventSource; events: ReadonlySet<string> }>();

	/**
	 * Sources that took part: joined here (a Polling Trigger joins only while it polls), left
	 * marks, or were written by another process or before a restart.
	 */
	private readonly sources = new Set<EventSource>();

	private held: Held[] = [];

	private merged = '';

	private seq = 0;

	private lastWrite = Number.NEGATIVE_INFINITY;

	join(trigger: string, source: EventSource, events: readonly string[]): void {
		this.participants.set(trigger, { source, events: new Set(events) });
		this.sources.add(source);
	}

	leave(trigger: string): void {
		this.participants.delete(trigger);
	}

	get empty(): boolean {
		return this.participants.size === 0;
	}

	/** Whether the trigger for `source` takes part here and receives `event`. */
	receives(source: EventSource, event: string): boolean {
		for (const participant of this.participants.values()) if (participant.source === source && participant.events.has(event)) return true;
		return false;
	}

	/** Whether another Kick trigger of this workflow takes part (here, or as persisted). */
	othersThan(source: EventSource): boolean {
		for (const other of this.sources) if (other !== source) return true;
		return false;
	}

	/**
	 * The first copy runs: it leaves its marks and `run: true` comes back. A copy whose probe finds
	 * another source's mark that has not absorbed a copy from this source yet is absorbed and not
	 * run. A copy that matches a held one replaces it (the held copy is released without running).
	 * Alone in the workflow, a trigger leaves no marks: nothing would read them.
	 */
	claim(source: EventSource, identity: EventIdentity | undefined, nowMs: number): ClaimResult {
		if (!identity || !this.othersThan(source)) return { run: true };
		this.memory.expire(nowMs);
		const ranFrom = this.absorbedBy(source, identity, nowMs);
		if (ranFrom) return { run: false, ranFrom };
		const replaced = this.held.filter((held) => held.source !== source && this.matches(source, identity, held.source, held.identity.marks));
		for (const held of replaced) {
			this.held = this.held.filter((other) => other !== held);
			for (const mark of identity.marks) this.memory.add(absorbedKey(source, held.source, mark.key), mark.atMs, nowMs);
			held.release(false);
		}
		for (const mark of identity.marks) this.memory.add(sourceKey(source, mark.key), mark.atMs, nowMs);
		this.sources.add(source);
		return { run: true };
	}

	/**
	 * Holds a copy for up to `holdMs` for another source's copy: `release(true)` runs it when the
	 * hold ends and no copy of it ran meanwhile; `release(false)` when another copy ran instead (at
	 * once, when one already did). `schedule` calls back after `holdMs` (or never, when the trigger
	 * stopped: the held copy is then dropped with it).
	 */
	hold(
		source: EventSource,
		identity: EventIdentity,
		holdMs: number,
		schedule: (ms: number, run: () => void) => void,
		release: (run: boolean) => void,
		clock: () => number,
	): void {
		if (this.absorbedBy(source, identity, clock())) {
			release(false);
			return;
		}
		const held: Held = { source, identity, release };
		this.held.push(held);
		schedule(holdMs, () => {
			if (!this.held.includes(held)) return;
			this.held = this.held.filter((other) => other !== held);
			release(this.claim(source, identity, clock()).run);
		});
	}

	/** Forgets the copies a stopped trigger held. */
	dropHeld(source: EventSource): void {
		this.held = this.held.filter((held) => held.source !== source);
	}

	/** Lets the record keep what ran for at least `ms` (a Kick Trigger's Late Delivery Limit). */
	keepFor(ms: number): void {
		if (ms > this.memory.horizonMs) this.memory.horizonMs = ms;
	}

	/** Merges what another process (or this one before a restart) wrote, when it changed. */
	hydrate(staticData: IDataObject, nowMs: number): void {
		const stored = staticData[RECORD_KEY] as Stored | undefined;
		if (!stored || typeof stored.memory !== 'string' || stored.writer === PROCESS_WRITER) return;
		const version = `${stored.writer}:${stored.seq}`;
		if (version === this.merged) return;
		this.merged = version;
		for (const source of SOURCES) if (String(stored.sources).includes(SOURCE_CODES[source])) this.sources.add(source);
		this.memory.merge(stored.memory, nowMs);
	}

	/** Writes the record into the static data (n8n saves it with the run): at most every PERSIST_INTERVAL_MS unless `force`. */
	persist(staticData: IDataObject, nowMs: number, force = false): void {
		if (!force && nowMs - this.lastWrite < PERSIST_INTERVAL_MS) return;
		this.lastWrite = nowMs;
		const stored: Stored = {
			writer: PROCESS_WRITER,
			seq: ++this.seq,
			sources: [...this.sources].map((source) => SOURCE_CODES[source]).join(''),
			memory: this.memory.serialize(PERSISTED_MAX_ENTRIES, nowMs),
		};
		staticData[RECORD_KEY] = stored as unknown as IDataObject;
	}

	/** The source whose mark absorbs this copy (and now has), if any. */
	private absorbedBy(source: EventSource, identity: EventIdentity, nowMs: number): EventSource | undefined {
		for (const other of SOURCES) {
			if (other === source) continue;
			for (const probe of identity.probes) {
				const at = this.memory.near(sourceKey(other, probe.key), probe.atMs, window(probe, source, other));
				if (at === undefined) continue;
				const absorbed = absorbedKey(other, source, probe.key);
				if (this.memory.near(absorbed, at, 0) !== undefined) continue;
				this.memory.add(absorbed, at, nowMs);
				return other;
			}
		}
		return undefined;
	}

	/** Whether a probe of this copy matches one of `marks`, which another source's copy left. */
	private matches(source: EventSource, identity: EventIdentity, other: EventSource, marks: readonly Mark[]): boolean {
		const second = (ms: number) => Math.floor(ms / 1000);
		return identity.probes.some((probe) => {
			const windowMs = window(probe, source, other);
			return marks.some((mark) => mark.key === probe.key && Math.abs(second(mark.atMs) - second(probe.atMs)) * 1000 <= windowMs);
		});
	}
}
