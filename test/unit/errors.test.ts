import errors from './fixtures/errors.json';
import { explainFailure, kickErrorDetail } from '../../nodes/Kick/transport';
import { redactSecrets } from '../../nodes/Kick/transport/oauthClient';
import { isEndedLogin, readFailure } from '../../nodes/Kick/transport/request';
import { NodeApiError, type JsonObject } from 'n8n-workflow';

const USER = 'kickOAuth2Api';
const APP = 'kickAppOAuth2Api';

describe('kickErrorDetail reads every Kick error shape', () => {
	it.each([
		['api_400_subscription_limit', 'Bad request: event subscription limit reached'],
		['api_400_bot_without_channel', 'Bad request: Channel not found'],
		['api_400_invalid_request', 'Invalid request'],
		['api_401', 'Unauthorized'],
		['api_500_documented', 'Internal server error'],
		['cloudflare_403_waf', 'Request blocked by security policy.'],
		['oauth_400_documented', 'Invalid request'],
	])('%s', (key, expected) => {
		expect(kickErrorDetail((errors as Record<string, unknown>)[key])).toBe(expected);
	});

	it('OAuth errors with a description', () => {
		expect(kickErrorDetail(errors.oauth_400_invalid_grant)).toMatch(/^invalid_grant: The provided authorization grant/);
	});

	it('JSON in a string body, and nothing for HTML', () => {
		expect(kickErrorDetail('{"data":"x","message":"Bad request"}')).toBe('Bad request: x');
		expect(kickErrorDetail('<html>blocked</html>')).toBeUndefined();
	});
});

describe('explainFailure', () => {
	it('subscription limit says how to get room', () => {
		const result = explainFailure({ status: 400, data: errors.api_400_subscription_limit }, { credentialType: APP });
		expect(result.message).toBe('Kick refused the subscription: Bad request: event subscription limit reached');
		expect(result.description).toMatch(/Event Subscription → Delete/);
		expect(result.httpCode).toBe('400');
	});

	it('bot without channel explains the bot account', () => {
		const result = explainFailure({ status: 400, data: errors.api_400_bot_without_channel }, { credentialType: USER });
		expect(result.description).toMatch(/bot account/);
	});

	it('daily chat quota', () => {
		expect(explainFailure({ status: 400, data: errors.api_400_chat_daily_quota }).description).toMatch(/daily chat message quota/);
	});

	it('a generic 400 keeps Kick\'s words', () => {
		expect(explainFailure({ status: 400, data: errors.api_400_invalid_request }).message).toBe('Kick rejected the request (400): Invalid request');
	});

	it('401 says reconnect (user) or check client id and secret (app)', () => {
		expect(explainFailure({ status: 401, data: errors.api_401 }, { credentialType: USER }).description).toMatch(/reconnect/);
		expect(explainFailure({ status: 401, data: errors.api_401 }, { credentialType: APP }).description).toMatch(/Client ID and Client Secret/);
	});

	it('403 names the missing scope with a user token', () => {
		const result = explainFailure({ status: 403, data: errors.api_403 }, { credentialType: USER, requiredScope: 'moderation:ban' });
		expect(result.message).toBe("Kick refused the request: the credential probably lacks the 'moderation:ban' scope");
		expect(result.description).toMatch(/'moderation:ban'/);
	});

	it('403 with an app token on a user-only operation says to use a user token', () => {
		const result = explainFailure({ status: 403, data: errors.api_403 }, { credentialType: APP, userTokenOnly: true });
		expect(result.message).toBe('This operation needs a user token, but the node uses a Kick app token');
	});

	it('Cloudflare HTML 403: says so, without the HTML', () => {
		const html = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>challenge</body></html>';
		const result = explainFailure({ status: 403, headers: { 'Content-Type': 'text/html; charset=UTF-8' }, data: html });
		expect(result.message).toBe("Kick's Cloudflare protection blocked the request (HTTP 403, HTML challenge page)");
		expect(`${result.message} ${result.description}`).not.toMatch(/<|Just a moment/);
		// Detected from the body alone too.
		expect(explainFailure({ status: 403, data: html }).message).toMatch(/Cloudflare/);
	});

	it('Cloudflare WAF JSON 403 gives the reference', () => {
		expect(explainFailure({ status: 403, data: errors.cloudflare_403_waf }).message).toBe(
			"Kick's security policy blocked the request (HTTP 403, reference 9e4db7e3)",
		);
	});

	it('404, 429 (exhausted) and 5xx', () => {
		expect(explainFailure({ status: 404, data: { data: {}, message: 'Not found' } }).message).toBe('Kick could not find it (404): Not found');
		expect(explainFailure({ status: 429 }, { retriesExhausted: true }).description).toMatch(/paced its requests to Kick's limit and waited/);
		expect(explainFailure({ status: 500, data: errors.api_500_documented }).message).toBe("Kick's API failed (500): Internal server error");
	});

	it('network failures name the host only', () => {
		expect(explainFailure({ networkCode: 'ECONNREFUSED' }, { host: 'api.kick.com' }).message).toBe(
			'Could not reach Kick at api.kick.com (ECONNREFUSED)',
		);
	});

	it('OAuth: invalid_grant explains code, verifier and redirect URI', () => {
		const result = explainFailure({ status: 400, data: errors.oauth_400_invalid_grant }, { oauthClient: true, credentialType: APP });
		expect(result.message).toMatch(/^Kick's OAuth server refused the grant: invalid_grant/);
		expect(result.description).toMatch(/PKCE verifier or redirect URI/);
	});

	it('OAuth: the documented {error:"Invalid request"} points at client id, secret and redirect URI', () => {
		const result = explainFailure({ status: 400, data: errors.oauth_400_documented }, { oauthClient: true, credentialType: APP });
		expect(result.message).toBe("Kick's OAuth server refused the request (400): Invalid request");
		expect(result.description).toMatch(/Client ID and Client Secret/);
	});

	it('long details are clipped', () => {
		const result = explainFailure({ status: 400, data: { data: 'x'.repeat(1000), message: 'Bad request' } });
		expect(result.message.length).toBeLessThan(400);
	});
});

describe('redactSecrets', () => {
	it('blanks every secret out of a text', () => {
		expect(redactSecrets('token abcdef123 and secret s3cr3t-value', ['abcdef123', 's3cr3t-value', undefined])).toBe(
			'token [redacted] and secret [redacted]',
		);
		expect(redactSecrets('short ab', ['ab'])).toBe('short ab');
	});
});

describe('isEndedLogin: a login Kick ended, however n8n reports it', () => {
	it("n8n 1.x: its OAuth2 client's AuthError carrying Kick's invalid_grant", () => {
		const authError = Object.assign(new Error('The provided authorization grant … is invalid'), { code: 'EAUTH', body: { error: 'invalid_grant', error_description: 'expired' } });
		expect(isEndedLogin(authError, readFailure(authError))).toBe(true);
		expect(readFailure(authError)).toBeUndefined();
	});

	it('n8n 1.x as it reaches the node: a NodeApiError keeping only the message of OAuth 2\'s invalid_grant', () => {
		const wrapped = new Error('The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.');
		expect(isEndedLogin(wrapped, readFailure(wrapped))).toBe(true);
	});

	it('n8n 2.x: "The credential … needs to be reconnected."', () => {
		const reconnect = new Error('The credential "Kick account" needs to be reconnected.');
		expect(isEndedLogin(reconnect, readFailure(reconnect))).toBe(true);
	});

	it('not for other refusals of the token endpoint, or API errors', () => {
		const other = Object.assign(new Error('Client authentication failed'), { code: 'EAUTH', body: { error: 'invalid_client' } });
		expect(isEndedLogin(other, readFailure(other))).toBe(false);
		const api = Object.assign(new Error('Request failed with status code 401'), { response: { status: 401, data: {} } });
		expect(isEndedLogin(api, readFailure(api))).toBe(false);
	});
});

describe('readFailure', () => {
	const node = { id: '1', name: 'Kick', type: 'n8n-nodes-kick.kick', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

	it("finds the status of Kick's token endpoint refusing an app token (n8n wraps it three deep, without a response)", () => {
		// @n8n/client-oauth2's ResponseError, wrapped by n8n-core's OperationalError, wrapped in a NodeApiError.
		const responseError = Object.assign(new Error('HTTP status 429'), { status: 429, body: '{"message":"Too Many Requests"}', code: 'ESTATUS' });
		const operational = Object.assign(new Error('Failed to acquire OAuth2 access token: HTTP status 429'), { cause: responseError });
		const wrapped = new NodeApiError(node, operational as unknown as JsonObject);
		expect(readFailure(wrapped)).toEqual({ status: 429, data: '{"message":"Too Many Requests"}', tokenEndpoint: true });
	});

	it('prefers a real HTTP response, and reads network codes', () => {
		const axiosLike = Object.assign(new Error('Request failed'), { response: { status: 503, headers: { 'retry-after': '2' }, data: {} } });
		expect(readFailure(axiosLike)).toEqual({ status: 503, headers: { 'retry-after': '2' }, data: {} });
		expect(readFailure(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toEqual({ networkCode: 'ECONNRESET' });
		expect(readFailure(new Error('something else'))).toBeUndefined();
	});
});
