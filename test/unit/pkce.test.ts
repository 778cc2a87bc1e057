import {
	buildAuthorizationUrl,
	codeChallengeS256,
	createCodeVerifier,
	createState,
	isValidCodeVerifier,
} from '../../nodes/Kick/shared/pkce';

describe('PKCE S256', () => {
	it('matches the RFC 7636 appendix B example', () => {
		expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
	});

	it('creates valid, unique verifiers and states', () => {
		const verifier = createCodeVerifier();
		expect(verifier).toHaveLength(43);
		expect(isValidCodeVerifier(verifier)).toBe(true);
		expect(createCodeVerifier()).not.toBe(verifier);
		expect(createState()).toMatch(/^[A-Za-z0-9_-]{32}$/);
	});

	it('validates verifiers by RFC 7636 rules', () => {
		expect(isValidCodeVerifier('a'.repeat(42))).toBe(false);
		expect(isValidCodeVerifier('a'.repeat(129))).toBe(false);
		expect(isValidCodeVerifier(`${'a'.repeat(42)}~`)).toBe(true);
		expect(isValidCodeVerifier(`${'a'.repeat(42)}+`)).toBe(false);
	});
});

describe('buildAuthorizationUrl', () => {
	const parts = {
		oauthBaseUrl: 'https://id.kick.com/',
		clientId: '01K91WPYM0MF63PX0PN5PW9YW3',
		redirectUri: 'https://n8n.example.com/webhook/kick-callback',
		scopes: ['user:read', 'chat:write'],
		state: 'discord-123.abc',
		codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
	};

	it('has every parameter Kick requires', () => {
		const url = new URL(buildAuthorizationUrl(parts));
		expect(`${url.origin}${url.pathname}`).toBe('https://id.kick.com/oauth/authorize');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			client_id: parts.clientId,
			redirect_uri: parts.redirectUri,
			response_type: 'code',
			scope: 'user:read chat:write',
			state: parts.state,
			code_challenge: parts.codeChallenge,
			code_challenge_method: 'S256',
		});
		expect(buildAuthorizationUrl(parts)).toContain('scope=user%3Aread%20chat%3Awrite');
	});

	it('puts a sacrificial redirect=127.0.0.1 before a 127.0.0.1 redirect URI (docs/kick-api.md §8)', () => {
		const url = buildAuthorizationUrl({ ...parts, redirectUri: 'http://127.0.0.1:5173/callback' });
		expect(url.indexOf('redirect=127.0.0.1&')).toBeGreaterThan(-1);
		expect(url.indexOf('127.0.0.1')).toBeLessThan(url.indexOf('redirect_uri='));
		expect(new URL(url).searchParams.get('redirect_uri')).toBe('http://127.0.0.1:5173/callback');
		expect(buildAuthorizationUrl(parts)).not.toContain('redirect=');
	});
});
