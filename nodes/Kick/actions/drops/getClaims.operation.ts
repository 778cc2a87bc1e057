import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS, UNCONFIRMED } from '../../shared/kick.constants';
import { returnAllOrLimit } from '../common/descriptions';
import { parseIntegerIds, parseUlids } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'app' };

export const description: INodeProperties[] = [
	...returnAllOrLimit(LIMITS.dropsClaimsPageMax),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Campaign ID', name: 'campaignId', type: 'string', default: '', description: 'Only claims of this drops campaign' },
			{ displayName: 'Claim ID', name: 'claimId', type: 'string', default: '', description: 'Only this claim' },
			{
				displayName: 'External Status',
				name: 'externalStatus',
				type: 'string',
				default: '',
				placeholder: 'e.g. initiated',
				description: "Only claims with this status (new claims are 'initiated'; your game sets the others with Update Claims)",
			},
			{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'Only claims of this Kick user' },
		],
	},
];

/**
 * Drops pages keep the cursor in `data.cursor` (the last claim's id), not in `pagination`. A
 * page shorter than the requested size ends the list (UNCONFIRMED.dropsShortPageEnds).
 */
export function readClaimsPage(body: IDataObject, requested?: number): { items: IDataObject[]; nextCursor?: string } {
	const data = (body.data as IDataObject | undefined) ?? {};
	const items = Array.isArray(data.claims) ? (data.claims as IDataObject[]) : [];
	const cursor = typeof data.cursor === 'string' && data.cursor !== '' ? data.cursor : undefined;
	if (UNCONFIRMED.dropsShortPageEnds && requested !== undefined && items.length < requested) return { items };
	return { items, nextCursor: cursor };
}

/** GET /public/v1/drops/claims (organization apps, app token), following `data.cursor`. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const qs: IDataObject = {};
	if (filters.campaignId) qs.campaign_id = parseUlids(this, itemIndex, 'Campaign ID', filters.campaignId, { max: 1 })[0];
	if (filters.claimId) qs.claim_id = parseUlids(this, itemIndex, 'Claim ID', filters.claimId, { max: 1 })[0];
	if (filters.userId) qs.user_id = parseIntegerIds(this, itemIndex, 'User ID', filters.userId, { max: 1 })[0];
	if (typeof filters.externalStatus === 'string' && filters.externalStatus.trim() !== '') qs.external_status = filters.externalStatus.trim();

	return await context.requestPages(
		itemIndex,
		{ method: 'GET', path: '/public/v1/drops/claims', qs },
		{ returnAll, limit, pageSize: { param: 'limit', max: LIMITS.dropsClaimsPageMax }, read: readClaimsPage },
	);
}
