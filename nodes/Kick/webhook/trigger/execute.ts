/**
 * The Kick Trigger's execute() step, the first step of every execution it starts (n8n calls a
 * node's execute() before its webhook pass-through). It passes on the items whose delivery has
 * not run yet and records them in the trigger's persisted log, which n8n saves with the
 * execution's static data when the execution ends (./deliveryLog.ts).
 *
 * Each webhook process drops the duplicates it sees itself. In queue mode, though, the same
 * delivery (or another subscription's copy of the same event) can reach two webhook processes,
 * and each would start an execution. The executions run on the workers, so this step drops a
 * delivery that already ran (in the stored log) or whose execution already started in this
 * worker; the duplicate execution then ends at the trigger with no items. Executions of the same
 * delivery that start on two different workers at the same moment can still both run.
 * Retries of failed executions and editor tests pass unchanged.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { KickEventType } from '../../shared/kick.constants';
import { parseKickTimestamp } from '../../shared/time';
import { comparesPayload, fingerprintKey, messageKey, readDuplicatePayloads } from '../dedup';
import { lateLimitMs } from '../lateness';
import { runtimeFor } from './runtime';

/**
 * How often an execution writes the log at most: each write costs n8n a database update of the
 * workflow's static data after the execution. A delivery that ran within this long before n8n
 * stopped, with no execution writing after it, is remembered in memory only.
 */
export const WRITE_INTERVAL_MS = 250;

export function recordRanDeliveries(context: IExecuteFunctions): INodeExecutionData[] {
	const items = context.getInputData();
	const mode = context.getMode();
	if (mode === 'manual' || mode === 'retry') return items;
	const node = context.getNode();
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const duplicatePayloads = readDuplicatePayloads(options.ignoreDuplicatePayloads);
	const runtime = runtimeFor(`${context.getWorkflow().id ?? ''}:${node.id}:production`);
	runtime.setLimit(lateLimitMs(options.lateDeliveryLimitHours));
	const nowMs = Date.now();
	const staticData = context.getWorkflowStaticData('node');
	runtime.log.hydrate(staticData, runtime.memory, nowMs);
	const kept: INodeExecutionData[] = [];
	for (const item of items) {
		const { json } = item;
		const timestampMs = typeof json.kickTimestamp === 'string' ? parseKickTimestamp(json.kickTimestamp) : undefined;
		if (json.isSample === true || typeof json.messageId !== 'string' || timestampMs === undefined) {
			kept.push(item);
			continue;
		}
		// The event id is the body's fingerprint for the types whose body identifies the event.
		const identifies = typeof json.eventId === 'string' && json.eventId !== json.messageId;
		const compared = identifies && comparesPayload(json.event as KickEventType, duplicatePayloads);
		const keys = compared ? [messageKey(json.messageId), fingerprintKey(json.eventId as string)] : [messageKey(json.messageId)];
		if (runtime.log.ranAny(keys) || keys.some((key) => runtime.started.has(key, nowMs))) continue;
		for (const key of keys) runtime.started.add(key, nowMs, nowMs + runtime.started.ttlMs);
		runtime.log.add({ keys, timestampMs }, nowMs);
		kept.push(item);
	}
	// Write only into the workflow's real static data. A queue-mode worker gets a copy without
	// what publishing stored there (the subscriptions), and n8n would save that copy over it.
	// A busy trigger writes at most every WRITE_INTERVAL_MS; every write holds the whole log.
	if (kept.length && holdsPublishedState(staticData) && nowMs - runtime.lastLogWrite >= WRITE_INTERVAL_MS) {
		runtime.lastLogWrite = nowMs;
		runtime.log.writeTo(staticData, nowMs, runtime.publishedStaticData);
	}
	return kept;
}

/** Whether this static data is the trigger's own, as publishing left it (it always stores the API URL). */
function holdsPublishedState(staticData: IDataObject): boolean {
	return typeof staticData.apiBaseUrl === 'string';
}
