import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** Where Kick publishes the key it signs every webhook with (one key for all apps, no token). */
export const PEM_ENDPOINT_PATH = '/public/v1/public-key';

const PUBLIC_KEY_TIMEOUT_MS = 5000;

/**
 * Kick's answer to GET /public/v1/public-key. Kept apart from any credential: the Kick Trigger
 * passes the API base URL it stored at publish, so answering a delivery never reads a credential.
 */
export async function fetchPublicKeyBody(this: IHookFunctions | IWebhookFunctions, apiBaseUrl: string): Promise<unknown> {
	return await this.helpers.httpRequest({
		method: 'GET',
		url: `${apiBaseUrl}${PEM_ENDPOINT_PATH}`,
		json: true,
		timeout: PUBLIC_KEY_TIMEOUT_MS,
	});
}
