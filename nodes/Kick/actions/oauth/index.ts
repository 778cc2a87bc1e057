import * as createAuthorizationUrl from './createAuthorizationUrl.operation';
import * as exchangeCode from './exchangeCode.operation';
import * as introspectToken from './introspectToken.operation';
import * as refreshToken from './refreshToken.operation';
import * as revokeToken from './revokeToken.operation';
import { resourceDescription } from '../common/descriptions';

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
