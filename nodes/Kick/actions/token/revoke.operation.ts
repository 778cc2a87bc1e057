import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { UNCONFIRMED, USER_CREDENTIAL } from '../../shared/kick.constants';
import { invalidParameter } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any' };

export const description: INodeProperties[] = [
	{
		displayName:
			"This revokes the credential's own token at Kick. n8n then needs a new one: an app credential gets one by itself, a user credential must usually be reconnected.",
		name: 'revokeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Token To Revoke',
		name: 'tokenKind',
		type: 'options',
		default: 'access_token',
		options: [
			{ name: 'Access Token', value: 'access_token', description: "The credential's current access token" },
			{ name: 'Refresh Token', value: 'refresh_token', description: "The user credential's refresh token (ends the connection for good)" },
		],
		description: 'Which of the credential\'s tokens to revoke. To revoke a token your workflow stored itself, use OAuth → Revoke Token.',
	},
];

/**
 * POST <OAuth server>/oauth/revoke?token=…&token_hint_type=… (Kick documents the parameters in
 * the query string, with a form content type). Outputs only what was revoked, never the token.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const tokenKind = this.getNodeParameter('tokenKind', itemIndex) as 'access_token' | 'refresh_token';
	if (tokenKind === 'refresh_token' && context.credentialType !== USER_CREDENTIAL) {
		throw invalidParameter(this, itemIndex, 'Token To Revoke', 'app tokens have no refresh token', "Choose 'Access Token', or use the Kick OAuth2 API (user) credential.");
	}
	const credentials = await this.getCredentials(context.credentialType!, itemIndex);
	const tokenData = (credentials.oauthTokenData as IDataObject | undefined) ?? {};
	const token = tokenData[tokenKind];
	if (typeof token !== 'string' || token === '') {
		throw invalidParameter(this, itemIndex, 'Token To Revoke', `the credential holds no ${tokenKind.replace('_', ' ')}`, 'Connect the credential (or run another Kick operation with it once) first.');
	}
	await revokeAtKick(context, itemIndex, token, tokenKind);
	return { revoked: true, token_type: tokenKind };
}

/** POST <OAuth server>/oauth/revoke for a token of the credential (also Check Login's way to make n8n refresh). */
export async function revokeAtKick(context: OperationContext, itemIndex: number, token: string, kind: string): Promise<void> {
	await context.request(itemIndex, {
		method: 'POST',
		path: '/oauth/revoke',
		host: 'oauth',
		qs: { token, [UNCONFIRMED.revokeHintParameter]: kind },
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		idempotent: true,
	});
}
