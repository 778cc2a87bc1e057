/** id.kick.com: authorize, token (3 grants), revoke, introspect (docs/kick-api.md §2). */
import { SCOPES } from './kickFacts';
import { one } from './api/validate';
import {
	bearerToken,
	type Ctx,
	invalidGrant,
	oauthInvalidRequest,
	ok,
	type Reply,
	unauthorized,
} from './http';
import type { Route } from './router';
import type { EmulatorApp } from './state/model';
import { base64url, epochSeconds, opaqueToken, sha256 } from './util';

const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;

/**
 * Kick's authorize page (a Next.js app) rewrites the first "127.0.0.1" in its URL to "localhost"
 * before reading the query (docs/kick-api.md §8), so a 127.0.0.1 redirect_uri no longer matches the
 * registered one unless a parameter holding 127.0.0.1 comes first.
 */
function kickAuthorizeQuery(ctx: Ctx): Ctx['query'] {
	const raw = ctx.req.url ?? '';
	if (!raw.includes('127.0.0.1')) return ctx.query;
	const rewritten = new URL(raw.replace('127.0.0.1', 'localhost'), 'http://emulator.invalid');
	const query: Ctx['query'] = {};
	for (const [key, value] of rewritten.searchParams) {
		const existing = query[key];
		query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

type Query = Ctx['query'];

/** The authorize request, checked as Kick checks it; throws Kick's 400 otherwise. */
function authorizeRequest(ctx: Ctx, query: Query): { app: EmulatorApp; redirectUri: string; scopes: string[]; q: (key: string) => string | undefined } {
	const q = (key: string) => one(query, key);
	const app = ctx.env.tokens.app(q('client_id') ?? '');
	const redirectUri = q('redirect_uri');
	const scopes = (q('scope') ?? '').split(' ').filter(Boolean);
	const valid =
		app !== undefined &&
		redirectUri !== undefined &&
		app.redirectUris.includes(redirectUri) &&
		q('response_type') === 'code' &&
		q('state') !== undefined &&
		scopes.length > 0 &&
		scopes.every((s) => (SCOPES as readonly string[]).includes(s)) &&
		CODE_CHALLENGE.test(q('code_challenge') ?? '') &&
		q('code_challenge_method') === 'S256';
	if (!valid || !app || !redirectUri) throw oauthInvalidRequest();
	return { app, redirectUri, scopes, q };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Kick's consent page: the app, the scopes it asks for, Allow Access and Cancel. */
function consentPage(query: Query, appName: string, scopes: string[]): Reply {
	const hidden = Object.entries(query)
		.flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((one) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(String(one))}">`))
		.join('');
	return {
		status: 200,
		html: `<!DOCTYPE html><html lang="en"><head><title>Authorize ${escapeHtml(appName)} | Kick</title></head><body><main><h1>${escapeHtml(appName)} wants to access your Kick account</h1><ul>${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul><form method="POST" action="/oauth/authorize">${hidden}<button type="submit" name="decision" value="deny">Cancel</button><button type="submit" name="decision" value="allow">Allow Access</button></form></main></body></html>`,
	};
}

function authorize(ctx: Ctx): Reply {
	const query = kickAuthorizeQuery(ctx);
	const { app, scopes } = authorizeRequest(ctx, query);
	if (ctx.env.state.consentPage) return consentPage(query, app.name, scopes);
	return approve(ctx, query);
}

/** The consent page's form: Allow Access or Cancel. */
function decide(ctx: Ctx): Reply {
	const form = formBody(ctx);
	if (form.decision === 'allow') return approve(ctx, form);
	const { redirectUri, q } = authorizeRequest(ctx, form);
	const target = new URL(redirectUri);
	target.searchParams.set('error', 'access_denied');
	target.searchParams.set('state', q('state') as string);
	return { status: 302, location: target.toString() };
}

/** The configured test user approves everything asked for: a code, back to the redirect URI. */
function approve(ctx: Ctx, query: Query): Reply {
	const { state } = ctx.env;
	const { app, redirectUri, scopes, q } = authorizeRequest(ctx, query);
	const code = opaqueToken();
	state.authorizationCodes.set(code, {
		code,
		clientId: app.clientId,
		redirectUri,
		userId: state.consentUserId,
		scopes,
		codeChallenge: q('code_challenge') as string,
		expiresAt: Date.now() + state.settings.authorizationCodeTtlSeconds * 1000,
		used: false,
	});
	const target = new URL(redirectUri);
	target.searchParams.set('code', code);
	target.searchParams.set('state', q('state') as string);
	return { status: 302, location: target.toString() };
}

function formBody(ctx: Ctx): Record<string, string> {
	// All id.kick.com POSTs are form-encoded (§2).
	const type = ctx.req.headers['content-type'] ?? '';
	if (!type.includes('application/x-www-form-urlencoded') || typeof ctx.body !== 'object') {
		throw oauthInvalidRequest();
	}
	return ctx.body as Record<string, string>;
}

/** The secret is required for every grant, PKCE included (§1.2). */
function authenticateClient(ctx: Ctx, form: Record<string, string>): EmulatorApp {
	const app = ctx.env.tokens.app(form.client_id ?? '');
	if (!app || !form.client_secret || form.client_secret !== app.clientSecret) {
		throw oauthInvalidRequest();
	}
	return app;
}

function token(ctx: Ctx): Reply {
	const form = formBody(ctx);
	const app = authenticateClient(ctx, form);
	switch (form.grant_type) {
		case 'authorization_code':
			return { status: 200, json: exchangeCode(ctx, app, form) };
		case 'client_credentials':
			return { status: 200, json: ctx.env.tokens.issueAppToken({ clientId: app.clientId }) };
		case 'refresh_token':
			return { status: 200, json: refresh(ctx, app, form) };
		default:
			throw oauthInvalidRequest();
	}
}

function exchangeCode(ctx: Ctx, app: EmulatorApp, form: Record<string, string>) {
	if (!form.code || !form.code_verifier || !form.redirect_uri) throw oauthInvalidRequest();
	const record = ctx.env.state.authorizationCodes.get(form.code);
	if (!record || record.used || record.clientId !== app.clientId) {
		throw invalidGrant('The authorization code is invalid, was already used or was issued to another client');
	}
	if (record.expiresAt <= Date.now()) throw invalidGrant('The authorization code has expired');
	if (record.redirectUri !== form.redirect_uri) {
		throw invalidGrant('The redirect_uri does not match the one used in the authorization request');
	}
	// A wrong verifier leaves the code usable: the grant simply fails (PKCE, RFC 7636 §4.6).
	if (base64url(sha256(form.code_verifier)) !== record.codeChallenge) {
		throw invalidGrant('The code_verifier does not match the code_challenge');
	}
	record.used = true;
	return ctx.env.tokens.issueUserToken({
		userId: record.userId,
		scopes: record.scopes,
		clientId: app.clientId,
	});
}

/**
 * Rotation: every refresh returns a new refresh token. Since 2025-11-25 an old refresh token
 * stays reusable for a while (§7, window unconfirmed) — `settings.refreshTokenReuseSeconds`.
 * The new token belongs to the same login, which ends `refreshTokenTtlSeconds` after the user
 * logged in however often it is refreshed (§7, KickDevDocs#397).
 */
function refresh(ctx: Ctx, app: EmulatorApp, form: Record<string, string>) {
	if (!form.refresh_token) throw oauthInvalidRequest();
	const { settings } = ctx.env.state;
	const record = ctx.env.state.refreshTokens.get(form.refresh_token);
	const now = Date.now();
	const usable =
		record !== undefined &&
		!record.revoked &&
		record.clientId === app.clientId &&
		now < record.loginAt + settings.refreshTokenTtlSeconds * 1000 &&
		(record.rotatedAt === null || now < record.rotatedAt + settings.refreshTokenReuseSeconds * 1000);
	if (!usable || !record) {
		throw invalidGrant('The refresh token is invalid, expired, revoked or was issued to another client');
	}
	record.rotatedAt ??= now;
	return ctx.env.tokens.issueUserToken({
		userId: record.userId,
		scopes: record.scopes,
		clientId: app.clientId,
		loginAt: record.loginAt,
	});
}

/** Parameters come in the query string, with Kick's own name `token_hint_type` (§2.5). */
function revoke(ctx: Ctx): Reply {
	const token = one(ctx.query, 'token');
	if (!token) throw oauthInvalidRequest();
	const { state } = ctx.env;
	const access = state.accessTokens.get(token);
	if (access) access.revoked = true;
	const refreshRecord = state.refreshTokens.get(token);
	if (refreshRecord) refreshRecord.revoked = true;
	// Unknown tokens are not an error (RFC 7009 §2.2).
	return { status: 200, text: 'OK' };
}

/** The Bearer header carries the token to inspect (§2.6); served at both locations. */
export function introspect(ctx: Ctx): Reply {
	const record = ctx.env.tokens.lookup(bearerToken(ctx.req));
	if (!record) throw unauthorized();
	if (!ctx.env.tokens.isActive(record)) return ok({ active: false });
	return ok({
		active: true,
		client_id: record.clientId,
		token_type: record.kind,
		scope: record.scopes.join(' '),
		exp: epochSeconds(record.expiresAt),
	});
}

export const oauthRoutes: Route[] = [
	{ method: 'GET', path: '/oauth/authorize', handler: authorize },
	{ method: 'POST', path: '/oauth/authorize', handler: decide },
	{ method: 'POST', path: '/oauth/token', handler: token },
	{ method: 'POST', path: '/oauth/revoke', handler: revoke },
	{ method: 'POST', path: '/oauth/token/introspect', handler: introspect },
];
