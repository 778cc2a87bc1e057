import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { kickPlainRequest, readAppClient } from '../../transport';
import { invalidParameter } from '../common/validation';
import type { OperationMeta } from '../types';
import { tokenOutput, tokenProperty } from './common';

export const meta: OperationMeta = { token: 'app' };

export const description: INodeProperties[] = [
	tokenProperty('Refresh Token', 'refreshToken', 'A refresh token from Exchange Code or an earlier Refresh Token. Kick answers with a new one each time: store it.'),
];

/** POST <OAuth server>/oauth/token (refresh_token): a new access token and a new refresh token. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const refreshToken = String(this.getNodeParameter('refreshToken', itemIndex, '')).trim();
	if (refreshToken === '') throw invalidParameter(this, itemIndex, 'Refresh Token', 'is empty', 'Pass the refresh_token your workflow stored.');
	const client = await readAppClient.call(this, itemIndex);
	const response = await kickPlainRequest.call(this, {
		method: 'POST',
		url: `${client.oauthBaseUrl}/oauth/token`,
		form: { grant_type: 'refresh_token', client_id: client.clientId, client_secret: client.clientSecret, refresh_token: refreshToken },
		idempotent: false,
		itemIndex,
	});
	return tokenOutput(response);
}
