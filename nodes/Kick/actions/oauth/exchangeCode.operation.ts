import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isValidCodeVerifier } from '../../shared/pkce';
import { kickPlainRequest, readAppClient } from '../../transport';
import { invalidParameter } from '../common/validation';
import type { OperationMeta } from '../types';
import { redirectUriProperty, tokenOutput, tokenProperty } from './common';

export const meta: OperationMeta = { token: 'app' };

export const description: INodeProperties[] = [
	tokenProperty('Code', 'code', "The code Kick added to the redirect URI (query parameter 'code')"),
	tokenProperty('Code Verifier', 'codeVerifier', 'The code_verifier that Create Authorization URL produced for this authorization'),
	redirectUriProperty,
	{
		displayName: 'Include User Profile',
		name: 'includeUser',
		type: 'boolean',
		default: true,
		description: "Whether to also fetch the Kick user who authorized (needs the 'user:read' scope), to link accounts without another step",
	},
];

/** POST <OAuth server>/oauth/token (authorization_code + PKCE), then optionally GET /public/v1/users with the new token. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const code = String(this.getNodeParameter('code', itemIndex, '')).trim();
	const codeVerifier = String(this.getNodeParameter('codeVerifier', itemIndex, '')).trim();
	const redirectUri = String(this.getNodeParameter('redirectUri', itemIndex, '')).trim();
	if (code === '') throw invalidParameter(this, itemIndex, 'Code', 'is empty', "Pass the 'code' query parameter of the callback request.");
	if (!isValidCodeVerifier(codeVerifier)) {
		throw invalidParameter(this, itemIndex, 'Code Verifier', 'is not a PKCE code verifier (43 to 128 letters, digits, - . _ ~)', 'Pass the code_verifier output by Create Authorization URL for this same authorization.');
	}
	if (!/^https?:\/\/\S+$/i.test(redirectUri)) {
		throw invalidParameter(this, itemIndex, 'Redirect URI', 'is not an http(s) URL', 'Use exactly the redirect URI given to Create Authorization URL.');
	}
	const client = await readAppClient.call(this, itemIndex);
	const response = await kickPlainRequest.call(this, {
		method: 'POST',
		url: `${client.oauthBaseUrl}/oauth/token`,
		form: {
			grant_type: 'authorization_code',
			client_id: client.clientId,
			client_secret: client.clientSecret,
			redirect_uri: redirectUri,
			code_verifier: codeVerifier,
			code,
		},
		idempotent: false,
		itemIndex,
	});
	const tokens = tokenOutput(response);
	if (!this.getNodeParameter('includeUser', itemIndex, true)) return tokens;
	const granted = typeof tokens.scope === 'string' ? tokens.scope.split(/\s+/) : [];
	if (!granted.includes('user:read')) return { ...tokens, user: null };
	const users = await kickPlainRequest.call(this, {
		method: 'GET',
		url: `${client.apiBaseUrl}/public/v1/users`,
		bearer: String(tokens.access_token),
		idempotent: true,
		itemIndex,
	});
	return { ...tokens, user: ((users.data as IDataObject[] | undefined) ?? [])[0] ?? null };
}
