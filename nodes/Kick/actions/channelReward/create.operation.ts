import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import type { OperationContext, OperationMeta } from '../types';
import { rewardBody, rewardFieldOptions } from './fields';

export const meta: OperationMeta = { token: 'user', scope: 'channel:rewards:write' };

export const description: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Pick the next map',
		description: `The reward's name (at most ${LIMITS.rewardTitleMaxLength} characters)`,
	},
	{
		displayName: 'Cost',
		name: 'cost',
		type: 'number',
		required: true,
		default: 100,
		typeOptions: { minValue: LIMITS.rewardCostMin },
		description: 'Channel points needed to redeem it',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: rewardFieldOptions(false),
	},
];

/**
 * POST /public/v1/channels/rewards on the connected account's channel. Only the app that
 * creates a reward can later update or delete it and settle its redemptions.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const fields = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		title: this.getNodeParameter('title', itemIndex),
		cost: this.getNodeParameter('cost', itemIndex),
	};
	const body = rewardBody(this, itemIndex, fields);
	const response = await context.request(itemIndex, { method: 'POST', path: '/public/v1/channels/rewards', body, idempotent: false });
	return (response.data as IDataObject | undefined) ?? {};
}
