/**
 * Making Kick's event subscriptions match what a workflow needs (REFERENCE.md §4.10, §6.5).
 *
 * Kick allows identical subscriptions (each one delivers every event again, under a new
 * message id), deletes subscriptions whose deliveries keep failing, and sometimes answers a
 * create with an id it then does not list. So nothing here POSTs blindly: it lists what exists,
 * plans, then creates only what is missing, adopts identical existing subscriptions instead of
 * duplicating them, and removes extra copies.
 *
 * The plan is pure (`planReconcile`); `applyReconcile` carries it out through the transport.
 * The Kick Trigger runs it when a workflow is published (and at every n8n start); the Kick
 * node's "Event Subscription → Reconcile" operation can run the same thing on a schedule.
 */
import type { IAllExecuteFunctions, IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chunk, kickApiRequest, type KickCredentialType } from '../transport';
import { APP_CREDENTIAL, KICK_EVENT_TYPES, KICK_EVENT_VERSION, type KickEventType } from './kick.constants';

export const SUBSCRIPTIONS_PATH = '/public/v1/events/subscriptions';
export const SUBSCRIBE_SCOPE = 'events:subscribe';
/** Ids per DELETE call (Kick's limit is not documented; ids are repeated query keys). */
const DELETE_IDS_PER_CALL = 50;
/** Above this many channels, one unfiltered list is cheaper than one list per channel. */
const FILTERED_LISTS_MAX = 10;

// ---------------------------------------------------------------------------------------------
// Pure: shapes and the plan
// ---------------------------------------------------------------------------------------------

/** A subscription the workflow needs. No broadcaster = the user token's own channel. */
export interface SubscriptionTarget {
	event: KickEventType;
	version: number;
	broadcasterUserId?: number;
}

/** A subscription as Kick lists it. */
export interface KickSubscription {
	id: string;
	event: string;
	version: number;
	broadcasterUserId: number | null;
	method: string | null;
	createdAt: string | null;
}

function record(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** One entry of `GET /public/v1/events/subscriptions`, or undefined when it has no id or event. */
export function parseSubscription(raw: unknown): KickSubscription | undefined {
	const entry = record(raw);
	if (!entry) return undefined;
	const id = entry.id;
	const event = entry.event ?? entry.name;
	if (typeof id !== 'string' || id === '' || typeof event !== 'string') return undefined;
	const version = Number(entry.version ?? KICK_EVENT_VERSION);
	const broadcaster = Number(entry.broadcaster_user_id);
	return {
		id,
		event,
		version: Number.isFinite(version) ? version : KICK_EVENT_VERSION,
		broadcasterUserId: entry.broadcaster_user_id === undefined || entry.broadcaster_user_id === null || !Number.isFinite(broadcaster) ? null : broadcaster,
		method: typeof entry.method === 'string' ? entry.method : null,
		createdAt: typeof entry.created_at === 'string' ? entry.created_at : null,
	};
}

/** The subscriptions in a list response `{ data: [...] }`. */
export function parseSubscriptionList(body: unknown): KickSubscription[] {
	const data = record(body)?.data;
	if (!Array.isArray(data)) return [];
	return data.map(parseSubscription).filter((entry): entry is KickSubscription => entry !== undefined);
}

/**
 * The targets for some events on some channels (`'self'` = the user token's own channel).
 * Duplicate events and channels are collapsed.
 */
export function desiredTargets(
	events: readonly KickEventType[],
	broadcasters: readonly number[] | 'self',
	version = KICK_EVENT_VERSION,
): SubscriptionTarget[] {
	const uniqueEvents = [...new Set(events)];
	if (broadcasters === 'self') return uniqueEvents.map((event) => ({ event, version }));
	const targets: SubscriptionTarget[] = [];
	for (const broadcasterUserId of [...new Set(broadcasters)]) {
		for (const event of uniqueEvents) targets.push({ event, version, broadcasterUserId });
	}
	return targets;
}

export function describeTarget(target: SubscriptionTarget): string {
	return target.broadcasterUserId === undefined
		? `${target.event} (own channel)`
		: `${target.event} for broadcaster ${target.broadcasterUserId}`;
}

/** Whether an existing subscription delivers exactly what the target asks for. */
export function matchesTarget(subscription: KickSubscription, target: SubscriptionTarget, selfBroadcasterId?: number): boolean {
	if (subscription.event !== target.event || subscription.version !== target.version) return false;
	if (subscription.method !== null && subscription.method !== 'webhook') return false;
	if (target.broadcasterUserId !== undefined) return subscription.broadcasterUserId === target.broadcasterUserId;
	// A user token lists its own channel's subscriptions; when its id is known, hold to it.
	return selfBroadcasterId === undefined || subscription.broadcasterUserId === selfBroadcasterId;
}

export interface PlanInput {
	desired: readonly SubscriptionTarget[];
	existing: readonly KickSubscription[];
	/** Ids this workflow created or adopted earlier. */
	ownedIds: readonly string[];
	/** The user token's broadcaster id, when known (targets without a broadcaster mean it). */
	selfBroadcasterId?: number;
}

export interface PlannedMatch {
	target: SubscriptionTarget;
	subscription: KickSubscription;
}

export interface ReconcilePlan {
	/** Owned and still there. */
	keep: PlannedMatch[];
	/** There and identical, created by someone else (or by a run whose record was lost): take it over. */
	adopt: PlannedMatch[];
	/** Missing: create. */
	create: SubscriptionTarget[];
	/** Further identical copies of a kept or adopted subscription: each one duplicates every event. */
	duplicates: KickSubscription[];
	/** Owned, still there, no longer wanted. */
	staleOwned: KickSubscription[];
	/** Owned ids Kick no longer lists (deleted behind our back, e.g. after failed deliveries). */
	missingOwned: string[];
}

function olderFirst(a: KickSubscription, b: KickSubscription): number {
	const byTime = (a.createdAt ?? '').localeCompare(b.createdAt ?? '');
	return byTime !== 0 ? byTime : a.id.localeCompare(b.id);
}

/** What to create, adopt and delete so that the existing subscriptions match `desired`. */
export function planReconcile(input: PlanInput): ReconcilePlan {
	const owned = new Set(input.ownedIds);
	const assigned = new Set<string>();
	const plan: ReconcilePlan = { keep: [], adopt: [], create: [], duplicates: [], staleOwned: [], missingOwned: [] };
	const seenTargets = new Set<string>();

	for (const target of input.desired) {
		const key = `${target.event}|${target.version}|${target.broadcasterUserId ?? 'self'}`;
		if (seenTargets.has(key)) continue;
		seenTargets.add(key);
		const candidates = input.existing
			.filter((subscription) => !assigned.has(subscription.id) && matchesTarget(subscription, target, input.selfBroadcasterId))
			.sort((a, b) => Number(owned.has(b.id)) - Number(owned.has(a.id)) || olderFirst(a, b));
		const chosen = candidates[0];
		if (!chosen) {
			plan.create.push(target);
			continue;
		}
		assigned.add(chosen.id);
		(owned.has(chosen.id) ? plan.keep : plan.adopt).push({ target, subscription: chosen });
		// Only copies for the very same channel are duplicates (a user token's list could, in
		// theory, hold other channels' subscriptions to the same event).
		for (const other of candidates.slice(1)) {
			if (other.broadcasterUserId !== chosen.broadcasterUserId) continue;
			assigned.add(other.id);
			plan.duplicates.push(other);
		}
	}

	const listed = new Set(input.existing.map((subscription) => subscription.id));
	for (const subscription of input.existing) {
		if (owned.has(subscription.id) && !assigned.has(subscription.id)) plan.staleOwned.push(subscription);
	}
	for (const id of owned) if (!listed.has(id)) plan.missingOwned.push(id);
	return plan;
}

/** Whether nothing needs to change (kept subscriptions only). */
export function isInSync(plan: ReconcilePlan, options: { ignoreDuplicates?: boolean } = {}): boolean {
	return (
		plan.create.length === 0 &&
		plan.adopt.length === 0 &&
		plan.staleOwned.length === 0 &&
		(options.ignoreDuplicates === true || plan.duplicates.length === 0)
	);
}

export interface CreateOutcome {
	target: SubscriptionTarget;
	subscriptionId?: string;
	error?: string;
}

/** The POST bodies for some targets: one per channel (app token) or one in all (user token). */
export function createRequests(
	targets: readonly SubscriptionTarget[],
	credentialType: KickCredentialType,
): Array<{ targets: SubscriptionTarget[]; body: IDataObject }> {
	const groups = new Map<string, SubscriptionTarget[]>();
	for (const target of targets) {
		const key = credentialType === APP_CREDENTIAL ? String(target.broadcasterUserId ?? '') : 'self';
		groups.set(key, [...(groups.get(key) ?? []), target]);
	}
	const requests: Array<{ targets: SubscriptionTarget[]; body: IDataObject }> = [];
	for (const [key, group] of groups) {
		for (const part of chunk(group, KICK_EVENT_TYPES.length)) {
			const body: IDataObject = {
				events: part.map((target) => ({ name: target.event, version: target.version })),
				method: 'webhook',
			};
			// App tokens must name the channel; user tokens subscribe for themselves.
			if (credentialType === APP_CREDENTIAL) body.broadcaster_user_id = Number(key);
			requests.push({ targets: part, body });
		}
	}
	return requests;
}

/**
 * Per-event outcomes of a 200 POST answer `{ data: [{ name, version, subscription_id, error }] }`.
 * A missing entry or an empty id without an error text counts as a failure too.
 */
export function readCreateResponse(targets: readonly SubscriptionTarget[], body: unknown): CreateOutcome[] {
	const data = record(body)?.data;
	const entries = (Array.isArray(data) ? data : []).map(record).filter((entry): entry is Record<string, unknown> => !!entry);
	const used = new Set<number>();
	return targets.map((target) => {
		const index = entries.findIndex(
			(entry, i) => !used.has(i) && entry.name === target.event && Number(entry.version ?? target.version) === target.version,
		);
		if (index < 0) return { target, error: 'Kick did not answer for this event' };
		used.add(index);
		const entry = entries[index] as Record<string, unknown>;
		const error = typeof entry.error === 'string' ? entry.error.trim() : '';
		const id = typeof entry.subscription_id === 'string' ? entry.subscription_id : '';
		if (error !== '') return { target, error };
		if (id === '') return { target, error: 'Kick returned no subscription id' };
		return { target, subscriptionId: id };
	});
}

// ---------------------------------------------------------------------------------------------
// Through the transport
// ---------------------------------------------------------------------------------------------

/** An n8n error as is; anything else wrapped, so callers can rethrow from catch blocks. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}

/**
 * Lists subscriptions: per channel for app tokens with a few channels (Kick's
 * `broadcaster_user_id` filter), otherwise the whole list in one call.
 */
export async function listSubscriptions(
	this: IAllExecuteFunctions,
	credentialType: KickCredentialType,
	broadcasterUserIds: readonly number[] = [],
): Promise<KickSubscription[]> {
	const channels = [...new Set(broadcasterUserIds)];
	if (credentialType !== APP_CREDENTIAL || channels.length === 0 || channels.length > FILTERED_LISTS_MAX) {
		const body = await kickApiRequest.call(this, { method: 'GET', path: SUBSCRIPTIONS_PATH, credentialType });
		const all = parseSubscriptionList(body);
		if (credentialType !== APP_CREDENTIAL || channels.length === 0) return all;
		const wanted = new Set(channels);
		return all.filter((subscription) => subscription.broadcasterUserId !== null && wanted.has(subscription.broadcasterUserId));
	}
	const found: KickSubscription[] = [];
	for (const broadcasterUserId of channels) {
		const body = await kickApiRequest.call(this, {
			method: 'GET',
			path: SUBSCRIPTIONS_PATH,
			qs: { broadcaster_user_id: broadcasterUserId },
			credentialType,
		});
		// Kick may ignore the filter: keep only that channel's entries.
		found.push(...parseSubscriptionList(body).filter((subscription) => subscription.broadcasterUserId === broadcasterUserId));
	}
	return found;
}

/** POSTs the targets (grouped per channel). HTTP failures throw; per-event refusals are returned. */
export async function createSubscriptions(
	this: IAllExecuteFunctions,
	credentialType: KickCredentialType,
	targets: readonly SubscriptionTarget[],
): Promise<CreateOutcome[]> {
	const outcomes: CreateOutcome[] = [];
	for (const request of createRequests(targets, credentialType)) {
		const body = await kickApiRequest.call(this, {
			method: 'POST',
			path: SUBSCRIPTIONS_PATH,
			body: request.body,
			credentialType,
			requiredScope: SUBSCRIBE_SCOPE,
		});
		outcomes.push(...readCreateResponse(request.targets, body));
	}
	return outcomes;
}

/** Deletes subscriptions by id, up to 50 per call. */
export async function deleteSubscriptions(
	this: IAllExecuteFunctions,
	credentialType: KickCredentialType,
	ids: readonly string[],
): Promise<void> {
	for (const part of chunk([...new Set(ids)], DELETE_IDS_PER_CALL)) {
		await kickApiRequest.call(this, {
			method: 'DELETE',
			path: SUBSCRIPTIONS_PATH,
			qs: { id: part },
			credentialType,
			requiredScope: SUBSCRIBE_SCOPE,
		});
	}
}

export interface ReconcileOptions {
	credentialType: KickCredentialType;
	desired: readonly SubscriptionTarget[];
	/** Ids the caller created or adopted before (the trigger keeps them in its static data). */
	ownedIds?: readonly string[];
	selfBroadcasterId?: number;
	/** Whether to delete extra identical copies (default true: each copy duplicates every event). */
	removeDuplicates?: boolean;
	/** Whether to delete owned subscriptions that are no longer desired (default true). */
	removeStaleOwned?: boolean;
	/** Whether to adopt identical subscriptions someone else created (default true; else they count as missing and are left alone). */
	adoptExisting?: boolean;
	/** Only plan; change nothing. */
	dryRun?: boolean;
}

export interface ReconciledSubscription {
	id: string;
	event: string;
	version: number;
	broadcasterUserId: number | null;
}

export interface ReconcileReport {
	/** Whether Kick already matched (nothing created, adopted or deleted was needed). */
	inSyncBefore: boolean;
	/** Whether every desired subscription now exists. */
	complete: boolean;
	dryRun: boolean;
	desired: number;
	/** Desired subscriptions that had none on Kick. */
	missingBefore: Array<{ event: string; version: number; broadcasterUserId: number | null }>;
	created: ReconciledSubscription[];
	adopted: ReconciledSubscription[];
	kept: ReconciledSubscription[];
	duplicatesDeleted: string[];
	staleDeleted: string[];
	/** Owned ids Kick had dropped since the last check. */
	ownedMissing: string[];
	/** Created, but absent from Kick's list right after (a known Kick bug); kept as owned. */
	createdButNotListed: string[];
	failed: Array<{ event: string; version: number; broadcasterUserId: number | null; error: string }>;
	/** The ids the caller owns now: kept + adopted + created. */
	ownedIds: string[];
	/** The same, with channels, when Kick listed them. */
	owned: ReconciledSubscription[];
}

function fromSubscription(subscription: KickSubscription): ReconciledSubscription {
	return {
		id: subscription.id,
		event: subscription.event,
		version: subscription.version,
		broadcasterUserId: subscription.broadcasterUserId,
	};
}

function targetInfo(target: SubscriptionTarget): { event: string; version: number; broadcasterUserId: number | null } {
	return { event: target.event, version: target.version, broadcasterUserId: target.broadcasterUserId ?? null };
}

function channelsOf(targets: readonly SubscriptionTarget[]): number[] {
	return targets.map((target) => target.broadcasterUserId).filter((id): id is number => id !== undefined);
}

/**
 * Lists, plans and applies: creates what is missing, adopts identical existing subscriptions,
 * deletes extra copies and owned subscriptions no longer wanted. Creates before deleting, so
 * an interruption leaves too many subscriptions rather than too few. HTTP failures throw
 * NodeApiErrors from the transport (missing scope, limit reached, …); per-event refusals are in
 * `failed`.
 */
export async function applyReconcile(this: IAllExecuteFunctions, options: ReconcileOptions): Promise<ReconcileReport> {
	const { credentialType } = options;
	const ownedIds = options.ownedIds ?? [];
	const desiredChannels = channelsOf(options.desired);
	let existing = await listSubscriptions.call(this, credentialType, desiredChannels);
	// Owned subscriptions for channels no longer desired are only in the unfiltered list.
	const listedIds = new Set(existing.map((subscription) => subscription.id));
	if (credentialType === APP_CREDENTIAL && desiredChannels.length > 0 && ownedIds.some((id) => !listedIds.has(id))) {
		existing = await listSubscriptions.call(this, credentialType);
	}

	const plan = planReconcile({
		desired: options.desired,
		existing,
		ownedIds,
		selfBroadcasterId: options.selfBroadcasterId,
	});
	const adoptExisting = options.adoptExisting !== false;
	if (!adoptExisting) {
		plan.create.push(...plan.adopt.map((match) => match.target));
		plan.adopt = [];
	}
	const removeDuplicates = options.removeDuplicates !== false;
	const removeStale = options.removeStaleOwned !== false;
	const report: ReconcileReport = {
		inSyncBefore:
			plan.create.length === 0 &&
			plan.adopt.length === 0 &&
			(!removeDuplicates || plan.duplicates.length === 0) &&
			(!removeStale || plan.staleOwned.length === 0),
		complete: plan.create.length === 0,
		dryRun: options.dryRun === true,
		desired: plan.keep.length + plan.adopt.length + plan.create.length,
		missingBefore: plan.create.map(targetInfo),
		created: [],
		adopted: plan.adopt.map((match) => fromSubscription(match.subscription)),
		kept: plan.keep.map((match) => fromSubscription(match.subscription)),
		duplicatesDeleted: [],
		staleDeleted: [],
		ownedMissing: plan.missingOwned,
		createdButNotListed: [],
		failed: [],
		ownedIds: [],
		owned: [],
	};
	if (options.dryRun) {
		report.owned = [...report.kept, ...report.adopted];
		report.ownedIds = report.owned.map((subscription) => subscription.id);
		return report;
	}

	if (plan.create.length > 0) {
		for (const outcome of await createSubscriptions.call(this, credentialType, plan.create)) {
			const info = targetInfo(outcome.target);
			if (outcome.subscriptionId) report.created.push({ id: outcome.subscriptionId, ...info });
			else report.failed.push({ ...info, error: outcome.error ?? 'unknown error' });
		}
	}

	const toDelete = [
		...(removeDuplicates ? plan.duplicates.map((subscription) => subscription.id) : []),
		...(removeStale ? plan.staleOwned.map((subscription) => subscription.id) : []),
	];
	if (toDelete.length > 0) {
		await deleteSubscriptions.call(this, credentialType, toDelete);
		if (removeDuplicates) report.duplicatesDeleted = plan.duplicates.map((subscription) => subscription.id);
		if (removeStale) report.staleDeleted = plan.staleOwned.map((subscription) => subscription.id);
	}

	report.owned = [...report.kept, ...report.adopted, ...report.created];
	if (report.created.length > 0) {
		// Kick has answered a create with an id it then did not list (issue #419): check, and
		// learn the channel of subscriptions a user token created.
		const after = new Map(
			(await listSubscriptions.call(this, credentialType, desiredChannels)).map((subscription) => [subscription.id, subscription]),
		);
		report.createdButNotListed = report.created.filter((created) => !after.has(created.id)).map((created) => created.id);
		report.owned = report.owned.map((subscription) => {
			const listed = after.get(subscription.id);
			return listed ? fromSubscription(listed) : subscription;
		});
	}
	report.ownedIds = report.owned.map((subscription) => subscription.id);
	report.complete = report.failed.length === 0;
	return report;
}

/** A NodeOperationError for per-event refusals in a reconcile report, with what to do. */
export function reconcileFailureError(node: INode, report: ReconcileReport): NodeOperationError {
	const lines = report.failed.map(
		(failure) =>
			`${failure.event}${failure.broadcasterUserId === null ? '' : ` (broadcaster ${failure.broadcasterUserId})`}: ${failure.error}`,
	);
	const limit = report.failed.some((failure) => /limit/i.test(failure.error));
	return new NodeOperationError(node, `Kick refused ${report.failed.length} event subscription(s): ${lines.join('; ')}`, {
		description: limit
			? 'The Kick app has reached its event subscription limit. Delete subscriptions you no longer need (Kick node → Event Subscription → Delete), or ask Kick (developers@kick.com) to verify the app for a higher limit.'
			: 'Check that the events and channels are right and that the credential may subscribe to them (a user credential needs the events:subscribe scope). The subscriptions Kick accepted were kept.',
	});
}
