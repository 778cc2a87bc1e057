/**
 * Turns whatever Kick (or Cloudflare in front of it) answered into a message that says what
 * happened and a description that says how to fix it. Pure: the transport feeds it the status,
 * headers and body of a failed response. Never copies request headers or tokens.
 */

import { headerValue } from '../shared/headers';
import { obj, parseJson } from '../shared/json';
import { APP_CREDENTIAL, USER_CREDENTIAL } from '../shared/kick.constants';

export interface KickFailure {
	status?: number;
	headers?: Record<string, unknown>;
	/** Parsed JSON body, or the raw text when it was not JSON. */
	data?: unknown;
	networkCode?: string;
	/** The failure came from Kick's OAuth server while n8n got or refreshed the token, not from the API. */
	tokenEndpoint?: boolean;
}

export interface FailureContext {
	credentialType?: string;
	/** The scope the operation needs with a user token. */
	requiredScope?: string;
	/** Whether the operation only works with a user token. */
	userTokenOnly?: boolean;
	/** Host that was called, for network errors (no path, no query). */
	host?: string;
	retriesExhausted?: boolean;
	/** What the pacer learned of Kick's limit (requests per minute), when it learned one. */
	rateLimitPerWindow?: number;
	/** The request went to Kick's OAuth server with the app's client ID and secret (OAuth resource). */
	oauthClient?: boolean;
}

export interface ExplainedFailure {
	message: string;
	description: string;
	httpCode?: string;
}

const MAX_DETAIL_LENGTH = 300;

function isHtml(failure: KickFailure): boolean {
	if (headerValue(failure.headers, 'content-type')?.includes('text/html')) return true;
	return typeof failure.data === 'string' && /^\s*<(!doctype|html)/i.test(failure.data);
}

function clip(text: string): string {
	return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
}

/** Kick's own words from an error body: API `{data,message}` or OAuth `{error,error_description}`. */
export function kickErrorDetail(data: unknown): string | undefined {
	const body = obj(parseJson(data));
	if (!body) return undefined;
	if (typeof body.error_description === 'string' && body.error_description) {
		return clip(`${String(body.error)}: ${body.error_description}`);
	}
	if (typeof body.error === 'string' && body.error) return clip(body.error);
	const parts: string[] = [];
	if (typeof body.message === 'string' && body.message) parts.push(body.message);
	if (typeof body.data === 'string' && body.data && body.data !== body.message) parts.push(body.data);
	return parts.length ? clip(parts.join(': ')) : undefined;
}

/** What to do when Kick refuses a subscription for the app's limit (the API's 400, or a per-event refusal). */
export const SUBSCRIPTION_LIMIT_ADVICE =
	'The Kick app has reached its event subscription limit. Delete subscriptions you no longer need (Kick node → Event Subscription → Delete), or ask Kick (developers@kick.com) to verify the app for a higher limit.';

/** Kick's words in a client error that say what it refused, in the order they are checked, and what to do. */
const KICK_REFUSALS: Array<{ words: RegExp; refused: string; description: string }> = [
	{ words: /subscription limit/i, refused: 'Kick refused the subscription', description: SUBSCRIPTION_LIMIT_ADVICE },
	{
		words: /channel not found/i,
		refused: 'Kick refused the request',
		description:
			"Check the channel. When sending as the bot, the Kick app needs a bot account (create it in the app's developer settings) and the bot can only post in the channel of the account that authorized the credential.",
	},
	{
		words: /quota/i,
		refused: 'Kick refused the message',
		description: "The app's daily chat message quota is used up. Try again tomorrow, or ask Kick for a higher quota.",
	},
	{
		words: /invalid_grant/i,
		refused: "Kick's OAuth server refused the grant",
		description:
			'The code or token is invalid, expired or already used, or the PKCE verifier or redirect URI does not match the ones used to authorize. Start the authorization again.',
	},
];

export function explainFailure(failure: KickFailure, context: FailureContext = {}): ExplainedFailure {
	if (failure.status === undefined) {
		return {
			message: `Could not reach Kick${context.host ? ` at ${context.host}` : ''} (${failure.networkCode ?? 'connection failed'})`,
			description:
				'The connection failed before Kick answered. Check that this n8n server can reach the internet (or the API Base URL set in the credential), then run the node again.',
		};
	}
	return { httpCode: String(failure.status), ...explainStatus(failure.status, failure, context) };
}

function explainStatus(status: number, failure: KickFailure, context: FailureContext): ExplainedFailure {
	const detail = kickErrorDetail(failure.data);
	const usingApp = context.credentialType === APP_CREDENTIAL;

	if (status === 403 && isHtml(failure)) {
		return {
			message: "Kick's Cloudflare protection blocked the request (HTTP 403, HTML challenge page)",
			description:
				"The request was stopped by Cloudflare in front of Kick before it reached the API. Wait a few minutes and retry; if it persists from this server, Kick is blocking its network address. The official API with a Kick credential is blocked far less often than the public website endpoints.",
		};
	}
	const body = obj(parseJson(failure.data));
	if (status === 403 && body && typeof body.reference === 'string') {
		return {
			message: `Kick's security policy blocked the request (HTTP 403, reference ${clip(body.reference)})`,
			description:
				'Kick refused this request at its edge (it happens to some server-side chat messages). Retry later; if it keeps happening, contact Kick developer support with the reference above.',
		};
	}

	if (context.oauthClient && (status === 400 || status === 401) && !/invalid_grant/i.test(detail ?? '')) {
		return {
			message: `Kick's OAuth server refused the request (${status})${detail ? `: ${detail}` : ''}`,
			description:
				"Check the Client ID and Client Secret in the Kick App OAuth2 API credential, that the redirect URI is exactly the one registered for the Kick app (and the one used to authorize), and that the code or token was copied completely.",
		};
	}

	if (status === 401) {
		return {
			message: 'Kick rejected the credential (401 Unauthorized)',
			description: usingApp
				? 'n8n could not get a valid app token. Check the Client ID and Client Secret in the Kick App OAuth2 API credential.'
				: 'The access token is invalid and could not be refreshed. ' +
					'Open the Kick credential in n8n and reconnect it (Connect my account).',
		};
	}

	if (status === 403) {
		if (usingApp && context.userTokenOnly) {
			return {
				message: 'This operation needs a user token, but the node uses a Kick app token',
				description:
					"Set Authentication to 'Kick OAuth2 API' and connect the account of the channel you want to act on. App tokens can only read public data and manage event subscriptions.",
			};
		}
		if (context.credentialType === USER_CREDENTIAL && context.requiredScope) {
			return {
				message: `Kick refused the request: the credential probably lacks the '${context.requiredScope}' scope`,
				description: `Open the Kick OAuth2 API credential, make sure '${context.requiredScope}' is requested (turn off Custom Scopes to request all of them), then reconnect it. If the scope is there, the connected account may not be allowed to do this on that channel (for example, it is not a moderator).`,
			};
		}
		return {
			message: `Kick refused the request (403 Forbidden)${detail ? `: ${detail}` : ''}`,
			description:
				'The connected account is not allowed to do this. Check that it owns or moderates the channel and that the credential has the needed scopes, then reconnect it.',
		};
	}

	if (status === 404) {
		return {
			message: `Kick could not find it (404)${detail ? `: ${detail}` : ''}`,
			description: 'Check the id you passed. Rewards and redemptions can only be managed by the Kick app that created them.',
		};
	}

	if (status === 429) {
		const learned = context.rateLimitPerWindow !== undefined ? ` Kick is accepting about ${context.rateLimitPerWindow} requests a minute from this Kick app right now.` : '';
		return {
			message: 'Kick is rate limiting these requests (429 Too Many Requests)',
			description: context.retriesExhausted
				? `The node paced its requests to Kick's limit and waited, but Kick kept refusing for longer than it can wait.${learned} Other workflows using the same Kick app share the limit. Try again later, or spread the work over time. Bot chat messages also have a daily quota.`
				: 'Send fewer requests at once, or try again later.',
		};
	}

	if (status >= 500) {
		return {
			message: `Kick's API failed (${status})${detail ? `: ${detail}` : ''}`,
			description: 'This is a problem on Kick\'s side. Try again in a few minutes; check https://status.kick.com if it continues.',
		};
	}

	// 400 and other client errors: Kick's own words are the most useful part.
	const text = detail ?? `HTTP ${status}`;
	const known = KICK_REFUSALS.find((refusal) => refusal.words.test(text));
	if (known) return { message: `${known.refused}: ${text}`, description: known.description };
	return {
		message: `Kick rejected the request (${status}): ${text}`,
		description: 'Check the node parameters against the message above.',
	};
}
