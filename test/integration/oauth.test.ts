import { SEED } from '../emulator';
import { kickTestBed } from './kickSetup';

const REDIRECT = 'http://localhost:3000/callback';

/** Follows the authorization URL like a browser would, up to the redirect back. */
async function authorize(url: string): Promise<{ code: string; state: string }> {
	const response = await fetch(url, { redirect: 'manual' });
	expect(response.status).toBe(302);
	const location = new URL(response.headers.get('location')!);
	expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
	return { code: location.searchParams.get('code')!, state: location.searchParams.get('state')! };
}

describe('OAuth resource: account linking (real n8n, emulator)', () => {
	const bed = kickTestBed();

	async function createUrl(state = '') {
		const run = await bed.run({ resource: 'oauth', operation: 'createAuthorizationUrl', redirectUri: REDIRECT, scopes: ['user:read', 'chat:write'], state }, { auth: 'app' });
		expect(run.error).toBeUndefined();
		return run.items[0].json;
	}

	it('Create Authorization URL: PKCE S256, state, scopes; no request made', async () => {
		const out = await createUrl('discord-1234');
		const url = new URL(out.authorization_url);
		expect(`${url.origin}${url.pathname}`).toBe(`${bed.emulator.url}/oauth/authorize`);
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			client_id: SEED.app.clientId,
			redirect_uri: REDIRECT,
			response_type: 'code',
			scope: 'user:read chat:write',
			state: 'discord-1234',
			code_challenge: out.code_challenge,
			code_challenge_method: 'S256',
		});
		expect(out.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(bed.emulator.requests.filter((r) => r.path.startsWith('/oauth/authorize'))).toHaveLength(0);
		const random = await createUrl();
		expect(random.state).toMatch(/^[A-Za-z0-9_-]{32}$/);
	});

	it('the full linking flow: authorize → Exchange Code (with the user) → Refresh → Introspect → Revoke', async () => {
		const start = await createUrl('discord-42');
		const { code, state } = await authorize(start.authorization_url);
		expect(state).toBe('discord-42');

		bed.emulator.clearRequests();
		const exchanged = await bed.run(
			{ resource: 'oauth', operation: 'exchangeCode', code, codeVerifier: start.code_verifier, redirectUri: REDIRECT, includeUser: true },
			{ auth: 'app' },
		);
		expect(exchanged.error).toBeUndefined();
		const tokens = exchanged.items[0].json;
		expect(tokens).toMatchObject({ token_type: 'Bearer', scope: 'user:read chat:write', expires_in: 7200, user: { user_id: SEED.users.neonvale } });
		expect(typeof tokens.access_token).toBe('string');
		const [tokenCall] = bed.calls('/oauth/token');
		expect(tokenCall.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
		expect(tokenCall.body).toEqual({
			grant_type: 'authorization_code',
			client_id: SEED.app.clientId,
			client_secret: SEED.app.clientSecret,
			redirect_uri: REDIRECT,
			code_verifier: start.code_verifier,
			code,
		});
		expect(bed.calls('/public/v1/users')[0]).toMatchObject({ tokenKind: 'user', userId: SEED.users.neonvale });

		const refreshed = await bed.run({ resource: 'oauth', operation: 'refreshToken', refreshToken: tokens.refresh_token }, { auth: 'app' });
		expect(refreshed.items[0].json.refresh_token).not.toBe(tokens.refresh_token);

		const active = await bed.run({ resource: 'oauth', operation: 'introspectToken', token: refreshed.items[0].json.access_token }, { auth: 'app' });
		expect(active.items[0].json).toMatchObject({ active: true, token_type: 'user', scope: 'user:read chat:write' });

		const revoked = await bed.run({ resource: 'oauth', operation: 'revokeToken', token: refreshed.items[0].json.access_token, tokenTypeHint: 'access_token' }, { auth: 'app' });
		expect(revoked.items[0].json).toEqual({ revoked: true, token_type: 'access_token' });
		expect(bed.calls('/oauth/revoke')[0].query).toEqual({ token: refreshed.items[0].json.access_token, token_hint_type: 'access_token' });

		const after = await bed.run({ resource: 'oauth', operation: 'introspectToken', token: refreshed.items[0].json.access_token }, { auth: 'app' });
		expect(after.items[0].json.active).toBe(false);
		const unknown = await bed.run({ resource: 'oauth', operation: 'introspectToken', token: 'not-a-real-token' }, { auth: 'app' });
		expect(unknown.items[0].json).toEqual({ active: false });
	});

	it('a wrong verifier is refused with a clear error that contains no secret', async () => {
		const start = await createUrl();
		const { code } = await authorize(start.authorization_url);
		const other = await createUrl();
		const run = await bed.run({ resource: 'oauth', operation: 'exchangeCode', code, codeVerifier: other.code_verifier, redirectUri: REDIRECT }, { auth: 'app' });
		expect(run.error?.message).toMatch(/^Kick's OAuth server refused the grant: invalid_grant/);
		expect(run.error?.description).toMatch(/PKCE verifier or redirect URI/);
		const text = JSON.stringify(run.error);
		for (const secret of [code, other.code_verifier, SEED.app.clientSecret]) expect(text).not.toContain(secret);
		// The code is still usable with the right verifier (RFC 7636).
		const retry = await bed.run({ resource: 'oauth', operation: 'exchangeCode', code, codeVerifier: start.code_verifier, redirectUri: REDIRECT, includeUser: false }, { auth: 'app' });
		expect(retry.error).toBeUndefined();
		expect(retry.items[0].json.user).toBeUndefined();
	});

	it('a malformed verifier is refused before any request', async () => {
		const run = await bed.run({ resource: 'oauth', operation: 'exchangeCode', code: 'abc', codeVerifier: 'short', redirectUri: REDIRECT }, { auth: 'app' });
		expect(run.error?.message).toBe('Code Verifier: is not a PKCE code verifier (43 to 128 letters, digits, - . _ ~)');
		expect(bed.calls('/oauth/token').filter((call) => (call.body as any)?.grant_type === 'authorization_code')).toHaveLength(0);
	});

	it('OAuth operations need the app credential', async () => {
		const run = await bed.run({ resource: 'oauth', operation: 'createAuthorizationUrl', redirectUri: REDIRECT, scopes: ['user:read'] });
		expect(run.error?.message).toBe('Authentication: this operation needs an app token (Kick App OAuth2 API)');
	});
});
