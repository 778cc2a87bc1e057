import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import { KICK_API_BASE_URL, KICK_OAUTH_BASE_URL } from '../../nodes/Kick/shared/kick.constants';

/**
 * Both Kick credentials can point at other endpoints than Kick's (a proxy, or the project's Kick
 * emulator in tests), behind a switch that is off by default: most users never see the URLs, one
 * of which receives the client secret. Every URL the package uses derives from these fields.
 */
export const kickBaseUrlProperties: INodeProperties[] = [
	{
		displayName: 'Use Custom Endpoints',
		name: 'useCustomEndpoints',
		type: 'boolean',
		default: false,
		description:
			"Whether to send requests somewhere other than Kick's own servers, such as a proxy or a test server. Leave off to use Kick.",
	},
	{
		displayName: 'API Base URL',
		name: 'apiBaseUrl',
		type: 'string',
		default: KICK_API_BASE_URL,
		displayOptions: { show: { useCustomEndpoints: [true] } },
		description: "Where Kick's REST API requests go instead of " + KICK_API_BASE_URL,
	},
	{
		displayName: 'OAuth Server URL',
		name: 'oauthServerUrl',
		type: 'string',
		default: KICK_OAUTH_BASE_URL,
		displayOptions: { show: { useCustomEndpoints: [true] } },
		description: `Where Kick's OAuth requests (login, tokens, with the client secret) go instead of ${KICK_OAUTH_BASE_URL}`,
	},
];

/** One of n8n's OAuth2 settings (the credentials extend oAuth2Api), fixed to Kick's value and hidden. */
export function hiddenSetting(displayName: string, name: string, value: string | boolean): INodeProperties {
	return { displayName, name, type: 'hidden', default: value };
}

/** An n8n expression for the OAuth server (Kick's unless custom endpoints are on) + `path`. */
export function oauthUrlExpression(path: string): string {
	return `={{$self["useCustomEndpoints"] === true && $self["oauthServerUrl"] ? $self["oauthServerUrl"].replace(/\\/+$/, "") : "${KICK_OAUTH_BASE_URL}"}}${path}`;
}

/** An n8n expression for the API base URL (Kick's unless custom endpoints are on), for credential tests. */
const API_BASE_URL_EXPRESSION = `={{$credentials.useCustomEndpoints === true && $credentials.apiBaseUrl ? $credentials.apiBaseUrl.replace(/\\/+$/, "") : "${KICK_API_BASE_URL}"}}`;

/** A credential test: a GET of `url` on the API base URL. */
export function apiCredentialTest(url: string): ICredentialTestRequest {
	return { request: { baseURL: API_BASE_URL_EXPRESSION, url } };
}
