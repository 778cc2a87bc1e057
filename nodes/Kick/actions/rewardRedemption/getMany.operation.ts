import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { REDEMPTION_STATUSES } from '../../shared/kick.constants';
import { returnAllOrLimit, rewardLocator } from '../common/descriptions';
import { flattenRedemptionPage } from '../../client/redemptions';
import { parseUlids } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'user', scope: ['channel:rewards:read', 'channel:rewards:write'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Filter By',
		name: 'filterBy',
		type: 'options',
		default: 'status',
		options: [
			{ name: 'Status (and Reward)', value: 'status', description: 'Redemptions in one status, optionally of one reward' },
			{ name: 'Redemption IDs', value: 'ids', description: 'Specific redemptions (Kick does not allow other filters with IDs)' },
		],
		description: 'How to choose the redemptions. Kick cannot combine redemption IDs with the status or reward filters.',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		// Literal for the linter; a unit test keeps it equal to UNCONFIRMED.redemptionDefaultStatus.
		default: 'pending',
		displayOptions: { show: { filterBy: ['status'] } },
		options: REDEMPTION_STATUSES.map((status) => ({ name: status[0].toUpperCase() + status.slice(1), value: status })),
		description: 'Which redemptions to list. Pending ones wait for Accept or Reject.',
	},
	rewardLocator({
		displayName: 'Reward',
		required: false,
		displayOptions: { show: { filterBy: ['status'] } },
		description: 'Only redemptions of this reward (leave empty for all rewards)',
	}),
	{
		displayName: 'Redemption IDs',
		name: 'redemptionIds',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { filterBy: ['ids'] } },
		placeholder: 'e.g. 01KKPX9C58JEE64HKY8R8JR1RB',
		description: 'Redemption IDs, separated by commas',
	},
	...returnAllOrLimit(),
];

/** GET /public/v1/channels/rewards/redemptions, following cursors. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject[]> {
	const filterBy = this.getNodeParameter('filterBy', itemIndex) as 'status' | 'ids';
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const qs: IDataObject = {};
	if (filterBy === 'ids') {
		qs.id = parseUlids(this, itemIndex, 'Redemption IDs', this.getNodeParameter('redemptionIds', itemIndex));
	} else {
		qs.status = this.getNodeParameter('status', itemIndex) as string;
		const reward = String(this.getNodeParameter('reward', itemIndex, '', { extractValue: true }) ?? '').trim();
		if (reward !== '') qs.reward_id = parseUlids(this, itemIndex, 'Reward', reward)[0];
	}
	return await context.requestPages(
		itemIndex,
		{ method: 'GET', path: '/public/v1/channels/rewards/redemptions', qs },
		{ returnAll, limit, read: flattenRedemptionPage },
	);
}
