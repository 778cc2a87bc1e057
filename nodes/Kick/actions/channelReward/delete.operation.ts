import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { rewardLocator } from '../common/descriptions';
import type { OperationContext, OperationMeta } from '../types';
import { readRewardId } from './update.operation';

export const meta: OperationMeta = { token: 'user', scope: 'channel:rewards:write' };

export const description: INodeProperties[] = [
	rewardLocator({ description: 'The reward to delete. Only rewards created by this Kick app can be deleted.' }),
];

/** DELETE /public/v1/channels/rewards/{id} (204). */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const rewardId = readRewardId(this, itemIndex);
	await context.request(itemIndex, { method: 'DELETE', path: `/public/v1/channels/rewards/${encodeURIComponent(rewardId)}` });
	return { deleted: true, id: rewardId };
}
