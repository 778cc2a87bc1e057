import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { apiCredentialTest, hiddenSetting, kickBaseUrlProperties, oauthUrlExpression } from './shared/kickBaseUrls';

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
		hiddenSetting('Grant Type', 'grantType', 'clientCredentials'),
		...kickBaseUrlProperties,
		hiddenSetting('Access Token URL', 'accessTokenUrl', oauthUrlExpression('/oauth/token')),
		hiddenSetting('Scope', 'scope', ''),
		hiddenSetting('Auth URI Query Parameters', 'authQueryParameters', ''),
		hiddenSetting('Authentication', 'authentication', 'body'),
	];

	test: ICredentialTestRequest = apiCredentialTest('/public/v1/livestreams/stats');
}
