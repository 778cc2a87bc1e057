/**
 * The unofficial kick.com website endpoints (docs/kick-api.md §9.1), used only when a public lookup
 * runs without a credential. They are not part of Kick's public API: they may change without
 * notice and often sit behind Cloudflare bot protection. So every answer is checked: a
 * Cloudflare page, an unknown slug or an unexpected shape becomes a clear error, never HTML or
 * a crash. No credentials are ever sent here.
 */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { headerValue, hostOf } from '../shared/headers';
import { parseJson } from '../shared/json';
import { KICK_WEBSITE_BASE_URL } from '../shared/kick.constants';
import { explainFailure } from './errorMessages';
import { sendWithRetries } from './request';

const ADD_CREDENTIAL =
	"Choose a Kick credential under Authentication to use Kick's official API instead: it is not behind the website's bot protection and does not change without notice.";

/** What the node relies on in `GET /api/v2/channels/{slug}`; everything else passes through. */
const websiteChannelSchema = z
	.object({
		id: z.number(),
		user_id: z.number(),
		slug: z.string(),
		livestream: z
			.object({
				is_live: z.boolean().optional(),
				session_title: z.string().nullish(),
				viewer_count: z.number().nullish(),
				start_time: z.string().nullish(),
			})
			.passthrough()
			.nullable(),
		user: z.object({ username: z.string().nullish(), profile_pic: z.string().nullish() }).passthrough().nullish(),
	})
	.passthrough();

/** Fields of the website answer that are secrets and never reach the output. */
const SECRET_FIELDS = ['playback_url'];

export function websiteBaseUrl(value: unknown): string {
	const text = typeof value === 'string' && value.trim() !== '' ? value.trim() : KICK_WEBSITE_BASE_URL;
	return text.replace(/\/+$/, '');
}

/**
 * Checks a website answer. Pure, so each outcome is unit-tested: the channel (secrets removed),
 * or the message and description of the error to raise.
 */
export function readWebsiteChannel(
	slug: string,
	response: { status: number; headers?: Record<string, unknown>; body: unknown },
): { channel: IDataObject } | { error: { message: string; description: string; httpCode?: string; kind: 'notFound' | 'blocked' | 'shape' | 'http' } } {
	const body = parseJson(response.body);
	const html = (headerValue(response.headers, 'content-type') ?? '').includes('text/html') || (typeof body === 'string' && /^\s*</.test(body));
	if (response.status === 404) {
		return {
			error: {
				kind: 'notFound',
				httpCode: '404',
				message: `Kick has no channel '${slug}' (the website answered 404)`,
				description: 'Check the slug: it is the part after kick.com/ in the channel URL, e.g. neonvale for https://kick.com/neonvale.',
			},
		};
	}
	if (response.status < 200 || response.status >= 300) {
		const explained = explainFailure({ status: response.status, headers: response.headers, data: body });
		return {
			error: {
				kind: response.status === 403 ? 'blocked' : 'http',
				httpCode: explained.httpCode,
				message: response.status === 403 && html ? "Kick's website blocked the request (HTTP 403 from Cloudflare bot protection)" : explained.message,
				description: `${response.status === 403 ? 'The kick.com website refuses requests that do not come from a browser. ' : ''}${ADD_CREDENTIAL}`,
			},
		};
	}
	const parsed = html ? undefined : websiteChannelSchema.safeParse(body);
	if (!parsed || !parsed.success) {
		return {
			error: {
				kind: 'shape',
				message: `The Kick website answered for '${slug}' in an unexpected shape${html ? ' (an HTML page instead of JSON)' : ''}`,
				description: `The unofficial website endpoint may have changed or shown a bot check. ${ADD_CREDENTIAL}`,
			},
		};
	}
	const channel = { ...(parsed.data as IDataObject) };
	for (const field of SECRET_FIELDS) delete channel[field];
	return { channel };
}

/** What a website lookup needs from n8n: the node (for errors) and the plain HTTP helper. */
export type WebsiteRequestContext = Pick<IExecuteFunctions, 'getNode'> & { helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'> };

/**
 * GET <website>/api/v2/channels/{slug} with n8n's plain httpRequest (no credentials). Retries
 * 429, 5xx and dropped connections like the API transport (a GET is safe to repeat). Used by
 * the action node and by the Chat Trigger (which needs the chatroom id).
 */
export async function fetchWebsiteChannel(this: WebsiteRequestContext, baseUrl: string, slug: string): Promise<IDataObject> {
	const url = `${websiteBaseUrl(baseUrl)}/api/v2/channels/${encodeURIComponent(slug)}`;
	const response = await sendWithRetries(this, { method: 'GET', url, json: true, headers: { Accept: 'application/json' } }, true);
	if (response.status === undefined) {
		const explained = explainFailure(response, { host: hostOf(url) });
		throw new NodeApiError(this.getNode(), { status: null, code: response.networkCode ?? null } as JsonObject, {
			message: explained.message,
			description: `${explained.description} ${ADD_CREDENTIAL}`,
		});
	}
	const result = readWebsiteChannel(slug, { status: response.status, headers: response.headers, body: response.data });
	if ('channel' in result) return result.channel;
	const { kind, message, ...details } = result.error;
	if (kind === 'shape') throw new NodeOperationError(this.getNode(), message, details);
	throw new NodeApiError(this.getNode(), { status: response.status } as JsonObject, { message, ...details });
}
