import {
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { startsCooldown } from './events/chatRules';
import { compileFilters } from './events/filters';
import type { KickEventItem } from './events/normalize';
import { registry } from './events/registry';
import { chatTriggerProperties, readChatTriggerSettings, socketChannels } from './socket/chatTriggerParameters';
import { type LiveSocket, pause, runLiveSocket, type CloseOutcome, type SocketFactory, type RunEnd } from './socket/connection';
import { handleFrame, SocketRuntime, type LiveRules } from './socket/liveEvents';
import { resolveChannel } from './socket/resolve';
import { buildSampleItems } from './socket/sampleFrames';
import { ConnectionReport, describeOutcome, EmitGate, type FirstOutcome } from './socket/session';

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
function builtInSocketFactory(node: INode): SocketFactory {
	if (typeof WebSocket === 'undefined') {
		throw new NodeOperationError(node, 'This n8n runs on a Node.js version without a built-in WebSocket client', {
			description:
				"The Kick Chat Trigger uses the WebSocket client built into Node.js 22 and later. Run n8n on Node.js 22 or newer (n8n 2.x needs it anyway), or use the Kick Trigger, which receives Kick's webhooks instead.",
		});
	}
	return (url) => new WebSocket(url) as unknown as LiveSocket;
}

function fatalSocketError(node: INode, outcome: CloseOutcome, url: string): NodeOperationError {
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

/**
 * The Chat Trigger in n8n (docs/ARCHITECTURE.md follows one message through it).
 * - Publish: waits (briefly) for the first connection, so a wrong key or cluster fails the
 *   publish with a clear error; a network problem does not: the trigger keeps trying.
 * - Transient disconnects are logged once per outage and retried (never emitError: n8n would
 *   take the workflow down and restart it).
 * - A code that forbids reconnecting (4000–4099) at run time is reported with emitError.
 * - "Listen for test event": the next real event, or samples when the channel stays quiet.
 * - closeFunction stops everything: no reconnect after it.
 */
async function startChatTrigger(context: ITriggerFunctions): Promise<ITriggerResponse> {
	const node = context.getNode();
	const settings = readChatTriggerSettings((name, fallback) => context.getNodeParameter(name, fallback));
	if (settings.events.length === 0) {
		throw new NodeOperationError(node, 'No events selected', { description: 'Choose at least one event under Events, or All Events.' });
	}
	const problem = settings.filters.problem;
	if (problem) throw new NodeOperationError(node, problem.message, { description: problem.description });
	const createSocket = builtInSocketFactory(node);
	const channel = await resolveChannel.call(context, settings);
	const manual = context.getMode() === 'manual';
	const label = `Kick Chat Trigger "${node.name}" (${channel.slug})`;
	const stop = new AbortController();
	const gate = new EmitGate(manual, (items) => context.emit([context.helpers.returnJsonArray(items as IDataObject[])]));

	// The published trigger keeps its memory across reconnects; a test run starts with its own.
	const id = { workflowId: context.getWorkflow().id ?? 'unsaved', nodeId: node.id, test: manual, source: 'live-socket' as const };
	const { state: runtime, record } = registry.acquire(id, settings.events, () => new SocketRuntime());
	const dedupe = !manual && settings.deduplicateAcrossTriggers;
	const shared = context.getWorkflowStaticData('global');
	// What ran before a restart: copies other triggers ran, cooldowns, who spoke in this stream.
	if (!manual) record.hydrate(shared, Date.now());
	const filters = compileFilters({ ...settings.filters, events: settings.events });
	const schedule = (ms: number, run: () => void) => {
		void pause(ms, stop.signal).then((due) => {
			if (!due) return;
			try {
				run();
			} catch (error) {
				context.logger.error(`${label}: could not emit an event: ${error instanceof Error ? error.message : String(error)}`);
			}
		});
	};
	const emit = (item: KickEventItem) => {
		// Written before n8n saves the static data for this run (a busy chat at most every 250 ms; a
		// command that started a cooldown at once), only when another Kick trigger takes part or the run
		// filed a cooldown or a viewer's first words: else n8n would save it with every run for nothing.
		const others = dedupe && record.othersThan('live-socket');
		const cooldown = !manual && startsCooldown(filters, item);
		if (others || cooldown || (!manual && item.firstMessageInStream === true)) {
			record.persist(shared, Date.now(), cooldown || (others && item.event !== 'chat.message.sent'));
		}
		gate.push([item]);
	};
	const rules: LiveRules = {
		broadcaster: channel.broadcaster,
		filters,
		runtime,
		record: dedupe ? record : undefined,
		shared: record.memory,
		hold: dedupe && settings.holdForKickTriggerMs > 0
			? {
					ms: settings.holdForKickTriggerMs,
					release: (item, run, dropped) => (run ? emit(item) : dropped && rules.dropped?.(dropped.reason, item.event, dropped.detail)),
				}
			: undefined,
		emit,
		schedule,
		now: Date.now,
		// Filtered chat is the normal case on a busy channel: only repeats, other triggers' copies and cooldowns are worth a line.
		dropped: (reason, event, detail) => {
			if (reason === 'repeat') context.logger.debug(`${label}: a repeated ${event} was dropped`);
			if (reason === 'ran-elsewhere') context.logger.debug(`${label}: ${event} already ran from the ${detail} trigger; not run again`);
			if (reason === 'cooldown') context.logger.debug(`${label}: ${detail}; not run`);
		},
	};

	const report = new ConnectionReport(context.logger, label);
	// Until publishing stopped waiting, a fatal code fails the publish; later it goes to n8n's emitError.
	let publishing = true;
	const run: Promise<RunEnd> = runLiveSocket({
		url: settings.pusherUrl,
		channels: socketChannels(channel),
		signal: stop.signal,
		createSocket,
		hooks: {
			onFrame: (frame, receivedAt) => handleFrame(frame, receivedAt, rules),
			onSubscribed: () => report.subscribed(),
			onDisconnected: (outcome, next) => report.disconnected(outcome, next),
			onWarning: (message) => context.logger.warn(`${label}: ${message}`),
		},
	});

	void run.then((end) => {
		if (end.reason !== 'fatal' || stop.signal.aborted) return;
		if (publishing) {
			report.firstOutcome({ kind: 'fatal', outcome: end.outcome });
			return;
		}
		const error = fatalSocketError(node, end.outcome, settings.pusherUrl);
		context.logger.error(`${label}: ${error.message}`);
		context.emitError(error);
	});

	const closeFunction = async () => {
		stop.abort();
		record.dropHeld('live-socket');
		runtime.groups.discardOpen();
		registry.release(id);
		await raceWithTimeout(run, CLOSE_WAIT_MS, undefined);
	};

	const outcome = await raceWithTimeout(report.first, FIRST_CONNECTION_WAIT_MS, { kind: 'waiting' } as FirstOutcome);
	publishing = false;
	if (outcome.kind === 'fatal') {
		await closeFunction();
		throw fatalSocketError(node, outcome.outcome, settings.pusherUrl);
	}
	if (outcome.kind !== 'subscribed') {
		const reason = outcome.kind === 'failed' ? describeOutcome(outcome.outcome) : `no answer within ${FIRST_CONNECTION_WAIT_MS / 1000} s`;
		if (manual) {
			await closeFunction();
			throw new NodeOperationError(node, `Could not connect to Kick's live socket: ${reason}`, {
				description: 'Check that this n8n can reach Kick\'s Pusher host (ws-us2.pusher.com on port 443), or, with Custom Endpoints on, that the host and app key there are right.',
			});
		}
		context.logger.warn(`${label}: could not connect to Kick's live socket yet (${reason}); it keeps trying in the background.`);
	}
	if (!manual) return { closeFunction };

	const manualTriggerFunction = async () => {
		gate.open();
		if (gate.emitted || settings.sampleAfterSeconds <= 0) return;
		schedule(settings.sampleAfterSeconds * 1000, () => {
			if (!gate.emitted) gate.push(buildSampleItems(settings.events, channel.broadcaster, settings.filters, Date.now()));
		});
	};
	return { closeFunction, manualTriggerFunction };
}

/**
 * Starts a workflow on live chat and channel events from Kick's public Pusher socket (the one
 * kick.com itself uses; not part of Kick's official API): no Kick app, no credential, no public
 * URL. Items have the Kick Trigger's shape.
 */
export class KickChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kick Chat Trigger',
		name: 'kickChatTrigger',
		icon: { light: 'file:kick.svg', dark: 'file:kick.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["channel"]}}',
		description: "Starts the workflow on Kick chat and channel events from Kick's live socket (unofficial, not part of Kick's API): no Kick app or public URL needed",
		defaults: { name: 'Kick Chat Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: chatTriggerProperties,
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startChatTrigger(this);
	}
}
