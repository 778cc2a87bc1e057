/**
 * `poll()`: the polling trigger's n8n glue. How n8n 2.41 runs it (read in n8n's code:
 * n8n-core ActiveWorkflowTriggers / PollTriggerExecutor, n8n's TriggerExecutionContextFactory):
 *
 * - Publishing (activation mode 'activate'), n8n starting ('init') and publishing a changed
 *   version of a published workflow ('update') each run one poll right away; an error there
 *   fails the publish (at start, n8n retries the activation later). n8n then polls on the Poll
 *   Times schedule with the same context. Schedules under one minute are refused ("The polling
 *   interval is too short"); each poll time may be a cron expression with one fixed second.
 * - Items returned → one execution, and the node's static data is written to the database
 *   first. `null` → nothing is written: the state stays in n8n's memory for the next poll and
 *   is saved with the next items (after the first poll it is saved by the publish itself).
 *   A thrown error → n8n records a failed execution (and runs the error workflow), and the
 *   next poll runs as scheduled.
 * - n8n does not stop a poll from starting while the previous one still runs (a slow Kick,
 *   retries after 429): the second one is skipped here.
 * - "Fetch Test Event" in the editor runs poll() with getMode() 'manual'; its static data is
 *   never saved.
 *
 * (n8n's optional durable scheduler for poll triggers, N8N_SCHEDULER_ENABLED with
 * N8N_SCHEDULER_POLL_TRIGGERS_ENABLED, reads the static data from the database for every poll
 * instead, and keeps a poll's state without items only with N8N_POLLER_DURABLE_CURSORS_ENABLED.)
 *
 * So: the first poll of a publish records the current state and returns nothing; later polls
 * compare with the stored state; the state is replaced only after everything was fetched, so a
 * failed poll changes nothing and the next one sees the same changes again. After an n8n
 * restart the stored state is the one saved with the last emitted items (or the publish):
 * events emitted before are not emitted again.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemIdentity, workflowSources } from '../events/crossSource';
import { diffPoll } from './diff';
import { fetchSnapshot, identifyRedeemers } from './fetch';
import { filterChanges, pollItem } from './items';
import { sampleChanges } from './samples';
import { readPollSettings, settingsProblem, type PollSettings } from './settings';
import { readPollState, writePollState } from './state';

/** Polls in progress, by workflow and node. */
const running = new Set<string>();
/** Poll contexts that have polled: n8n keeps one context per activation. */
const polledContexts = new WeakSet<object>();

function settingsOf(context: IPollFunctions): PollSettings {
	const settings = readPollSettings((name, fallback) => context.getNodeParameter(name, fallback));
	const problem = settingsProblem(settings);
	if (problem) throw new NodeOperationError(context.getNode(), problem.message, { description: problem.description });
	return settings;
}

function asOutput(items: IDataObject[]): INodeExecutionData[][] | null {
	return items.length > 0 ? [items.map((json) => ({ json }))] : null;
}

/** "Fetch Test Event": the current state as sample items; the stored state is not touched. */
async function fetchTestEvent(this: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	const snapshot = await fetchSnapshot.call(this, settings, undefined, {}, now);
	const changes = sampleChanges(snapshot, settings.events);
	await identifyRedeemers(
		snapshot.context,
		changes.filter((change) => change.event === 'channel.reward.redemption.updated').map((change) => change.body),
		snapshot.canReadUsers,
	);
	return asOutput(changes.map((change) => pollItem(change, now, { isSample: true })));
}

export async function pollKick(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(this);
	if (this.getMode() === 'manual') return await fetchTestEvent.call(this, settings);

	const key = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
	if (running.has(key)) {
		this.logger.debug(`Kick Polling Trigger "${this.getNode().name}": the previous poll is still running; skipping this one`);
		return null;
	}
	running.add(key);
	try {
		const staticData = this.getWorkflowStaticData('node');
		const stored = readPollState(staticData);
		// The first poll after publishing only records: nothing that was already there is new.
		const firstAfterPublish = this.getActivationMode() === 'activate' && !polledContexts.has(this);
		polledContexts.add(this);
		const previous = firstAfterPublish ? undefined : stored;

		const observedAt = Date.now();
		const snapshot = await fetchSnapshot.call(this, settings, previous, stored?.slugs ?? {}, observedAt);
		const { changes, next } = diffPoll(previous, snapshot, new Set(settings.events));
		const kept = filterChanges(changes, settings);
		await identifyRedeemers(
			snapshot.context,
			kept.filter((change) => change.event === 'channel.reward.redemption.updated').map((change) => change.body),
			snapshot.canReadUsers,
		);
		const items = withoutRanElsewhere(this, settings, kept.map((change) => pollItem(change, observedAt)), observedAt);
		writePollState(staticData, next);
		if (items.length > 0) {
			const counts = new Map<string, number>();
			for (const item of items) counts.set(String(item.event), (counts.get(String(item.event)) ?? 0) + 1);
			this.logger.debug(
				`Kick Polling Trigger "${this.getNode().name}": ${[...counts].map(([event, count]) => `${count} × ${event}`).join(', ')}`,
			);
		}
		return asOutput(items);
	} finally {
		running.delete(key);
	}
}

/**
 * Deduplicate With Other Kick Triggers: drops the items another Kick trigger of this workflow
 * already ran (the Kick Trigger's copy of a stream start, say), records the rest for theirs, and
 * writes the record into the static data n8n saves with these items.
 */
function withoutRanElsewhere(context: IPollFunctions, settings: PollSettings, items: IDataObject[], nowMs: number): IDataObject[] {
	if (!settings.deduplicateAcrossTriggers) return items;
	const sources = workflowSources(context.getWorkflow().id ?? '');
	sources.register('poll', settings.events);
	const shared = context.getWorkflowStaticData('global');
	sources.hydrate(shared, nowMs);
	const kept = items.filter((item) => {
		const identity = itemIdentity(item);
		if (!identity) return true;
		const claim = sources.ledger.claim('poll', identity, nowMs);
		if (!claim.run) context.logger.debug(`Kick Polling Trigger "${context.getNode().name}": ${String(item.event)} already ran from the ${claim.ranFrom} trigger; not run again`);
		return claim.run;
	});
	// Alone in the workflow, nothing needs the record across restarts (it is kept in memory).
	if (kept.length > 0 && sources.othersThan('poll')) sources.persist(shared, nowMs, true);
	return kept;
}
