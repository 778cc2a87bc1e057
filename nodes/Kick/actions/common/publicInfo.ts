/**
 * Channel → Get Public Info and Livestream → Get Status: the official API when the node has a
 * credential, the unofficial kick.com website endpoint when it has none. Both give the same
 * normalized shape, with `source` saying where the data came from.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { KICK_WEBSITE_BASE_URL, PUBLIC_SOURCE, UNCONFIRMED } from '../../shared/kick.constants';
import { languageCode, officialLanguageFields } from '../../shared/languages';
import { fetchWebsiteChannel, getGrantedScopes } from '../../transport';
import { channelLocator } from '../../shared/channelRef';
import type { KickOperation, OperationContext } from '../types';
import { runBatched } from './batch';
import { type ChannelKey, channelKey, lookupChannels } from '../../client/channelLookup';
import { lookupUsers } from '../../client/users';
import { realTime } from '../../shared/time';
import { channelNotFound, readChannelLocator } from './channels';
import { invalidParameter } from './validation';

/** Every field of the normalized output, in order; fields a source does not have are null. */
export const PUBLIC_INFO_FIELDS = [
	'source',
	'slug',
	'url',
	'broadcaster_user_id',
	'channel_id',
	'username',
	'profile_picture',
	'is_live',
	'title',
	'category_id',
	'category_name',
	'viewer_count',
	'started_at',
	'language',
	'language_name',
	'is_mature',
	'tags',
	'thumbnail',
	'livestream_id',
	'description',
	'banner_picture',
	'followers_count',
	'verified',
] as const;

type PublicInfo = Record<(typeof PUBLIC_INFO_FIELDS)[number], unknown> & { website?: IDataObject };

function normalized(source: string, values: Partial<PublicInfo>): IDataObject {
	const output: IDataObject = {};
	for (const field of PUBLIC_INFO_FIELDS) output[field] = (values[field] ?? null) as IDataObject[string];
	output.source = source;
	if (!Array.isArray(output.tags)) output.tags = [];
	if (typeof output.slug === 'string') output.url = `https://kick.com/${output.slug}`;
	if (values.website) output.website = values.website;
	return output;
}

const orNull = (value: unknown) => (value === '' || value === undefined || value === 0 ? null : value);

/**
 * The website gives a name: `language` is its code (null for a name the table does not know),
 * `language_name` the website's own text.
 */
function websiteLanguage(value: unknown): Pick<PublicInfo, 'language' | 'language_name'> {
	const text = typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
	return { language: languageCode(text), language_name: text };
}

/** From an official channel object (GET /public/v1/channels), with the user when known. */
export function fromOfficialChannel(channel: IDataObject, user?: IDataObject): IDataObject {
	const stream = (channel.stream as IDataObject | undefined) ?? {};
	const category = (channel.category as IDataObject | undefined) ?? {};
	const live = stream.is_live === true;
	return normalized(PUBLIC_SOURCE.official, {
		slug: channel.slug,
		broadcaster_user_id: channel.broadcaster_user_id,
		username: user?.name,
		profile_picture: orNull(user?.profile_picture),
		is_live: live,
		title: orNull(channel.stream_title),
		category_id: orNull(category.id),
		category_name: orNull(category.name),
		viewer_count: live ? stream.viewer_count : null,
		started_at: live ? realTime(stream.start_time) : null,
		...officialLanguageFields(stream.language),
		is_mature: stream.is_mature,
		tags: stream.custom_tags,
		thumbnail: live ? orNull(stream.thumbnail) : null,
		description: orNull(channel.channel_description),
		banner_picture: orNull(channel.banner_picture),
	});
}

/** A broadcaster id Kick has no channel for: reported offline (Get Status, docs/kick-api.md §4.4). */
export function offlineOfficial(broadcasterUserId: number): IDataObject {
	return normalized(PUBLIC_SOURCE.official, { broadcaster_user_id: broadcasterUserId, is_live: false });
}

/** The website prints "2026-03-14 18:58:31" (UTC, UNCONFIRMED.websiteTimesAreUtc); gives RFC 3339. */
export function websiteTime(value: unknown): string | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const text = value.trim();
	const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)
		? `${text.replace(' ', 'T')}${UNCONFIRMED.websiteTimesAreUtc ? 'Z' : ''}`
		: text;
	return realTime(iso);
}

/** From the website's channel object; the raw object (secrets removed) is kept under `website`. */
export function fromWebsite(channel: IDataObject): IDataObject {
	const livestream = channel.livestream as IDataObject | null | undefined;
	const user = (channel.user as IDataObject | undefined) ?? {};
	const category = ((livestream?.categories as IDataObject[] | undefined) ?? [])[0] ?? {};
	const live = livestream?.is_live === true;
	return normalized(PUBLIC_SOURCE.website, {
		slug: channel.slug,
		broadcaster_user_id: channel.user_id,
		channel_id: channel.id,
		username: user.username,
		profile_picture: orNull(user.profile_pic),
		is_live: live,
		title: live ? orNull(livestream?.session_title) : null,
		category_id: live ? orNull(category.id) : null,
		category_name: live ? orNull(category.name) : null,
		viewer_count: live ? livestream?.viewer_count : null,
		started_at: live ? websiteTime(livestream?.start_time) : null,
		...websiteLanguage(live ? livestream?.language : null),
		is_mature: live ? livestream?.is_mature : null,
		tags: live ? livestream?.tags : [],
		thumbnail: live ? orNull((livestream?.thumbnail as IDataObject | undefined)?.url) : null,
		description: orNull(user.bio),
		banner_picture: orNull((channel.banner_image as IDataObject | null | undefined)?.url),
		followers_count: channel.followers_count ?? channel.followersCount,
		verified: channel.verified,
		website: channel,
	});
}

/** The notice of both public lookups: the two sources, then what their output has in common. */
const PUBLIC_LOOKUP_NOTE =
	"With a credential the node uses Kick's official API. With Authentication 'None (Public Data)' it reads Kick's public website instead: unofficial, slugs only, one request per channel, and sometimes blocked by Kick's bot protection. " +
	"The output has the same fields either way, and 'source' says which was used. 'language' is a two-letter code such as 'en' from both sources and 'language_name' the language's name (without a credential, the website's own text; a name the node cannot map to a code leaves 'language' null).";

/**
 * Each public lookup (Channel → Get Public Info, Livestream → Get Status) and what their
 * parameters do not share: the notice's name, the Channel's description.
 */
const PUBLIC_LOOKUPS = {
	info: {
		notice: 'publicInfoNotice',
		channel:
			'The channel to describe. With a credential, lookups from all input items are combined into as few requests as Kick allows (50 per request).',
	},
	status: {
		notice: 'statusNotice',
		channel:
			"The channel to check. With a credential, checks from all input items are combined into as few requests as Kick allows (50 per request); a broadcaster ID Kick has no channel for is reported offline.",
	},
};
type PublicLookup = keyof typeof PUBLIC_LOOKUPS;

/**
 * Channel → Get Public Info and Livestream → Get Status. With a credential: GET
 * /public/v1/channels by ID or slug (+ /public/v1/users for the name and picture), batched
 * (officialLookup). Without: GET <website>/api/v2/channels/{slug}, one per distinct slug.
 */
export function publicLookupOperation(lookup: PublicLookup): KickOperation {
	return {
		// The live state is the channel's own (GET /public/v1/channels): channel:read with a user token.
		meta: { token: 'none-or-any', scope: 'channel:read' },
		description: [
			{
				displayName: PUBLIC_LOOKUP_NOTE,
				name: PUBLIC_LOOKUPS[lookup].notice,
				type: 'notice',
				default: '',
			},
			channelLocator({ description: PUBLIC_LOOKUPS[lookup].channel }),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { authentication: ['none'] } },
				options: [
					{
						displayName: 'Website Base URL',
						name: 'websiteBaseUrl',
						type: 'string',
						default: KICK_WEBSITE_BASE_URL,
						description:
							"Where the public website data comes from when no credential is chosen (Kick's unofficial kick.com/api/v2/channels/{slug} endpoint). Change it only for a proxy or a test server.",
					},
				],
			},
		],
		async executeBatch(items, context) {
			const failures = new Map<ChannelKey, unknown>();
			const baseUrls = new Map<ChannelKey, string>();
			return await (runBatched<ChannelKey>).call(this, items, {
				keysFor: (i) => {
					const reference = readChannelLocator(this, i);
					const key = channelKey(reference);
					if (context.credentialType) return [key];
					if (reference.kind === 'id') {
						throw invalidParameter(
							this,
							i,
							'Channel',
							'the public Kick website can only look channels up by slug',
							"Enter the channel's slug or URL instead of its broadcaster ID, or choose a Kick credential under Authentication to look it up by ID through the official API.",
						);
					}
					const options = this.getNodeParameter('options', i, {}) as IDataObject;
					baseUrls.set(key, String(options.websiteBaseUrl ?? KICK_WEBSITE_BASE_URL));
					return [key];
				},
				lookup: async (keys) => {
					if (context.credentialType) return await officialLookup.call(this, context, keys, lookup);
					const found = new Map<ChannelKey, IDataObject>();
					for (const key of new Set(keys)) {
						try {
							found.set(key, fromWebsite(await fetchWebsiteChannel.call(this, baseUrls.get(key) ?? KICK_WEBSITE_BASE_URL, key.slice(5))));
						} catch (error) {
							// Kept for the items that asked for this slug; other slugs still get their answer.
							failures.set(key, error);
						}
					}
					return found;
				},
				missing: (key, i) => {
					if (failures.has(key)) throw failures.get(key);
					throw channelNotFound(this, i, key);
				},
			});
		},
	};
}

/**
 * The official lookup, batched: GET /public/v1/channels for the keys, and GET /public/v1/users for
 * the name and picture (Get Public Info: of every channel; Get Status: of the live ones) when the
 * credential may read users. For Get Status a broadcaster ID Kick has no channel for is reported
 * offline; an unknown slug stays missing ("not found"). docs/kick-api.md §4.4.
 */
export async function officialLookup(
	this: IExecuteFunctions,
	context: OperationContext,
	keys: ChannelKey[],
	lookup: PublicLookup,
): Promise<Map<ChannelKey, IDataObject>> {
	const channels = await lookupChannels(context, keys, 'channel:read');
	const isLive = (channel: IDataObject) => (channel.stream as IDataObject | undefined)?.is_live === true;
	const named = [...channels.values()].filter((channel) => lookup === 'info' || isLive(channel));
	const ids = [...new Set(named.map((channel) => channel.broadcaster_user_id as number))];
	const granted = context.credentialType ? await getGrantedScopes.call(this, context.credentialType) : undefined;
	const canReadUsers = !granted || granted.includes('user:read');
	const users = canReadUsers ? await lookupUsers(context, ids) : new Map<number, IDataObject>();
	const output = new Map<ChannelKey, IDataObject>();
	for (const key of keys) {
		const channel = channels.get(key);
		if (channel) output.set(key, fromOfficialChannel(channel, users.get(channel.broadcaster_user_id as number)));
		else if (lookup === 'status' && key.startsWith('id:')) output.set(key, offlineOfficial(Number(key.slice(3))));
	}
	return output;
}
