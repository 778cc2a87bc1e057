import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any' };

/**
 * POST <OAuth server>/oauth/token/introspect with the credential's own token (the current
 * location since 2026-01-15; the old api.kick.com one is deprecated). Never outputs the token.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const body = await context.request(itemIndex, { method: 'POST', path: '/oauth/token/introspect', host: 'oauth', idempotent: true });
	return (body.data as IDataObject | undefined) ?? body;
}
