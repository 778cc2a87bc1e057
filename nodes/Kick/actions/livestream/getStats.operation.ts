import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any' };

/** GET /public/v1/livestreams/stats: how many streams are live on Kick right now. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const body = await context.request(itemIndex, { method: 'GET', path: '/public/v1/livestreams/stats' });
	return (body.data as IDataObject | undefined) ?? {};
}
