/**
 * Requests the OAuth resource makes on behalf of a workflow: Kick's OAuth server with the Kick
 * App credential's client ID and secret, and the API with a token the workflow holds. n8n's
 * credential machinery cannot do these (the token is not the credential's own), so they use
 * the plain httpRequest helper. The credential is read in one function, the request sent in
 * another, and no token or secret ever appears in an error message.
 */
import type { IAllExecuteFunctions, IDataObject, IExecuteFunctions, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { hostOf } from '../shared/headers';
import { parseJson } from '../shared/json';
import { APP_CREDENTIAL } from '../shared/kick.constants';
import { getKickApp, type KickApp } from './credentials';
import { explainFailure } from './errorMessages';
import { sendWithRetries } from './request';

/** The Kick App credential's client ID, secret and server URLs. Sends nothing. */
export async function readAppClient(this: IExecuteFunctions, itemIndex: number): Promise<KickApp> {
	const app = await getKickApp.call(this, APP_CREDENTIAL, itemIndex);
	const clientId = app.clientId.trim();
	const clientSecret = app.clientSecret.trim();
	if (clientId === '' || clientSecret === '') {
		throw new NodeOperationError(this.getNode(), 'Credential: the Kick App OAuth2 API credential has no Client ID or Client Secret', {
			itemIndex,
			description: "Open the credential and enter the Client ID and Client Secret from the Kick app's developer settings (kick.com/settings/developer).",
		});
	}
	return { ...app, clientId, clientSecret };
}

export interface PlainKickRequest {
	method: IHttpRequestMethods;
	url: string;
	/** Sent form-encoded (everything on Kick's OAuth server is). */
	form?: Record<string, string>;
	qs?: IDataObject;
	/** A token the workflow holds, sent as `Authorization: Bearer`. */
	bearer?: string;
	/** Whether sending twice has the same effect (a code exchange is not: codes are single-use). */
	idempotent: boolean;
	itemIndex?: number;
}

/** Replaces every secret (token, client secret, code, verifier) in a text with a placeholder. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 6) result = result.split(secret).join('[redacted]');
	}
	return result;
}

/** Kick's answer as an object; a failure becomes a NodeApiError with every secret of the request redacted. */
export async function kickPlainRequest(this: IAllExecuteFunctions, request: PlainKickRequest): Promise<IDataObject> {
	const secrets = [
		request.bearer,
		...Object.values(request.form ?? {}),
		...Object.values(request.qs ?? {}).map((value) => (typeof value === 'string' ? value : undefined)),
	];
	const headers: IDataObject = { Accept: 'application/json' };
	if (request.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
	if (request.bearer) headers.Authorization = `Bearer ${request.bearer}`;

	const response = await sendWithRetries(
		this,
		{
			method: request.method,
			url: request.url,
			qs: request.qs,
			// Kick's id lists are repeated keys (`?id=a&id=b`), as in the transport.
			arrayFormat: 'repeat',
			headers,
			body: request.form ? new URLSearchParams(request.form).toString() : undefined,
			json: false,
			encoding: 'text',
		},
		request.idempotent,
	);
	const body = parseJson(typeof response.data === 'string' ? response.data.trim() : response.data);
	if (response.ok) {
		if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
		return { message: typeof body === 'string' ? body : '' };
	}
	const explained = explainFailure({ ...response, data: body }, {
		credentialType: APP_CREDENTIAL,
		host: hostOf(request.url, 'the Kick OAuth server'),
		retriesExhausted: response.retriesExhausted,
		oauthClient: true,
	});
	throw new NodeApiError(this.getNode(), { status: response.status ?? null, code: response.networkCode ?? null } as JsonObject, {
		message: redactSecrets(explained.message, secrets),
		description: redactSecrets(explained.description, secrets),
		httpCode: explained.httpCode,
		itemIndex: request.itemIndex,
	});
}

/**
 * An app token for a Kick app (client credentials), for what only an app token may do, such as
 * deleting the subscriptions of an account that disconnected the app (KickDevDocs#347).
 */
export async function mintAppToken(this: IAllExecuteFunctions, client: Omit<KickApp, 'apiBaseUrl'>): Promise<string> {
	const body = await kickPlainRequest.call(this, {
		method: 'POST',
		url: `${client.oauthBaseUrl}/oauth/token`,
		form: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret },
		idempotent: true,
	});
	const token = body.access_token;
	if (typeof token !== 'string' || token === '') {
		throw new NodeOperationError(this.getNode(), "Kick's OAuth server answered without an app token");
	}
	return token;
}
