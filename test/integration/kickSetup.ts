/**
 * Shared set-up for the Kick action node's integration tests: an emulator per test file, the
 * shared real n8n, both Kick credentials pointed at the emulator, and small helpers to run the
 * node and read what reached the emulator.
 */
import { startKickEmulator, type KickEmulator, type RequestLogEntry } from '../emulator';
import { connectKickCredentials, runNode, sharedN8n, type KickCredentials, type N8nClient, type NodeRun } from '../harness';

export interface KickTestBed {
	emulator: KickEmulator;
	n8n: N8nClient;
	credentials: KickCredentials;
	/** Runs the Kick node with the user credential (or `auth`), the given parameters and input items. */
	run(
		parameters: Record<string, unknown>,
		options?: { auth?: 'user' | 'app' | 'none'; items?: Array<Record<string, unknown>>; continueOnFail?: boolean; timeoutMs?: number },
	): Promise<NodeRun>;
	/** Requests that reached the emulator for this path (exact string or pattern), in order. */
	calls(path: string | RegExp, method?: string): RequestLogEntry[];
	/** Every API (/public/...) and website (/api/...) request, i.e. not the OAuth token traffic n8n makes. */
	dataCalls(): RequestLogEntry[];
}

const AUTH = { user: 'userOAuth2', app: 'appOAuth2', none: 'none' } as const;

/** A resource locator value as n8n stores it. */
export const locator = (mode: string, value: string | number) => ({ __rl: true, mode, value: String(value) });

export function kickTestBed(options: { scopes?: string[] } = {}): KickTestBed {
	const bed = {} as KickTestBed;
	beforeAll(async () => {
		bed.emulator = await startKickEmulator();
		bed.n8n = await sharedN8n();
		bed.credentials = await connectKickCredentials(bed.n8n, bed.emulator, options);
	});
	afterAll(async () => await bed.emulator?.close());
	beforeEach(() => {
		bed.emulator.resetFaults();
		bed.emulator.clearRequests();
	});

	bed.run = async (parameters, runOptions = {}) => {
		const auth = runOptions.auth ?? 'user';
		const credentials =
			auth === 'user' ? { kickOAuth2Api: bed.credentials.user } : auth === 'app' ? { kickAppOAuth2Api: bed.credentials.app } : {};
		return await runNode(bed.n8n, {
			parameters: { authentication: AUTH[auth], ...parameters },
			credentials,
			items: runOptions.items,
			continueOnFail: runOptions.continueOnFail,
			timeoutMs: runOptions.timeoutMs,
		});
	};
	bed.calls = (path, method) =>
		bed.emulator.requests.filter(
			(request) => (typeof path === 'string' ? request.path === path : path.test(request.path)) && (!method || request.method === method),
		);
	bed.dataCalls = () => bed.emulator.requests.filter((request) => request.path.startsWith('/public/') || request.path.startsWith('/api/'));
	return bed;
}

/** Query values as arrays, whatever Kick's repeated keys turned into in the log. */
export const many = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
