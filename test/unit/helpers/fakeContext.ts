/**
 * A minimal stand-in for n8n's execute context, enough for the transport and validation
 * helpers: parameters per item, credentials, and an httpRequestWithAuthentication that a test
 * answers. Integration tests use a real n8n instead (test/harness).
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';

export interface FakeCall {
	credentialType: string;
	method: string;
	url: string;
	qs?: Record<string, unknown>;
	body?: unknown;
	headers?: Record<string, unknown>;
}

export interface FakeOptions {
	parameters?: Record<string, unknown> | Array<Record<string, unknown>>;
	credentials?: Record<string, unknown>;
	respond?: (call: FakeCall, index: number) => unknown | Promise<unknown>;
	/** For helpers.httpRequest (no credential). */
	respondPlain?: (options: Record<string, any>, index: number) => unknown | Promise<unknown>;
	continueOnFail?: boolean;
}

export const NODE: INode = {
	id: 'kick-node',
	name: 'Kick',
	type: 'n8n-nodes-kick.kick',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

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

export function fakeContext(options: FakeOptions = {}) {
	const calls: FakeCall[] = [];
	const plainCalls: Array<Record<string, any>> = [];
	const parameters = options.parameters ?? {};
	const context = {
		getNode: () => NODE,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, opts?: { extractValue?: boolean }) => {
			const set = Array.isArray(parameters) ? (parameters[itemIndex] ?? {}) : parameters;
			const raw = name.split('.').reduce<any>((value, key) => value?.[key], set);
			if (raw === undefined) return fallback;
			if (opts?.extractValue && raw && typeof raw === 'object' && 'mode' in raw) return raw.value;
			return raw;
		},
		getInputData: () => (Array.isArray(parameters) ? parameters.map(() => ({ json: {} })) : [{ json: {} }]),
		getCredentials: async () => options.credentials ?? {},
		continueOnFail: () => options.continueOnFail ?? false,
		helpers: {
			httpRequestWithAuthentication: async (credentialType: string, request: any) => {
				const call: FakeCall = {
					credentialType,
					method: request.method,
					url: request.url,
					qs: request.qs,
					body: request.body,
					headers: request.headers,
				};
				calls.push(call);
				return await (options.respond ?? (() => ({ data: [] })))(call, calls.length - 1);
			},
			httpRequest: async (request: any) => {
				plainCalls.push(request);
				return await (options.respondPlain ?? (() => ({ statusCode: 200, headers: {}, body: {} })))(request, plainCalls.length - 1);
			},
			returnJsonArray: (data: any) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (items: any[], meta: { itemData: unknown }) => items.map((item) => ({ ...item, pairedItem: meta.itemData })),
		},
	};
	return { context: context as unknown as IExecuteFunctions, calls, plainCalls };
}
