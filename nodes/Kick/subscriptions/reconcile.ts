/**
 * Making Kick's event subscriptions match what a workflow needs, through the transport: list,
 * plan (./plan), create what is missing, delete extra copies. The Kick Trigger runs it when a
 * workflow is published; the Kick node's "Event Subscription → Reconcile" operation runs the
 * same thing on a schedule.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KickClient } from '../client/client';
import { chunk, SUBSCRIPTION_LIMIT_ADVICE } from '../transport';
import { APP_CREDENTIAL, UNCONFIRMED } from '../shared/kick.constants';
import {
	createRequests,
	parseSubscriptionList,
	planReconcile,
	readCreateResponse,
	SUBSCRIBE_SCOPE,
	SUBSCRIPTIONS_PATH,
	type KickSubscription,
	type SubscriptionTarget,
	type UnlistedSubscription,
	UNLISTED_TRUST_MS,
} from './plan';

/** Above this many channels, one unfiltered list is cheaper than one list per channel. */
const FILTERED_LISTS_MAX = 10;

/**
 * Lists subscriptions: per channel for app tokens with a few channels (Kick's
 * `broadcaster_user_id` filter), otherwise the whole list in one call.
 */
export async function listSubscriptions(client: KickClient, broadcasterUserIds: readonly number[] = []): Promise<KickSubscription[]> {
	const channels = [...new Set(broadcasterUserIds)];
	const isApp = client.credentialType === APP_CREDENTIAL;
	if (!isApp || channels.length === 0 || channels.length > FILTERED_LISTS_MAX) {
		const body = await client.request(0, { method: 'GET', path: SUBSCRIPTIONS_PATH });
		const all = parseSubscriptionList(body);
		if (!isApp || channels.length === 0) return all;
		const wanted = new Set(channels);
		return all.filter((subscription) => subscription.broadcasterUserId !== null && wanted.has(subscription.broadcasterUserId));
	}
	const found: KickSubscription[] = [];
	for (const broadcasterUserId of channels) {
		const body = await client.request(0, { method: 'GET', path: SUBSCRIPTIONS_PATH, qs: { broadcaster_user_id: broadcasterUserId } });
		// Kick may ignore the filter: keep only that channel's entries.
		found.push(...parseSubscriptionList(body).filter((subscription) => subscription.broadcasterUserId === broadcasterUserId));
	}
	return found;
}

/** Deletes subscriptions by id, up to 50 per call. */
export async function deleteSubscriptions(client: KickClient, ids: readonly string[]): Promise<void> {
	for (const part of chunk([...new Set(ids)], UNCONFIRMED.subscriptionIdsPerDelete)) {
		await client.request(0, { method: 'DELETE', path: SUBSCRIPTIONS_PATH, qs: { id: part }, requiredScope: SUBSCRIBE_SCOPE });
	}
}

export interface ReconcileOptions {
	desired: readonly SubscriptionTarget[];
	/** Ids the caller created or adopted before (the trigger keeps them in its static data). */
	ownedIds?: readonly string[];
	selfBroadcasterId?: number;
	/** Whether to delete extra identical copies (default true: each copy duplicates every event). */
	removeDuplicates?: boolean;
	/** Whether to delete owned subscriptions that are no longer desired (default true). */
	removeStaleOwned?: boolean;
	/** Only plan; change nothing. */
	dryRun?: boolean;
	/** Subscriptions the caller created within UNLISTED_TRUST_MS that Kick did not list (KickDevDocs#419). */
	unlisted?: readonly UnlistedSubscription[];
}

/** An event of a channel (null: the user token's own), as the report names it. */
type EventOfChannel = Pick<KickSubscription, 'event' | 'version' | 'broadcasterUserId'>;

export type ReconciledSubscription = EventOfChannel & { id: string };

export interface ReconcileReport {
	/** Whether Kick already matched (nothing created, adopted or deleted was needed). */
	inSyncBefore: boolean;
	/** Whether every desired subscription now exists. */
	complete: boolean;
	dryRun: boolean;
	desired: number;
	/** Desired subscriptions that had none on Kick. */
	missingBefore: EventOfChannel[];
	created: ReconciledSubscription[];
	adopted: ReconciledSubscription[];
	kept: ReconciledSubscription[];
	duplicatesDeleted: string[];
	staleDeleted: string[];
	/** Owned ids Kick had dropped since the last check. */
	ownedMissing: string[];
	/** Created, but absent from Kick's list right after (KickDevDocs#419); kept as owned. */
	createdButNotListed: string[];
	/** Created earlier and still not listed: counted as there, not created again (for UNLISTED_TRUST_MS). */
	notListedYet: string[];
	failed: Array<EventOfChannel & { error: string }>;
	/** The ids the caller owns now: kept + adopted + created. */
	ownedIds: string[];
	/** The same, with channels, when Kick listed them. */
	owned: ReconciledSubscription[];
}

function fromSubscription({ id, event, version, broadcasterUserId }: KickSubscription): ReconciledSubscription {
	return { id, event, version, broadcasterUserId };
}

function targetInfo(target: SubscriptionTarget): EventOfChannel {
	return { event: target.event, version: target.version, broadcasterUserId: target.broadcasterUserId ?? null };
}

export function channelsOf(targets: readonly SubscriptionTarget[]): number[] {
	return targets.map((target) => target.broadcasterUserId).filter((id): id is number => id !== undefined);
}

/**
 * Lists, plans and applies: creates what is missing, adopts identical existing subscriptions,
 * deletes extra copies and owned subscriptions no longer wanted. Creates before deleting, so
 * an interruption leaves too many subscriptions rather than too few. HTTP failures throw
 * NodeApiErrors from the transport (missing scope, limit reached, …); per-event refusals are in
 * `failed`.
 */
export async function applyReconcile(client: KickClient, options: ReconcileOptions): Promise<ReconcileReport> {
	const ownedIds = options.ownedIds ?? [];
	const desiredChannels = channelsOf(options.desired);
	let existing = await listSubscriptions(client, desiredChannels);
	// Owned subscriptions for channels no longer desired are only in the unfiltered list.
	const listedIds = new Set(existing.map((subscription) => subscription.id));
	if (client.credentialType === APP_CREDENTIAL && desiredChannels.length > 0 && ownedIds.some((id) => !listedIds.has(id))) {
		existing = await listSubscriptions(client);
	}

	const plan = planReconcile({
		desired: options.desired,
		existing,
		ownedIds,
		selfBroadcasterId: options.selfBroadcasterId,
		unlisted: options.unlisted,
	});
	const listedNow = new Set(existing.map((subscription) => subscription.id));
	const duplicateIds = options.removeDuplicates !== false ? plan.duplicates.map((subscription) => subscription.id) : [];
	const staleIds = options.removeStaleOwned !== false ? plan.staleOwned.map((subscription) => subscription.id) : [];
	const report: ReconcileReport = {
		inSyncBefore: plan.create.length === 0 && plan.adopt.length === 0 && duplicateIds.length + staleIds.length === 0,
		complete: plan.create.length === 0,
		dryRun: options.dryRun === true,
		desired: plan.keep.length + plan.adopt.length + plan.create.length,
		missingBefore: plan.create.map(targetInfo),
		created: [],
		adopted: plan.adopt.map(fromSubscription),
		kept: plan.keep.map(fromSubscription),
		duplicatesDeleted: [],
		staleDeleted: [],
		ownedMissing: plan.missingOwned,
		createdButNotListed: [],
		notListedYet: (options.unlisted ?? []).filter((entry) => !listedNow.has(entry.id)).map((entry) => entry.id),
		failed: [],
		ownedIds: [],
		owned: [],
	};
	if (options.dryRun) {
		report.owned = [...report.kept, ...report.adopted];
		report.ownedIds = report.owned.map((subscription) => subscription.id);
		return report;
	}

	// Grouped per channel. HTTP failures throw; per-event refusals are reported.
	for (const request of createRequests(plan.create, client.credentialType)) {
		const body = await client.request(0, { method: 'POST', path: SUBSCRIPTIONS_PATH, body: request.body, requiredScope: SUBSCRIBE_SCOPE });
		for (const outcome of readCreateResponse(request.targets, body)) {
			const info = targetInfo(outcome.target);
			if (outcome.subscriptionId) report.created.push({ id: outcome.subscriptionId, ...info });
			else report.failed.push({ ...info, error: outcome.error ?? 'unknown error' });
		}
	}

	if (duplicateIds.length + staleIds.length > 0) await deleteSubscriptions(client, [...duplicateIds, ...staleIds]);
	report.duplicatesDeleted = duplicateIds;
	report.staleDeleted = staleIds;

	report.owned = [...report.kept, ...report.adopted, ...report.created];
	if (report.created.length > 0) {
		// Kick has answered a create with an id it then did not list (issue #419): check, and
		// learn the channel of subscriptions a user token created.
		const after = new Map(
			(await listSubscriptions(client, desiredChannels)).map((subscription) => [subscription.id, subscription]),
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

/**
 * What to remember after a reconcile (KickDevDocs#419): the subscriptions Kick confirmed but did
 * not list, created within UNLISTED_TRUST_MS, so the next reconcile does not create them again.
 */
export function stillUnlisted(previous: readonly UnlistedSubscription[] | undefined, report: ReconcileReport, nowMs: number): UnlistedSubscription[] {
	const waiting = trustedUnlisted(previous, nowMs).filter((entry) => report.notListedYet.includes(entry.id));
	const created = report.created.filter((entry) => report.createdButNotListed.includes(entry.id));
	return [...waiting, ...created.map((entry) => ({ ...entry, createdAt: nowMs }))];
}

/** The remembered creates Kick did not list that still count as made. */
export function trustedUnlisted(entries: readonly UnlistedSubscription[] | undefined, nowMs: number): UnlistedSubscription[] {
	return (entries ?? []).filter((entry) => nowMs - entry.createdAt < UNLISTED_TRUST_MS);
}

/** What the user can do about subscriptions Kick confirmed but does not list. */
export function unlistedAdvice(ids: readonly string[]): string {
	return `Kick confirmed ${ids.length} event subscription(s) it does not list (KickDevDocs#419): ${ids.join(', ')}. They count as made for ${UNLISTED_TRUST_MS / 60_000} minutes and are not created again in that time (a second one would deliver every event twice); after that, one Kick still does not list is created again. If their events do not arrive, delete them with Event Subscription → Delete and these IDs, then run Reconcile again.`;
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
			? SUBSCRIPTION_LIMIT_ADVICE
			: 'Check that the events and channels are right and that the credential may subscribe to them (a user credential needs the events:subscribe scope). The subscriptions Kick accepted were kept.',
	});
}
