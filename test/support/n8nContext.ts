/**
 * The one stand-in for the context n8n gives a node's methods (hooks, webhook(), trigger(),
 * poll(), execute(), list searches), for tests that run a node in-process. Its HTTP helpers
 * either really call the Kick emulator (httpRequestWithAuthentication with a token the emulator
 * issued for the credential type, errors shaped like n8n's; httpRequest as a plain request) or,
 * for transport tests that script Kick's answers request by request, call `respond`. The
 * real-n8n suites (test/integration, test/e2e) run the same nodes inside n8n.
 */
import type { IDataObject, IHttpRequestOptions, INode, IWebhookResponseData } from 'n8n-workflow';

import { SEED, type KickEmulator } from '../emulator';

/** One request a node sent, as a scripted `respond` sees it. */
export interface FakeCall {
	credentialType: string;
	method: string;
	url: string;
	qs?: Record<string, unknown>;
	body?: unknown;
	headers?: Record<string, unknown>;
}

export interface ContextOptions {
	/** The Kick the HTTP helpers call; or script the answers with `respond` / `respondPlain`. */
	emulator?: KickEmulator;
	respond?: (call: FakeCall, index: number) => unknown;
	/** For helpers.httpRequest (no credential). */
	respondPlain?: (options: Record<string, any>, index: number) => unknown;
	/** The Kick node by default. */
	node?: Pick<INode, 'name' | 'type'> & Partial<INode>;
	/** One set for hooks and triggers; for execute(), one per item (or one for all items). */
	parameters?: IDataObject | IDataObject[];
	/** execute()'s parameter reader: getNodeParameter(name, itemIndex, fallback, options). */
	forExecute?: boolean;
	/** execute()'s input items (one empty item per parameter set by default). */
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** What getCredentials returns (the emulator's app and endpoints by default). */
	credentials?: IDataObject;
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual' | 'webhook' | 'retry' | 'internal';
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

/**
 * What n8n answers for a webhook() result: the node's own response when it wrote one, n8n's 200
 * with `webhookResponse` when it returned one, or no answer yet ('execution': the workflow runs
 * and n8n answers once it started).
 */
export function n8nAnswer(result: IWebhookResponseData, response: WrittenResponse): { status: number; body: unknown } | 'execution' {
	if (result.noWebhookResponse) {
		if (!response.ended) throw new Error('webhook() said it answered, but wrote no response');
		return { status: response.statusCode ?? 200, body: response.body };
	}
	if (result.workflowData) return 'execution';
	return { status: 200, body: result.webhookResponse };
}

/** The Kick node, as n8n describes it to execute(). */
export const KICK_NODE: INode = { id: 'kick-node', name: 'Kick', type: 'n8n-nodes-kick.kick', typeVersion: 1, position: [0, 0], parameters: {} };

/** An error shaped like the ones n8n's HTTP helpers throw for a failed response. */
export function httpError(status: number, data: unknown, headers: Record<string, unknown> = {}): Error {
	const error = new Error(`Request failed with status code ${status}`) as Error & { response: unknown };
	error.response = { status, headers, data };
	return error;
}

export function networkError(code: string): Error {
	const error = new Error(code) as Error & { code: string };
	error.code = code;
	return error;
}

export interface FakeContext {
	/** Use as IHookFunctions, IWebhookFunctions, ITriggerFunctions, IPollFunctions or IExecuteFunctions. */
	context: any;
	logs: Array<{ level: string; message: string }>;
	emitted: IDataObject[][];
	errors: Error[];
	response: WrittenResponse;
	staticData: IDataObject;
	/** Requests a scripted `respond` / `respondPlain` answered. */
	calls: FakeCall[];
	plainCalls: Array<Record<string, any>>;
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
	const calls: FakeCall[] = [];
	const plainCalls: Array<Record<string, any>> = [];
	const kick = () => {
		if (!emulator) throw new Error('fakeN8nContext: give an emulator, or respond / respondPlain');
		return emulator;
	};
	const tokenFor = (credentialType: string) => {
		let token = tokens.get(credentialType);
		if (!token) {
			token =
				credentialType === 'kickAppOAuth2Api'
					? kick().issueAppToken().access_token
					: kick().issueUserToken({ userId: options.userId ?? SEED.broadcaster.userId, ...(options.grantedScopes ? { scopes: options.grantedScopes } : {}) }).access_token;
			tokens.set(credentialType, token);
		}
		return token;
	};
	const log = (level: string) => (message: string) => logs.push({ level, message });
	const parameters = options.parameters ?? {};
	const parametersOf = (itemIndex: number): IDataObject => (Array.isArray(parameters) ? (parameters[itemIndex] ?? {}) : parameters);
	const node: INode = { ...KICK_NODE, id: 'node-1', ...options.node, parameters: parametersOf(0) as INode['parameters'] };
	const read = (name: string, itemIndex: number, fallback: unknown, extractValue?: boolean) => {
		const raw = name.split('.').reduce<any>((value, key) => value?.[key], parametersOf(itemIndex));
		if (raw === undefined) return fallback;
		if (extractValue && raw && typeof raw === 'object' && 'mode' in raw) return raw.value;
		return raw;
	};

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
		json(body: unknown) {
			response.headers = { ...response.headers, 'content-type': 'application/json; charset=utf-8' };
			response.body = body;
			response.ended = true;
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
		// Hooks, triggers and polls: (name, fallback); execute(): (name, itemIndex, fallback, options).
		getNodeParameter: (name: string, second?: unknown, fallback?: unknown, readOptions?: { extractValue?: boolean }) =>
			options.forExecute ? read(name, second as number, fallback, readOptions?.extractValue) : read(name, 0, second),
		// Only execute() has these; the transport tells a node run from a trigger by getInputData.
		...(options.forExecute
			? {
					getInputData: () => (options.items ?? (Array.isArray(parameters) ? parameters : [{}]).map(() => ({}))).map((json) => ({ json })),
					continueOnFail: () => options.continueOnFail ?? false,
				}
			: {}),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => options.activation ?? (options.mode === 'manual' ? 'manual' : 'activate'),
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example/webhook/abc/webhook',
		getCredentials: async () => options.credentials ?? {
			useCustomEndpoints: true,
			apiBaseUrl: kick().url,
			oauthServerUrl: kick().url,
			clientId: SEED.app.clientId,
			clientSecret: SEED.app.clientSecret,
			...(options.grantedScopes ? { oauthTokenData: { scope: options.grantedScopes.join(' ') } } : {}),
		},
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
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (items: Array<{ json: IDataObject }>, meta: { itemData: unknown }) => items.map((item) => ({ ...item, pairedItem: meta.itemData })),
			httpRequestWithAuthentication: async (credentialType: string, request: IHttpRequestOptions) => {
				if (options.respond) {
					const call: FakeCall = { credentialType, method: request.method ?? 'GET', url: request.url, qs: request.qs as Record<string, unknown>, body: request.body, headers: request.headers as Record<string, unknown> };
					calls.push(call);
					return await options.respond(call, calls.length - 1);
				}
				return (await send(request, { authorization: `Bearer ${tokenFor(credentialType)}` })).body;
			},
			httpRequest: async (request: IHttpRequestOptions) => {
				if (options.respondPlain) {
					plainCalls.push(request as unknown as Record<string, any>);
					return await options.respondPlain(request as unknown as Record<string, any>, plainCalls.length - 1);
				}
				const result = await send(request, {});
				return request.returnFullResponse ? { statusCode: result.status, headers: result.headers, body: result.body } : result.body;
			},
		},
	};
	return { context, logs, emitted, errors, response, staticData, calls, plainCalls };
}
