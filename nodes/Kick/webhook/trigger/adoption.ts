/**
 * Subscriptions a published trigger accepts after the fact. Event Subscription → Reconcile (or
 * anything else using the same Kick app) can re-create a subscription Kick dropped; the trigger
 * did not create it, so "Only Own Subscriptions" would ignore its deliveries until the next
 * publish. When an authentic delivery names an unknown subscription, the trigger asks Kick (at
 * most once a minute per trigger) and accepts the subscriptions that match what it was
 * published for. Kept in the trigger's runtime in this n8n process: webhook() cannot persist
 * static data without an execution, and after a restart the first delivery looks them up again.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { bindKickClient } from '../../client/client';
import { desiredTargets, listSubscriptions, matchesTarget } from '../../subscriptions';
import { APP_CREDENTIAL } from '../../shared/kick.constants';
import type { TriggerRuntime } from './runtime';
import type { TriggerSettings, TriggerState } from './settings';

const LOOKUP_INTERVAL_MS = 60_000;

/**
 * Looks the subscription up on Kick (rate-limited) and returns whether it is one the trigger
 * wants: same Kick app (Kick only lists the app's own), a selected event, a selected channel.
 */
export async function adoptIfWanted(
	this: IWebhookFunctions,
	runtime: TriggerRuntime,
	subscriptionId: string,
	settings: TriggerSettings,
	state: TriggerState,
	now: number,
): Promise<boolean> {
	if (now - runtime.lastAdoptionLookup < LOOKUP_INTERVAL_MS) return false;
	runtime.lastAdoptionLookup = now;
	const isApp = settings.credentialType === APP_CREDENTIAL;
	const channels = isApp ? (state.broadcasterUserIds ?? []) : [];
	if (isApp && channels.length === 0) return false;
	const targets = desiredTargets(settings.events, isApp ? channels : 'self');
	const listed = await listSubscriptions(bindKickClient(this, { credentialType: settings.credentialType }), channels);
	const wanted = listed.filter((subscription) => targets.some((target) => matchesTarget(subscription, target, state.selfBroadcasterId)));
	for (const subscription of wanted) runtime.adopted.add(subscription.id);
	return wanted.some((subscription) => subscription.id === subscriptionId);
}
