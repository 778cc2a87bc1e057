import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { PEM_ENDPOINT_PATH } from '../../transport';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any' };

/** GET /public/v1/public-key: the PEM key Kick signs every webhook with (the same for all apps). */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const body = await context.request(itemIndex, { method: 'GET', path: PEM_ENDPOINT_PATH });
	return (body.data as IDataObject | undefined) ?? {};
}
