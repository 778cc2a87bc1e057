/**
 * The Chat Trigger in n8n: `trigger()` resolves the channel once, connects, and hands every
 * wanted event to n8n as its own execution until the workflow is unpublished.
 *
 * - Publish: waits (briefly) for the first connection, so a wrong key or cluster fails the
 *   publish with a clear error; a network problem does not: the trigger keeps trying.
 * - Transient disconnects are logged once per outage and retried (never emitError: n8n would
 *   take the workflow down and restart it).
 * - A code that forbids reconnecting (4000–4099) at run time is reported with emitError.
 * - "Listen for test event": the next real event, or samples when the channel stays quiet.
 * - closeFunction stops everything: no reconnect after it.
 */
import {
	type IDataObject,
	type INode,
	type ITriggerFunctions,
	type ITriggerResponse,
	NodeOperationError,
} from 'n8n-workflow';

import { itemIdentity, leaveWorkflowSources, workflowSources } from '../events/crossSource';
import { compileFilters } from '../events/filters';
import type { KickEventItem } from '../events/normalize';
import { type LiveSocket, pause, runLiveSocket, type CloseOutcome, type SocketFactory, type RunEnd } from './connection';
import { LiveDedup, liveDedupRegistry } from './dedup';
import { LivePipeline } from './pipeline';
import { resolveChannel, type ResolvedChannel } from './resolve';
import { buildSampleItems } from './samples';
import { ConnectionReport, describeOutcome, EmitGate, FirstConnection, type FirstOutcome } from './session';
import { readChatTriggerSettings, socketChannels, type ChatTriggerSettings } from './settings';

/** How long publishing waits for the first connection before it lets the trigger keep trying on its own. */
const FIRST_CONNECTION_WAIT_MS = 15_000;
/** How long closing waits for the socket loop to end. */
const CLOSE_WAIT_MS = 3_000;

const FATAL_CODES: Record<number, string> = {
	4001: 'the Pusher app key does not exist on this cluster',
	4003: 'the Pusher app is disabled',
	4004: 'the Pusher app is over its connection quota',
	4005: 'the socket address path is wrong',
	4006: 'the Pusher protocol version is not supported',
	4007: 'the client version is not supported',
	4008: 'the protocol version is missing',
	4009: 'the connection is not authorized',
};

/** Node's built-in WebSocket (Node.js 22 and later). */
export function builtInSocketFactory(node: INode): SocketFactory {
	if (typeof WebSocket === 'undefined') {
		throw new NodeOperationError(node, 'This n8n runs on a Node.js version without a built-in WebSocket client', {
			description:
				"The Kick Chat Trigger uses the WebSocket client built into Node.js 22 and later. Run n8n on Node.js 22 or newer (n8n 2.x needs it anyway), or use the Kick Trigger, which receives Kick's webhooks instead.",
		});
	}
	return (url) => new WebSocket(url) as unknown as LiveSocket;
}

export function fatalSocketError(node: INode, outcome: CloseOutcome, url: string): NodeOperationError {
	const code = outcome.code ?? 0;
	const meaning = FATAL_CODES[code] ?? 'the server refused the connection';
	return new NodeOperationError(node, `Kick's live socket refused the connection (Pusher code ${code}: ${outcome.reason || meaning})`, {
		description: `Pusher codes 4000–4099 mean: do not reconnect unchanged (${meaning}). Kick may have changed its Pusher app: switch on Custom Endpoints and compare Pusher Host and Pusher App Key with what kick.com uses (in your browser's developer tools, Network → WS, the address starts with wss://ws-…pusher.com/app/<key>). Address used: ${url.replace(/\?.*$/, '')}`,
	});
}

/** The promise's value, or `fallback` after `ms` (the wait ends as soon as the promise settles). */
async function raceWithTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
	const done = new AbortController();
	try {
		return await Promise.race([promise, pause(ms, done.signal).then(() => fallback)]);
	} finally {
		done.abort();
	}
}

export async function startChatTrigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
	const node = this.getNode();
	const settings = readChatTriggerSettings((name, fallback) => this.getNodeParameter(name, fallback));
	if (settings.events.length === 0) {
		throw new NodeOperationError(node, 'No events selected', { description: 'Choose at least one event under Events, or All Events.' });
	}
	const createSocket = builtInSocketFactory(node);
	const channel: ResolvedChannel = await resolveChannel.call(this, settings);
	const manual = this.getMode() === 'manual';
	const label = `Kick Chat Trigger "${node.name}" (${channel.slug})`;
	const stop = new AbortController();

	const gate = new EmitGate(manual, (items) => this.emit([this.helpers.returnJsonArray(items as IDataObject[])]));

	const workflowId = this.getWorkflow().id ?? 'unsaved';
	const scope = `${workflowId}:${node.id}`;
	// A test run starts with an empty memory; the published trigger keeps its own across reconnects.
	const dedup = manual ? new LiveDedup() : liveDedupRegistry.forScope(scope);
	const schedule = (ms: number, run: () => void) => {
		void pause(ms, stop.signal).then((due) => {
			if (!due) return;
			try {
				run();
			} catch (error) {
				this.logger.error(`${label}: could not emit an event: ${error instanceof Error ? error.message : String(error)}`);
			}
		});
	};
	const emit = crossSourceEmitter(this, settings, workflowId, manual, schedule, (item) => gate.push([item]));
	const pipeline = new LivePipeline({
		broadcaster: channel.broadcaster,
		selected: new Set(settings.events),
		filters: compileFilters(settings.filters),
		commandPrefix: settings.filters.commandPrefix,
		dedup,
		emit: emit.offer,
		schedule,
		// Filtered chat is the normal case on a busy channel: only repeats are worth a line.
		onDrop: (reason, event) => {
			if (reason === 'repeat') this.logger.debug(`${label}: a repeated ${event} was dropped`);
		},
	});

	const first = new FirstConnection();
	const report = new ConnectionReport(this.logger, label, first);

	const run: Promise<RunEnd> = runLiveSocket({
		url: settings.pusherUrl,
		channels: socketChannels(channel),
		signal: stop.signal,
		createSocket,
		hooks: {
			onFrame: (frame, receivedAt) => pipeline.handleFrame(frame, receivedAt),
			onSubscribed: () => report.subscribed(),
			onDisconnected: (outcome, next) => report.disconnected(outcome, next),
			onWarning: (message) => this.logger.warn(`${label}: ${message}`),
		},
	});

	void run.then((end) => {
		if (end.reason !== 'fatal' || stop.signal.aborted) return;
		if (!first.publishDone) {
			first.report({ kind: 'fatal', outcome: end.outcome });
			return;
		}
		const error = fatalSocketError(node, end.outcome, settings.pusherUrl);
		this.logger.error(`${label}: ${error.message}`);
		this.emitError(error);
	});

	const outcome = await raceWithTimeout(first.outcome, FIRST_CONNECTION_WAIT_MS, { kind: 'waiting' } as FirstOutcome);
	first.publishDone = true;
	if (outcome.kind === 'fatal') {
		stop.abort();
		throw fatalSocketError(node, outcome.outcome, settings.pusherUrl);
	}
	if (outcome.kind !== 'subscribed') {
		const reason = outcome.kind === 'failed' ? describeOutcome(outcome.outcome) : `no answer within ${FIRST_CONNECTION_WAIT_MS / 1000} s`;
		if (manual) {
			stop.abort();
			throw new NodeOperationError(node, `Could not connect to Kick's live socket: ${reason}`, {
				description: 'Check that this n8n can reach Kick\'s Pusher host (ws-us2.pusher.com on port 443), or, with Custom Endpoints on, that the host and app key there are right.',
			});
		}
		this.logger.warn(`${label}: could not connect to Kick's live socket yet (${reason}); it keeps trying in the background.`);
	}

	const closeFunction = async () => {
		stop.abort();
		emit.leave();
		dedup.groups.discardOpen();
		await raceWithTimeout(run, CLOSE_WAIT_MS, undefined);
	};

	if (!manual) return { closeFunction };

	const manualTriggerFunction = async () => {
		gate.open();
		if (gate.emitted || settings.sampleAfterSeconds <= 0) return;
		void pause(settings.sampleAfterSeconds * 1000, stop.signal).then((due) => {
			if (!due || gate.emitted) return;
			gate.push(buildSampleItems(settings.events, channel.broadcaster, settings.filters, Date.now()));
		});
	};
	return { closeFunction, manualTriggerFunction };
}

/**
 * Deduplicate With Other Kick Triggers, for this trigger: a copy another Kick trigger of the
 * workflow already ran is dropped; with Hold for Kick Trigger, a copy of an event the workflow's
 * Kick Trigger also receives waits for that trigger's copy first (../events/crossSource.ts).
 */
function crossSourceEmitter(
	context: ITriggerFunctions,
	settings: ChatTriggerSettings,
	workflowId: string,
	manual: boolean,
	schedule: (ms: number, run: () => void) => void,
	push: (item: KickEventItem) => void,
): { offer(item: KickEventItem): void; leave(): void } {
	if (manual || !settings.deduplicateAcrossTriggers) return { offer: (item) => push(item), leave: () => undefined };
	const sources = workflowSources(workflowId);
	sources.register('live-socket', settings.events);
	const shared = context.getWorkflowStaticData('global');
	sources.hydrate(shared, Date.now());
	const name = context.getNode().name;
	const run = (item: KickEventItem) => {
		// Written before n8n saves the static data for this run (a busy chat at most every
		// PERSIST_INTERVAL_MS), and only when another Kick trigger takes part: alone, the trigger
		// would make n8n save the static data with every run for nothing. The record is still kept
		// in memory, so the first write after another trigger joins has it all.
		if (sources.othersThan('live-socket')) sources.persist(shared, Date.now(), item.event !== 'chat.message.sent');
		push(item);
	};
	const dropped = (item: KickEventItem, from: string) => context.logger.debug(`Kick Chat Trigger "${name}": ${item.event} already ran from the ${from} trigger; not run again`);
	return {
		offer: (item) => {
			const identity = itemIdentity(item);
			if (!identity) return push(item);
			const now = Date.now();
			if (settings.holdForKickTriggerMs > 0 && sources.receives('webhook', item.event)) {
				sources.ledger.hold('live-socket', identity, now, settings.holdForKickTriggerMs, schedule, (runs) => (runs ? run(item) : dropped(item, 'webhook')), Date.now);
				return;
			}
			const claim = sources.ledger.claim('live-socket', identity, now);
			if (claim.run) run(item);
			else dropped(item, claim.ranFrom);
		},
		leave: () => leaveWorkflowSources(workflowId, 'live-socket'),
	};
}
