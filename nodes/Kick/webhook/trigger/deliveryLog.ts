/**
 * The part of the delivery memory that survives an n8n restart (and is shared by n8n processes
 * that read the same database): the message ids, and event ids (body fingerprints), of
 * deliveries that ran, plus the rare ignored ones a header rewrite could make run (../pipeline.ts).
 *
 * It lives in the workflow's static data, which n8n loads from its database for every webhook
 * request and every execution. Where n8n saves it, read in n8n 2.41's code:
 * - A webhook request that starts no execution: n8n saves the static data after the request when
 *   it changed (LiveWebhooks → saveStaticData in the response callback). webhook() writes here.
 * - A webhook request that starts an execution: n8n first wraps the same static data object for
 *   the execution (WorkflowRunner.establishContextForPersistence), which clears its "changed"
 *   flag, so a write from webhook() would be lost; the execution then reloads the static data
 *   from the database and saves it at its end if it changed. So the trigger's execute() step
 *   (the execution's first step) writes the ran deliveries, from their items (messageId, eventId,
 *   receivedAt).
 * - In queue mode the execution runs on a worker, whose copy of the static data lacks what
 *   publishing stored (n8n 2.41 gives a new execution's worker no static data), and saving it
 *   would erase the subscriptions; the worker writes nothing. The webhook processes' own memory,
 *   the worker's (./deliveryLog recordRanDeliveries), and the log written on requests that start
 *   no execution cover queue mode.
 * Writes in flight at once each save their own copy (the last write wins), so every write holds
 * the whole log as this process knows it, not just the new entry, and the in-process memory
 * (../dedup.ts) stays the first line. Deliveries the trigger drops on their body (the chat
 * firehose) are never written: only what can run costs a write.
 *
 * Format (compact, because n8n parses it on every request): `{ writer, seq, entries }` where
 * `entries` is one line per delivery, `<expiry, seconds, base 36> <message id> [<event id>]`.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import type { KickEventType } from '../../shared/kick.constants';
import { comparesPayload, dedupTtlMs, readDuplicatePayloads, sharedDedupRegistry, TtlSet, type DedupStores } from '../dedup';
import { DEFAULT_MAX_EVENT_AGE_SECONDS } from '../freshness';
import type { Remembered } from '../pipeline';

/** Key of the log in the trigger's static data (node scope). */
export const DELIVERY_LOG_KEY = 'deliveryLog';

interface StoredLog {
	/** Which process wrote it last; a process merges what others (or its predecessor) wrote. */
	writer: string;
	seq: number;
	entries: string;
}

interface Entry {
	expiresAt: number;
	fingerprint?: string;
}

/** Identifies this n8n process's writes. */
const PROCESS_WRITER = randomString(12);

/** Expired entries are dropped at most this often (a rewrite of the whole log). */
const PRUNE_INTERVAL_MS = 5_000;

function isStoredLog(value: unknown): value is StoredLog {
	const log = value as StoredLog | undefined;
	return typeof log === 'object' && log !== null && typeof log.writer === 'string' && typeof log.seq === 'number' && typeof log.entries === 'string';
}

function line(messageId: string, entry: Entry): string {
	const expiry = Math.ceil(entry.expiresAt / 1000).toString(36);
	return entry.fingerprint ? `${expiry} ${messageId} ${entry.fingerprint}` : `${expiry} ${messageId}`;
}

/** One trigger's log as this process knows it. */
export class DeliveryLog {
	private readonly entries = new Map<string, Entry>();

	/** The stored log last merged, as `writer:seq`. */
	private merged = '';

	private seq = 0;

	private serialized = '';

	private lastPrune = 0;

	/** Brings what other writers stored into this process's memory (cheap when nothing is new). */
	hydrate(staticData: IDataObject, stores: DedupStores, nowMs: number): void {
		const stored = staticData[DELIVERY_LOG_KEY];
		if (!isStoredLog(stored)) return;
		const key = `${stored.writer}:${stored.seq}`;
		if (stored.writer === PROCESS_WRITER || key === this.merged) return;
		this.merged = key;
		for (const text of stored.entries.split('\n')) {
			const [expiry, messageId, fingerprint] = text.split(' ');
			if (!expiry || !messageId) continue;
			const expiresAt = parseInt(expiry, 36) * 1000;
			if (!(expiresAt > nowMs) || this.entries.has(messageId)) continue;
			this.entries.set(messageId, { expiresAt, fingerprint });
			this.serialized = this.serialized ? `${this.serialized}\n${line(messageId, { expiresAt, fingerprint })}` : line(messageId, { expiresAt, fingerprint });
			stores.messageIds.add(messageId, nowMs, expiresAt);
			if (fingerprint) stores.payloads.add(fingerprint, nowMs, expiresAt);
		}
	}

	/** Adds a delivery to this process's log (written by the next writeTo). */
	add(remembered: Remembered, nowMs: number): void {
		this.prune(nowMs);
		if (this.entries.has(remembered.messageId) || !(remembered.expiresAt > nowMs)) return;
		const entry: Entry = { expiresAt: remembered.expiresAt, fingerprint: remembered.fingerprint };
		this.entries.set(remembered.messageId, entry);
		this.serialized = this.serialized ? `${this.serialized}\n${line(remembered.messageId, entry)}` : line(remembered.messageId, entry);
	}

	/** Writes the whole log into the static data (n8n saves it after the request or execution). */
	writeTo(staticData: IDataObject, nowMs: number): void {
		this.prune(nowMs);
		const stored: StoredLog = { writer: PROCESS_WRITER, seq: ++this.seq, entries: this.serialized };
		staticData[DELIVERY_LOG_KEY] = stored as unknown as IDataObject;
	}

	/** Drops expired entries, at most every few seconds (it rewrites the serialized log). */
	private prune(nowMs: number): void {
		if (nowMs - this.lastPrune < PRUNE_INTERVAL_MS) return;
		this.lastPrune = nowMs;
		let removed = false;
		for (const [messageId, existing] of this.entries) {
			if (existing.expiresAt > nowMs) continue;
			this.entries.delete(messageId);
			removed = true;
		}
		if (removed) this.serialized = [...this.entries].map(([messageId, existing]) => line(messageId, existing)).join('\n');
	}

	get size(): number {
		return this.entries.size;
	}
}

/** One log per trigger scope, for the life of the process. */
const logs = new Map<string, DeliveryLog>();

export function deliveryLogFor(scope: string): DeliveryLog {
	let log = logs.get(scope);
	if (!log) {
		log = new DeliveryLog();
		logs.set(scope, log);
	}
	return log;
}

/**
 * Per trigger: the ids its stored log holds (message ids and event ids), parsed once per stored
 * version. Per trigger because two triggers' logs can share writer, sequence and length, and
 * two triggers on one channel hold the same event ids.
 */
const storedIds = new Map<string, { version: string; ids: ReadonlySet<string> }>();

function idsInStoredLog(scope: string, staticData: IDataObject, nowMs: number): ReadonlySet<string> {
	const stored = staticData[DELIVERY_LOG_KEY];
	if (!isStoredLog(stored)) return new Set();
	const version = `${stored.writer}:${stored.seq}:${stored.entries.length}`;
	const cached = storedIds.get(scope);
	if (cached?.version === version) return cached.ids;
	const ids = new Set<string>();
	for (const text of stored.entries.split('\n')) {
		const [expiry, messageId, fingerprint] = text.split(' ');
		if (!expiry || !messageId || !(parseInt(expiry, 36) * 1000 > nowMs)) continue;
		ids.add(messageId);
		if (fingerprint) ids.add(fingerprint);
	}
	storedIds.set(scope, { version, ids });
	return ids;
}

/** Deliveries whose executions started in this process, by message id and event id, per trigger. */
const started = new Map<string, TtlSet>();

function startedIn(scope: string, ttlMs: number): TtlSet {
	let set = started.get(scope);
	if (!set) {
		set = new TtlSet({ ttlMs });
		started.set(scope, set);
	}
	set.ttlMs = ttlMs;
	return set;
}

/**
 * The trigger's execute() step, the first step of every execution it starts. It passes on the
 * items whose delivery has not run yet and writes them into the log and the execution's static
 * data, which n8n saves when the execution ends (see the module comment).
 *
 * Each webhook process drops the duplicates it sees itself. In queue mode, though, the same
 * delivery (or another subscription's copy of the same event) can reach two webhook processes,
 * and each would start an execution. The executions run on the workers, so this step drops a
 * delivery that already ran (in the stored log) or whose execution already started in this
 * worker; the duplicate execution then ends at the trigger with no items. Executions of the same
 * delivery that start on two different workers at the same moment can still both run.
 * Retries of failed executions and editor tests pass unchanged.
 */
export function recordRanDeliveries(context: IExecuteFunctions): INodeExecutionData[] {
	const items = context.getInputData();
	const mode = context.getMode();
	if (mode === 'manual' || mode === 'retry') return items;
	const node = context.getNode();
	const options = triggerOptions(context, node.parameters.options);
	const maxAge = Number(options.maxEventAgeSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS);
	const ttlMs = dedupTtlMs(Number.isFinite(maxAge) && maxAge >= 0 ? maxAge : DEFAULT_MAX_EVENT_AGE_SECONDS);
	const duplicatePayloads = readDuplicatePayloads(options.ignoreDuplicatePayloads);
	const scope = `${context.getWorkflow().id ?? ''}:${node.id}:production`;
	const nowMs = Date.now();
	const staticData = context.getWorkflowStaticData('node');
	const ranBefore = idsInStoredLog(scope, staticData, nowMs);
	const startedHere = startedIn(scope, ttlMs);
	const log = deliveryLogFor(scope);
	log.hydrate(staticData, sharedDedupRegistry.forScope(scope, ttlMs), nowMs);
	const kept: INodeExecutionData[] = [];
	for (const item of items) {
		const { json } = item;
		if (json.isSample === true || typeof json.messageId !== 'string' || typeof json.receivedAt !== 'string') {
			kept.push(item);
			continue;
		}
		const receivedAt = Date.parse(json.receivedAt);
		const expiresAt = (Number.isFinite(receivedAt) ? receivedAt : nowMs) + ttlMs;
		// The event id is the body's fingerprint for the types whose body identifies the event.
		const identifies = typeof json.eventId === 'string' && json.eventId !== json.messageId;
		const fingerprint = identifies && comparesPayload(json.event as KickEventType, duplicatePayloads) ? (json.eventId as string) : undefined;
		const keys = fingerprint ? [json.messageId, fingerprint] : [json.messageId];
		if (keys.some((key) => ranBefore.has(key) || startedHere.has(key, nowMs))) continue;
		for (const key of keys) startedHere.add(key, nowMs, expiresAt);
		log.add({ messageId: json.messageId, fingerprint, expiresAt }, nowMs);
		kept.push(item);
	}
	// Write only into the workflow's real static data. A queue-mode worker gets a copy without
	// what publishing stored there (the subscriptions), and n8n would save that copy over it.
	// Each write costs n8n a database update after the execution, so a busy trigger writes at
	// most every WRITE_INTERVAL_MS; every write holds the whole log, the skipped entries too.
	if (kept.length && holdsPublishedState(staticData) && nowMs - (lastWrite.get(scope) ?? 0) >= WRITE_INTERVAL_MS) {
		lastWrite.set(scope, nowMs);
		log.writeTo(staticData, nowMs);
	}
	return kept;
}

/**
 * How often an execution writes the log at most. A delivery that ran within this long before n8n
 * stopped, with no execution writing after it, is remembered in memory only.
 */
export const WRITE_INTERVAL_MS = 250;

const lastWrite = new Map<string, number>();

/**
 * The trigger's Options as saved. Read from the node itself: they are plain values (n8n's
 * parameter resolution would cost every execution more than the rest of this step).
 */
function triggerOptions(context: IExecuteFunctions, saved: unknown): IDataObject {
	if (saved && typeof saved === 'object' && !Object.values(saved).some((value) => typeof value === 'string' && value.startsWith('='))) {
		return saved as IDataObject;
	}
	return (context.getNodeParameter('options', 0, {}) ?? {}) as IDataObject;
}

/** Whether this static data is the trigger's own, as publishing left it (it always stores the API URL). */
function holdsPublishedState(staticData: IDataObject): boolean {
	return typeof staticData.apiBaseUrl === 'string';
}
