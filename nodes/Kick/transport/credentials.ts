import type { IAllExecuteFunctions, IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { APP_CREDENTIAL, KICK_API_BASE_URL, KICK_OAUTH_BASE_URL, USER_CREDENTIAL } from '../shared/kick.constants';

export type KickCredentialType = typeof USER_CREDENTIAL | typeof APP_CREDENTIAL;

/** Values of the nodes' "Authentication" parameter. */
export type KickAuthentication = 'userOAuth2' | 'appOAuth2' | 'none';

export function credentialTypeFor(authentication: KickAuthentication): KickCredentialType | undefined {
	if (authentication === 'userOAuth2') return USER_CREDENTIAL;
	if (authentication === 'appOAuth2') return APP_CREDENTIAL;
	return undefined;
}

/** A credential's URL field when its "Use Custom Endpoints" switch is on, else Kick's own URL. */
export function endpointOf(credentials: IDataObject, field: 'apiBaseUrl' | 'oauthServerUrl'): string {
	const kick = field === 'apiBaseUrl' ? KICK_API_BASE_URL : KICK_OAUTH_BASE_URL;
	const custom = credentials.useCustomEndpoints === true && typeof credentials[field] === 'string' ? credentials[field].trim() : '';
	return (custom || kick).replace(/\/+$/, '');
}

/** The API base URL (Kick's unless the credential uses custom endpoints), without a trailing slash. */
export async function getApiBaseUrl(this: IAllExecuteFunctions, credentialType: KickCredentialType): Promise<string> {
	return endpointOf(await this.getCredentials(credentialType), 'apiBaseUrl');
}

/** Which Kick app a credential belongs to, and where it sends requests. */
export interface KickApp {
	apiBaseUrl: string;
	oauthBaseUrl: string;
	clientId: string;
	clientSecret: string;
}

export async function getKickApp(this: IAllExecuteFunctions, credentialType: KickCredentialType, itemIndex?: number): Promise<KickApp> {
	const credentials = await this.getCredentials(credentialType, itemIndex);
	return {
		apiBaseUrl: endpointOf(credentials, 'apiBaseUrl'),
		oauthBaseUrl: endpointOf(credentials, 'oauthServerUrl'),
		clientId: typeof credentials.clientId === 'string' ? credentials.clientId : '',
		clientSecret: typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '',
	};
}

/** The error for a user credential granted none of `anyOf`; `why` says what the scope is for. */
export function missingScopeError(node: INode, anyOf: readonly string[], why = ''): NodeOperationError {
	const names = anyOf.map((scope) => `'${scope}'`).join(' or ');
	return new NodeOperationError(node, `Credential: the connected Kick account did not grant the ${names} scope`, {
		description:
			`${why}Open the Kick OAuth2 API credential, add ${names} (or turn off Custom Scopes to request all scopes), and reconnect it.`,
	});
}

/**
 * Scopes granted to a user credential, from the token response n8n stored. Undefined when n8n
 * has no record of them (then Kick's own 403 is the check).
 */
export async function getGrantedScopes(this: IAllExecuteFunctions, credentialType: KickCredentialType): Promise<string[] | undefined> {
	if (credentialType !== USER_CREDENTIAL) return undefined;
	const credentials = await this.getCredentials(credentialType);
	const tokenData = credentials.oauthTokenData as { scope?: unknown } | undefined;
	if (!tokenData || typeof tokenData.scope !== 'string' || tokenData.scope.trim() === '') {
		return undefined;
	}
	return tokenData.scope.split(/[\s,]+/).filter(Boolean);
}
