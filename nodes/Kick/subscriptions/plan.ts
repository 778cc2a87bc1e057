/**
 * Planning Kick's event subscriptions (pure: no I/O). ./reconcile carries a plan out.
 *
 * Kick allows identical subscriptions (each one delivers every event again, under a new
 * message id), deletes subscriptions whose deliveries keep failing, and sometimes answers a
 * create with an id it then does not list (KickDevDocs#419). So nothing POSTs blindly: list what
 * exists, plan, then create only what is missing, adopt identical existing subscriptions instead
 * of duplicating them, and remove extra copies. A subscription created within UNLISTED_TRUST_MS
 * that Kick does not list yet counts as there: creating it again would make a duplicate.
 */
import type { IDataObject } from 'n8n-workflow';

import { obj, type Json } from '../shared/json';
import { APP_CREDENTIAL, KICK_EVENT_TYPES, KICK_EVENT_VERSION, type KickEventType } from '../shared/kick.constants';
import type { KickCredentialType } from '../transport';
import { chunk } from '../transport/batching';

export const SUBSCRIPTIONS_PATH = '/public/v1/events/subscriptions';

/**
 * How long a subscription Kick confirmed but does not list counts as there (KickDevDocs#419):
 * Kick's listings have lagged creates by minutes (#245); after this long, one still not listed is
 * taken as missing and created again.
 */
export const UNLISTED_TRUST_MS = 60 * 60_000;
export const SUBSCRIBE_SCOPE = 'events:subscribe';

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

/** One entry of `GET /public/v1/events/subscriptions`, or undefined when it has no id or event. */
function parseSubscription(raw: unknown): KickSubscription | undefined {
	const entry = obj(raw);
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
	const data = obj(body)?.data;
	if (!Array.isArray(data)) return [];
	return data.map(parseSubscription).filter((entry): entry is KickSubscription => entry !== undefined);
}

/**
 * The targets for some events on some channels (`'self'` = the user token's own channel).
 * Duplicate events and channels are collapsed.
 */
export function desiredTargets(events: readonly KickEventType[], broadcasters: readonly number[] | 'self'): SubscriptionTarget[] {
	const version = KICK_EVENT_VERSION;
	const uniqueEvents = [...new Set(events)];
	if (broadcasters === 'self') return uniqueEvents.map((event) => ({ event, version }));
	const targets: SubscriptionTarget[] = [];
	for (const broadcasterUserId of [...new Set(broadcasters)]) {
		for (const event of uniqueEvents) targets.push({ event, version, broadcasterUserId });
	}
	return targets;
}

/** Whether an existing subscription delivers exactly what the target asks for. */
export function matchesTarget(subscription: KickSubscription, target: SubscriptionTarget, selfBroadcasterId?: number): boolean {
	if (subscription.event !== target.event || subscription.version !== target.version) return false;
	if (subscription.method !== null && subscription.method !== 'webhook') return false;
	if (target.broadcasterUserId !== undefined) return subscription.broadcasterUserId === target.broadcasterUserId;
	// A user token lists its own channel's subscriptions; when its id is known, hold to it.
	return selfBroadcasterId === undefined || subscription.broadcasterUserId === selfBroadcasterId;
}

/** A subscription Kick confirmed but did not list, and when it was created (ms). */
export type UnlistedSubscription = Omit<KickSubscription, 'method' | 'createdAt'> & { createdAt: number };

export interface PlanInput {
	desired: readonly SubscriptionTarget[];
	existing: readonly KickSubscription[];
	/** Ids this workflow created or adopted earlier. */
	ownedIds: readonly string[];
	/** The user token's broadcaster id, when known (targets without a broadcaster mean it). */
	selfBroadcasterId?: number;
	/** Created within UNLISTED_TRUST_MS and not listed: they count as there. */
	unlisted?: readonly UnlistedSubscription[];
}

export interface ReconcilePlan {
	/** Owned and still there. */
	keep: KickSubscription[];
	/** There and identical, created by someone else (or by a run whose record was lost): take it over. */
	adopt: KickSubscription[];
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
	const listedIds = new Set(input.existing.map((subscription) => subscription.id));
	// A recent create Kick does not list yet counts as listed (a create again would be a duplicate).
	const unlisted = (input.unlisted ?? []).filter((entry) => !listedIds.has(entry.id));
	const asListed = unlisted.map((entry): KickSubscription => ({ ...entry, method: 'webhook', createdAt: null }));
	const existing = [...input.existing, ...asListed];
	const assigned = new Set<string>();
	const plan: ReconcilePlan = { keep: [], adopt: [], create: [], duplicates: [], staleOwned: [], missingOwned: [] };
	const seenTargets = new Set<string>();

	for (const target of input.desired) {
		const key = `${target.event}|${target.version}|${target.broadcasterUserId ?? 'self'}`;
		if (seenTargets.has(key)) continue;
		seenTargets.add(key);
		const candidates = existing
			.filter((subscription) => !assigned.has(subscription.id) && matchesTarget(subscription, target, input.selfBroadcasterId))
			.sort((a, b) => Number(owned.has(b.id)) - Number(owned.has(a.id)) || olderFirst(a, b));
		const chosen = candidates[0];
		if (!chosen) {
			plan.create.push(target);
			continue;
		}
		assigned.add(chosen.id);
		(owned.has(chosen.id) ? plan.keep : plan.adopt).push(chosen);
		// Only copies for the very same channel are duplicates (a user token's list could, in
		// theory, hold other channels' subscriptions to the same event).
		for (const other of candidates.slice(1)) {
			if (other.broadcasterUserId !== chosen.broadcasterUserId) continue;
			assigned.add(other.id);
			plan.duplicates.push(other);
		}
	}

	const listed = new Set(existing.map((subscription) => subscription.id));
	for (const subscription of input.existing) {
		if (owned.has(subscription.id) && !assigned.has(subscription.id)) plan.staleOwned.push(subscription);
	}
	for (const id of owned) if (!listed.has(id)) plan.missingOwned.push(id);
	return plan;
}

/** Whether nothing needs to change (kept subscriptions only). */
export function isInSync(plan: ReconcilePlan): boolean {
	return plan.create.length === 0 && plan.adopt.length === 0 && plan.staleOwned.length === 0 && plan.duplicates.length === 0;
}

export interface CreateOutcome {
	target: SubscriptionTarget;
	subscriptionId?: string;
	error?: string;
}

/** The POST bodies for some targets: one per channel (app token) or one in all (user token). */
export function createRequests(
	targets: readonly SubscriptionTarget[],
	credentialType: KickCredentialType | undefined,
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
	const data = obj(body)?.data;
	const entries = (Array.isArray(data) ? data : []).map(obj).filter((entry): entry is Json => !!entry);
	const used = new Set<number>();
	return targets.map((target) => {
		const index = entries.findIndex(
			(entry, i) => !used.has(i) && entry.name === target.event && Number(entry.version ?? target.version) === target.version,
		);
		if (index < 0) return { target, error: 'Kick did not answer for this event' };
		used.add(index);
		const entry = entries[index] as Json;
		const error = typeof entry.error === 'string' ? entry.error.trim() : '';
		const id = typeof entry.subscription_id === 'string' ? entry.subscription_id : '';
		if (error !== '') return { target, error };
		if (id === '') return { target, error: 'Kick returned no subscription id' };
		return { target, subscriptionId: id };
	});
}
