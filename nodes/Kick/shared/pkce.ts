/**
 * PKCE (RFC 7636, S256) and authorization-URL helpers for the OAuth resource. Pure apart from
 * the random bytes, so they are unit-tested directly.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Characters RFC 7636 allows in a code verifier, 43 to 128 of them. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function base64url(bytes: Buffer): string {
	return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes → a 43-character verifier. */
export function createCodeVerifier(): string {
	return base64url(randomBytes(32));
}

export function isValidCodeVerifier(verifier: string): boolean {
	return VERIFIER.test(verifier);
}

/** base64url(SHA-256(verifier)), the only method Kick accepts. */
export function codeChallengeS256(verifier: string): string {
	return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** An unguessable state for CSRF protection when the caller brings none. */
export function createState(): string {
	return base64url(randomBytes(24));
}

export interface AuthorizationUrlParts {
	oauthBaseUrl: string;
	clientId: string;
	redirectUri: string;
	scopes: readonly string[];
	state: string;
	codeChallenge: string;
}

/** The literal Kick's authorize page rewrites to "localhost" on its first occurrence (docs/kick-api.md §8). */
const LOOPBACK = '127.0.0.1';

/**
 * `<oauth server>/oauth/authorize?…` with every parameter Kick requires. When the redirect URI
 * uses 127.0.0.1, a sacrificial `redirect=127.0.0.1` parameter goes first so Kick's rewrite of
 * the first occurrence leaves the real redirect_uri intact (docs/kick-api.md §8).
 */
export function buildAuthorizationUrl(parts: AuthorizationUrlParts): string {
	const params: Array<[string, string]> = [['client_id', parts.clientId]];
	if (parts.redirectUri.includes(LOOPBACK)) params.push(['redirect', LOOPBACK]);
	params.push(
		['redirect_uri', parts.redirectUri],
		['response_type', 'code'],
		['scope', parts.scopes.join(' ')],
		['state', parts.state],
		['code_challenge', parts.codeChallenge],
		['code_challenge_method', 'S256'],
	);
	const query = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
	return `${parts.oauthBaseUrl.replace(/\/+$/, '')}/oauth/authorize?${query}`;
}
