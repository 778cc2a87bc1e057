/**
 * One HTTP handler for the three origins Kick has: id.kick.com (/oauth/*), api.kick.com
 * (/public/*) and kick.com (/api/*). Every request is logged, then faults, then the route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiRoutes } from './api';
import { areaOf, type FaultInjector } from './faults';
import {
	badRequest,
	bearerToken,
	type Ctx,
	type Env,
	flatHeaders,
	parseBody,
	parseQuery,
	type ParsedBody,
	type Reply,
	ReplyError,
} from './http';
import { oauthRoutes } from './oauth';
import { authenticate, matchRoute, type Route } from './router';
import type { RequestLogEntry } from './types';
import { isPlainObject } from './util';
import { websiteRoutes } from './website';

const ROUTES: Record<string, Route[]> = {
	oauth: oauthRoutes,
	api: apiRoutes,
	website: websiteRoutes,
	other: [],
};

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function logEntry(env: Env, req: IncomingMessage, path: string, url: URL, body: unknown): RequestLogEntry {
	const token = env.tokens.lookup(bearerToken(req));
	const entry: RequestLogEntry = {
		method: req.method ?? 'GET',
		path,
		query: parseQuery(url.searchParams),
		body,
		headers: flatHeaders(req),
		tokenKind: token?.kind ?? null,
		status: 0,
		at: Date.now(),
	};
	if (token?.userId !== undefined) entry.userId = token.userId;
	// OAuth requests name the client in the form body (token) or the query (authorize).
	const formClient = isPlainObject(body) ? body.client_id : undefined;
	const clientId = token?.clientId ?? formClient ?? url.searchParams.get('client_id') ?? undefined;
	if (typeof clientId === 'string') entry.clientId = clientId;
	return entry;
}

async function route(
	env: Env,
	req: IncomingMessage,
	path: string,
	url: URL,
	parsed: ParsedBody,
): Promise<Reply> {
	const method = req.method ?? 'GET';
	const area = areaOf(path);
	const match = matchRoute(ROUTES[area], method, path);
	if (match === undefined) {
		// kick.com answers a bare `{"message":"Not found"}`; the API uses its {data, message} envelope.
		const json = area === 'website' ? { message: 'Not found' } : { data: {}, message: 'Not found' };
		return { status: 404, json };
	}
	if (match === 'method-not-allowed') {
		return { status: 405, json: { data: {}, message: 'Method not allowed' } };
	}
	const ctx: Ctx = {
		env,
		req,
		query: parseQuery(url.searchParams),
		body: parsed.value,
		params: match.params,
		token: null,
	};
	try {
		if (match.route.auth) authenticate(ctx, match.route.auth);
		if (parsed.invalidJson) throw badRequest();
		return await match.route.handler(ctx);
	} catch (error) {
		if (error instanceof ReplyError) return error.reply;
		console.error('Kick emulator: handler failed', error);
		return { status: 500, json: { data: null, message: 'Internal server error' } };
	}
}

function write(res: ServerResponse, reply: Reply): void {
	const headers: Record<string, string> = { ...reply.headers };
	let body: string | undefined;
	if (reply.json !== undefined) {
		body = JSON.stringify(reply.json);
		headers['content-type'] = 'application/json; charset=utf-8';
	} else if (reply.html !== undefined) {
		body = reply.html;
		headers['content-type'] = 'text/html; charset=UTF-8';
	} else if (reply.text !== undefined) {
		body = reply.text;
		headers['content-type'] = 'text/plain; charset=utf-8';
	}
	if (reply.location) headers.location = reply.location;
	res.writeHead(reply.status, headers);
	res.end(body);
}

export function createHandler(deps: {
	env: Env;
	requests: () => RequestLogEntry[];
	faults: FaultInjector;
}): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		void (async () => {
			const parsed = parseBody(await readBody(req), req.headers['content-type']);
			const url = new URL(req.url ?? '/', 'http://emulator.invalid');
			const path = url.pathname;
			const entry = logEntry(deps.env, req, path, url, parsed.value);
			deps.requests().push(entry);

			const fault = await deps.faults.apply(entry.method, path, entry.clientId);
			if (fault === 'drop') {
				req.socket.destroy();
				return;
			}
			const reply = fault ?? (await route(deps.env, req, path, url, parsed));
			entry.status = reply.status;
			if (!res.destroyed) write(res, reply);
		})().catch((error: unknown) => {
			console.error('Kick emulator: request failed', error);
			res.destroy();
		});
	};
}
