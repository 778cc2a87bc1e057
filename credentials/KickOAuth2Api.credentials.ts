import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { apiCredentialTest, hiddenSetting, kickBaseUrlProperties, oauthUrlExpression } from './shared/kickBaseUrls';
import { KICK_SCOPES } from '../nodes/Kick/shared/kick.constants';

const ALL_SCOPES = KICK_SCOPES.join(' ');

/**
 * The PKCE pair n8n 1.x sends (it cannot send a fresh one together with the client secret in the
 * body). Not a secret: on 1.x the login is protected by the client secret, the state and the
 * exact redirect URL, as OAuth confidential clients are; n8n 2.x uses a fresh pair every time.
 */
const FIXED_PKCE = {
	verifier: 'lt5SZh-kszvbYZmqrYYNyIjiRndeHf8v9GH93KIxqvPSMfGZXWn2nDnT9_ZJd3qy',
	challenge: '2VbkCLVshUUstmjj06_hnzjikD64ha-NZtIg45WaK8Q',
};

/**
 * A Kick user token: authorization code + PKCE (S256). Kick requires the client secret even
 * with PKCE, so client id and secret travel in the token request body.
 */
export class KickOAuth2Api implements ICredentialType {
	name = 'kickOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Kick OAuth2 API';

	icon: Icon = { light: 'file:../nodes/Kick/kick.svg', dark: 'file:../nodes/Kick/kick.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-kick/n8n-nodes-kick/blob/main/docs/credentials.md#kick-oauth2-api';

	properties: INodeProperties[] = [
		// Authorization code with PKCE and the client secret in the body, as Kick requires. n8n
		// 2.x does exactly that with `usePkce` (a fresh PKCE pair per login); n8n 1.x only does
		// PKCE with its 'pkce' grant, and then sends the secret in a Basic header, which Kick
		// does not document. So the grant is 'authorizationCode' with body authentication, and
		// n8n 1.x gets the PKCE parameters from the fixed pair below (2.x replaces them).
		hiddenSetting('Grant Type', 'grantType', 'authorizationCode'),
		hiddenSetting('Use PKCE', 'usePkce', true),
		...kickBaseUrlProperties,
		hiddenSetting('Authorization URL', 'authUrl', oauthUrlExpression('/oauth/authorize')),
		hiddenSetting('Access Token URL', 'accessTokenUrl', oauthUrlExpression('/oauth/token')),
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
		// n8n replaces a stored scope with the credential's default, so the choice above is
		// turned into the scope through this expression.
		hiddenSetting(
			'Scope',
			'scope',
			`={{$self["customScopes"] && $self["enabledScopes"] ? $self["enabledScopes"] : "${ALL_SCOPES}"}}`,
		),
		// Kick's login page rewrites the first "127.0.0.1" in its URL to "localhost", which breaks
		// the redirect of an n8n opened at http://127.0.0.1. Kick's documented workaround is a
		// parameter holding 127.0.0.1 before redirect_uri; n8n puts these parameters first.
		// Then the fixed PKCE challenge for n8n 1.x (see Grant Type).
		hiddenSetting(
			'Auth URI Query Parameters',
			'authQueryParameters',
			`redirect=127.0.0.1&code_challenge=${FIXED_PKCE.challenge}&code_challenge_method=S256`,
		),
		hiddenSetting('Additional Body Properties', 'additionalBodyProperties', JSON.stringify({ code_verifier: FIXED_PKCE.verifier })),
		hiddenSetting('Authentication', 'authentication', 'body'),
	];

	test: ICredentialTestRequest = apiCredentialTest('/public/v1/users');
}
