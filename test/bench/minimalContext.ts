/**
 * A minimal n8n execute context for benchmarks: real router, operations and transport, with
 * httpRequestWithAuthentication played by axios and a token issued by the emulator. It leaves
 * out n8n's own per-execution overhead on purpose, so the numbers show what the node's
 * batching and the API latency cost.
 */
import axios from 'axios';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { KickEmulator } from '../emulator';

function serialize(params: Record<string, unknown> | undefined): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params ?? {})) {
		for (const entry of Array.isArray(value) ? value : [value]) if (entry !== undefined) search.append(key, String(entry));
	}
	return search.toString();
}

export function minimalContext(options: {
	emulator: KickEmulator;
	accessToken: string;
	credentialType: 'kickOAuth2Api' | 'kickAppOAuth2Api';
	items: Array<Record<string, unknown>>;
	parameters: (itemIndex: number) => Record<string, unknown>;
}): { context: IExecuteFunctions; requests: () => number } {
	let requests = 0;
	const http = axios.create({ baseURL: options.emulator.url, paramsSerializer: { serialize } });
	const context = {
		getNode: () => ({ id: 'bench', name: 'Kick', type: 'n8n-nodes-kick.kick', typeVersion: 1, position: [0, 0], parameters: {} }),
		getInputData: (): INodeExecutionData[] => options.items.map((json) => ({ json: json as never })),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, opts?: { extractValue?: boolean }) => {
			const value = options.parameters(itemIndex)[name];
			if (value === undefined) return fallback;
			if (opts?.extractValue && value && typeof value === 'object' && 'value' in value) return (value as { value: unknown }).value;
			return value;
		},
		getCredentials: async () => ({ useCustomEndpoints: true, apiBaseUrl: options.emulator.url, oauthServerUrl: options.emulator.url, oauthTokenData: {} }),
		continueOnFail: () => false,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: { method: string; url: string; qs?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> }) => {
				requests++;
				const response = await http.request({
					method: request.method,
					url: request.url,
					params: request.qs,
					data: request.body,
					headers: { ...(request.headers ?? {}), Authorization: `Bearer ${options.accessToken}` },
				});
				return response.data;
			},
			returnJsonArray: (data: unknown) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (items: INodeExecutionData[], meta: { itemData: unknown }) => items.map((item) => ({ ...item, pairedItem: meta.itemData })),
		},
	};
	return { context: context as unknown as IExecuteFunctions, requests: () => requests };
}
