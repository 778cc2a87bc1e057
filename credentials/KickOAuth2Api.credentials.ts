import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { API_BASE_URL_EXPRESSION, kickBaseUrlProperties, oauthUrlExpression } from './shared/kickBaseUrls';
import { KICK_SCOPES } from '../nodes/Kick/shared/kick.constants';

const ALL_SCOPES = KICK_SCOPES.join(' ');

/**
 * A Kick user token: authorization code + PKCE (S256). Kick requires the client secret even
 * with PKCE, so client id and secret travel in the token request body.
 */
export class KickOAuth2Api implements ICredentialType {
	name = 'kickOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Kick OAuth2 API';

	icon: Icon = { light: 'file:../nodes/Kick/kick.svg', dark: 'file:../nodes/Kick/kick.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-kick/n8n-nodes-kick#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'pkce',
		},
		...kickBaseUrlProperties,
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: oauthUrlExpression('/oauth/authorize'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: oauthUrlExpression('/oauth/token'),
		},
		{
			displayName: 'Custom Scopes',
			name: 'customScopes',
			type: 'boolean',
			default: false,
			description: 'Whether to request only some of Kick\'s scopes instead of all 11',
		},
		{
			displayName: 'Enabled Scopes',
			name: 'enabledScopes',
			type: 'string',
			displayOptions: { show: { customScopes: [true] } },
			default: ALL_SCOPES,
			description:
				'Space-separated Kick scopes to request. Remove the ones you do not need; operations that need a missing scope will say which one to add.',
		},
		{
			// n8n replaces a stored scope with the credential's default, so the choice above is
			// turned into the scope through this expression.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: `={{$self["customScopes"] && $self["enabledScopes"] ? $self["enabledScopes"] : "${ALL_SCOPES}"}}`,
		},
		{
			// Kick's login page rewrites the first "127.0.0.1" in its URL to "localhost", which breaks
			// the redirect of an n8n opened at http://127.0.0.1. Kick's documented workaround is a
			// parameter holding 127.0.0.1 before redirect_uri; n8n puts these parameters first.
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'redirect=127.0.0.1',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: API_BASE_URL_EXPRESSION,
			url: '/public/v1/users',
		},
	};
}
