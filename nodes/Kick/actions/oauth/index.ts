import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { KICK_SCOPES, UNCONFIRMED } from '../../shared/kick.constants';
import { buildAuthorizationUrl, codeChallengeS256, createCodeVerifier, createState, isValidCodeVerifier } from '../../shared/pkce';
import { kickPlainRequest, readAppClient } from '../../transport';
import { resourceDescription } from '../common/descriptions';
import { invalidParameter } from '../common/validation';
import type { KickOperation, OperationMeta } from '../types';

/** Kick's token answer, with `expires_in` as a number (the docs show strings) and an absolute expiry. */
function tokenOutput(response: IDataObject): IDataObject {
	const expiresIn = Number(response.expires_in);
	return {
		access_token: response.access_token,
		refresh_token: response.refresh_token ?? null,
		token_type: response.token_type ?? 'Bearer',
		expires_in: Number.isFinite(expiresIn) ? expiresIn : null,
		expires_at: Number.isFinite(expiresIn) ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
		scope: typeof response.scope === 'string' ? response.scope : null,
	};
}

const redirectUriProperty: INodeProperties = {
	displayName: 'Redirect URI',
	name: 'redirectUri',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/kick-callback',
	description:
		"Where Kick sends the user back with the code, e.g. the production URL of a Webhook node. It must exactly match a redirect URL registered in the Kick app's developer settings.",
};

function tokenProperty(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description,
	};
}

const meta: OperationMeta = { token: 'app' };

/**
 * No request: builds `<OAuth server>/oauth/authorize?…` with a fresh PKCE S256 pair. The
 * output holds the code verifier, which the workflow must keep until Exchange Code.
 */
const createAuthorizationUrl: KickOperation = {
	meta,
	description: [
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
	],
	async execute(itemIndex) {
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
	},
};

/** POST <OAuth server>/oauth/token (authorization_code + PKCE), then optionally GET /public/v1/users with the new token. */
const exchangeCode: KickOperation = {
	meta,
	description: [
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
	],
	async execute(itemIndex) {
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
	},
};

/**
 * POST <OAuth server>/oauth/token/introspect with the token as Bearer. An unknown token (401)
 * is reported as `{ active: false }` (UNCONFIRMED.introspect401MeansInactive).
 */
const introspectToken: KickOperation = {
	meta,
	description: [tokenProperty('Token', 'token', 'The access token to check (user or app token)')],
	async execute(itemIndex) {
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
	},
};

/** POST <OAuth server>/oauth/token (refresh_token): a new access token and a new refresh token. */
const refreshToken: KickOperation = {
	meta,
	description: [
		tokenProperty('Refresh Token', 'refreshToken', 'A refresh token from Exchange Code or an earlier Refresh Token. Kick answers with a new one each time: store it.'),
	],
	async execute(itemIndex) {
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
	},
};

/**
 * POST <OAuth server>/oauth/revoke?token=…&token_hint_type=… with a form content type (Kick
 * documents query parameters here). Answers `{ revoked: true }`, never the token.
 */
const revokeToken: KickOperation = {
	meta,
	description: [
		tokenProperty('Token', 'token', 'The access or refresh token to invalidate (e.g. when a user unlinks their account)'),
		{
			displayName: 'Token Type',
			name: 'tokenTypeHint',
			type: 'options',
			default: 'access_token',
			options: [
				{ name: 'Access Token', value: 'access_token' },
				{ name: 'Refresh Token', value: 'refresh_token' },
			],
			description: 'What kind of token it is (sent to Kick as a hint)',
		},
	],
	async execute(itemIndex) {
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
	},
};

export const operations = { createAuthorizationUrl, exchangeCode, introspectToken, refreshToken, revokeToken };

export const description = resourceDescription('oauth', operations, 'createAuthorizationUrl', [
	{
		name: 'Create Authorization URL',
		value: 'createAuthorizationUrl',
		action: 'Create an authorization URL',
		description: 'Start linking a Kick account: a Kick login link with PKCE, plus the verifier and state to keep',
	},
	{
		name: 'Exchange Code',
		value: 'exchangeCode',
		action: 'Exchange an authorization code',
		description: 'Finish linking: turn the code from the redirect into tokens and the Kick user',
	},
	{
		name: 'Introspect Token',
		value: 'introspectToken',
		action: 'Introspect a token',
		description: 'Check whether a stored token is active, its scopes and expiry',
	},
	{
		name: 'Refresh Token',
		value: 'refreshToken',
		action: 'Refresh a token',
		description: 'Get a new access token (and refresh token) for a stored refresh token',
	},
	{ name: 'Revoke Token', value: 'revokeToken', action: 'Revoke a token', description: 'Invalidate a stored access or refresh token' },
]);
