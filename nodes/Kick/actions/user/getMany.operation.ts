import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { lookupUsers } from '../../client/users';
import { runBatched } from '../common/batch';
import { parseIntegerIds } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any', scope: 'user:read' };

export const description: INodeProperties[] = [
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2841377, 61530248',
		description:
			'Kick user IDs, separated by commas. Lookups from all input items are combined into as few requests as Kick allows (50 IDs each).',
	},
];

/** GET /public/v1/users?id=…: one output item per user found, paired with the item that asked. */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await (runBatched<number>).call(this, items, {
		keysFor: (i) => parseIntegerIds(this, i, 'User IDs', this.getNodeParameter('userIds', i)),
		lookup: async (keys) => await lookupUsers(context, keys),
	});
}
