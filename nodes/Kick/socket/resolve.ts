/**
 * Which chatroom and channel to follow. Kick's socket addresses a channel by two numbers that
 * usually differ: the channel id and the chatroom id. They come from the kick.com website data
 * (the same lookup as Channel → Get Public Info without a credential), once per publish, and
 * are kept in the workflow's static data so a restart works even while Cloudflare refuses the
 * website to servers. Users can also enter both by hand.
 */
import { type IDataObject, type ITriggerFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { fetchWebsiteChannel } from '../transport/website';
import { type Json, num, obj, text } from '../shared/json';
import type { ChatTriggerSettings } from './chatTriggerParameters';

/** How to find the ids in a browser (the website answers browsers, not servers). */
const HOW_TO_FIND_IDS =
	'Enter both IDs under Options → Channel ID and Chatroom ID. To find them, open https://kick.com/api/v2/channels/<slug> in your browser (replace <slug> with the channel name): "id" at the top is the Channel ID and "chatroom": {"id": …} is the Chatroom ID. They are usually two different numbers.';

const STATE_KEY = 'liveSocketChannels';

interface SavedChannel {
	channelId: number;
	chatroomId: number;
	broadcaster: Json;
	resolvedAt: string;
}

/** The channel's owner in the webhook payloads' broadcaster shape, plus both ids. */
export function broadcasterOf(slug: string, ids: { channelId: number; chatroomId: number }, website?: Json): Json {
	const user = obj(website?.user);
	return {
		is_anonymous: false,
		user_id: num(website?.user_id) ?? null,
		username: text(user?.username) ?? null,
		is_verified: website ? Boolean(website.verified) : null,
		profile_picture: text(user?.profile_pic) ?? null,
		channel_slug: text(website?.slug) ?? slug,
		identity: null,
		channel_id: ids.channelId,
		chatroom_id: ids.chatroomId,
	};
}

function lookupFailed(context: ITriggerFunctions, slug: string, error: unknown): NodeOperationError {
	const httpCode = error instanceof NodeApiError ? error.httpCode : undefined;
	const detail = error instanceof Error ? error.message : String(error);
	if (httpCode === '404') {
		return new NodeOperationError(context.getNode(), `Kick has no channel '${slug}'`, {
			description: `The kick.com website answered 404. Check the channel: it is the part after kick.com/ in the channel's address. ${HOW_TO_FIND_IDS}`,
		});
	}
	if (httpCode === '403') {
		return new NodeOperationError(context.getNode(), `Kick's website refused to look up '${slug}' from this server (Cloudflare bot protection)`, {
			description: `The trigger needs the channel's chat IDs once, when the workflow is published. kick.com often refuses requests that do not come from a browser. ${HOW_TO_FIND_IDS}`,
		});
	}
	return new NodeOperationError(context.getNode(), `Could not look up the chat IDs of '${slug}' on the Kick website: ${detail}`, {
		description: `The website data is not part of Kick's official API and may change or be blocked. ${HOW_TO_FIND_IDS}`,
	});
}

/** The channel to follow: ids entered by hand, ids saved at an earlier publish, or a website lookup. */
export async function resolveChannel(this: ITriggerFunctions, settings: ChatTriggerSettings) {
	const node = this.getNode();
	const slug = settings.slug;
	if (!slug) {
		throw new NodeOperationError(node, settings.channelInput ? `'${settings.channelInput.slice(0, 60)}' is not a Kick channel` : 'No channel entered', {
			description: 'Enter the channel name as in its address, e.g. neonvale, or the address itself, e.g. https://kick.com/neonvale.',
		});
	}
	if (settings.manualIdsProblem) throw new NodeOperationError(node, settings.manualIdsProblem, { description: HOW_TO_FIND_IDS });
	if (settings.manualIds) return { slug, ...settings.manualIds, broadcaster: broadcasterOf(slug, settings.manualIds) };

	const staticData = this.getWorkflowStaticData('node');
	const saved = (obj(staticData[STATE_KEY]) ?? {})[slug] as SavedChannel | undefined;
	if (saved && num(saved.channelId) !== undefined && num(saved.chatroomId) !== undefined) {
		return { slug, channelId: saved.channelId, chatroomId: saved.chatroomId, broadcaster: saved.broadcaster };
	}

	let website: IDataObject;
	try {
		website = await fetchWebsiteChannel.call(this, settings.websiteBaseUrl, slug);
	} catch (error) {
		throw lookupFailed(this, slug, error);
	}
	const channelId = num(website.id);
	const chatroomId = num(obj(website.chatroom)?.id);
	if (channelId === undefined || chatroomId === undefined || !Number.isSafeInteger(channelId) || !Number.isSafeInteger(chatroomId)) {
		throw new NodeOperationError(node, `The Kick website's data for '${slug}' has no chatroom ID`, {
			description: `The unofficial website data may have changed. ${HOW_TO_FIND_IDS}`,
		});
	}
	const ids = { channelId, chatroomId };
	const broadcaster = broadcasterOf(slug, ids, website);
	// One entry: the channel this node follows now (a new value replaces the object so n8n saves it).
	const entry: SavedChannel = { ...ids, broadcaster, resolvedAt: new Date().toISOString() };
	staticData[STATE_KEY] = { [slug]: entry } as unknown as IDataObject;
	return { slug, ...ids, broadcaster };
}
