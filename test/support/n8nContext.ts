/**
 * The one stand-in for the context n8n gives a node's methods (hooks, webhook(), trigger(),
 * poll(), execute()), for tests that run a node in-process. Its HTTP helpers really call the
 * Kick emulator: httpRequestWithAuthentication with a token the emulator issued for the
 * credential type (errors shaped like n8n's), httpRequest as a plain request. The real-n8n
 * suites (test/integration, test/e2e) run the same nodes inside n8n.
 */
import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';

import { SEED, type KickEmulator } from '../emulator';

export interface ContextOptions {
	emulator: KickEmulator;
	node: Pick<INode, 'name' | 'type'> & Partial<INode>;
	parameters: IDataObject;
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual' | 'webhook';
	activation?: 'activate' | 'init' | 'update' | 'manual';
	workflowId?: string;
	/** The user credential's owner (the seed's broadcaster by default). */
	userId?: number;
	/** Scopes of the user credential's token (all by default), also recorded as n8n does. */
	grantedScopes?: string[];
	/** The webhook URL n8n would give the node. */
	webhookUrl?: string;
	/** What webhook() receives. */
	request?: WebhookRequest;
}

export interface WebhookRequest {
	method?: 'GET' | 'POST';
	headers?: Record<string, string>;
	rawBody?: Buffer;
	query?: IDataObject;
	/** n8n's parsed body. */
	body?: IDataObject;
	/** n8n's name of the webhook that answered (setup for a GET on the Kick Trigger). */
	webhookName?: string;
}

export interface WrittenResponse {
	statusCode?: number;
	body?: unknown;
	headers?: Record<string, unknown>;
	ended: boolean;
}

export interface FakeContext {
	/** Use as IHookFunctions, IWebhookFunctions, ITriggerFunctions, IPollFunctions or IExecuteFunctions. */
	context: any;
	logs: Array<{ level: string; message: string }>;
	emitted: IDataObject[][];
	errors: Error[];
	response: WrittenResponse;
	staticData: IDataObject;
}

function query(qs: IDataObject | undefined): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(qs ?? {})) {
		for (const entry of Array.isArray(value) ? value : [value]) if (entry !== undefined) params.append(key, String(entry));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** Sends a request the way n8n's helpers do: a JSON body, the body parsed, and non-2xx thrown as an axios-shaped error. */
async function send(request: IHttpRequestOptions, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
	const hasBody = request.body !== undefined && request.method !== 'GET';
	const response = await fetch(`${request.url}${query(request.qs as IDataObject | undefined)}`, {
		method: request.method ?? 'GET',
		headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(request.headers as Record<string, string>), ...headers },
		body: hasBody ? JSON.stringify(request.body) : undefined,
		signal: AbortSignal.timeout(request.timeout ?? 30_000),
	});
	const text = await response.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		// Not JSON (Cloudflare's page): keep the text.
	}
	const result = { status: response.status, headers: Object.fromEntries(response.headers), body };
	if (!response.ok && !request.ignoreHttpStatusErrors) {
		const error = new Error(`Request failed with status code ${response.status}`) as Error & { response: unknown };
		error.response = { status: result.status, headers: result.headers, data: body };
		throw error;
	}
	return result;
}

export function fakeN8nContext(options: ContextOptions): FakeContext {
	const { emulator } = options;
	const staticData = options.staticData ?? {};
	const logs: FakeContext['logs'] = [];
	const emitted: IDataObject[][] = [];
	const errors: Error[] = [];
	const response: WrittenResponse = { ended: false };
	const tokens = new Map<string, string>();
	const tokenFor = (credentialType: string) => {
		let token = tokens.get(credentialType);
		if (!token) {
			token =
				credentialType === 'kickAppOAuth2Api'
					? emulator.issueAppToken().access_token
					: emulator.issueUserToken({ userId: options.userId ?? SEED.broadcaster.userId, ...(options.grantedScopes ? { scopes: options.grantedScopes } : {}) }).access_token;
			tokens.set(credentialType, token);
		}
		return token;
	};
	const log = (level: string) => (message: string) => logs.push({ level, message });
	const node: INode = { id: 'node-1', typeVersion: 1, position: [0, 0], ...options.node, parameters: options.parameters as INode['parameters'] };

	const res = {
		status(code: number) {
			response.statusCode = code;
			return res;
		},
		writeHead(code: number, headers: Record<string, unknown>) {
			response.statusCode = code;
			response.headers = headers;
			return res;
		},
		end(body?: Buffer | string) {
			if (body !== undefined) response.body = JSON.parse(body.toString());
			response.ended = true;
			return res;
		},
	};
	const incoming = options.request ?? {};
	const req = {
		headers: incoming.headers ?? {},
		rawBody: undefined as Buffer | undefined,
		async readRawBody() {
			req.rawBody = incoming.rawBody ?? Buffer.alloc(0);
		},
	};

	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-1', name: 'Kick test', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => (options.parameters[name] === undefined ? fallback : options.parameters[name]),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => options.activation ?? (options.mode === 'manual' ? 'manual' : 'activate'),
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example/webhook/abc/webhook',
		getCredentials: async () => ({
			useCustomEndpoints: true,
			apiBaseUrl: emulator.url,
			oauthServerUrl: emulator.url,
			clientId: SEED.app.clientId,
			clientSecret: SEED.app.clientSecret,
			...(options.grantedScopes ? { oauthTokenData: { scope: options.grantedScopes.join(' ') } } : {}),
		}),
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		emit: (data: Array<Array<{ json: IDataObject }>>) => emitted.push(data[0].map((entry) => entry.json)),
		emitError: (error: Error) => errors.push(error),
		getWebhookName: () => incoming.webhookName ?? (incoming.method === 'GET' ? 'setup' : 'default'),
		getRequestObject: () => req,
		getResponseObject: () => res,
		getQueryData: () => incoming.query ?? {},
		getBodyData: () => incoming.body ?? {},
		getHeaderData: () => incoming.headers ?? {},
		helpers: {
			returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
			httpRequestWithAuthentication: async (credentialType: string, request: IHttpRequestOptions) =>
				(await send(request, { authorization: `Bearer ${tokenFor(credentialType)}` })).body,
			httpRequest: async (request: IHttpRequestOptions) => {
				const result = await send(request, {});
				return request.returnFullResponse ? { statusCode: result.status, headers: result.headers, body: result.body } : result.body;
			},
		},
	};
	return { context, logs, emitted, errors, response, staticData };
}
