import { SEED, startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, runNode, sharedN8n, type KickCredentials, type N8nClient } from '../harness';

describe('User (in a real n8n, against the emulator)', () => {
	let emulator: KickEmulator;
	let n8n: N8nClient;
	let credentials: KickCredentials;

	beforeAll(async () => {
		emulator = await startKickEmulator();
		n8n = await sharedN8n();
		credentials = await connectKickCredentials(n8n, emulator);
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.clearRequests());

	it('Get returns the user who connected the credential, with the user token', async () => {
		const run = await runNode(n8n, {
			parameters: { authentication: 'userOAuth2', resource: 'user', operation: 'get' },
			credentials: { kickOAuth2Api: credentials.user },
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json.user_id).toBe(SEED.users.neonvale);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		const calls = emulator.requests.filter((request) => request.path === '/public/v1/users');
		expect(calls).toHaveLength(1);
		expect(calls[0].method).toBe('GET');
		expect(calls[0].tokenKind).toBe('user');
	});

	it('Get Many batches ids from 120 items into ceil(distinct/50) calls and pairs every result', async () => {
		const ids = Object.values(SEED.users);
		const items = Array.from({ length: 120 }, (_, i) => ({ userId: ids[i % ids.length] }));
		const run = await runNode(n8n, {
			parameters: { authentication: 'appOAuth2', resource: 'user', operation: 'getMany', userIds: '={{ $json.userId }}' },
			credentials: { kickAppOAuth2Api: credentials.app },
			items,
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(120);
		run.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.user_id).toBe(items[i].userId);
		});
		const calls = emulator.requests.filter((request) => request.path === '/public/v1/users');
		expect(calls).toHaveLength(Math.ceil(new Set(ids).size / 50));
		expect(calls.every((call) => call.tokenKind === 'app')).toBe(true);
	});

	it('refuses a bad id before any request, naming the field', async () => {
		const run = await runNode(n8n, {
			parameters: { authentication: 'appOAuth2', resource: 'user', operation: 'getMany', userIds: '12, abc' },
			credentials: { kickAppOAuth2Api: credentials.app },
		});
		expect(run.error?.message).toMatch(/^User IDs: 'abc' is not a Kick id/);
		expect(emulator.requests.filter((request) => request.path.startsWith('/public/'))).toHaveLength(0);
	});

	it('refreshes an expired user token through n8n and stores the rotated refresh token', async () => {
		const refreshTokensSent = () =>
			emulator.requests
				.filter((request) => request.path === '/oauth/token' && (request.body as any)?.grant_type === 'refresh_token')
				.map((request) => (request.body as any).refresh_token as string);
		const getMe = async () =>
			await runNode(n8n, {
				parameters: { authentication: 'userOAuth2', resource: 'user', operation: 'get' },
				credentials: { kickOAuth2Api: credentials.user },
			});

		expect(emulator.expireAccessTokens({ kind: 'user' })).toBeGreaterThan(0);
		const first = await getMe();
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.user_id).toBe(SEED.users.neonvale);
		expect(emulator.requests.filter((request) => request.path === '/public/v1/users').map((request) => request.status)).toEqual([401, 200]);
		expect(refreshTokensSent()).toHaveLength(1);

		// The second refresh must present the refresh token Kick rotated in the first one,
		// which proves n8n stored it.
		expect(emulator.expireAccessTokens({ kind: 'user' })).toBeGreaterThan(0);
		const second = await getMe();
		expect(second.error).toBeUndefined();
		const [firstSent, secondSent] = refreshTokensSent();
		expect(secondSent).toBeDefined();
		expect(secondSent).not.toBe(firstSent);
	});
});
