/**
 * Hand-made n8n contexts and an in-memory Kick for the trigger's lifecycle and webhook tests.
 * The real transport (nodes/Kick/transport) runs on top: only n8n's HTTP helper is replaced.
 * (test/emulator is the full HTTP emulator; these unit tests stay in-process.)
 */
import type { IDataObject, IHookFunctions, IHttpRequestOptions, INode, IWebhookFunctions } from 'n8n-workflow';

export interface FakeSubscription {
	id: string;
	app_id: string;
	broadcaster_user_id: number;
	event: string;
	version: number;
	method: string;
	created_at: string;
	updated_at: string;
}

export interface Call {
	method: string;
	path: string;
	qs: IDataObject;
	body?: IDataObject;
	credentialType?: string;
}

function httpError(status: number, data: unknown): Error {
	const error = new Error(`Request failed with status code ${status}`) as Error & { response: unknown };
	error.response = { status, data, headers: { 'content-type': 'application/json' } };
	return error;
}

export class FakeKick {
	subscriptions: FakeSubscription[] = [];
	calls: Call[] = [];
	/** slug → broadcaster user id */
	channels: Record<string, number> = { neonvale: 2841377, pixelmoth: 61530248 };
	/** The user token's own broadcaster id. */
	selfId = 2841377;
	publicPem = '';
	/** Events whose POST entry fails with this error text (a 200 with per-item errors). */
	itemErrors: Record<string, string> = {};
	/** Answer POSTs with this status and body instead. */
	postFailure?: { status: number; data: unknown };
	private next = 1;

	newId(): string {
		return `01KJSUB${String(this.next++).padStart(19, '0')}`;
	}

	add(event: string, broadcasterUserId: number, id = this.newId()): FakeSubscription {
		const subscription: FakeSubscription = {
			id,
			app_id: '01K91WPYM0MF63PX0PN5PW9YW3',
			broadcaster_user_id: broadcasterUserId,
			event,
			version: 1,
			method: 'webhook',
			created_at: `2026-03-01T10:00:${String(this.next).padStart(2, '0')}Z`,
			updated_at: '2026-03-01T10:00:00Z',
		};
		this.subscriptions.push(subscription);
		return subscription;
	}

	count(method: string, path = '/public/v1/events/subscriptions'): number {
		return this.calls.filter((call) => call.method === method && call.path === path).length;
	}

	async handle(options: IHttpRequestOptions, credentialType?: string): Promise<unknown> {
		const url = new URL(options.url);
		const method = options.method ?? 'GET';
		const qs = (options.qs ?? {}) as IDataObject;
		const body = options.body as IDataObject | undefined;
		this.calls.push({ method, path: url.pathname, qs, body, credentialType });
		const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

		if (url.pathname === '/public/v1/public-key' && method === 'GET') {
			return { data: { public_key: this.publicPem }, message: 'OK' };
		}
		if (url.pathname === '/public/v1/channels' && method === 'GET') {
			const data = list(qs.slug)
				.map(String)
				.filter((slug) => this.channels[slug] !== undefined)
				.map((slug) => ({ slug, broadcaster_user_id: this.channels[slug] }));
			return { data, message: 'OK' };
		}
		if (url.pathname === '/public/v1/events/subscriptions') {
			const app = credentialType === 'kickAppOAuth2Api';
			if (method === 'GET') {
				let data = this.subscriptions;
				if (!app) data = data.filter((subscription) => subscription.broadcaster_user_id === this.selfId);
				if (qs.broadcaster_user_id !== undefined) data = data.filter((subscription) => subscription.broadcaster_user_id === Number(qs.broadcaster_user_id));
				return { data, message: 'OK' };
			}
			if (method === 'POST') {
				if (this.postFailure) throw httpError(this.postFailure.status, this.postFailure.data);
				const broadcaster = app ? Number(body?.broadcaster_user_id) : this.selfId;
				if (app && !Number.isFinite(broadcaster)) throw httpError(400, { data: {}, message: 'Invalid request' });
				const events = (body?.events ?? []) as Array<{ name: string; version: number }>;
				const data = events.map((event) => {
					const error = this.itemErrors[event.name];
					if (error) return { name: event.name, version: event.version, subscription_id: '', error };
					const created = this.add(event.name, broadcaster);
					return { name: event.name, version: event.version, subscription_id: created.id, error: '' };
				});
				return { data, message: 'OK' };
			}
			if (method === 'DELETE') {
				const ids = new Set(list(qs.id).map(String));
				this.subscriptions = this.subscriptions.filter((subscription) => !ids.has(subscription.id));
				return '';
			}
		}
		throw httpError(404, { data: {}, message: 'Not found' });
	}
}

export interface LogLine {
	level: string;
	message: string;
}

export interface ContextOptions {
	kick: FakeKick;
	params: IDataObject;
	staticData?: IDataObject;
	apiBaseUrl?: string;
	/** 'manual' for an editor test. */
	mode?: 'manual' | 'trigger' | 'webhook';
	activation?: 'init' | 'activate' | 'manual';
	logs?: LogLine[];
	workflowId?: string;
}

const NODE: INode = {
	id: 'node-1',
	name: 'Kick Trigger',
	type: 'n8n-nodes-kick.kickTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function common(options: ContextOptions) {
	const staticData = options.staticData ?? {};
	const logs = options.logs ?? [];
	const log = (level: string) => (message: string) => logs.push({ level, message });
	return {
		getNode: () => NODE,
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-1', name: 'Kick test', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in options.params ? options.params[name] : fallback),
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => ({ useCustomEndpoints: true, apiBaseUrl: options.apiBaseUrl ?? 'https://api.kick.test', clientId: 'x', clientSecret: 'secret-value' }),
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			httpRequestWithAuthentication: async function (credentialType: string, request: IHttpRequestOptions) {
				return await options.kick.handle(request, credentialType);
			},
			httpRequest: async (request: IHttpRequestOptions) => await options.kick.handle(request),
		},
	};
}

export function hookContext(options: ContextOptions): IHookFunctions {
	return {
		...common(options),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => options.activation ?? (options.mode === 'manual' ? 'manual' : 'activate'),
		getNodeWebhookUrl: () => 'https://n8n.example/webhook/abc/webhook',
	} as unknown as IHookFunctions;
}

export interface FakeResponse {
	statusCode?: number;
	body?: unknown;
	headers?: Record<string, unknown>;
	ended: boolean;
}

export interface WebhookRequest {
	method?: 'GET' | 'POST';
	headers?: Record<string, string>;
	rawBody?: Buffer;
	query?: IDataObject;
	/** n8n's parsed body. */
	body?: IDataObject;
}

export function webhookContext(options: ContextOptions, request: WebhookRequest): { context: IWebhookFunctions; response: FakeResponse } {
	const response: FakeResponse = { ended: false };
	const res = {
		status(code: number) {
			response.statusCode = code;
			return res;
		},
		json(body: unknown) {
			response.body = body;
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
	const rawBody = request.rawBody;
	const req = {
		headers: request.headers ?? {},
		rawBody: undefined as Buffer | undefined,
		async readRawBody() {
			req.rawBody = rawBody ?? Buffer.alloc(0);
		},
	};
	const context = {
		...common(options),
		getMode: () => options.mode ?? 'webhook',
		getWebhookName: () => (request.method === 'GET' ? 'setup' : 'default'),
		getRequestObject: () => req,
		getResponseObject: () => res,
		getQueryData: () => request.query ?? {},
		getBodyData: () => request.body ?? {},
		getHeaderData: () => request.headers ?? {},
	} as unknown as IWebhookFunctions;
	return { context, response };
}
