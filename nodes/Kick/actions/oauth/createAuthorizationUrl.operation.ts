import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { KICK_SCOPES } from '../../shared/kick.constants';
import { buildAuthorizationUrl, codeChallengeS256, createCodeVerifier, createState } from '../../shared/pkce';
import { readAppClient } from '../../transport';
import { invalidParameter } from '../common/validation';
import type { OperationMeta } from '../types';
import { redirectUriProperty } from './common';

export const meta: OperationMeta = { token: 'app' };

export const description: INodeProperties[] = [
	redirectUriProperty,
	{
		displayName: 'Scopes',
		name: 'scopes',
		type: 'multiOptions',
		default: ['user:read'],
		options: KICK_SCOPES.map((scope) => ({ name: scope, value: scope })),
		description: "What the user allows the app to do. 'user:read' is enough to learn who the user is (account linking).",
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.discordUserId }}',
		description:
			'A value Kick hands back unchanged with the code, to recognize the user and block forged callbacks. Leave empty for a random one. If you use your own (e.g. a Discord user ID), add something unguessable to it.',
	},
];

/**
 * No request: builds `<OAuth server>/oauth/authorize?…` with a fresh PKCE S256 pair. The
 * output holds the code verifier, which the workflow must keep until Exchange Code.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const redirectUri = String(this.getNodeParameter('redirectUri', itemIndex, '')).trim();
	if (!/^https?:\/\/\S+$/i.test(redirectUri)) {
		throw invalidParameter(this, itemIndex, 'Redirect URI', 'is not an http(s) URL', "Enter the exact URL registered in the Kick app's developer settings, e.g. https://n8n.example.com/webhook/kick-callback.");
	}
	const scopes = this.getNodeParameter('scopes', itemIndex, []) as string[];
	if (scopes.length === 0) {
		throw invalidParameter(this, itemIndex, 'Scopes', 'no scope chosen', "Choose at least one scope, e.g. 'user:read'.");
	}
	const state = String(this.getNodeParameter('state', itemIndex, '') ?? '').trim() || createState();
	const client = await readAppClient.call(this, itemIndex);
	const codeVerifier = createCodeVerifier();
	const codeChallenge = codeChallengeS256(codeVerifier);
	return {
		authorization_url: buildAuthorizationUrl({ oauthBaseUrl: client.oauthBaseUrl, clientId: client.clientId, redirectUri, scopes, state, codeChallenge }),
		state,
		code_verifier: codeVerifier,
		code_challenge: codeChallenge,
		code_challenge_method: 'S256',
		redirect_uri: redirectUri,
		scopes,
	};
}
