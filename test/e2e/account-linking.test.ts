/**
 * examples/account-linking.json in a real n8n: link page → Kick authorize (PKCE) → callback →
 * Exchange Code → data table → Discord confirmation, followed the way a browser would.
 */
import { SEED } from '../emulator';
import { dataTableRows, ensureDataTable, type DataTableRef, type ImportedExample } from '../harness/examples';
import { expectSuccessfulExecutions, publishExample, setUpE2e, type E2eContext } from './helpers';

const DISCORD_ID = '284137711122233344';

describe('example: account linking (Discord id ↔ Kick account)', () => {
	let e2e: E2eContext;
	let workflow: ImportedExample;
	let table: DataTableRef;

	beforeAll(async () => {
		e2e = await setUpE2e();
		table = await ensureDataTable(e2e.n8n, 'kick_account_links');
		const discord = await e2e.discordCredential('links');
		workflow = await publishExample(e2e.n8n, 'account-linking', {
			credentials: { kickAppOAuth2Api: e2e.kick.app, discordWebhookApi: discord },
			replace: { 'https://n8n.example.com': e2e.n8n.baseUrl },
		});
		// The callback is the redirect URL registered for the Kick app.
		e2e.emulator.apps[0].redirectUris.push(workflow.urls['Kick callback']);
	});
	afterAll(async () => {
		await e2e.n8n.unpublish(workflow.id).catch(() => undefined);
		await e2e.close();
	});

	it('links the account: redirect to Kick, exchange the code with the verifier, store, announce, revoke', async () => {
		e2e.emulator.clearRequests();
		const linkPage = await fetch(`${workflow.urls['Link page']}?discord_id=${DISCORD_ID}`, { redirect: 'manual' });
		expect(linkPage.status).toBe(307);
		const authorize = new URL(linkPage.headers.get('location') ?? '');
		expect(`${authorize.origin}${authorize.pathname}`).toBe(`${e2e.emulator.url}/oauth/authorize`);
		expect(authorize.searchParams.get('client_id')).toBe(SEED.app.clientId);
		expect(authorize.searchParams.get('redirect_uri')).toBe(workflow.urls['Kick callback']);
		expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
		expect(authorize.searchParams.get('scope')).toBe('user:read');
		const state = authorize.searchParams.get('state') ?? '';
		expect(state.length).toBeGreaterThanOrEqual(16);

		const pending = (await dataTableRows(e2e.n8n, table)).find((row) => row.state === state);
		expect(pending).toMatchObject({ discord_user_id: DISCORD_ID, status: 'pending' });

		// The user approves on Kick (the emulator consents at once) and comes back with a code.
		const consent = await fetch(authorize, { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const callbackUrl = new URL(consent.headers.get('location') ?? '');
		expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(workflow.urls['Kick callback']);
		expect(callbackUrl.searchParams.get('state')).toBe(state);

		const callback = await fetch(callbackUrl, { redirect: 'manual' });
		const page = await callback.text();
		expect(callback.status).toBe(200);
		expect(callback.headers.get('content-type')).toMatch(/text\/html/);
		expect(page).toContain('Kick account linked');
		expect(page).toContain('NeonVale');

		const [message] = await e2e.sink.waitFor('links', 1);
		expect(message.content).toBe(`✅ <@${DISCORD_ID}> linked their Kick account **NeonVale**`);

		const linked = (await dataTableRows(e2e.n8n, table)).find((row) => row.state === state);
		expect(linked).toMatchObject({ discord_user_id: DISCORD_ID, status: 'linked', kick_user_id: SEED.users.neonvale, kick_username: 'NeonVale', code_verifier: '' });
		expect(linked?.linked_at).toBeTruthy();

		// The code went to Kick with the verifier whose challenge was in the authorize URL, and the
		// token was revoked once the user was known.
		const exchange = e2e.emulator.requests.find((request) => request.path === '/oauth/token' && (request.body as any)?.grant_type === 'authorization_code');
		expect(exchange?.status).toBe(200);
		expect((exchange?.body as any).code_verifier).toBe(pending?.code_verifier);
		expect((exchange?.body as any).redirect_uri).toBe(workflow.urls['Kick callback']);
		expect(e2e.emulator.requests.filter((request) => request.path === '/oauth/revoke').map((request) => request.status)).toEqual([200]);
		await expectSuccessfulExecutions(e2e.n8n, workflow.id, 2);
	});

	it('refuses a replayed or forged callback without touching Kick', async () => {
		const before = e2e.emulator.requests.filter((request) => request.path === '/oauth/token').length;
		const forged = await fetch(`${workflow.urls['Kick callback']}?code=abc&state=not-a-known-state`);
		expect(forged.status).toBe(400);
		expect(await forged.text()).toContain('Link expired');

		const [row] = (await dataTableRows(e2e.n8n, table)).filter((entry) => entry.status === 'linked');
		const replay = await fetch(`${workflow.urls['Kick callback']}?code=abc&state=${row.state}`);
		expect(replay.status).toBe(400);
		expect(e2e.emulator.requests.filter((request) => request.path === '/oauth/token')).toHaveLength(before);

		const noId = await fetch(workflow.urls['Link page'], { redirect: 'manual' });
		expect(noId.status).toBe(400);
	});
});
