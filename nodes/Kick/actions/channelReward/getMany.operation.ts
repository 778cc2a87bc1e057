import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'user', scope: ['channel:rewards:read', 'channel:rewards:write'] };

/**
 * GET /public/v1/channels/rewards: every reward of the connected account's channel (Kick caps a
 * channel at a few rewards, so there is no paging), one output item each.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject[]> {
	const body = await context.request(itemIndex, { method: 'GET', path: '/public/v1/channels/rewards' });
	return (body.data as IDataObject[] | undefined) ?? [];
}
