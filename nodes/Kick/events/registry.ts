/**
 * The one place Kick triggers keep state in an n8n process: each trigger's runtime, found by its
 * workflow, node and mode, and each workflow's record (./record.ts), shared by its triggers.
 *
 * - A trigger acquires its runtime when it starts: the Kick Trigger when it is published (or,
 *   in a process where it was not, with its first delivery), the Chat Trigger in trigger(), the
 *   Polling Trigger for each poll. It releases it when it stops: the Kick Trigger's `delete`, the
 *   Chat Trigger's closeFunction, the end of the poll. A workflow's record goes with the last of
 *   its triggers (what must outlive it is persisted).
 * - n8n does not tell a queue-mode webhook process or worker that a workflow was unpublished:
 *   there a Kick Trigger's runtime lives until the process stops.
 * - Editor tests ("Listen for test event", Fetch Test Event) get a runtime and a record of their
 *   own, apart from the published workflow's.
 * - Per poll activation (n8n keeps one poll context per activation), whether it polled yet and
 *   whether a poll is running, released with the context.
 */
import type { EventSource } from './normalize';
import { WorkflowRecord } from './record';

export interface TriggerId {
	workflowId: string;
	nodeId: string;
	/** An editor test rather than the published workflow. */
	test: boolean;
	source: EventSource;
}

interface Slot {
	workflowKey: string;
	state: unknown;
}

/** A poll activation's state. */
export interface PollActivation {
	polled: boolean;
	running: boolean;
}

function triggerKey(id: TriggerId): string {
	return `${id.workflowId}:${id.nodeId}:${id.test ? 'test' : 'production'}`;
}

/** The map's value for `key`, made by `create` when it has none. */
function getOrCreate<K, V>(map: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, create: () => V): V {
	let value = map.get(key);
	if (value === undefined) {
		value = create();
		map.set(key, value);
	}
	return value;
}

class TriggerRegistry {
	private readonly triggers = new Map<string, Slot>();

	private readonly records = new Map<string, WorkflowRecord>();

	private readonly polls = new WeakMap<object, PollActivation>();

	/**
	 * The trigger's runtime (made by `create` on first use) and its workflow's record, which it
	 * joins with the events it receives.
	 */
	acquire<T>(id: TriggerId, events: readonly string[], create: () => T): { state: T; record: WorkflowRecord } {
		const key = triggerKey(id);
		// An editor test has a record of its own.
		const slot = getOrCreate(this.triggers, key, () => ({ workflowKey: id.test ? key : id.workflowId, state: create() }));
		const record = getOrCreate(this.records, slot.workflowKey, () => new WorkflowRecord());
		record.join(key, id.source, events);
		return { state: slot.state as T, record };
	}

	/** Forgets the trigger, and its workflow's record when no other trigger of it is left. */
	release(id: TriggerId): void {
		const key = triggerKey(id);
		const slot = this.triggers.get(key);
		if (!slot) return;
		this.triggers.delete(key);
		const record = this.records.get(slot.workflowKey);
		record?.leave(key);
		if (record?.empty) this.records.delete(slot.workflowKey);
	}

	/** The state of one poll activation. */
	pollActivation(context: object): PollActivation {
		return getOrCreate(this.polls, context, () => ({ polled: false, running: false }));
	}
}

export const registry = new TriggerRegistry();
