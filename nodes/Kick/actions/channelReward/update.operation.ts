import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { rewardLocator } from '../common/descriptions';
import { invalidParameter, parseUlids } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';
import { rewardBody, rewardFieldOptions } from './fields';

export const meta: OperationMeta = { token: 'user', scope: 'channel:rewards:write' };

export const description: INodeProperties[] = [
	rewardLocator({ description: 'The reward to change. Only rewards created by this Kick app can be changed.' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: rewardFieldOptions(true),
	},
];

export function readRewardId(context: IExecuteFunctions, itemIndex: number): string {
	return parseUlids(context, itemIndex, 'Reward', context.getNodeParameter('reward', itemIndex, '', { extractValue: true }))[0];
}

/** PATCH /public/v1/channels/rewards/{id}: answers the updated reward. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const rewardId = readRewardId(this, itemIndex);
	const body = rewardBody(this, itemIndex, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	if (Object.keys(body).length === 0) {
		throw invalidParameter(this, itemIndex, 'Update Fields', 'nothing to update', 'Add at least one field to change.');
	}
	const response = await context.request(itemIndex, { method: 'PATCH', path: `/public/v1/channels/rewards/${encodeURIComponent(rewardId)}`, body });
	return (response.data as IDataObject | undefined) ?? {};
}
