/**
 * "Deduplicate With Other Kick Triggers": the Kick triggers of one workflow share one ledger in
 * each n8n process (./sourceLedger.ts), so the first copy of an event runs the workflow and the
 * other triggers' later copies are dropped before an execution starts.
 *
 * What survives a restart, and what other n8n processes see, is the newest part of the ledger,
 * written into the workflow's static data (shared by all its nodes) with each run (chat messages at
 * most four times a second) and saved by n8n with it. Each process merges what it finds there when it
 * changed. In one n8n process that is all it takes; in queue mode the Kick Trigger's webhook
 * processes see what the main process saved, the main process does not see what they ran (the
 * README says what that means).
 */
import type { IDataObject } from 'n8n-workflow';

import { eventIdentity, type EventIdentity } from './identity';
import type { EventSource } from './normalize';
import { SourceLedger } from './sourceLedger';

/** The key in the workflow's static data (the part all its nodes share). */
export const PERSISTED_KEY = 'kickTriggersRan';

/** How long a copy that ran is remembered: Kick's webhooks arrive up to hours late. */
export const REMEMBER_MS = 24 * 3_600_000;
/** Per workflow and process: about 200 bytes each. */
export const MAX_REMEMBERED = 20_000;
/** Persisted: the newest this many (about 60 bytes each). */
export const MAX_PERSISTED = 1_000;
/** Chat runs write at most this often (each write costs n8n a database update of the whole static data); other events always write. */
export const PERSIST_INTERVAL_MS = 250;

interface Persisted {
	/** Who wrote it and when: merged only when it changed. */
	stamp: string;
	sources: EventSource[];
	entries: string;
}

const PROCESS_TOKEN = Math.random().toString(36).slice(2, 8);

export class WorkflowSources {
	readonly ledger = new SourceLedger({ ttlMs: REMEMBER_MS, maxEntries: MAX_REMEMBERED });

	/** The triggers taking part in this process, with the events each receives. */
	private readonly participants = new Map<EventSource, ReadonlySet<string>>();

	/** Sources other processes (or this one before a restart) wrote about. */
	private readonly persistedSources = new Set<EventSource>();

	private mergedStamp: string | undefined;

	private lastWrite = 0;

	register(source: EventSource, events: readonly string[]): void {
		const known = this.participants.get(source);
		if (known && known.size === events.length && events.every((event) => known.has(event))) return;
		this.participants.set(source, new Set(events));
	}

	unregister(source: EventSource): void {
		this.participants.delete(source);
	}

	get empty(): boolean {
		return this.participants.size === 0;
	}

	/** Whether the trigger for `source` takes part here and receives `event`. */
	receives(source: EventSource, event: string): boolean {
		return this.participants.get(source)?.has(event) === true;
	}

	/** Whether another Kick trigger of this workflow takes part (here, or as persisted). */
	othersThan(source: EventSource): boolean {
		for (const other of this.participants.keys()) if (other !== source) return true;
		for (const other of this.persistedSources) if (other !== source) return true;
		return false;
	}

	/** Merges the persisted part when another writer changed it since the last merge. */
	hydrate(staticData: IDataObject, nowMs: number): void {
		const persisted = staticData[PERSISTED_KEY] as Persisted | undefined;
		if (!persisted || typeof persisted !== 'object' || persisted.stamp === this.mergedStamp) return;
		this.mergedStamp = persisted.stamp;
		for (const source of Array.isArray(persisted.sources) ? persisted.sources : []) this.persistedSources.add(source);
		if (typeof persisted.entries === 'string') this.ledger.merge(persisted.entries, nowMs);
	}

	/** Writes the newest part into the static data (n8n saves it with the trigger's next run). */
	persist(staticData: IDataObject, nowMs: number, force = false): void {
		if (!force && nowMs - this.lastWrite < PERSIST_INTERVAL_MS) return;
		this.lastWrite = nowMs;
		const stamp = `${nowMs.toString(36)}.${PROCESS_TOKEN}`;
		const sources = [...new Set([...this.participants.keys(), ...this.persistedSources])];
		staticData[PERSISTED_KEY] = { stamp, sources, entries: this.ledger.serialize(MAX_PERSISTED, nowMs) } satisfies Persisted as unknown as IDataObject;
		// Our own write needs no merge.
		this.mergedStamp = stamp;
	}
}

const byWorkflow = new Map<string, WorkflowSources>();

/** The workflow's shared record in this process. */
export function workflowSources(workflowId: string): WorkflowSources {
	let sources = byWorkflow.get(workflowId);
	if (!sources) {
		sources = new WorkflowSources();
		byWorkflow.set(workflowId, sources);
	}
	return sources;
}

/** A trigger stopped taking part (unpublished): the record goes when none is left. */
export function leaveWorkflowSources(workflowId: string, source: EventSource): void {
	const sources = byWorkflow.get(workflowId);
	if (!sources) return;
	sources.unregister(source);
	if (sources.empty) byWorkflow.delete(workflowId);
}

/** The identity of an output item (its body fields are at its top level). */
export function itemIdentity(item: Record<string, unknown>): EventIdentity | undefined {
	const at = typeof item.kickTimestamp === 'string' ? Date.parse(item.kickTimestamp) : Number.NaN;
	return eventIdentity(String(item.event), item, Number.isNaN(at) ? undefined : at);
}
