import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** Kick's token answer, with `expires_in` as a number (the docs show strings) and an absolute expiry. */
export function tokenOutput(response: IDataObject): IDataObject {
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

export const redirectUriProperty: INodeProperties = {
	displayName: 'Redirect URI',
	name: 'redirectUri',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/kick-callback',
	description:
		"Where Kick sends the user back with the code, e.g. the production URL of a Webhook node. It must exactly match a redirect URL registered in the Kick app's developer settings.",
};

export function tokenProperty(displayName: string, name: string, description: string): INodeProperties {
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

export const tokenHintProperty: INodeProperties = {
	displayName: 'Token Type',
	name: 'tokenTypeHint',
	type: 'options',
	default: 'access_token',
	options: [
		{ name: 'Access Token', value: 'access_token' },
		{ name: 'Refresh Token', value: 'refresh_token' },
	],
	description: 'What kind of token it is (sent to Kick as a hint)',
};
