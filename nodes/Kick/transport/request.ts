import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { type KickCredentialType, getApiBaseUrl, getOAuthBaseUrl } from './credentials';
import { explainFailure, type KickFailure } from './errors';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, type RetryPolicy } from './retry';

export interface KickRequest {
	method: IHttpRequestMethods;
	/** Path on the API host (or the OAuth host when `host` is 'oauth'), starting with '/'. */
	path: string;
	/** Arrays are sent as repeated keys (`?id=1&id=2`), the form Kick's v1 endpoints document. */
	qs?: IDataObject;
	body?: IDataObject;
	credentialType: KickCredentialType;
	host?: 'api' | 'oauth';
	/**
	 * Whether sending the request twice has the same effect as once. Defaults to true for GET,
	 * PATCH, PUT and DELETE, false for POST. Only idempotent requests are retried after a 5xx or
	 * a dropped connection; any request is retried after a 429 because Kick did not act on it.
	 */
	idempotent?: boolean;
	itemIndex?: number;
	/** Scope the operation needs with a user token, for a precise error message. */
	requiredScope?: string;
	/** Whether the operation only works with a user token, for a precise error message. */
	userTokenOnly?: boolean;
	retryPolicy?: RetryPolicy;
	/** Extra headers (never credentials: n8n adds the token). */
	headers?: IDataObject;
}

/** The error and its causes, outermost first (n8n wraps failures up to three deep). */
function causeChain(error: unknown): unknown[] {
	const chain: unknown[] = [];
	for (let current = error; current !== undefined && current !== null && chain.length < 5; current = (current as { cause?: unknown }).cause) {
		chain.push(current);
	}
	return chain;
}

/**
 * Reads status, headers and body of a failed request from whatever n8n threw: an HTTP response
 * (axios), a status without a response (n8n's OAuth2 client when Kick's token endpoint refuses,
 * wrapped as "Failed to acquire OAuth2 access token"), or a network error code.
 */
export function readFailure(error: unknown): KickFailure | undefined {
	const chain = causeChain(error);
	for (const candidate of chain) {
		const response = (candidate as { response?: { status?: number; headers?: Record<string, unknown>; data?: unknown } })
			?.response;
		if (response && typeof response.status === 'number') {
			return { status: response.status, headers: response.headers, data: response.data };
		}
	}
	for (const candidate of chain) {
		const { status, body } = candidate as { status?: unknown; body?: unknown };
		if (typeof status === 'number' && status >= 400 && status < 600 && !(candidate instanceof NodeApiError)) {
			return { status, data: body };
		}
	}
	for (const candidate of chain) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code) && code !== 'ESTATUS') return { networkCode: code };
	}
	return undefined;
}

function defaultIdempotent(method: IHttpRequestMethods): boolean {
	return method !== 'POST';
}

/**
 * The one place that sends requests to Kick. Uses n8n's httpRequestWithAuthentication, so n8n
 * adds the token, refreshes it on 401 and applies proxies. Retries what is safe to retry and
 * turns failures into NodeApiErrors that say what to do.
 */
export async function kickApiRequest(this: IAllExecuteFunctions, request: KickRequest): Promise<IDataObject> {
	const baseUrl =
		request.host === 'oauth'
			? await getOAuthBaseUrl.call(this, request.credentialType)
			: await getApiBaseUrl.call(this, request.credentialType);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		arrayFormat: 'repeat',
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
	};
	const idempotent = request.idempotent ?? defaultIdempotent(request.method);
	const policy = request.retryPolicy ?? DEFAULT_RETRY_POLICY;

	for (let retry = 1; ; retry++) {
		try {
			const body: unknown = await this.helpers.httpRequestWithAuthentication.call(
				this,
				request.credentialType,
				{ ...options },
			);
			return toObject(body);
		} catch (error) {
			const failure = readFailure(error);
			if (!failure) {
				// Not an HTTP failure: e.g. n8n could not refresh the token and asks to reconnect.
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: request.itemIndex });
			}
			if (retry <= policy.maxRetries && isRetryable(failure, idempotent)) {
				await sleep(retryDelayMs(failure, retry, policy));
				continue;
			}
			const explained = explainFailure(failure, {
				credentialType: request.credentialType,
				requiredScope: request.requiredScope,
				userTokenOnly: request.userTokenOnly,
				host: hostOf(baseUrl),
				retriesExhausted: retry > policy.maxRetries,
			});
			throw new NodeApiError(this.getNode(), { status: failure.status ?? null, code: failure.networkCode ?? null } as JsonObject, {
				message: explained.message,
				description: explained.description,
				httpCode: explained.httpCode,
				itemIndex: request.itemIndex,
			});
		}
	}
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** Kick answers 204 with no body and a few endpoints with plain text ("OK"). */
function toObject(body: unknown): IDataObject {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body === 'object') return body as IDataObject;
	if (typeof body === 'string') {
		try {
			const parsed = JSON.parse(body) as unknown;
			if (parsed && typeof parsed === 'object') return parsed as IDataObject;
		} catch {
			return { message: body };
		}
	}
	return { message: String(body) };
}
