import type { IDataObject } from 'n8n-workflow';

import { type ChannelKey, channelKey, lookupChannels } from '../../client/channelLookup';
import { channelLocator } from '../../shared/channelRef';
import { LIMITS } from '../../shared/kick.constants';
import { splitList } from '../../shared/lists';
import { runBatched } from '../common/batch';
import { channelNotFound, readChannelLocator, simplifyChannel } from '../common/channels';
import { categoryLocator, resourceDescription, simplifyProperty } from '../common/descriptions';
import { publicLookupOperation } from '../common/publicInfo';
import { invalidParameter, parseChannelReferences, parseIntegerId } from '../common/validation';
import type { KickOperation } from '../types';

/** GET /public/v1/channels?slug=… or ?broadcaster_user_id=…, batched across items. */
const get: KickOperation = {
	meta: { token: 'any', scope: 'channel:read' },
	description: [
		channelLocator({
			description:
				'The channel to get. Lookups from all input items are combined into as few requests as Kick allows (50 slugs or 50 IDs each).',
		}),
		simplifyProperty,
	],
	async executeBatch(items, context) {
		return await (runBatched<ChannelKey>).call(this, items, {
			keysFor: (i) => [channelKey(readChannelLocator(this, i))],
			lookup: async (keys) => await lookupChannels(context, keys),
			missing: (key, i) => {
				throw channelNotFound(this, i, key);
			},
			shape: (channel, i) => ((this.getNodeParameter('simplify', i, true) as boolean) ? simplifyChannel(channel) : channel),
		});
	},
};

/** GET /public/v1/channels for many slugs and ids: one output item per channel found. */
const getMany: KickOperation = {
	meta: { token: 'any', scope: 'channel:read' },
	description: [
		{
			displayName: 'Channels',
			name: 'channels',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. neonvale, mintcondition, 61530248',
			description:
				'Channel slugs, broadcaster IDs or channel URLs (https://kick.com/neonvale), separated by commas. Slugs and IDs from all input items are combined into as few requests as Kick allows (50 each; slugs and IDs are never mixed in one request). Channels Kick does not know are left out of the output.',
		},
		simplifyProperty,
	],
	async executeBatch(items, context) {
		return await (runBatched<ChannelKey>).call(this, items, {
			keysFor: (i) => [...new Set(parseChannelReferences(this, i, 'Channels', this.getNodeParameter('channels', i)).map(channelKey))],
			lookup: async (keys) => await lookupChannels(context, keys),
			shape: (channel, i) => ((this.getNodeParameter('simplify', i, true) as boolean) ? simplifyChannel(channel) : channel),
		});
	},
};

/** PATCH /public/v1/channels (204): answers what was sent, since Kick returns nothing. */
const update: KickOperation = {
	meta: { token: 'user', scope: 'channel:write' },
	description: [
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: "Fields to change on the channel of the account that connected the credential (Kick only lets a user update their own channel)",
			options: [
				categoryLocator({
					required: false,
					description: 'The category (game or topic) to stream under',
				}),
				{
					displayName: 'Custom Tags',
					name: 'customTags',
					type: 'string',
					default: '',
					placeholder: 'e.g. english, ranked, chill',
					description: `Tags shown on the stream, separated by commas (at most ${LIMITS.customTagsMax}). Replaces the current tags; leave empty to remove them all.`,
				},
				{
					displayName: 'Stream Title',
					name: 'streamTitle',
					type: 'string',
					default: '',
					placeholder: 'e.g. Ranked grind to Diamond | !discord',
					description: 'The new stream title',
				},
			],
		},
	],
	async execute(itemIndex, context) {
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		if (fields.streamTitle !== undefined) {
			const title = String(fields.streamTitle);
			if (title.trim() === '') {
				throw invalidParameter(this, itemIndex, 'Stream Title', 'is empty', 'Enter a title, or remove the Stream Title field to keep the current one.');
			}
			body.stream_title = title;
		}
		if (fields.category !== undefined) {
			const category = this.getNodeParameter('updateFields.category', itemIndex, '', { extractValue: true });
			body.category_id = parseIntegerId(this, itemIndex, 'Category', category);
		}
		if (fields.customTags !== undefined) {
			const tags = splitList(fields.customTags);
			if (tags.length > LIMITS.customTagsMax) {
				throw invalidParameter(this, itemIndex, 'Custom Tags', `has ${tags.length} tags, more than the ${LIMITS.customTagsMax} Kick allows`, `Keep at most ${LIMITS.customTagsMax} tags.`);
			}
			body.custom_tags = tags;
		}
		if (Object.keys(body).length === 0) {
			throw invalidParameter(this, itemIndex, 'Update Fields', 'nothing to update', 'Add at least one field: Stream Title, Category or Custom Tags.');
		}
		await context.request(itemIndex, { method: 'PATCH', path: '/public/v1/channels', body });
		return { updated: true, ...body };
	},
};

export const operations = { get, getMany, getPublicInfo: publicLookupOperation('info'), update };

export const description = resourceDescription('channel', operations, 'get', [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a channel',
		description: 'Get a Kick channel by slug, URL or broadcaster ID: title, category, live state, viewers, subscriber counts',
	},
	{
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many channels',
		description: 'Get several Kick channels by slugs or broadcaster IDs in one go',
	},
	{
		name: 'Get Public Info',
		value: 'getPublicInfo',
		action: 'Get public info about a channel',
		description: 'Get what anyone can see about a channel; works without a credential through the Kick website',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a channel',
		description: "Change the stream title, category or custom tags of the connected account's own channel",
	},
]);
