import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { decide, type EventCopy } from './events/decide';
import { compileFilters, type CompiledFilters } from './events/filters';
import type { SeenMemory } from './events/memory';
import type { KickEventItem } from './events/normalize';
import type { WorkflowRecord } from './events/record';
import { registry } from './events/registry';
import { diffPoll, pollCopy } from './poll/diff';
import { fetchSnapshot, identifyRedeemers } from './poll/fetch';
import { pollTriggerProperties, readPollSettings, settingsProblem, type PollSettings } from './poll/pollingTriggerParameters';
import { sampleChanges } from './poll/liveSamples';
import { readPollState, writePollState } from './poll/state';
import { APP_CREDENTIAL, USER_CREDENTIAL } from './shared/kick.constants';

/**
 * The Polling Trigger in n8n: `poll()` fetches what Kick shows now and compares it with the
 * previous poll (./poll/fetch.ts, ./poll/diff.ts: the admit step); each change is decided
 * (./events/decide.ts) and the ones that run are returned as one execution.
 *
 * How n8n 2.41 runs it (n8n-core ActiveWorkflowTriggers / PollTriggerExecutor, n8n's
 * TriggerExecutionContextFactory):
 * - Publishing (activation mode 'activate'), n8n starting ('init') and publishing a changed
 *   version ('update') each run one poll right away; an error there fails the publish (at start,
 *   n8n retries the activation later). Then n8n polls on the Poll Times schedule with the same
 *   context (under one minute is refused; a poll time may be a cron expression with one fixed second).
 * - Items returned → one execution, with the node's static data written to the database first.
 *   `null` → nothing is written: the state stays in memory and is saved with the next items
 *   (after the first poll, by the publish itself). A thrown error → a failed execution (and the
 *   error workflow); the next poll runs as scheduled.
 * - n8n starts a poll while the previous one still runs (a slow Kick, retries after 429): that
 *   one is skipped here (../events/registry.ts keeps which activation polled and which is polling).
 * - "Fetch Test Event" runs poll() with getMode() 'manual'; its static data is never saved.
 * - n8n's optional durable scheduler (N8N_SCHEDULER_ENABLED with N8N_SCHEDULER_POLL_TRIGGERS_ENABLED)
 *   reads the static data from the database for every poll instead, and keeps a poll's state
 *   without items only with N8N_POLLER_DURABLE_CURSORS_ENABLED.
 *
 * So the first poll of a publish only records; the state is replaced only after everything was
 * fetched, so a failed poll changes nothing and the next one sees the same changes again; after a
 * restart the stored state is the one saved with the last emitted items (or the publish): events
 * emitted before are not emitted again.
 */

function asOutput(items: KickEventItem[]): INodeExecutionData[][] | null {
	return items.length > 0 ? [items.map((json) => ({ json: json as IDataObject }))] : null;
}

/**
 * The items of the copies that run; the others are logged. `shared`, the workflow's record's
 * memory, learns the streams the poll sees start and end (the workflow's chat triggers' first words).
 */
function decideAll(context: IPollFunctions, copies: EventCopy[], filters: CompiledFilters, record?: WorkflowRecord, shared?: SeenMemory): KickEventItem[] {
	const items: KickEventItem[] = [];
	for (const copy of copies) {
		const decision = decide(copy, { filters, record, shared });
		if (decision.status === 'run') items.push(decision.item);
		if (decision.status === 'ran-elsewhere') {
			context.logger.debug(`Kick Polling Trigger "${context.getNode().name}": ${copy.event} already ran from the ${decision.ranFrom} trigger; not run again`);
		}
	}
	return items;
}

/** "Fetch Test Event": the current state as sample items; the stored state is not touched. */
async function fetchTestEvent(context: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	const snapshot = await fetchSnapshot.call(context, settings, undefined, {}, now);
	const changes = sampleChanges(snapshot, settings.events);
	await identifyRedeemers(snapshot, changes);
	const copies = changes.map((change) => pollCopy(change, now, { isSample: true }));
	return asOutput(decideAll(context, copies, compileFilters({ events: settings.events })));
}

async function pollKick(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readPollSettings((name, fallback) => context.getNodeParameter(name, fallback));
	const problem = settingsProblem(settings);
	if (problem) throw new NodeOperationError(context.getNode(), problem.message, { description: problem.description });
	if (context.getMode() === 'manual') return await fetchTestEvent(context, settings);
	const activation = registry.pollActivation(context);
	if (activation.running) {
		context.logger.debug(`Kick Polling Trigger "${context.getNode().name}": the previous poll is still running; skipping this one`);
		return null;
	}
	activation.running = true;
	const id = { workflowId: context.getWorkflow().id ?? '', nodeId: context.getNode().id, test: false, source: 'poll' as const };
	const { record } = registry.acquire(id, settings.events, () => undefined);
	try {
		const staticData = context.getWorkflowStaticData('node');
		const stored = readPollState(staticData);
		// The first poll after publishing only records: nothing that was already there is new.
		const previous = context.getActivationMode() === 'activate' && !activation.polled ? undefined : stored;
		activation.polled = true;

		const observedAt = Date.now();
		const snapshot = await fetchSnapshot.call(context, settings, previous, stored?.slugs ?? {}, observedAt);
		const { changes, next } = diffPoll(previous, snapshot, new Set(settings.events), settings.filters.minKicksAmount);
		await identifyRedeemers(snapshot, changes);
		const shared = context.getWorkflowStaticData('global');
		record.hydrate(shared, observedAt);
		const filters = compileFilters({ ...settings.filters, events: settings.events });
		const copies = changes.map((change) => pollCopy(change, observedAt));
		const items = decideAll(context, copies, filters, settings.deduplicateAcrossTriggers ? record : undefined, record.memory);
		writePollState(staticData, next);
		// n8n saves the whole static data with these items: when another Kick trigger takes part,
		// the record goes with them, as this process knows it, so the save does not put back an older one.
		if (items.length > 0 && record.othersThan('poll')) record.persist(shared, observedAt, true);
		if (items.length > 0) {
			const counts = new Map<string, number>();
			for (const item of items) counts.set(item.event, (counts.get(item.event) ?? 0) + 1);
			context.logger.debug(
				`Kick Polling Trigger "${context.getNode().name}": ${[...counts].map(([event, count]) => `${count} × ${event}`).join(', ')}`,
			);
		}
		return asOutput(items);
	} finally {
		activation.running = false;
		registry.release(id);
	}
}

/**
 * Starts a workflow when something changed on Kick since the last check: a stream went live
 * or ended, its title or category changed, a reward was redeemed, the KICKs leaderboard moved.
 * Asks Kick's official API on n8n's poll schedule, so it needs no public URL.
 */
export class KickPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kick Polling Trigger',
		name: 'kickPollingTrigger',
		icon: { light: 'file:kick.svg', dark: 'file:kick.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a Kick stream goes live or ends, its title changes, or rewards and KICKs come in, by checking Kick on a schedule (no public URL needed)',
		defaults: { name: 'Kick Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: USER_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['userOAuth2'] } } },
			{ name: APP_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['appOAuth2'] } } },
		],
		properties: pollTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollKick(this);
	}
}
