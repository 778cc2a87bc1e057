import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationContext, OperationMeta } from '../types';
import { banBody, targetProperties } from './common';

export const meta: OperationMeta = { token: 'user', scope: 'moderation:ban' };

export const description: INodeProperties[] = [...targetProperties];

/** DELETE /public/v1/moderation/bans with a JSON body: lifts a ban or a timeout. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const body = await banBody.call(this, itemIndex, context, false);
	await context.request(itemIndex, { method: 'DELETE', path: '/public/v1/moderation/bans', body });
	return { unbanned: true, ...body };
}
