import type { IDataObject } from 'n8n-workflow';

import { readStandardPage } from '../transport';

/**
 * One page of GET /public/v1/channels/rewards/redemptions. Kick groups a page by reward; this
 * gives one entry per redemption with its reward attached, and the next cursor.
 */
export function flattenRedemptionPage(body: IDataObject): { items: IDataObject[]; nextCursor?: string } {
	const groups = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	const items: IDataObject[] = [];
	for (const group of groups) {
		const reward = (group.reward as IDataObject | undefined) ?? {};
		for (const redemption of (group.redemptions as IDataObject[] | undefined) ?? []) {
			const redeemer = (redemption.redeemer as IDataObject | undefined) ?? {};
			items.push({
				...redemption,
				// One SDK types the redeemer as broadcaster_user_id; tolerate both (docs/kick-api.md §4.9).
				redeemer_user_id: redeemer.user_id ?? redeemer.broadcaster_user_id ?? null,
				reward,
			});
		}
	}
	return { items, nextCursor: readStandardPage(body).nextCursor };
}
