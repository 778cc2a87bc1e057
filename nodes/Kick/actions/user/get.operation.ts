import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'user', scope: 'user:read' };

/** GET /public/v1/users without ids: the user who authorized the credential. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const body = await context.request(itemIndex, { method: 'GET', path: '/public/v1/users' });
	const users = (body.data as IDataObject[] | undefined) ?? [];
	return users[0] ?? {};
}
