/**
 * The Kick Trigger's runtime in an n8n process, and publishing and unpublishing: make Kick's
 * event subscriptions match the trigger.
 *
 * n8n calls `checkExists` (then `create` when it answers false) on every publish and n8n start,
 * `delete` on unpublish. `checkExists` really lists Kick's subscriptions, so one Kick deleted
 * (after a day of failed deliveries) is created again at the next start. `delete` removes exactly
 * the ids the trigger owns (in the static data). Editor tests go through the same calls in manual
 * mode, create only what is missing and delete only those: a test never removes the published
 * workflow's subscriptions.
 *
 * Reconcile (or another tool on the same Kick app) can re-create a subscription Kick dropped;
 * Only Own Subscriptions would ignore its deliveries until the next publish. So a delivery that
 * names an unknown subscription makes the trigger ask Kick (at most once a minute) and adopt the
 * subscriptions that match what it was published for. They are kept in the runtime: webhook()
 * cannot persist static data without an execution; after a restart they are looked up again.
 */
import type { IExecuteFunctions, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	applyReconcile,
	channelsOf,
	deleteSubscriptions,
	deleteWithAppToken,
	desiredTargets,
	isInSync,
	listSubscriptions,
	matchesTarget,
	planReconcile,
	reconcileFailureError,
	stillUnlisted,
	trustedUnlisted,
	unlistedAdvice,
} from '../subscriptions';
import { SeenMemory } from '../events/memory';
import { registry } from '../events/registry';
import type { WorkflowRecord } from '../events/record';
import { lookupChannels, unknownChannelsError, type ChannelKey } from '../client/channelLookup';
import { bindKickClient } from '../client/client';
import { APP_CREDENTIAL, USER_CREDENTIAL } from '../shared/kick.constants';
import { fetchPublicKeyBody, getApiBaseUrl, PEM_ENDPOINT_PATH } from '../transport';
import { pemFromResponse, sharedPublicKeyCache } from './publicKey';
import { readTriggerSettings, type TriggerSettings, type TriggerState } from './kickTriggerParameters';

/** At most one log line per reason this often; the next line says how many were held back. */
const LOG_INTERVAL_MS = 10_000;
/** A slug's broadcaster id does not change: n8n calls checkExists and create back to back, and both need the channels. */
const SLUG_MEMO_MS = 60_000;
const ADOPTION_LOOKUP_INTERVAL_MS = 60_000;

/** What one Kick Trigger keeps in an n8n process (../events/registry.ts finds it). */
export class WebhookRuntime {
	/** The credential's API base URL, when the static data does not have it yet. */
	apiBaseUrl?: string;

	/** Subscriptions accepted after publishing. */
	readonly adopted = new Set<string>();

	/**
	 * The deliveries whose executions started in this process, by arrival: in queue mode two
	 * copies of a delivery can reach a worker from two webhook processes within moments.
	 */
	readonly started = new SeenMemory({ horizonMs: 10 * 60_000, maxEntries: 100_000 });

	/** Whether the record's bound was reported. */
	boundReported = false;

	slugs?: { key: string; ids: number[]; at: number };

	private lastLookup = Number.NEGATIVE_INFINITY;

	private lookup?: Promise<void>;

	private readonly logThrottle = new Map<string, { at: number; held: number }>();

	/**
	 * Whether a line for `reason` may be logged now, and how many were held back since the last
	 * one: a flood of forged or late deliveries must not flood n8n's log.
	 */
	mayLog(reason: string, nowMs: number): { held: number } | undefined {
		const last = this.logThrottle.get(reason);
		if (last && nowMs - last.at < LOG_INTERVAL_MS) {
			last.held++;
			return undefined;
		}
		this.logThrottle.set(reason, { at: nowMs, held: 0 });
		return { held: last?.held ?? 0 };
	}

	/**
	 * Whether a subscription is the trigger's: one it made, or one Kick lists for what it was
	 * published for (same Kick app, a selected event, a selected channel), looked up at most once a
	 * minute; deliveries that arrive during a lookup wait for it.
	 */
	async owns(context: IWebhookFunctions, id: string | null, published: { settings: TriggerSettings; state: TriggerState }, nowMs: number): Promise<boolean> {
		if (id === null) return false;
		if (!this.lookup && nowMs - this.lastLookup >= ADOPTION_LOOKUP_INTERVAL_MS) {
			this.lastLookup = nowMs;
			this.lookup = this.adopt(context, published.settings, published.state).finally(() => (this.lookup = undefined));
		}
		if (this.lookup) await this.lookup;
		return this.adopted.has(id);
	}

	private async adopt(context: IWebhookFunctions, settings: TriggerSettings, state: TriggerState): Promise<void> {
		const isApp = settings.credentialType === APP_CREDENTIAL;
		const channels = isApp ? (state.broadcasterUserIds ?? []) : [];
		if (isApp && channels.length === 0) return;
		const targets = desiredTargets(settings.events, isApp ? channels : 'self');
		const listed = await listSubscriptions(bindKickClient(context, { credentialType: settings.credentialType }), channels);
		for (const subscription of listed) {
			if (targets.some((target) => matchesTarget(subscription, target, state.selfBroadcasterId))) this.adopted.add(subscription.id);
		}
	}
}

function runtimeId(context: IHookFunctions | IWebhookFunctions | IExecuteFunctions, test: boolean) {
	return { workflowId: context.getWorkflow().id ?? '', nodeId: context.getNode().id, test, source: 'webhook' as const };
}

/** The trigger's runtime and its workflow's record in this process (an editor test has its own). */
export function webhookRuntime(
	context: IHookFunctions | IWebhookFunctions | IExecuteFunctions,
	test: boolean,
	settings: TriggerSettings,
): { runtime: WebhookRuntime; record: WorkflowRecord } {
	const { state, record } = registry.acquire(runtimeId(context, test), settings.events, () => new WebhookRuntime());
	record.keepFor(settings.lateLimitMs);
	return { runtime: state, record };
}

function isEditorTest(context: IHookFunctions): boolean {
	return context.getMode() === 'manual' || context.getActivationMode() === 'manual';
}

/** The subscriptions the trigger owns: the published workflow's, and during an editor test also the test's. */
export function ownedIds(state: TriggerState, test: boolean): string[] {
	return [...(state.subscriptionIds ?? []), ...(test ? (state.testSubscriptionIds ?? []) : [])];
}

export function settingsOf(context: IHookFunctions | IWebhookFunctions): TriggerSettings {
	return readTriggerSettings((name, fallback) => context.getNodeParameter(name, fallback));
}

/** Fetches Kick's public key PEM (no token needed) from the API base URL stored at publish. */
export function pemFetcher(context: IHookFunctions | IWebhookFunctions, apiBaseUrl: string): () => Promise<string> {
	return async () => pemFromResponse(await fetchPublicKeyBody.call(context, apiBaseUrl));
}

/** Broadcaster ids for the configured channels; slugs are looked up, 50 per call. */
async function resolveChannels(this: IHookFunctions, settings: TriggerSettings, apiBaseUrl: string, memo: WebhookRuntime): Promise<number[]> {
	const ids = settings.channels.filter((ref) => ref.kind === 'id').map((ref) => (ref as { id: number }).id);
	const slugs = [...new Set(settings.channels.filter((ref) => ref.kind === 'slug').map((ref) => (ref as { slug: string }).slug))];
	if (slugs.length === 0) return [...new Set(ids)];
	const memoKey = `${apiBaseUrl}|${settings.credentialType}|${[...slugs].sort().join(',')}`;
	const known = memo.slugs;
	if (known?.key === memoKey && Date.now() - known.at < SLUG_MEMO_MS) return [...new Set([...ids, ...known.ids])];

	const found = await lookupChannels(
		bindKickClient(this, { credentialType: settings.credentialType }),
		slugs.map((slug): ChannelKey => `slug:${slug}`),
	);
	const missing = slugs.filter((slug) => typeof found.get(`slug:${slug}`)?.broadcaster_user_id !== 'number');
	if (missing.length > 0) throw unknownChannelsError(this.getNode(), missing);
	const resolved = slugs.map((slug) => found.get(`slug:${slug}`)?.broadcaster_user_id as number);
	memo.slugs = { key: memoKey, ids: resolved, at: Date.now() };
	return [...new Set([...ids, ...resolved])];
}

/** Reads and checks the parameters, resolves channels, and records what deliveries need. */
async function prepare(this: IHookFunctions) {
	const settings = settingsOf(this);
	const state = this.getWorkflowStaticData('node') as TriggerState;
	if (settings.events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No events selected', {
			description: 'Choose at least one event under Events (or "All Events").',
		});
	}
	if (settings.invalidChannels.length > 0) {
		throw new NodeOperationError(this.getNode(), `Not a Kick channel: ${settings.invalidChannels.map((value) => `'${value}'`).join(', ')}`, {
			description: 'Under Channels, enter a channel name (e.g. neonvale), a https://kick.com/<name> link, or a broadcaster ID.',
		});
	}
	const isApp = settings.credentialType === APP_CREDENTIAL;
	if (isApp && settings.channels.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No channels chosen for the Kick app credential', {
			description:
				"An app credential can receive events from any channel, so Kick needs to know which ones: add at least one under Channels. To receive your own channel's events instead, set Authentication to Kick OAuth2 API.",
		});
	}
	const apiBaseUrl = await getApiBaseUrl.call(this, settings.credentialType);
	state.apiBaseUrl = apiBaseUrl;
	const test = isEditorTest(this);
	// Known at once to the workflow's other Kick triggers in this process (a Kick Chat Trigger
	// holding copies for this trigger's needs to know it is there before its first delivery).
	const { runtime } = webhookRuntime(this, test, settings);
	const channels = isApp ? await resolveChannels.call(this, settings, apiBaseUrl, runtime) : [];
	state.broadcasterUserIds = isApp ? channels : state.selfBroadcasterId !== undefined ? [state.selfBroadcasterId] : [];
	return {
		settings,
		state,
		apiBaseUrl,
		desired: desiredTargets(settings.events, isApp ? channels : 'self'),
		test,
	};
}

/** `checkExists`: whether Kick already has every subscription the trigger needs, owned by it. */
export async function subscriptionsInSync(this: IHookFunctions): Promise<boolean> {
	const { settings, state, apiBaseUrl, desired, test } = await prepare.call(this);
	// Loaded now, so the first delivery does not wait for it.
	if ((await sharedPublicKeyCache.warm(apiBaseUrl, pemFetcher(this, apiBaseUrl))) === 'fallback') {
		this.logger.warn(
			`Kick Trigger: could not fetch the webhook public key from ${apiBaseUrl}${PEM_ENDPOINT_PATH}; using Kick's documented key`,
		);
	}
	if (!settings.manageSubscriptions) return true;

	const existing = await listSubscriptions(bindKickClient(this, { credentialType: settings.credentialType }), channelsOf(desired));
	const unlisted = trustedUnlisted(state.unlisted, Date.now());
	const plan = planReconcile({ desired, existing, ownedIds: ownedIds(state, test), selfBroadcasterId: state.selfBroadcasterId, unlisted });
	// An editor test only needs the subscriptions to exist; it never takes any over.
	if (test) return plan.create.length === 0;
	if (!isInSync(plan)) return false;
	if (plan.missingOwned.length > 0) {
		// Ids of subscriptions no longer wanted that Kick already removed: forget them.
		const gone = new Set(plan.missingOwned);
		state.subscriptionIds = (state.subscriptionIds ?? []).filter((id) => !gone.has(id));
	}
	return true;
}

/** `create`: create what is missing, adopt identical ones, delete extra copies; remember the ids. */
export async function reconcileSubscriptions(this: IHookFunctions): Promise<boolean> {
	const { settings, state, desired, test } = await prepare.call(this);
	if (!settings.manageSubscriptions) return true;

	const report = await applyReconcile(bindKickClient(this, { credentialType: settings.credentialType }), {
		desired,
		ownedIds: ownedIds(state, test),
		selfBroadcasterId: state.selfBroadcasterId,
		// An editor test only creates what is missing: it deletes nothing.
		...(test ? { removeDuplicates: false, removeStaleOwned: false } : { unlisted: trustedUnlisted(state.unlisted, Date.now()) }),
	});

	if (test) {
		state.testSubscriptionIds = [...(state.testSubscriptionIds ?? []), ...report.created.map((created) => created.id)];
	} else {
		state.subscriptionIds = report.ownedIds;
		state.unlisted = stillUnlisted(state.unlisted, report, Date.now());
	}
	if (settings.credentialType !== APP_CREDENTIAL) {
		const channels = [...new Set(report.owned.map((owned) => owned.broadcasterUserId).filter((id): id is number => id !== null))];
		if (channels.length === 1) {
			state.selfBroadcasterId = channels[0];
			state.broadcasterUserIds = channels;
		}
	}
	if (report.createdButNotListed.length > 0) this.logger.warn(`Kick Trigger "${this.getNode().name}": ${unlistedAdvice(report.createdButNotListed)}`);
	if (report.duplicatesDeleted.length > 0) {
		this.logger.info(`Kick Trigger: deleted ${report.duplicatesDeleted.length} duplicate Kick subscription(s)`);
	}
	if (report.failed.length > 0) throw reconcileFailureError(this.getNode(), report);
	return true;
}

/**
 * `delete`: remove the subscriptions this trigger owns (only the test's own during an editor
 * test), and forget the trigger in this process (what ran is in the record its executions wrote).
 */
export async function removeOwnSubscriptions(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const test = isEditorTest(this);
	const settings = settingsOf(this);
	const { runtime } = webhookRuntime(this, test, settings);
	registry.release(runtimeId(this, test));
	// Also the subscriptions accepted after publishing.
	const owned = [...new Set([...((test ? state.testSubscriptionIds : state.subscriptionIds) ?? []), ...runtime.adopted])];
	if (owned.length === 0) return true;
	const { credentialType } = settings;
	try {
		// Delete only what Kick still lists: Kick may already have removed some.
		const client = bindKickClient(this, { credentialType });
		const existing = new Set((await listSubscriptions(client)).map((subscription) => subscription.id));
		const toDelete = owned.filter((id) => existing.has(id));
		if (toDelete.length > 0) await deleteSubscriptions(client, toDelete);
	} catch (error) {
		await reportOrRemoveLeft.call(this, credentialType, owned, error);
	}
	if (test) delete state.testSubscriptionIds;
	else delete state.subscriptionIds;
	return true;
}

/**
 * Whether Kick refused the credential itself, as after the account disconnected the app: its
 * login ended, or a 401 even after n8n refreshed it. Not a 403 (a Cloudflare challenge or a
 * missing scope) or a failure that passes: n8n also calls `delete` to clean up after an
 * activation that failed, and the subscriptions of a workflow that stays published must stay.
 */
function credentialRefused(error: unknown): boolean {
	if (error instanceof NodeApiError) return error.httpCode === '401';
	return error instanceof NodeOperationError && /has ended: reconnect the credential/.test(error.message);
}

/**
 * Deleting the trigger's subscriptions failed while unpublishing. When Kick refused a user
 * credential, the account may have disconnected the app (or its login ended): an app token of the
 * same Kick app can still delete the subscriptions (KickDevDocs#347). Whatever remains is named in
 * n8n's log with how to remove it, and unpublishing completes: the workflow must not stay
 * published because Kick refused or failed.
 */
async function reportOrRemoveLeft(this: IHookFunctions, credentialType: string, ids: string[], cause: unknown): Promise<void> {
	const why = cause instanceof Error ? cause.message : String(cause);
	let remaining = ids;
	let fallbackFailure = '';
	if (credentialType === USER_CREDENTIAL && credentialRefused(cause)) {
		try {
			remaining = await deleteWithAppToken.call(this, ids);
			if (remaining.length === 0) {
				this.logger.info(`Kick Trigger "${this.getNode().name}": the Kick account refused (${why}); deleted its ${ids.length} event subscription(s) with an app token of the same Kick app instead`);
				return;
			}
		} catch (error) {
			fallbackFailure = `; with an app token of the same Kick app: ${error instanceof Error ? error.message : String(error)}`;
		}
	}
	this.logger.warn(
		`Kick Trigger "${this.getNode().name}": could not delete ${remaining.length} Kick event subscription(s) while unpublishing (${why}${fallbackFailure}). They stay at Kick and keep sending events to this Kick app's webhook URL. Delete them with the Kick node: Event Subscription → Delete, with a Kick App OAuth2 API credential of the same Kick app, and these IDs: ${remaining.join(', ')}`,
	);
}
