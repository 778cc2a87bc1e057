/**
 * A stand-in for the context n8n gives poll(): parameters, static data, mode and activation,
 * and an httpRequestWithAuthentication that really calls the Kick emulator with a token it
 * issued (errors shaped like n8n's). test/integration/pollingTrigger.test.ts runs the same
 * node in a real n8n.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { KickEmulator } from '../../emulator';
import { SEED } from '../../emulator';

export interface PollContextOptions {
	emulator: KickEmulator;
	parameters: IDataObject;
	staticData: IDataObject;
	mode?: 'trigger' | 'manual';
	activation?: 'activate' | 'init' | 'update' | 'manual';
	/** Scopes n8n recorded for the user credential (undefined = unknown). */
	grantedScopes?: string[];
	workflowId?: string;
}

export interface FakePollContext {
	context: IPollFunctions;
	logs: Array<{ level: string; message: string }>;
}

function query(qs: IDataObject | undefined): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(qs ?? {})) {
		for (const entry of Array.isArray(value) ? value : [value]) if (entry !== undefined) params.append(key, String(entry));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

export function pollContext(options: PollContextOptions): FakePollContext {
	const { emulator } = options;
	const logs: FakePollContext['logs'] = [];
	const tokens = new Map<string, string>();
	const tokenFor = (credentialType: string) => {
		let token = tokens.get(credentialType);
		if (!token) {
			token =
				credentialType === 'kickAppOAuth2Api'
					? emulator.issueAppToken().access_token
					: emulator.issueUserToken({ userId: SEED.broadcaster.userId, ...(options.grantedScopes ? { scopes: options.grantedScopes } : {}) }).access_token;
			tokens.set(credentialType, token);
		}
		return token;
	};
	const log = (level: string) => (message: string) => logs.push({ level, message });
	const context = {
		getNode: () => ({ id: 'poll-node', name: 'Kick Polling Trigger', type: 'n8n-nodes-kick.kickPollingTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-poll', name: 'poll test', active: true }),
		getNodeParameter: (name: string, fallback?: unknown) => (options.parameters[name] === undefined ? fallback : options.parameters[name]),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => options.activation ?? 'activate',
		getWorkflowStaticData: () => options.staticData,
		getCredentials: async () => ({
			useCustomEndpoints: true,
			apiBaseUrl: emulator.url,
			oauthServerUrl: emulator.url,
			...(options.grantedScopes ? { oauthTokenData: { scope: options.grantedScopes.join(' ') } } : {}),
		}),
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			httpRequestWithAuthentication: async (credentialType: string, request: { method: string; url: string; qs?: IDataObject; body?: unknown }) => {
				const response = await fetch(`${request.url}${query(request.qs)}`, {
					method: request.method,
					headers: { authorization: `Bearer ${tokenFor(credentialType)}`, accept: 'application/json' },
				});
				const text = await response.text();
				let data: unknown = text;
				try {
					data = text ? JSON.parse(text) : undefined;
				} catch {
					// not JSON: keep the text
				}
				if (!response.ok) {
					const error = new Error(`Request failed with status code ${response.status}`) as Error & { response: unknown };
					error.response = { status: response.status, headers: Object.fromEntries(response.headers), data };
					throw error;
				}
				return data;
			},
		},
	};
	return { context: context as unknown as IPollFunctions, logs };
}
