import type { INodeProperties } from 'n8n-workflow';

import { KICK_API_BASE_URL, KICK_OAUTH_BASE_URL } from '../../nodes/Kick/shared/kick.constants';

/**
 * Both Kick credentials carry the API and OAuth server URLs, so the same build can talk to Kick,
 * a proxy, or the project's emulator. Every URL the package uses derives from these two fields.
 */
export const kickBaseUrlProperties: INodeProperties[] = [
	{
		displayName: 'API Base URL',
		name: 'apiBaseUrl',
		type: 'string',
		default: KICK_API_BASE_URL,
		description: 'Kick\'s REST API. Change it only to go through a proxy or a test server.',
	},
	{
		displayName: 'OAuth Server URL',
		name: 'oauthServerUrl',
		type: 'string',
		default: KICK_OAUTH_BASE_URL,
		description: 'Kick\'s OAuth server. Change it only to go through a proxy or a test server.',
	},
];

/** An n8n expression for `<OAuth Server URL><path>`, tolerating a trailing slash. */
export function oauthUrlExpression(path: string): string {
	return `={{$self["oauthServerUrl"].replace(/\\/+$/, "")}}${path}`;
}
