/**
 * Request/response plumbing shared by every area. Handlers return a `Reply` (or throw a
 * `ReplyError`); the server writes it, so fault injection and logging live in one place.
 */
import type { IncomingMessage } from 'node:http';
import type { AccessTokenRecord, EmulatorState } from './state/model';
import type { Signer } from './types';
import type { TokenService } from './tokens';

export interface Reply {
	status: number;
	json?: unknown;
	text?: string;
	html?: string;
	/** Only for 302s. */
	location?: string;
	headers?: Record<string, string>;
}

export class ReplyError extends Error {
	constructor(readonly reply: Reply) {
		super(`HTTP ${reply.status}`);
	}
}

export type Query = Record<string, string | string[]>;

/** What handlers can reach: the data, the token service and the signer. */
export interface Env {
	state: EmulatorState;
	tokens: TokenService;
	signer: Signer;
}

export interface Ctx {
	env: Env;
	req: IncomingMessage;
	query: Query;
	body: unknown;
	params: Record<string, string>;
	/** The valid access token, set by the route's auth gate. */
	token: AccessTokenRecord | null;
}

// --- replies in Kick's shapes (docs/kick-api.md §1.3, §1.4) --------------------------------

export const ok = (data: unknown, extra: Record<string, unknown> = {}): Reply => ({
	status: 200,
	json: { data, message: 'OK', ...extra },
});

export const noContent = (): Reply => ({ status: 204 });

export const apiError = (status: number, data: unknown, message: string): ReplyError =>
	new ReplyError({ status, json: { data, message } });

/** A descriptive string ⇒ `"Bad request"` with it as data; none ⇒ `{}` + `"Invalid request"`. */
export const badRequest = (detail?: string): ReplyError =>
	detail === undefined
		? apiError(400, {}, 'Invalid request')
		: apiError(400, detail, 'Bad request');

export const unauthorized = (data: unknown = {}): ReplyError =>
	apiError(401, data, 'Unauthorized');
export const forbidden = (): ReplyError => apiError(403, {}, 'Forbidden');
export const notFound = (): ReplyError => apiError(404, {}, 'Not found');

/** id.kick.com's documented error. */
export const oauthInvalidRequest = (): ReplyError =>
	new ReplyError({ status: 400, json: { error: 'Invalid request' } });

/** id.kick.com's observed RFC 6749 error for bad codes, verifiers and refresh tokens. */
export const invalidGrant = (description: string): ReplyError =>
	new ReplyError({
		status: 400,
		json: { error: 'invalid_grant', error_description: description },
	});

// --- parsing -------------------------------------------------------------------------

export function parseQuery(params: URLSearchParams): Query {
	const query: Query = {};
	for (const [key, value] of params) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

export interface ParsedBody {
	value: unknown;
	/** The content-type said JSON but the bytes were not. */
	invalidJson: boolean;
}

export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
	if (raw.length === 0) return { value: undefined, invalidJson: false };
	const text = raw.toString('utf8');
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('application/x-www-form-urlencoded')) {
		return { value: Object.fromEntries(new URLSearchParams(text)), invalidJson: false };
	}
	if (type.includes('json')) {
		try {
			return { value: JSON.parse(text) as unknown, invalidJson: false };
		} catch {
			return { value: text, invalidJson: true };
		}
	}
	return { value: text, invalidJson: false };
}

export function bearerToken(req: IncomingMessage): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
	return match?.[1];
}

export function flatHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}
