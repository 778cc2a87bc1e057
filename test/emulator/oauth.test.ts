import { client, form, FORM_HEADERS, pkcePair, qs } from './helpers';
import { ALL_SCOPES, type KickEmulator, SEED, startKickEmulator } from './index';

let kick: KickEmulator;
beforeAll(async () => {
	kick = await startKickEmulator();
});
afterAll(() => kick.close());

const { clientId, clientSecret, redirectUri } = SEED.app;

async function authorize(challenge: string, overrides: Record<string, string> = {}) {
	const params = {
		client_id: clientId,
		response_type: 'code',
		redirect_uri: redirectUri,
		state: 'csrf-123',
		scope: 'user:read chat:write',
		code_challenge: challenge,
		code_challenge_method: 'S256',
		...overrides,
	};
	return client(kick).get(`/oauth/authorize?${qs(params)}`);
}

async function codeFor(challenge: string): Promise<string> {
	const res = await authorize(challenge);
	expect(res.status).toBe(302);
	const location = new URL(res.headers.location as string);
	expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
	expect(location.searchParams.get('state')).toBe('csrf-123');
	return location.searchParams.get('code') as string;
}

const exchange = (fields: Record<string, string>) =>
	client(kick).post('/oauth/token', form(fields), { headers: FORM_HEADERS });

const codeGrant = (code: string, verifier: string, extra: Record<string, string> = {}) =>
	exchange({
		grant_type: 'authorization_code',
		client_id: clientId,
		client_secret: clientSecret,
		redirect_uri: redirectUri,
		code,
		code_verifier: verifier,
		...extra,
	});

describe("Kick's consent page", () => {
	afterEach(() => {
		kick.state.consentPage = false;
	});

	/** The page's form fields, as a browser would send them with the button's name and value. */
	function formOf(html: string, decision: string): Record<string, string> {
		const fields: Record<string, string> = { decision };
		for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
			fields[match[1]!] = match[2]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
		}
		return fields;
	}

	it('asks before approving: Allow Access returns a code that exchanges, Cancel returns access_denied', async () => {
		kick.state.consentPage = true;
		const { verifier, challenge } = pkcePair();
		const page = await authorize(challenge);
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toMatch(/^text\/html/);
		expect(page.data).toContain('Allow Access');
		expect(page.data).toContain('<li>chat:write</li>');

		const allowed = await client(kick).post('/oauth/authorize', form(formOf(page.data, 'allow')), { headers: FORM_HEADERS });
		expect(allowed.status).toBe(302);
		const location = new URL(allowed.headers.location as string);
		expect(location.searchParams.get('state')).toBe('csrf-123');
		const token = await codeGrant(location.searchParams.get('code') as string, verifier);
		expect(token.status).toBe(200);

		const canceled = await client(kick).post('/oauth/authorize', form(formOf(page.data, 'deny')), { headers: FORM_HEADERS });
		expect(canceled.status).toBe(302);
		const back = new URL(canceled.headers.location as string);
		expect([back.searchParams.get('error'), back.searchParams.get('state'), back.searchParams.get('code')]).toEqual(['access_denied', 'csrf-123', null]);
	});

	it('checks the request before showing the page', async () => {
		kick.state.consentPage = true;
		const res = await authorize(pkcePair().challenge, { redirect_uri: 'https://elsewhere.example/callback' });
		expect(res.status).toBe(400);
	});
});

describe('authorization code + PKCE', () => {
	it('refuses a wrong code_verifier and accepts the right one, once', async () => {
		const { verifier, challenge } = pkcePair();
		const code = await codeFor(challenge);

		const wrong = await codeGrant(code, pkcePair().verifier);
		expect(wrong.status).toBe(400);
		expect(wrong.data.error).toBe('invalid_grant');
		expect(typeof wrong.data.error_description).toBe('string');

		const right = await codeGrant(code, verifier);
		expect(right.status).toBe(200);
		expect(right.data).toEqual({
			access_token: expect.any(String),
			token_type: 'Bearer',
			refresh_token: expect.any(String),
			expires_in: 7200,
			scope: 'user:read chat:write',
		});

		const again = await codeGrant(code, verifier);
		expect(again.status).toBe(400);
		expect(again.data.error).toBe('invalid_grant');
	});

	it('issues a token for the configured consent user', async () => {
		kick.state.consentUserId = SEED.users.pixelmoth;
		try {
			const { verifier, challenge } = pkcePair();
			const token = (await codeGrant(await codeFor(challenge), verifier)).data.access_token;
			const me = await client(kick, token).get('/public/v1/users');
			expect(me.data.data[0].user_id).toBe(SEED.users.pixelmoth);
		} finally {
			kick.state.consentUserId = SEED.users.neonvale;
		}
	});

	it('requires the client secret and the same redirect_uri', async () => {
		const { verifier, challenge } = pkcePair();
		const code = await codeFor(challenge);
		const noSecret = await codeGrant(code, verifier, { client_secret: '' });
		expect(noSecret.status).toBe(400);
		expect(noSecret.data).toEqual({ error: 'Invalid request' });
		const otherRedirect = await codeGrant(code, verifier, { redirect_uri: 'http://localhost:3000/callback' });
		expect(otherRedirect.status).toBe(400);
		expect(otherRedirect.data.error).toBe('invalid_grant');
	});

	it.each([
		['an unknown client', { client_id: 'nope' }],
		['a redirect_uri that is not registered exactly', { redirect_uri: `${redirectUri}/` }],
		['response_type other than code', { response_type: 'token' }],
		['a plain code challenge method', { code_challenge_method: 'plain' }],
		['an unknown scope', { scope: 'user:read chat:read' }],
		['a missing state', { state: '' }],
	])('refuses %s with 400 {"error":"Invalid request"}', async (_label, overrides) => {
		const res = await authorize(pkcePair().challenge, overrides);
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'Invalid request' });
	});

	it('accepts a redirect URI a test registers', async () => {
		kick.apps[0].redirectUris.push('http://localhost:9999/cb');
		const res = await authorize(pkcePair().challenge, { redirect_uri: 'http://localhost:9999/cb' });
		expect(res.status).toBe(302);
		expect(res.headers.location).toMatch(/^http:\/\/localhost:9999\/cb\?code=.+&state=csrf-123$/);
	});
});

describe("Kick's 127.0.0.1 quirk", () => {
	const loopback = 'http://127.0.0.1:5173/callback';

	it('rewrites the first 127.0.0.1 in the authorize URL: a 127.0.0.1 redirect URI alone no longer matches', async () => {
		kick.apps[0].redirectUris.push(loopback);
		const res = await authorize(pkcePair().challenge, { redirect_uri: loopback });
		expect(res.status).toBe(400);
	});

	it("Kick's workaround: a parameter holding 127.0.0.1 before redirect_uri", async () => {
		kick.apps[0].redirectUris.push(loopback);
		const { challenge } = pkcePair();
		const query = `client_id=${clientId}&redirect=127.0.0.1&${qs({ redirect_uri: loopback, response_type: 'code', state: 's', scope: 'user:read', code_challenge: challenge, code_challenge_method: 'S256' })}`;
		const res = await client(kick).get(`/oauth/authorize?${query}`);
		expect(res.status).toBe(302);
		expect(res.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:5173\/callback\?code=/);
	});
});

describe('client_credentials', () => {
	it('returns an app token with no refresh token and no scope', async () => {
		const res = await exchange({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 5184000 });
	});

	it('refuses a wrong secret and a JSON body', async () => {
		const wrong = await exchange({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'x' });
		expect(wrong.status).toBe(400);
		const json = await client(kick).post('/oauth/token', {
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: clientSecret,
		});
		expect(json.status).toBe(400);
	});
});

describe('refresh_token', () => {
	const refresh = (token: string) =>
		exchange({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: token });

	it('rotates both tokens; the old access token lives until it expires', async () => {
		const first = kick.issueUserToken({ userId: SEED.users.neonvale });
		const res = await refresh(first.refresh_token as string);
		expect(res.status).toBe(200);
		expect(res.data.access_token).not.toBe(first.access_token);
		expect(res.data.refresh_token).not.toBe(first.refresh_token);
		expect(res.data.scope).toBe(ALL_SCOPES.join(' '));
		expect(res.data.expires_in).toBe(7200);

		// docs/kick-api.md §7 says nothing about revoking the old access token on refresh: it stays valid.
		expect((await client(kick, first.access_token).get('/public/v1/users')).status).toBe(200);
		expect((await client(kick, res.data.access_token).get('/public/v1/users')).status).toBe(200);
	});

	it('lets a rotated refresh token be reused within the grace window only', async () => {
		const first = kick.issueUserToken({ userId: SEED.users.neonvale });
		expect((await refresh(first.refresh_token as string)).status).toBe(200);
		expect((await refresh(first.refresh_token as string)).status).toBe(200);

		kick.state.settings.refreshTokenReuseSeconds = 0;
		try {
			const strict = kick.issueUserToken({ userId: SEED.users.neonvale });
			const rotated = await refresh(strict.refresh_token as string);
			expect(rotated.status).toBe(200);
			const reuse = await refresh(strict.refresh_token as string);
			expect(reuse.status).toBe(400);
			expect(reuse.data.error).toBe('invalid_grant');
			expect((await refresh(rotated.data.refresh_token)).status).toBe(200);
		} finally {
			kick.state.settings.refreshTokenReuseSeconds = 60;
		}
	});

	it('ends a login 30 days after it was made, however often it was refreshed (KickDevDocs#397)', async () => {
		const DAY = 86_400_000;
		const login = kick.issueUserToken({ userId: SEED.users.neonvale });
		let current = login.refresh_token as string;
		// Refreshed every few days: each refresh works and hands out a new refresh token...
		for (let day = 0; day < 28; day += 7) {
			kick.ageLogins(7 * DAY, { userId: SEED.users.neonvale });
			const rotated = await refresh(current);
			expect({ day, status: rotated.status }).toEqual({ day, status: 200 });
			current = rotated.data.refresh_token;
		}
		// ...but the login is now 28 days old; two days later it ends, rotated tokens included.
		kick.ageLogins(2 * DAY + 60_000, { userId: SEED.users.neonvale });
		const ended = await refresh(current);
		expect({ status: ended.status, error: ended.data.error }).toEqual({ status: 400, error: 'invalid_grant' });
		// A new login starts a new 30 days.
		expect((await refresh(kick.issueUserToken({ userId: SEED.users.neonvale }).refresh_token as string)).status).toBe(200);
	});

	it("disconnecting the app ends the user's tokens but keeps the subscriptions, which only an app token can delete (KickDevDocs#347)", async () => {
		const user = kick.issueUserToken({ userId: SEED.users.neonvale });
		const created = await client(kick, user.access_token).post('/public/v1/events/subscriptions', { events: [{ name: 'chat.message.sent', version: 1 }] });
		const id = created.data.data[0].subscription_id as string;
		kick.disconnectApp(SEED.users.neonvale);
		expect((await client(kick, user.access_token).delete(`/public/v1/events/subscriptions?id=${id}`)).status).toBe(401);
		expect((await refresh(user.refresh_token as string)).data.error).toBe('invalid_grant');
		expect(kick.state.subscriptions.map((subscription) => subscription.id)).toContain(id);
		const app = client(kick, kick.issueAppToken().access_token);
		expect((await app.delete(`/public/v1/events/subscriptions?id=${id}`)).status).toBe(204);
		expect(kick.state.subscriptions.map((subscription) => subscription.id)).not.toContain(id);
	});

	it('refuses revoked and unknown refresh tokens with invalid_grant', async () => {
		const set = kick.issueUserToken({ userId: SEED.users.neonvale });
		expect(kick.revokeRefreshTokens({ refreshToken: set.refresh_token })).toBe(1);
		const revoked = await refresh(set.refresh_token as string);
		expect(revoked.status).toBe(400);
		expect(revoked.data.error).toBe('invalid_grant');
		expect((await refresh('garbage')).data.error).toBe('invalid_grant');
	});
});

describe('revoke and introspect', () => {
	it('revokes with query parameters and answers text OK', async () => {
		const set = kick.issueUserToken({ userId: SEED.users.neonvale });
		const res = await client(kick).post(
			`/oauth/revoke?${qs({ token: set.access_token, token_hint_type: 'access_token' })}`,
			'',
			{ headers: FORM_HEADERS },
		);
		expect(res.status).toBe(200);
		expect(res.data).toBe('OK');
		const after = await client(kick, set.access_token).get('/public/v1/users');
		expect(after.status).toBe(401);
		expect(after.data).toEqual({ data: {}, message: 'Unauthorized' });

		// Body parameters are not the documented form (docs/kick-api.md §2.5).
		const bodyOnly = await client(kick).post('/oauth/revoke', form({ token: set.refresh_token as string }), {
			headers: FORM_HEADERS,
		});
		expect(bodyOnly.status).toBe(400);
	});

	it.each(['/oauth/token/introspect', '/public/v1/token/introspect'])(
		'introspects user, app, expired and garbage tokens at %s',
		async (path) => {
			const user = kick.issueUserToken({ userId: SEED.users.neonvale, scopes: ['user:read', 'chat:write'] });
			const app = kick.issueAppToken();
			const active = await client(kick, user.access_token).post(path);
			expect(active.status).toBe(200);
			expect(active.data).toEqual({
				data: {
					active: true,
					client_id: clientId,
					token_type: 'user',
					scope: 'user:read chat:write',
					exp: expect.any(Number),
				},
				message: 'OK',
			});
			expect(Math.abs(active.data.data.exp - (Date.now() / 1000 + 7200))).toBeLessThan(5);
			expect((await client(kick, app.access_token).post(path)).data.data.token_type).toBe('app');

			kick.expireAccessTokens({ accessToken: user.access_token });
			expect((await client(kick, user.access_token).post(path)).data).toEqual({
				data: { active: false },
				message: 'OK',
			});
			expect((await client(kick, 'garbage').post(path)).status).toBe(401);
		},
	);

	it('expires access tokens on command, by kind', async () => {
		const user = kick.issueUserToken({ userId: SEED.users.neonvale });
		const app = kick.issueAppToken();
		expect(kick.expireAccessTokens({ kind: 'app' })).toBeGreaterThanOrEqual(1);
		expect((await client(kick, app.access_token).get('/public/v1/livestreams/stats')).status).toBe(401);
		expect((await client(kick, user.access_token).get('/public/v1/livestreams/stats')).status).toBe(200);
	});

	it('honors expiresIn on issued tokens', async () => {
		const short = kick.issueAppToken({ expiresIn: 0 });
		expect(short.expires_in).toBe(0);
		expect((await client(kick, short.access_token).get('/public/v1/livestreams/stats')).status).toBe(401);
	});
});
