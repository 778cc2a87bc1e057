import { createHash } from 'node:crypto';

import { KickAppOAuth2Api } from '../../credentials/KickAppOAuth2Api.credentials';
import { KickOAuth2Api } from '../../credentials/KickOAuth2Api.credentials';
import { endpointOf } from '../../nodes/Kick/transport/credentials';

describe('Kick credentials', () => {
	it.each([new KickOAuth2Api(), new KickAppOAuth2Api()])('$displayName: endpoints are hidden behind Use Custom Endpoints (off by default)', (credential) => {
		const byName = new Map(credential.properties.map((property) => [property.name, property]));
		expect(byName.get('useCustomEndpoints')).toMatchObject({ type: 'boolean', default: false });
		for (const name of ['apiBaseUrl', 'oauthServerUrl']) {
			expect(byName.get(name)?.displayOptions).toEqual({ show: { useCustomEndpoints: [true] } });
		}
		expect(String(byName.get('accessTokenUrl')?.default)).toContain('$self["useCustomEndpoints"] === true');
	});

	it('the user credential applies Kick\'s 127.0.0.1 workaround to its login URL', () => {
		const property = new KickOAuth2Api().properties.find((entry) => entry.name === 'authQueryParameters');
		expect(String(property?.default)).toMatch(/^redirect=127\.0\.0\.1&/);
	});

	it("uses Kick's URLs unless custom endpoints are on, whatever the URL fields hold", () => {
		const stored = { apiBaseUrl: 'http://proxy.test/', oauthServerUrl: 'http://id-proxy.test' };
		expect(endpointOf(stored, 'apiBaseUrl')).toBe('https://api.kick.com');
		expect(endpointOf(stored, 'oauthServerUrl')).toBe('https://id.kick.com');
		expect(endpointOf({ ...stored, useCustomEndpoints: true }, 'apiBaseUrl')).toBe('http://proxy.test');
		expect(endpointOf({ ...stored, useCustomEndpoints: true }, 'oauthServerUrl')).toBe('http://id-proxy.test');
		expect(endpointOf({ useCustomEndpoints: true, apiBaseUrl: '  ' }, 'apiBaseUrl')).toBe('https://api.kick.com');
	});
});

describe("the user credential's fixed PKCE pair (n8n 1.x)", () => {
	it('is a valid S256 pair', () => {
		const credential = new KickOAuth2Api();
		const query = new URLSearchParams(String(credential.properties.find((property) => property.name === 'authQueryParameters')?.default));
		const body = JSON.parse(String(credential.properties.find((property) => property.name === 'additionalBodyProperties')?.default)) as { code_verifier: string };
		expect(query.get('code_challenge_method')).toBe('S256');
		expect(body.code_verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
		expect(query.get('code_challenge')).toBe(createHash('sha256').update(body.code_verifier).digest('base64url'));
	});
});
