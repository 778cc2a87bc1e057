import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationContext, OperationMeta } from '../types';
import { banBody, reasonProperty, targetProperties } from './common';

export const meta: OperationMeta = { token: 'user', scope: 'moderation:ban' };

export const description: INodeProperties[] = [...targetProperties, reasonProperty];

/** POST /public/v1/moderation/bans without a duration: a permanent ban. Safe to repeat. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const body = await banBody.call(this, itemIndex, context, true);
	await context.request(itemIndex, { method: 'POST', path: '/public/v1/moderation/bans', body, idempotent: true });
	return { banned: true, permanent: true, ...body };
}
