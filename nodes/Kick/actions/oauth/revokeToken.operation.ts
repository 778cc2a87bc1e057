import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { UNCONFIRMED } from '../../shared/kick.constants';
import { kickPlainRequest, readAppClient } from '../../transport';
import { invalidParameter } from '../common/validation';
import type { OperationMeta } from '../types';
import { tokenHintProperty, tokenProperty } from './common';

export const meta: OperationMeta = { token: 'app' };

export const description: INodeProperties[] = [
	tokenProperty('Token', 'token', 'The access or refresh token to invalidate (e.g. when a user unlinks their account)'),
	tokenHintProperty,
];

/**
 * POST <OAuth server>/oauth/revoke?token=…&token_hint_type=… with a form content type (Kick
 * documents query parameters here). Answers `{ revoked: true }`, never the token.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const token = String(this.getNodeParameter('token', itemIndex, '')).trim();
	if (token === '') throw invalidParameter(this, itemIndex, 'Token', 'is empty', 'Pass the token to revoke.');
	const hint = this.getNodeParameter('tokenTypeHint', itemIndex, 'access_token') as string;
	const client = await readAppClient.call(this, itemIndex);
	await kickPlainRequest.call(this, {
		method: 'POST',
		url: `${client.oauthBaseUrl}/oauth/revoke`,
		qs: { token, [UNCONFIRMED.revokeHintParameter]: hint },
		form: {},
		idempotent: true,
		itemIndex,
	});
	return { revoked: true, token_type: hint };
}
