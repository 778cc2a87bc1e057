/**
 * Route table matching and the auth gate. Auth is declared per route so the "Token" and
 * "Scope" columns of docs/kick-api.md §3.2 read straight off each area's route list.
 */
import { bearerToken, type Ctx, forbidden, type Reply, unauthorized } from './http';

export interface AuthRule {
	/** User tokens: `true` = allowed without scope; a list = needs at least one of them. */
	user?: true | string[];
	/** App tokens: `true` = any app; 'organization' = organization apps only (§5). */
	app?: true | 'organization';
	/** `data` of the 401 body (§5 documents `null` for Drops; `{}` elsewhere). */
	unauthorizedData?: unknown;
}

export interface Route {
	method: string;
	/** Literal segments and `:name` params, e.g. `/public/v1/chat/:messageId`. */
	path: string;
	auth?: AuthRule;
	handler(ctx: Ctx): Reply | Promise<Reply>;
}

/** U or A; a user token needs one of `scopes` (none listed = no scope needed). */
export const userOrApp = (...scopes: string[]): AuthRule => ({
	user: scopes.length ? scopes : true,
	app: true,
});

/**
 * U only. An app token gets 403: app tokens carry no scopes (§1.2), so they fail the same
 * scope check a user token without the scope fails, and Kick lists 403 — not 401 — for these
 * endpoints (§4.5–§4.9). 401 stays reserved for missing/expired/unknown tokens.
 */
export const userOnly = (...scopes: string[]): AuthRule => ({
	user: scopes.length ? scopes : true,
});

export const organizationAppOnly = (): AuthRule => ({ app: 'organization', unauthorizedData: null });

export function matchRoute(
	routes: Route[],
	method: string,
	path: string,
): { route: Route; params: Record<string, string> } | 'method-not-allowed' | undefined {
	let pathMatched = false;
	for (const route of routes) {
		const params = matchPath(route.path, path);
		if (!params) continue;
		pathMatched = true;
		if (route.method === method) return { route, params };
	}
	return pathMatched ? 'method-not-allowed' : undefined;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
	const want = pattern.split('/');
	const got = path.replace(/\/+$/, '').split('/');
	if (want.length !== got.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		if (want[i].startsWith(':')) {
			const value = safeDecode(got[i]);
			if (!value) return undefined;
			params[want[i].slice(1)] = value;
		} else if (want[i] !== got[i]) {
			return undefined;
		}
	}
	return params;
}

function safeDecode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

/** Sets `ctx.token` or throws the 401/403 Kick would answer. */
export function authenticate(ctx: Ctx, rule: AuthRule): void {
	const record = ctx.env.tokens.lookup(bearerToken(ctx.req));
	if (!record || !ctx.env.tokens.isActive(record)) {
		throw unauthorized('unauthorizedData' in rule ? rule.unauthorizedData : {});
	}
	if (record.kind === 'app') {
		if (!rule.app) throw forbidden();
		if (rule.app === 'organization' && !ctx.env.tokens.app(record.clientId)?.isOrganization) {
			throw forbidden();
		}
	} else {
		if (!rule.user) throw forbidden();
		if (rule.user !== true && !rule.user.some((scope) => record.scopes.includes(scope))) {
			throw forbidden();
		}
	}
	ctx.token = record;
}

/** Narrowing helpers for handlers behind a gate. */
export function userIdOf(ctx: Ctx): number {
	if (ctx.token?.kind !== 'user' || ctx.token.userId === undefined) throw forbidden();
	return ctx.token.userId;
}

export function clientIdOf(ctx: Ctx): string {
	if (!ctx.token) throw unauthorized();
	return ctx.token.clientId;
}
