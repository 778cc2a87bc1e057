import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator, NodeOperationError } from 'n8n-workflow';

import { channelKey, lookupChannels, type ChannelKey } from '../../client/channelLookup';
import { officialLanguageFields } from '../../shared/languages';
import { realTime } from '../../shared/time';
import type { OperationContext } from '../types';
import type { ChannelRef } from '../../shared/channelRef';
import { invalidParameter, parseChannelReference, parseIntegerId } from './validation';

/**
 * Reads the Channel resource locator. "By Broadcaster ID" is always an id; the other modes take
 * a slug, a kick.com URL, or (typed or from an expression) a numeric id.
 */
export function readChannelLocator(context: IExecuteFunctions, itemIndex: number): ChannelRef {
	const locator = context.getNodeParameter('channel', itemIndex) as INodeParameterResourceLocator | string;
	const value = context.getNodeParameter('channel', itemIndex, '', { extractValue: true }) as string | number;
	if (typeof locator === 'object' && locator?.mode === 'id') {
		return { kind: 'id', id: parseIntegerId(context, itemIndex, 'Channel', value) };
	}
	return parseChannelReference(context, itemIndex, 'Channel', value);
}

const resolvedSlugs = new WeakMap<object, Map<string, number>>();

/**
 * The Channel parameter's broadcaster user id (chat, moderation). An id is used as given; a slug
 * is looked up once per execution and remembered.
 */
export async function channelBroadcasterId(this: IExecuteFunctions, context: OperationContext, itemIndex: number): Promise<number> {
	const reference = readChannelLocator(this, itemIndex);
	if (reference.kind === 'id') return reference.id;
	let cache = resolvedSlugs.get(context);
	if (!cache) {
		cache = new Map();
		resolvedSlugs.set(context, cache);
	}
	const cached = cache.get(reference.slug);
	if (cached !== undefined) return cached;
	const found = await lookupChannels(context, [channelKey(reference)], 'channel:read');
	const channel = found.get(channelKey(reference));
	if (!channel || typeof channel.broadcaster_user_id !== 'number') {
		throw invalidParameter(this, itemIndex, 'Channel', `Kick has no channel '${reference.slug}'`, 'Check the slug (the part after kick.com/ in the channel URL), or pick the channel from the list.');
	}
	cache.set(reference.slug, channel.broadcaster_user_id);
	return channel.broadcaster_user_id;
}

/**
 * The fields of a channel people use in workflows, flat. Never the stream key or ingest URL.
 * `active_subscribers_count` includes gifted subscriptions, which are also counted alone
 * (docs/kick-api.md §4.2).
 */
export function simplifyChannel(channel: IDataObject): IDataObject {
	const stream = (channel.stream as IDataObject | undefined) ?? {};
	const category = (channel.category as IDataObject | undefined) ?? {};
	return {
		broadcaster_user_id: channel.broadcaster_user_id,
		slug: channel.slug,
		url: typeof channel.slug === 'string' ? `https://kick.com/${channel.slug}` : null,
		title: channel.stream_title ?? null,
		description: channel.channel_description ?? null,
		category_id: category.id ? category.id : null,
		category_name: category.name ? category.name : null,
		is_live: stream.is_live === true,
		viewer_count: stream.viewer_count ?? null,
		started_at: stream.is_live === true ? realTime(stream.start_time) : null,
		...officialLanguageFields(stream.language),
		is_mature: stream.is_mature ?? null,
		custom_tags: stream.custom_tags ?? [],
		thumbnail: stream.thumbnail ? stream.thumbnail : null,
		banner_picture: channel.banner_picture ? channel.banner_picture : null,
		active_subscribers_count: channel.active_subscribers_count ?? null,
		active_gifted_subscribers_count: channel.active_gifted_subscribers_count ?? null,
	};
}

/** The fields of a LivestreamV2 people use in workflows, flat. */
export function simplifyLivestream(livestream: IDataObject): IDataObject {
	const user = (livestream.broadcaster_user as IDataObject | undefined) ?? {};
	const category = (livestream.category as IDataObject | undefined) ?? {};
	const channel = (livestream.channel as IDataObject | undefined) ?? {};
	return {
		livestream_id: livestream.id,
		broadcaster_user_id: user.id ?? null,
		username: user.username ?? null,
		slug: channel.slug ?? null,
		url: typeof channel.slug === 'string' ? `https://kick.com/${channel.slug}` : null,
		title: livestream.title ?? null,
		category_id: category.id ? category.id : null,
		category_name: category.name ? category.name : null,
		viewer_count: livestream.viewer_count ?? null,
		started_at: realTime(livestream.started_at),
		...officialLanguageFields(livestream.language_code),
		is_mature: livestream.has_mature_content ?? null,
		tags: livestream.tags ?? [],
		thumbnail: livestream.thumbnail ? livestream.thumbnail : null,
		profile_picture: user.profile_picture ? user.profile_picture : null,
	};
}

/** The error for a channel Kick did not return. */
export function channelNotFound(context: IExecuteFunctions, itemIndex: number, key: ChannelKey): NodeOperationError {
	return invalidParameter(
		context,
		itemIndex,
		'Channel',
		key.startsWith('id:') ? `Kick has no channel with broadcaster ID ${key.slice(3)}` : `Kick has no channel '${key.slice(5)}'`,
		'Check the slug (the part after kick.com/ in the channel URL) or the broadcaster ID, or pick the channel from the list.',
	);
}
