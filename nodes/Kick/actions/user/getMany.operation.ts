import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { batchedLookup } from '../../transport';
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
	return await runBatched.call(this, items, {
		keysFor: (i) => parseIntegerIds(this, i, 'User IDs', this.getNodeParameter('userIds', i)),
		lookup: async (keys) =>
			await batchedLookup(
				keys,
				LIMITS.idsPerLookup,
				async (ids) =>
					((await context.request(0, { method: 'GET', path: '/public/v1/users', qs: { id: ids } })).data as IDataObject[]) ?? [],
				(user) => user.user_id as number,
			),
	});
}
