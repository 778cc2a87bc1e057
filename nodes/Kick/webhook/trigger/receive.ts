/**
 * `webhook()`: one HTTP request to the trigger's URL.
 *
 * - POST (Kick's deliveries): the pipeline decides; refusals and authentic-but-unwanted
 *   deliveries are answered here without starting an execution (an execution costs
 *   about a thousand signature checks), wanted events start the workflow.
 * - GET on the production URL: a short text, so users can check the URL is reachable.
 * - Editor test ("Listen for test event"): Kick never calls n8n's /webhook-test/ URL, so a GET
 *   (opening the Test URL in a browser) or an unsigned POST there emits normalized sample
 *   events instead. A POST that carries a Kick signature is verified like in production. The
 *   production URL never relaxes verification.
 *
 * One delivery's whole path, step by step: docs/ARCHITECTURE.md.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { getApiBaseUrl } from '../../transport';
import { itemIdentity, workflowSources } from '../../events/crossSource';
import { compileFilters, type CompiledFilters, type FilterSettings } from '../../events/filters';
import { messageKey } from '../dedup';
import { headerValue, KICK_HEADERS } from '../headers';
import { handleDelivery, keyProvider, responseMessage, type DeliveryResult } from '../pipeline';
import { buildSampleItems, sampleEventTypes } from '../samples';
import { fetchPublicKeyPem, settingsOf } from './lifecycle';
import { adoptIfWanted } from './adoption';
import { runtimeFor, triggerScope, type TriggerRuntime } from './runtime';
import { readState, type TriggerSettings, type TriggerState } from './settings';

export const PRODUCTION_GET_MESSAGE =
	'This is a Kick Trigger webhook URL. Kick sends events here with POST requests; paste this URL into your Kick app at https://kick.com/settings/developer.';
/** The answer to a delivery whose event another Kick trigger of the workflow already ran. */
export const RAN_BY_OTHER_TRIGGER_MESSAGE = 'Received; already run by another Kick trigger of this workflow';
export const SAMPLES_SENT_MESSAGE = 'Sample Kick events were sent to the n8n editor. You can close this tab.';

const HOUR = 3_600_000;

/** How late, for a log line: "15 min", "2.3 h", "26 h". */
function lateness(ms: number): string {
	if (ms < HOUR) return `${Math.round(ms / 60_000)} min`;
	return ms < 10 * HOUR ? `${(ms / HOUR).toFixed(1)} h` : `${Math.round(ms / HOUR)} h`;
}

/**
 * The log line for a delivery that was refused, or that Kick sent but the trigger could not use
 * (nothing for duplicates and filtered events: those are the trigger working as asked).
 */
function logLine(result: DeliveryResult, runtime: TriggerRuntime, settings: TriggerSettings): { level: 'warn' | 'error'; text: string } | undefined {
	if (result.status !== 200) return { level: 'warn', text: `delivery refused (${result.status}): ${result.reason}` };
	const late = result.run === false && result.delayMs !== undefined ? ` (${lateness(result.delayMs)} late)` : '';
	switch (result.reason) {
		case 'past-late-limit':
			return {
				level: 'warn',
				text: `a Kick delivery arrived after the Late Delivery Limit of ${settings.lateLimitMs / HOUR} h${late}; acknowledged without running the workflow`,
			};
		case 'beyond-memory':
			return {
				level: 'warn',
				text: `a Kick delivery${late} is older than the oldest delivery this trigger still remembers (${new Date(runtime.memory.floorMs).toISOString()}); acknowledged without running the workflow, as it may have run before. More deliveries ran within the Late Delivery Limit than the trigger remembers; a lower Late Delivery Limit keeps this from happening.`,
			};
		case 'bad-timestamp':
			return { level: 'warn', text: 'a signed Kick delivery has a timestamp that is not a date; acknowledged without running the workflow' };
		case 'not-json':
		case 'not-an-object':
		case 'type-mismatch':
			return { level: 'warn', text: `a signed Kick delivery could not be read (${result.reason}); acknowledged without running the workflow` };
		case 'unknown-event-type':
		case 'unknown-event-version':
			return { level: 'warn', text: `Kick sent an event this version of the node does not know (${result.reason}); acknowledged without running the workflow` };
		case 'internal-error':
			return { level: 'error', text: 'a delivery could not be processed; acknowledged without running the workflow' };
		default:
			return undefined;
	}
}

function logResult(context: IWebhookFunctions, runtime: TriggerRuntime, settings: TriggerSettings, result: DeliveryResult, nowMs: number): void {
	const line = logLine(result, runtime, settings);
	if (!line) return;
	const allowed = runtime.mayLog(result.reason, nowMs);
	if (!allowed) return;
	const more = allowed.held > 0 ? ` (and ${allowed.held} more like it in the last minutes)` : '';
	context.logger[line.level](`Kick Trigger "${context.getNode().name}": ${line.text}${more}`);
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

/**
 * The trigger's settings and filters, read through n8n on every request (so a parameter that is
 * an expression is resolved each time). Keeping them between requests showed no gain in
 * `npm run bench:e2e` (cases a and c, three runs each), so nothing is cached.
 */
function prepare(context: IWebhookFunctions, state: TriggerState): { settings: TriggerSettings; filters: CompiledFilters } {
	const settings = settingsOf(context);
	return { settings, filters: compileFilters(filterSettingsOf(settings, state)) };
}

/**
 * Handles one request. Never lets an error become n8n's 500: Kick deletes subscriptions whose
 * deliveries keep failing, so an unexpected problem is logged and acknowledged instead.
 */
export async function receiveWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		return await receive.call(this);
	} catch (error) {
		this.logger.error(`Kick Trigger "${this.getNode().name}": could not process a request: ${error instanceof Error ? error.message : String(error)}`);
		return answer(this, 200, responseMessage({ status: 200, run: false, reason: 'internal-error' }));
	}
}

async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = Date.now();
	const test = this.getMode() === 'manual';
	const staticData = this.getWorkflowStaticData('node');
	const state = readState(staticData);
	const query = this.getQueryData() as IDataObject;

	if (this.getWebhookName() === 'setup') {
		// GET: samples in an editor test, a plain answer in production.
		return test ? sampleResponse(prepare(this, state).settings, state, query.event) : answer(this, 200, PRODUCTION_GET_MESSAGE);
	}

	const req = this.getRequestObject();
	if (!req.rawBody) await req.readRawBody();
	if (test && headerValue(req.headers, KICK_HEADERS.signature) === undefined) {
		const body = this.getBodyData();
		return sampleResponse(prepare(this, state).settings, state, query.event ?? body.sample ?? body.event);
	}

	const runtime = runtimeFor(triggerScope(this, test));
	const { settings, filters } = prepare(this, state);
	runtime.setLimit(settings.lateLimitMs);
	runtime.apiBaseUrl ??= state.apiBaseUrl ?? (await getApiBaseUrl.call(this, settings.credentialType));
	const apiBaseUrl = state.apiBaseUrl ?? runtime.apiBaseUrl;

	// Production deliveries also consult the log persisted in the static data, so a restart (or
	// another n8n process) does not forget what ran. An editor test is short-lived: no log.
	if (!test) runtime.log.hydrate(staticData, runtime.memory, receivedAt);
	const checkOwnership = settings.manageSubscriptions && settings.onlyOwnSubscriptions;
	const ownIds = () =>
		checkOwnership ? new Set([...(state.subscriptionIds ?? []), ...(test ? (state.testSubscriptionIds ?? []) : []), ...runtime.adopted]) : undefined;
	const deps = { keys: keyProvider({ apiBaseUrl, fetchPem: async () => await fetchPublicKeyPem.call(this, apiBaseUrl) }), memory: runtime.memory };
	const deliver = async () =>
		await handleDelivery(
			{ headers: req.headers, rawBody: req.rawBody, receivedAt },
			{ filters, ownSubscriptionIds: ownIds(), duplicatePayloads: settings.duplicatePayloads, ignoreOlderThanMs: settings.ignoreOlderThanMs },
			deps,
		);
	let result = await deliver();
	// An authentic delivery from a subscription the trigger did not make, e.g. one that
	// Event Subscription → Reconcile re-created: accept it if Kick lists it for our targets.
	const subscriptionId = headerValue(req.headers, KICK_HEADERS.subscriptionId);
	if (result.reason === 'not-own-subscription' && subscriptionId && (await adoptIfWanted.call(this, runtime, subscriptionId, settings, state, receivedAt))) {
		// The first pass may have remembered the delivery for a decision now revised: decide again.
		const messageId = headerValue(req.headers, KICK_HEADERS.messageId);
		if (messageId !== undefined) runtime.memory.forget(messageKey(messageId));
		result = await deliver();
	}
	logResult(this, runtime, settings, result, receivedAt);
	reportMemoryFull(this, runtime);
	// A delivery that runs enters the persisted log when its execution starts (../trigger/execute.ts):
	// the log holds what ran, so an execution never finds its own delivery there. One that does
	// not run but must be remembered is written here, and n8n saves it after this request.
	if (!test && result.status === 200 && !result.run && result.remember) {
		runtime.log.add(result.remember, receivedAt);
		runtime.log.writeTo(staticData, receivedAt, runtime.publishedStaticData);
	}
	if (!result.run) return answer(this, result.status, responseMessage(result));
	if (!test && settings.deduplicateAcrossTriggers && ranFromOtherTrigger(this, settings, result.item, receivedAt)) {
		return answer(this, 200, RAN_BY_OTHER_TRIGGER_MESSAGE);
	}
	return { workflowData: [[{ json: result.item as IDataObject }]] };
}

/**
 * Deduplicate With Other Kick Triggers: whether a Kick Chat Trigger or Kick Polling Trigger of
 * this workflow already ran the event (then this copy does not run). A copy that runs is
 * recorded for theirs, and the record is persisted with this request's static data.
 */
function ranFromOtherTrigger(context: IWebhookFunctions, settings: TriggerSettings, item: Record<string, unknown>, nowMs: number): boolean {
	const sources = workflowSources(context.getWorkflow().id ?? '');
	sources.register('webhook', settings.events);
	const shared = context.getWorkflowStaticData('global');
	sources.hydrate(shared, nowMs);
	if (!sources.othersThan('webhook')) return false;
	const identity = itemIdentity(item);
	if (!identity) return false;
	const claim = sources.ledger.claim('webhook', identity, nowMs);
	if (!claim.run) {
		context.logger.debug(`Kick Trigger "${context.getNode().name}": ${String(item.event)} already ran from the ${claim.ranFrom} trigger; not run again`);
		return true;
	}
	sources.persist(shared, nowMs, item.event !== 'chat.message.sent');
	return false;
}

/** Once per trigger and process: the memory's bound (not the limit) made it let go of deliveries. */
function reportMemoryFull(context: IWebhookFunctions, runtime: TriggerRuntime): void {
	if (runtime.memoryFullReported || !runtime.memory.fullEvictionHappened) return;
	runtime.memoryFullReported = true;
	context.logger.warn(
		`Kick Trigger "${context.getNode().name}": more deliveries ran within the Late Delivery Limit than this trigger remembers (${runtime.memory.maxKeys.toLocaleString('en-US')}); deliveries signed before ${new Date(runtime.memory.floorMs).toISOString()} are now acknowledged without running. A lower Late Delivery Limit keeps this from happening.`,
	);
}
