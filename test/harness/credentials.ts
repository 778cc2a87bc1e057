import type { CredentialRef, N8nClient } from './n8nClient';

export interface KickCredentials {
	/** "Kick OAuth2 API", connected through n8n's real OAuth2 + PKCE flow. */
	user: CredentialRef;
	/** "Kick App OAuth2 API" (client credentials; n8n fetches the token on first use). */
	app: CredentialRef;
}

interface EmulatorLike {
	url: string;
	apps: Array<{ clientId: string; clientSecret: string; redirectUris: string[] }>;
}

/**
 * Creates both Kick credentials in n8n, pointed at the emulator, and connects the user one.
 * `scopes` limits the user credential to some scopes (Custom Scopes on).
 */
export async function connectKickCredentials(
	client: N8nClient,
	emulator: EmulatorLike,
	options: { scopes?: string[]; clientIndex?: number } = {},
): Promise<KickCredentials> {
	const app = emulator.apps[options.clientIndex ?? 0];
	const callback = `${client.baseUrl}/rest/oauth2-credential/callback`;
	if (!app.redirectUris.includes(callback)) app.redirectUris.push(callback);
	const common = {
		clientId: app.clientId,
		clientSecret: app.clientSecret,
		useCustomEndpoints: true,
		apiBaseUrl: emulator.url,
		oauthServerUrl: emulator.url,
	};
	const user = await client.createCredential('kickOAuth2Api', {
		...common,
		...(options.scopes ? { customScopes: true, enabledScopes: options.scopes.join(' ') } : {}),
	});
	await client.connectOAuth2(user);
	const appCredential = await client.createCredential('kickAppOAuth2Api', common);
	return { user, app: appCredential };
}
