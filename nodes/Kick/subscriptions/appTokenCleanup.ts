/**
 * Deleting subscriptions with an app token when the user token that made them is refused.
 * After an account disconnects a Kick app, its subscriptions stay at Kick (they keep delivering
 * to the app's webhook URL) and only an app token can delete them: a user token gets 401
 * (KickDevDocs#347, docs/kick-api.md §4.10). The user credential holds the app's client ID and
 * secret, so the app token is minted from those.
 */
import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { UNCONFIRMED, USER_CREDENTIAL } from '../shared/kick.constants';
import { chunk, getKickApp, kickPlainRequest, mintAppToken } from '../transport';
import { parseSubscriptionList, SUBSCRIPTIONS_PATH } from './plan';

/** Deletes `ids` with an app token of the user credential's Kick app; returns the ones Kick still lists. */
export async function deleteWithAppToken(this: IAllExecuteFunctions, ids: readonly string[]): Promise<string[]> {
	const app = await getKickApp.call(this, USER_CREDENTIAL);
	const bearer = await mintAppToken.call(this, app);
	const url = `${app.apiBaseUrl}${SUBSCRIPTIONS_PATH}`;
	for (const part of chunk([...new Set(ids)], UNCONFIRMED.subscriptionIdsPerDelete)) {
		await kickPlainRequest.call(this, { method: 'DELETE', url, qs: { id: part } as IDataObject, bearer, idempotent: true });
	}
	// An app token sees all of the app's subscriptions: what is left of ours?
	const listed = parseSubscriptionList(await kickPlainRequest.call(this, { method: 'GET', url, bearer, idempotent: true }));
	const wanted = new Set(ids);
	return listed.filter((subscription) => wanted.has(subscription.id)).map((subscription) => subscription.id);
}
