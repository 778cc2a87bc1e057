import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { startsCooldown } from './events/chatRules';
import { decide, type Decision } from './events/decide';
import { compileFilters, type CompiledFilters, type FilterSettings } from './events/filters';
import { idMark } from './events/identity';
import type { KickEventItem } from './events/normalize';
import { sourceKey, type WorkflowRecord } from './events/record';
import { listSearch } from './methods/listSearch';
import { APP_CREDENTIAL, isKickEventType, USER_CREDENTIAL } from './shared/kick.constants';
import { getApiBaseUrl } from './transport';
import { admitDelivery, comparesPayload, KICK_HEADERS, messageKey, type Admission } from './webhook/delivery';
import {
	readTriggerSettings,
	triggerProperties,
	type TriggerSettings,
	type TriggerState,
} from './webhook/kickTriggerParameters';
import {
	ownedIds,
	pemFetcher,
	reconcileSubscriptions,
	removeOwnSubscriptions,
	settingsOf,
	subscriptionsInSync,
	webhookRuntime,
	type WebhookRuntime,
} from './webhook/lifecycle';
import { sharedPublicKeyCache } from './webhook/publicKey';
import { buildSampleItems, sampleEventTypes } from './webhook/samples';
import { headerValue } from './shared/headers';

export const PRODUCTION_GET_MESSAGE =
	'This is a Kick Trigger webhook URL. Kick sends events here with POST requests; paste this URL into your Kick app at https://kick.com/settings/developer.';

const HOUR = 3_600_000;
const NOT_RUN = 'acknowledged without running the workflow';

/** The answers to deliveries that start no execution, by reason: short and secret-free. */
const MESSAGES: Record<string, string> = {
	'missing-signature-headers': 'Missing Kick signature headers',
	'bad-signature': 'Invalid signature',
	'body-too-large': 'Body too large',
	'duplicate-message': 'Received; duplicate delivery',
	repeat: 'Received; duplicate event',
	'ran-elsewhere': 'Received; already run by another Kick trigger of this workflow',
	'past-late-limit': 'Received; later than the late delivery limit, not processed',
	'beyond-memory': 'Received; later than the deliveries this trigger remembers, not processed',
	'unknown-event-type': 'Received; unknown event type, not processed',
	'unknown-event-version': 'Received; unknown event version, not processed',
	'not-own-subscription': 'Received; not a subscription of this trigger',
	cooldown: 'Received; command on cooldown, not run',
	'bad-filters': "Received; the trigger's Filters are not valid, not run",
	'internal-error': 'Received; could not be processed',
};

/** The answer to a delivery that starts no execution. */
export function messageFor(reason: string): string {
	return MESSAGES[reason] ?? (reason.startsWith('filtered') ? 'Received; filtered out' : 'Received; not processed');
}

/** How late, for a log line: "15 min", "2.3 h", "26 h". */
function lateness(ms: number): string {
	if (ms < HOUR) return `${Math.round(ms / 60_000)} min`;
	return ms < 10 * HOUR ? `${(ms / HOUR).toFixed(1)} h` : `${Math.round(ms / HOUR)} h`;
}

/**
 * The log line for a delivery that was refused, or that Kick sent but the trigger could not use
 * (nothing for duplicates and filtered events: those are the trigger working as asked).
 */
function logLine(admission: Admission, record: WorkflowRecord, settings: TriggerSettings): string | undefined {
	if ('copy' in admission) return undefined;
	if (admission.status !== 200) return `delivery refused (${admission.status}): ${admission.reason}`;
	const late = admission.delayMs !== undefined ? ` (${lateness(admission.delayMs)} late)` : '';
	switch (admission.reason) {
		case 'past-late-limit':
			return `a Kick delivery arrived after the Late Delivery Limit of ${settings.lateLimitMs / HOUR} h${late}; ${NOT_RUN}`;
		case 'beyond-memory': {
			const floor = new Date(record.memory.floorMs).toISOString();
			return `a Kick delivery${late} is older than the oldest delivery this trigger still remembers (${floor}); ${NOT_RUN}, as it may have run before. More deliveries ran within the Late Delivery Limit than the trigger remembers; a lower Late Delivery Limit keeps this from happening.`;
		}
		case 'bad-timestamp':
			return `a signed Kick delivery has a timestamp that is not a date; ${NOT_RUN}`;
		case 'not-json':
		case 'not-an-object':
		case 'type-mismatch':
			return `a signed Kick delivery could not be read (${admission.reason}); ${NOT_RUN}`;
		case 'unknown-event-type':
		case 'unknown-event-version':
			return `Kick sent an event this version of the node does not know (${admission.reason}); ${NOT_RUN}`;
		case 'internal-error':
			return `a delivery could not be processed; ${NOT_RUN}`;
		default:
			return undefined;
	}
}

/**
 * Answers a request without starting an execution. A 200 goes through n8n's own answer; a
 * refusal (401, 413) is written to the response, as n8n's Webhook node writes its own 403s:
 * n8n has no other way for a node to choose the status of one answer.
 */
function answer(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	if (status === 200) return { webhookResponse: { message } };
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

function filterSettingsOf(settings: TriggerSettings, state: TriggerState): FilterSettings {
	return { ...settings.filters, events: settings.events, broadcasterUserIds: state.broadcasterUserIds ?? [] };
}

function sampleResponse(settings: TriggerSettings, state: TriggerState, requested: unknown): IWebhookResponseData {
	const filters = filterSettingsOf(settings, state);
	const events = sampleEventTypes(filters, typeof requested === 'string' ? requested : undefined);
	const items = buildSampleItems(events, filters, Date.now());
	return { workflowData: [items.map((item) => ({ json: item as IDataObject }))] };
}

/** The answer to a decided delivery. */
function decided(context: IWebhookFunctions, decision: Decision): IWebhookResponseData {
	switch (decision.status) {
		case 'run':
			return { workflowData: [[{ json: decision.item as IDataObject }]] };
		case 'ran-elsewhere':
			context.logger.debug(`Kick Trigger "${context.getNode().name}": ${decision.item.event} already ran from the ${decision.ranFrom} trigger; not run again`);
			return answer(context, 200, messageFor('ran-elsewhere'));
		case 'dropped':
			if (decision.reason === 'cooldown') context.logger.debug(`Kick Trigger "${context.getNode().name}": ${decision.detail ?? 'a command is on cooldown'}; not run`);
			return answer(context, 200, messageFor(decision.reason));
		default:
			return answer(context, 200, messageFor('internal-error'));
	}
}

/**
 * One request to the trigger's URL (its path: docs/ARCHITECTURE.md). A GET on the production URL
 * answers a short text, so users can check the URL is reachable. Kick never calls n8n's
 * /webhook-test/ URL, so there a GET or an unsigned POST emits sample events; a signed POST is
 * verified like in production. The production URL never relaxes verification.
 *
 * The settings are read through n8n on every request (an expression is resolved each time):
 * keeping them between requests showed no gain in `npm run bench:e2e` (cases a and c).
 */
async function receive(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = Date.now();
	const test = context.getMode() === 'manual';
	const state = context.getWorkflowStaticData('node') as TriggerState;
	const query = context.getQueryData() as IDataObject;
	if (context.getWebhookName() === 'setup') {
		return test ? sampleResponse(settingsOf(context), state, query.event) : answer(context, 200, PRODUCTION_GET_MESSAGE);
	}
	const req = context.getRequestObject();
	if (!req.rawBody) await req.readRawBody();
	if (test && headerValue(req.headers, KICK_HEADERS.signature) === undefined) {
		const body = context.getBodyData();
		return sampleResponse(settingsOf(context), state, query.event ?? body.sample ?? body.event);
	}

	const settings = settingsOf(context);
	const filters: CompiledFilters = compileFilters(filterSettingsOf(settings, state));
	const { runtime, record } = webhookRuntime(context, test, settings);
	// What ran in other processes or before a restart. An editor test is short-lived: no record.
	const shared = context.getWorkflowStaticData('global');
	if (!test) record.hydrate(shared, receivedAt);
	const apiBaseUrl = state.apiBaseUrl ?? (runtime.apiBaseUrl ??= await getApiBaseUrl.call(context, settings.credentialType));
	const own = new Set(ownedIds(state, test));
	const checkOwnership = settings.manageSubscriptions && settings.onlyOwnSubscriptions && own.size + runtime.adopted.size > 0;
	const keys = sharedPublicKeyCache.provider(apiBaseUrl, pemFetcher(context, apiBaseUrl));

	const admission = await admitDelivery(
		{ headers: req.headers, rawBody: req.rawBody, receivedAt },
		{
			filters,
			lateLimitMs: settings.lateLimitMs,
			duplicatePayloads: settings.duplicatePayloads,
			ignoreOlderThanMs: settings.ignoreOlderThanMs,
			ownsSubscription: checkOwnership
				? (id) => (id !== null && (own.has(id) || runtime.adopted.has(id))) || runtime.owns(context, id, { settings, state }, receivedAt)
				: undefined,
		},
		record.memory,
		keys,
	);
	log(context, { runtime, record }, settings, admission, receivedAt);
	if (!('copy' in admission)) {
		// A delivery that does not run but must be remembered is persisted now; n8n saves it after this request.
		if (!test && 'remembered' in admission && admission.remembered) record.persist(shared, receivedAt, true);
		return answer(context, admission.status, messageFor(admission.reason));
	}
	// Publishing refuses such Filters; an expression can still give them later.
	if (settings.filters.problem) {
		context.logger.error(`Kick Trigger "${context.getNode().name}": ${settings.filters.problem.message}; the delivery was acknowledged without running the workflow`);
		return answer(context, 200, messageFor('bad-filters'));
	}
	const dedupe = !test && settings.deduplicateAcrossTriggers;
	return decided(context, decide(admission.copy, { filters, memory: record.memory, record: dedupe ? record : undefined, shared: record.memory }));
}

function log(context: IWebhookFunctions, trigger: { runtime: WebhookRuntime; record: WorkflowRecord }, settings: TriggerSettings, admission: Admission, nowMs: number): void {
	const { runtime, record } = trigger;
	const name = context.getNode().name;
	const line = logLine(admission, record, settings);
	const allowed = line && runtime.mayLog('copy' in admission ? 'run' : admission.reason, nowMs);
	if (line && allowed) {
		const more = allowed.held > 0 ? ` (and ${allowed.held} more like it in the last minutes)` : '';
		const level = 'reason' in admission && admission.reason === 'internal-error' ? 'error' : 'warn';
		context.logger[level](`Kick Trigger "${name}": ${line}${more}`);
	}
	// Once per trigger and process: the record's bound (not the limit) made it let go of deliveries.
	if (runtime.boundReported || !record.memory.reachedBound) return;
	runtime.boundReported = true;
	context.logger.warn(
		`Kick Trigger "${name}": more deliveries ran within the Late Delivery Limit than this workflow remembers (${record.memory.maxEntries.toLocaleString('en-US')}); deliveries signed before ${new Date(record.memory.floorMs).toISOString()} are now acknowledged without running. A lower Late Delivery Limit keeps this from happening.`,
	);
}

/** The keys of an item's delivery: its message id, and its event id where bodies are compared. */
function deliveryKeys(json: IDataObject, settings: TriggerSettings): string[] {
	const keys = [messageKey(String(json.messageId))];
	const event = String(json.event);
	const eventId = json.eventId;
	const compared = isKickEventType(event) && comparesPayload(event, settings.duplicatePayloads);
	if (compared && typeof eventId === 'string' && eventId !== json.messageId) keys.push(sourceKey('webhook', idMark(eventId)));
	return keys;
}

/** Refuses to publish with Filters that are not valid, naming the field and the fix. */
function checkFilters(context: IHookFunctions): void {
	const problem = settingsOf(context).filters.problem;
	if (problem) throw new NodeOperationError(context.getNode(), problem.message, { description: problem.description });
}

/**
 * Starts a workflow when Kick sends an event: verified (RSA signature on the raw body), within
 * the Late Delivery Limit, not a duplicate, and passing the node's filters. Keeps Kick's event
 * subscriptions in step with the node when the workflow is published and unpublished.
 */
export class KickTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kick Trigger',
		name: 'kickTrigger',
		icon: { light: 'file:kick.svg', dark: 'file:kick.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly like 1 (saved workflows at 1 keep working). n8n evaluates an
		// expression (`$parameter.options.binaryData`, a rule of its Webhook node v1) for every
		// request to a start node at typeVersion 1, which takes an expression isolate per delivery;
		// from 1.1 on no expression runs before the trigger's own code.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].includes("*") ? "All events" : $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Kick sends an event: chat, follows, subs, stream status and more. Needs a Kick app and a public HTTPS URL',
		defaults: { name: 'Kick Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: USER_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['userOAuth2'] } } },
			{ name: APP_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['appOAuth2'] } } },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				responseData: 'noData',
			},
			{
				// GET on the same URL: sample events during an editor test, a short text otherwise.
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				responseData: 'Sample Kick events were sent to the n8n editor. You can close this tab.',
				ndvHideUrl: true,
			},
		],
		properties: triggerProperties,
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				checkFilters(this);
				return await subscriptionsInSync.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				checkFilters(this);
				return await reconcileSubscriptions.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeOwnSubscriptions.call(this);
			},
		},
	};

	/**
	 * Handles one request. Never lets an error become n8n's 500: Kick deletes subscriptions whose
	 * deliveries keep failing, so an unexpected problem is logged and acknowledged instead.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		try {
			return await receive(this);
		} catch (error) {
			this.logger.error(`Kick Trigger "${this.getNode().name}": could not process a request: ${error instanceof Error ? error.message : String(error)}`);
			return answer(this, 200, messageFor('internal-error'));
		}
	}

	/**
	 * The first step of every execution this trigger starts (docs/ARCHITECTURE.md, n8n internals).
	 * Retries of failed executions and editor tests pass unchanged.
	 *
	 * - In queue mode one delivery (or another subscription's copy of its event) can reach two
	 *   webhook processes, each starting an execution: the first claims it in this process, a
	 *   second ends here with no items (two workers at the same moment can still both run it).
	 * - Where the trigger was published, the record is written into the static data n8n saves at
	 *   the end; for chat at most every 250 ms (a command that started a cooldown at once), so a
	 *   message that ran that shortly before n8n stopped is remembered in memory only. A queue-mode
	 *   worker's copy of the static data lacks what publishing stored: saving it would erase that.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const mode = this.getMode();
		if (mode === 'manual' || mode === 'retry') return [items];
		const nowMs = Date.now();
		const settings = readTriggerSettings((name, fallback) => this.getNodeParameter(name, 0, fallback));
		const { runtime, record } = webhookRuntime(this, false, settings);
		const kept = items.filter(({ json }) => {
			if (typeof json.messageId !== 'string' || json.isSample === true) return true;
			return runtime.started.claim(deliveryKeys(json, settings), nowMs, nowMs);
		});
		// Only where the static data is as publishing left it (publishing always stores the API URL).
		if (kept.length > 0 && typeof this.getWorkflowStaticData('node').apiBaseUrl === 'string') {
			const shared = this.getWorkflowStaticData('global');
			const filters = compileFilters(settings.filters);
			record.hydrate(shared, nowMs);
			record.persist(shared, nowMs, kept.some(({ json }) => json.event !== 'chat.message.sent' || startsCooldown(filters, json as KickEventItem)));
		}
		return [kept];
	}
}
