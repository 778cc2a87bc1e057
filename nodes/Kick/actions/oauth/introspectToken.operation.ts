import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { UNCONFIRMED } from '../../shared/kick.constants';
import { kickPlainRequest, readAppClient } from '../../transport';
import { invalidParameter } from '../common/validation';
import type { OperationMeta } from '../types';
import { tokenProperty } from './common';

export const meta: OperationMeta = { token: 'app' };

export const description: INodeProperties[] = [tokenProperty('Token', 'token', 'The access token to check (user or app token)')];

/**
 * POST <OAuth server>/oauth/token/introspect with the token as Bearer. An unknown token (401)
 * is reported as `{ active: false }` (UNCONFIRMED.introspect401MeansInactive).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const token = String(this.getNodeParameter('token', itemIndex, '')).trim();
	if (token === '') throw invalidParameter(this, itemIndex, 'Token', 'is empty', 'Pass the access token to check.');
	const client = await readAppClient.call(this, itemIndex);
	const outcome = await kickPlainRequest
		.call(this, { method: 'POST', url: `${client.oauthBaseUrl}/oauth/token/introspect`, bearer: token, idempotent: true, itemIndex })
		.then(
			(body) => ({ body, error: undefined }),
			(error: unknown) => ({ body: undefined, error }),
		);
	if (outcome.body) return (outcome.body.data as IDataObject | undefined) ?? outcome.body;
	if (UNCONFIRMED.introspect401MeansInactive && outcome.error instanceof NodeApiError && outcome.error.httpCode === '401') {
		return { active: false };
	}
	throw outcome.error;
}
