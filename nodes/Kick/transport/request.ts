import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestMethods,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { hostOf } from '../shared/headers';
import { parseJson } from '../shared/json';
import { UNCONFIRMED } from '../shared/kick.constants';
import { type KickCredentialType, getKickApp } from './credentials';
import { explainFailure, type KickFailure } from './errorMessages';
import { pacerFor } from './pacer';
import { DEFAULT_RETRY_POLICY, hintedDelayMs, isRetryable, retryDelayMs } from './retry';

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
	 * Whether sending the request twice has the same effect as once (default: every method but
	 * POST). Only idempotent requests are retried after a 5xx or a dropped connection (retry.ts).
	 */
	idempotent?: boolean;
	itemIndex?: number;
	/** Scope the operation needs with a user token, for a precise error message. */
	requiredScope?: string;
	/** Whether the operation only works with a user token, for a precise error message. */
	userTokenOnly?: boolean;
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
		const { response } = candidate as { response?: { status?: number; headers?: Record<string, unknown>; data?: unknown } };
		if (response && typeof response.status === 'number') {
			return { status: response.status, headers: response.headers, data: response.data };
		}
	}
	for (const candidate of chain) {
		const { status, body } = candidate as { status?: unknown; body?: unknown };
		if (typeof status === 'number' && status >= 400 && status < 600 && !(candidate instanceof NodeApiError)) {
			return { status, data: body, tokenEndpoint: true };
		}
	}
	for (const candidate of chain) {
		const code = (candidate as { code?: unknown })?.code;
		// EAUTH is n8n's OAuth2 client refusing a token answer, not a network failure.
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code) && code !== 'ESTATUS' && code !== 'EAUTH') return { networkCode: code };
	}
	return undefined;
}

type RetriedAnswer = KickFailure & { ok: boolean; retriesExhausted: boolean };

/**
 * Sends again as Kick's retry rules allow, until an answer is a success (2xx) or may not be
 * retried: the answer of any status, or the failure of a connection that never got one.
 */
async function withRetries(send: () => Promise<KickFailure>, idempotent: boolean): Promise<RetriedAnswer> {
	for (let retry = 1; ; retry++) {
		const answer = await send();
		const exhausted = retry > DEFAULT_RETRY_POLICY.maxRetries;
		const ok = answer.status !== undefined && answer.status >= 200 && answer.status < 300;
		if (ok || exhausted || !isRetryable(answer, idempotent)) return { ...answer, ok, retriesExhausted: exhausted };
		await sleep(retryDelayMs(answer, retry));
	}
}

/** n8n's plain httpRequest (no credential), with retries. */
export async function sendWithRetries(
	context: { helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'> },
	options: IHttpRequestOptions,
	idempotent: boolean,
): Promise<RetriedAnswer> {
	return await withRetries(async () => {
		try {
			const full = { ...options, returnFullResponse: true, ignoreHttpStatusErrors: true };
			const response = (await context.helpers.httpRequest(full)) as IN8nHttpFullResponse;
			return { status: response.statusCode, headers: response.headers as Record<string, unknown>, data: response.body };
		} catch (error) {
			return readFailure(error) ?? { networkCode: 'EUNKNOWN' };
		}
	}, idempotent);
}

/** Which of Kick's limits a request counts against (UNCONFIRMED.rateLimitScope). */
function limitKey(clientId: string, credentialType: KickCredentialType, method: string, path: string): string {
	switch (UNCONFIRMED.rateLimitScope) {
		case 'token':
			return `${clientId}\n${credentialType}`;
		case 'endpoint':
			return `${clientId}\n${method} ${path.replace(/\/\d+|\/[0-9A-HJKMNP-TV-Z]{26}/g, '/:id')}`;
		default:
			return clientId;
	}
}

/**
 * The one place that sends requests to Kick. Uses n8n's httpRequestWithAuthentication, so n8n
 * adds the token, refreshes it on 401 and applies proxies. Retries what is safe to retry and
 * turns failures into NodeApiErrors that say what to do.
 */
export async function kickApiRequest(this: IAllExecuteFunctions, request: KickRequest): Promise<IDataObject> {
	const app = await getKickApp.call(this, request.credentialType);
	const baseUrl = request.host === 'oauth' ? app.oauthBaseUrl : app.apiBaseUrl;
	// Kick's request limits apply to its API; the OAuth server's are not known to exist.
	const limitId = limitKey(app.clientId, request.credentialType, request.method, request.path);
	const pacer = request.host === 'oauth' ? undefined : pacerFor(app.apiBaseUrl, limitId);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		arrayFormat: 'repeat',
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
	};
	const idempotent = request.idempotent ?? request.method !== 'POST';
	const policy = DEFAULT_RETRY_POLICY;
	// How long the request may wait out Kick's request limit: a Kick node run waits its turn (a
	// large run should finish, not fail), a trigger's request does not hold up n8n for long (the
	// next poll or delivery comes anyway).
	const isNodeRun = typeof (this as { getInputData?: unknown }).getInputData === 'function';
	const deadline = Date.now() + (isNodeRun ? 15 * 60_000 : 30_000);
	let refusals = 0;
	// One attempt, which waits its turn at the pacer as often as Kick refuses it with a 429.
	const send = async (): Promise<KickFailure> => {
		for (;;) {
			const ticket = pacer ? await pacer.acquire(deadline) : undefined;
			if (pacer && !ticket) throw rateLimitError(this, request, baseUrl, pacer.limit);
			try {
				const body: unknown = await this.helpers.httpRequestWithAuthentication.call(this, request.credentialType, { ...options });
				if (ticket) pacer?.settle(ticket, { kind: 'accepted' });
				return { status: 200, data: body };
			} catch (error) {
				const failure = readFailure(error);
				// A 429 from the OAuth server (n8n refreshing the token) says nothing of the API's limit.
				const apiLimited = failure?.status === 429 && !failure.tokenEndpoint;
				const hintedMs = hintedDelayMs(failure?.headers, Date.now());
				if (ticket) pacer?.settle(ticket, apiLimited ? { kind: 'limited', hintedMs } : { kind: 'other' });
				if (isEndedLogin(error, failure)) throw endedLoginError(this, request.credentialType, request.itemIndex);
				if (!failure) {
					// Not an HTTP failure: e.g. n8n could not read the credential.
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: request.itemIndex });
				}
				if (!apiLimited || !pacer) return failure;
				// Kick did not act on a 429: the request waits its turn at the pacer, which has learned
				// Kick's limit from it, for as long as the caller's patience allows. Refused again and
				// again (a header saying "now" each time), it also backs off.
				refusals++;
				if (Date.now() >= deadline) throw rateLimitError(this, request, baseUrl, pacer.limit);
				await sleep(Math.min(RATE_LIMIT_BACKOFF_CAP_MS, refusals > 1 ? policy.baseDelayMs * 2 ** (refusals - 2) : 0));
			}
		}
	};
	const answer = await withRetries(send, idempotent);
	if (answer.ok) return toObject(answer.data);
	const explained = explainFailure(answer, {
		credentialType: request.credentialType,
		requiredScope: request.requiredScope,
		userTokenOnly: request.userTokenOnly,
		host: hostOf(baseUrl),
		retriesExhausted: answer.retriesExhausted,
	});
	throw new NodeApiError(this.getNode(), { status: answer.status ?? null, code: answer.networkCode ?? null } as JsonObject, {
		...explained,
		itemIndex: request.itemIndex,
	});
}

/**
 * Whether n8n could not refresh a user token because Kick ended the login: Kick's token endpoint
 * answered `invalid_grant` (n8n 1.x passes that on), or n8n says the credential "needs to be
 * reconnected" (what n8n 2.x makes of it).
 */
export function isEndedLogin(error: unknown, failure: KickFailure | undefined): boolean {
	if (failure?.tokenEndpoint && (failure.data as { error?: unknown } | undefined)?.error === 'invalid_grant') return true;
	return causeChain(error).some(
		(cause) =>
			(cause as { body?: { error?: unknown } } | undefined)?.body?.error === 'invalid_grant' ||
			(cause instanceof Error && (/needs to be reconnected/.test(cause.message) || INVALID_GRANT_TEXT.test(cause.message))),
	);
}

/**
 * OAuth 2's text for `invalid_grant` (RFC 6749 §5.2), which Kick sends as its description and
 * n8n's OAuth2 client uses as its message. n8n 1.x wraps that error in a NodeApiError that keeps
 * only the message, so the text is all there is to recognize.
 */
const INVALID_GRANT_TEXT = /authorization grant .*refresh token is invalid, expired, revoked/i;

/** The one message for an ended login: which credential, and that it must be reconnected. */
export function endedLoginError(context: IAllExecuteFunctions, credentialType: KickCredentialType, itemIndex?: number): NodeOperationError {
	const name = context.getNode().credentials?.[credentialType]?.name;
	const credential = name ? `"${name}"` : 'the Kick OAuth2 API credential';
	return new NodeOperationError(context.getNode(), `The Kick login in credential ${credential} has ended: reconnect the credential`, {
		itemIndex,
		description: `Kick ends a login about 30 days after it was made, however often it is used, and at once when the account disconnects the app on kick.com. Open Credentials → ${credential} and click Reconnect. To hear about it before it happens, run Token → Check Login on a schedule (see the "Kick login health" example).`,
	});
}

/** The longest single backoff between refusals that each said "retry now". */
const RATE_LIMIT_BACKOFF_CAP_MS = 8000;

function rateLimitError(context: IAllExecuteFunctions, request: KickRequest, baseUrl: string, limit: number | undefined): NodeApiError {
	const explained = explainFailure({ status: 429 }, {
		credentialType: request.credentialType,
		host: hostOf(baseUrl),
		retriesExhausted: true,
		rateLimitPerWindow: limit,
	});
	return new NodeApiError(context.getNode(), { status: 429 } as JsonObject, { ...explained, itemIndex: request.itemIndex });
}

/** Kick answers 204 with no body and a few endpoints with plain text ("OK"). */
function toObject(body: unknown): IDataObject {
	if (body === undefined || body === null || body === '') return {};
	const parsed = parseJson(body);
	return parsed !== null && typeof parsed === 'object' ? (parsed as IDataObject) : { message: String(body) };
}
