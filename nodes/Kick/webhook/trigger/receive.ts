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
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { getApiBaseUrl, type KickCredentialType } from '../../transport';
import { compileFilters, type CompiledFilters, type FilterSettings } from '../../events/filters';
import { headerValue, KICK_HEADERS } from '../headers';
import { createDeliveryDeps, handleDelivery, responseMessage, type DeliveryResult } from '../pipeline';
import { buildSampleItems, sampleEventTypes } from '../samples';
import { fetchPublicKeyPem, settingsOf } from './lifecycle';
import { adoptedSubscriptionIds, adoptIfWanted, triggerScope } from './adoption';
import type { DedupStores } from '../dedup';
import { deliveryLogFor } from './deliveryLog';
import { readState, type TriggerSettings, type TriggerState } from './settings';

export const PRODUCTION_GET_MESSAGE =
	'This is a Kick Trigger webhook URL. Kick sends events here with POST requests; paste this URL into your Kick app at https://kick.com/settings/developer.';
export const SAMPLES_SENT_MESSAGE = 'Sample Kick events were sent to the n8n editor. You can close this tab.';

/** API base URLs read from credentials, for triggers whose static data does not have one yet. */
const baseUrlMemo = new Map<string, string>();

async function apiBaseUrlFor(this: IWebhookFunctions, credentialType: KickCredentialType, scope: string): Promise<string> {
	const memo = baseUrlMemo.get(scope);
	if (memo) return memo;
	const baseUrl = await getApiBaseUrl.call(this, credentialType);
	baseUrlMemo.set(scope, baseUrl);
	return baseUrl;
}

/** At most one log line per trigger and reason every 10 s: a forged flood must not flood the log. */
const lastLogged = new Map<string, number>();
const LOG_INTERVAL_MS = 10_000;

function logResult(context: IWebhookFunctions, scope: string, result: DeliveryResult): void {
	if (result.status === 200) {
		if (result.reason !== 'internal-error') return;
	}
	const key = `${scope}|${result.reason}`;
	const now = Date.now();
	if (now - (lastLogged.get(key) ?? 0) < LOG_INTERVAL_MS) return;
	lastLogged.set(key, now);
	const text = `Kick Trigger "${context.getNode().name}": delivery ${result.status === 200 ? 'not processed' : `refused (${result.status})`}: ${result.reason}`;
	if (result.status === 200) context.logger.error(text);
	else context.logger.warn(text);
}

const capacityReported = new Set<string>();

/** Once per trigger and process: the delivery memory reached its bound (see ../dedup.ts). */
function reportCapacity(context: IWebhookFunctions, scope: string, stores: DedupStores): void {
	if (capacityReported.has(scope) || !(stores.messageIds.capacityReached || stores.payloads.capacityReached)) return;
	capacityReported.add(scope);
	context.logger.error(
		`Kick Trigger "${context.getNode().name}": more deliveries arrived within Max Event Age than n8n can answer in that time; the oldest remembered ones were forgotten early. Lower Max Event Age if this repeats.`,
	);
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

const answerBodies = new Map<string, Buffer>();

/** Answers with `{ "message": … }`, written straight to the socket (a firehose answers mostly this). */
function answer(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	let body = answerBodies.get(message);
	if (!body) {
		body = Buffer.from(JSON.stringify({ message }), 'utf8');
		answerBodies.set(message, body);
	}
	context.getResponseObject().writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
	return { noWebhookResponse: true };
}

interface PreparedTrigger {
	settings: TriggerSettings;
	filters: CompiledFilters;
}

/** Settings and compiled filters per trigger and parameter set, so a delivery does not read them again. */
const preparedTriggers = new Map<string, PreparedTrigger>();
const PREPARED_MAX = 200;

/**
 * The trigger's settings and filters. Parameters are plain values (they cannot refer to an
 * incoming item), so they are read once per trigger and parameter set; a parameter that is an
 * expression is resolved by n8n on every request instead.
 */
function prepare(context: IWebhookFunctions, scope: string, state: TriggerState): PreparedTrigger {
	const parameters = JSON.stringify(context.getNode().parameters);
	if (parameters.includes('"=')) {
		const settings = settingsOf(context);
		return { settings, filters: compileFilters(filterSettingsOf(settings, state)) };
	}
	const key = `${scope}\n${parameters}\n${(state.broadcasterUserIds ?? []).join(',')}`;
	let found = preparedTriggers.get(key);
	if (!found) {
		const settings = settingsOf(context);
		found = { settings, filters: compileFilters(filterSettingsOf(settings, state)) };
		if (preparedTriggers.size >= PREPARED_MAX) preparedTriggers.clear();
		preparedTriggers.set(key, found);
	}
	return found;
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
	const scope = triggerScope(this, test);
	const staticData = this.getWorkflowStaticData('node');
	const state = readState(staticData);
	const { settings, filters } = prepare(this, scope, state);
	const query = this.getQueryData() as IDataObject;

	if (this.getWebhookName() === 'setup') {
		// GET: samples in an editor test, a plain answer in production.
		return test ? sampleResponse(settings, state, query.event) : answer(this, 200, PRODUCTION_GET_MESSAGE);
	}

	const req = this.getRequestObject();
	if (!req.rawBody) await req.readRawBody();
	if (test && headerValue(req.headers, KICK_HEADERS.signature) === undefined) {
		const body = this.getBodyData();
		return sampleResponse(settings, state, query.event ?? body.sample ?? body.event);
	}

	const apiBaseUrl = state.apiBaseUrl ?? (await apiBaseUrlFor.call(this, settings.credentialType, scope));
	const checkOwnership = settings.manageSubscriptions && settings.onlyOwnSubscriptions;
	const ownIds = () =>
		checkOwnership
			? new Set([...(state.subscriptionIds ?? []), ...(test ? (state.testSubscriptionIds ?? []) : []), ...(adoptedSubscriptionIds(scope) ?? [])])
			: undefined;
	const deps = createDeliveryDeps({
		apiBaseUrl,
		fetchPem: async () => await fetchPublicKeyPem.call(this, apiBaseUrl),
		dedupScope: scope,
		maxEventAgeSeconds: settings.maxEventAgeSeconds,
	});
	// Production deliveries also consult the log persisted in the static data, so a restart (or
	// another n8n process) does not forget what ran. An editor test is short-lived: no log.
	const log = test ? undefined : deliveryLogFor(scope);
	log?.hydrate(staticData, deps.dedup, receivedAt);
	const deliver = async () =>
		await handleDelivery(
			{ headers: req.headers, rawBody: req.rawBody, receivedAt },
			{ filters, maxEventAgeSeconds: settings.maxEventAgeSeconds, ownSubscriptionIds: ownIds(), duplicatePayloads: settings.duplicatePayloads },
			deps,
		);
	let result = await deliver();
	// An authentic delivery from a subscription the trigger did not make, e.g. one that
	// Event Subscription → Reconcile re-created: accept it if Kick lists it for our targets.
	const subscriptionId = headerValue(req.headers, KICK_HEADERS.subscriptionId);
	if (result.reason === 'not-own-subscription' && subscriptionId && (await adoptIfWanted.call(this, scope, subscriptionId, settings, state, receivedAt))) {
		// The first pass remembered the id for a decision now revised: decide again.
		const messageId = headerValue(req.headers, KICK_HEADERS.messageId);
		if (messageId !== undefined) deps.dedup.messageIds.forget(messageId);
		result = await deliver();
	}
	logResult(this, scope, result);
	reportCapacity(this, scope, deps.dedup);
	// A delivery that runs enters the log when its execution starts (KickTrigger.execute): the
	// log holds what ran, so an execution never finds its own delivery there. One that does not
	// run but must be remembered is written here, and n8n saves it after this request.
	if (log && result.status === 200 && result.remember && !result.run) {
		log.add(result.remember, receivedAt);
		log.writeTo(staticData, receivedAt);
	}
	if (!result.run) return answer(this, result.status, responseMessage(result));
	return { workflowData: [[{ json: result.item as IDataObject }]] };
}
