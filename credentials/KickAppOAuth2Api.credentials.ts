import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { API_BASE_URL_EXPRESSION, kickBaseUrlProperties, oauthUrlExpression } from './shared/kickBaseUrls';

/**
 * A Kick app token (client credentials): reads public data of any channel and can subscribe
 * to any channel's events. Kick app tokens have no scopes and no refresh token; n8n mints a
 * new one when Kick answers 401.
 */
export class KickAppOAuth2Api implements ICredentialType {
	name = 'kickAppOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Kick App OAuth2 API';

	icon: Icon = { light: 'file:../nodes/Kick/kick.svg', dark: 'file:../nodes/Kick/kick.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-kick/n8n-nodes-kick/blob/main/docs/credentials.md#kick-app-oauth2-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		...kickBaseUrlProperties,
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: oauthUrlExpression('/oauth/token'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
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
			url: '/public/v1/livestreams/stats',
		},
	};
}
