/**
 * The part of a Kick Trigger's memory that survives an n8n restart (and is shared by n8n
 * processes that read the same database): the keys of the deliveries whose executions started,
 * plus the rare ignored ones a header rewrite could make run (../pipeline.ts), with the floor
 * below which nothing is decided (../memory.ts).
 *
 * It lives in the workflow's static data, which n8n 2.41 reads from its database for every
 * webhook request and every execution, so it is bounded: the newest PERSISTED_MAX_KEYS keys by
 * signed time, about 12 bytes each. When more ran within the Late Delivery Limit, the oldest
 * second goes and the persisted floor rises above it: after a restart, a delivery signed before
 * the floor is acknowledged without a run (it may have run before the restart).
 *
 * Where n8n saves the static data, read in n8n 2.41's code:
 * - A webhook request that starts no execution: after the request, when it changed
 *   (LiveWebhooks → saveStaticData in the response callback). receive.ts writes there.
 * - A webhook request that starts an execution: n8n first wraps the same static data object for
 *   the execution (WorkflowRunner.establishContextForPersistence), which clears its "changed"
 *   flag, so a write from webhook() would be lost; the execution reloads the static data from the
 *   database and saves it at its end if it changed. So the trigger's execute() step (the
 *   execution's first step) records the delivery, from its item.
 * - Unpublishing: after the webhook `delete` method (ActiveWorkflowManager.deregisterWebhooks).
 * - In queue mode the execution runs on a worker, whose copy of the static data lacks what
 *   publishing stored (n8n 2.41 gives a new execution's worker no static data), and saving it
 *   would erase the subscriptions: the worker writes nothing (see ../trigger/execute.ts).
 * Writes in flight at once each save their own copy (the last write wins), so every write holds
 * the whole log as this process knows it, not just the new entry.
 *
 * Format: `{ writer, seq, floor, entries }`; `floor` in seconds (base 36), `entries` one line per
 * signed second: `<second, base 36> <key> <key> …`.
 */
import type { IDataObject } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import { DeliveryMemory } from '../memory';
import type { Remembered } from '../pipeline';

/** Key of the log in the trigger's static data (node scope). */
export const DELIVERY_LOG_KEY = 'deliveryLog';

/** Keys persisted at most (a delivery has one, or two when its body is compared). */
export const PERSISTED_MAX_KEYS = 1000;

interface StoredLog {
	/** Which process wrote it last; a process merges what others (or its predecessor) wrote. */
	writer: string;
	seq: number;
	/** Seconds, base 36; '' when nothing was let go of. */
	floor: string;
	entries: string;
}

/** Identifies this n8n process's writes. */
const PROCESS_WRITER = randomString(12);

function isStoredLog(value: unknown): value is StoredLog {
	const log = value as StoredLog | undefined;
	return typeof log === 'object' && log !== null && typeof log.writer === 'string' && typeof log.seq === 'number' && typeof log.entries === 'string';
}

/** One trigger's persisted log, as this process knows it. */
export class DeliveryLog {
	/** What ran (executions started), by signed second; bounded like the stored form. */
	readonly ran: DeliveryMemory;

	/** The stored log last merged, as `writer:seq`. */
	private merged = '';

	private seq = 0;

	constructor(limitMs: number, maxKeys = PERSISTED_MAX_KEYS) {
		this.ran = new DeliveryMemory({ limitMs, maxKeys });
	}

	/**
	 * Brings what another writer stored (another process, or this trigger before a restart) into
	 * this log and into the trigger's decision memory. Cheap when nothing is new.
	 */
	hydrate(staticData: IDataObject, decisions: DeliveryMemory, nowMs: number): void {
		const stored = staticData[DELIVERY_LOG_KEY];
		if (!isStoredLog(stored)) return;
		const version = `${stored.writer}:${stored.seq}`;
		if (stored.writer === PROCESS_WRITER || version === this.merged) return;
		this.merged = version;
		const floorSecond = parseInt(stored.floor, 36);
		if (Number.isFinite(floorSecond)) {
			// The floor covers that whole second.
			this.ran.raiseFloor(floorSecond * 1000 + 999);
			decisions.raiseFloor(floorSecond * 1000 + 999);
		}
		for (const line of stored.entries.split('\n')) {
			const [second, ...keys] = line.split(' ');
			const timestampMs = parseInt(second ?? '', 36) * 1000;
			if (!Number.isFinite(timestampMs) || keys.length === 0) continue;
			this.ran.add(keys, timestampMs, nowMs);
			decisions.add(keys, timestampMs, nowMs);
		}
	}

	/** Records a delivery (written by the next writeTo). */
	add(remembered: Remembered, nowMs: number): void {
		this.ran.add(remembered.keys, remembered.timestampMs, nowMs);
	}

	/** Whether any of these keys ran (in this process, or in what was merged). */
	ranAny(keys: readonly string[]): boolean {
		return keys.some((key) => this.ran.has(key));
	}

	/**
	 * Writes the whole log into the static data (n8n saves it after the request or execution),
	 * and the same into `alsoInto` (see TriggerRuntime.publishedStaticData).
	 */
	writeTo(staticData: IDataObject, nowMs: number, alsoInto?: IDataObject): void {
		this.ran.expire(nowMs);
		const { buckets, floorMs } = this.ran.newest(this.ran.maxKeys);
		const stored: StoredLog = {
			writer: PROCESS_WRITER,
			seq: ++this.seq,
			floor: Number.isFinite(floorMs) ? Math.floor(floorMs / 1000).toString(36) : '',
			entries: buckets.map((bucket) => `${bucket.second.toString(36)} ${bucket.keys.join(' ')}`).join('\n'),
		};
		staticData[DELIVERY_LOG_KEY] = stored as unknown as IDataObject;
		if (alsoInto && alsoInto !== staticData) alsoInto[DELIVERY_LOG_KEY] = stored as unknown as IDataObject;
	}
}
