/**
 * The node parameters every Kick trigger shares, and their readers (pure: plain values in, plain
 * values out): event names and their display names, the Filters collection (decided before an
 * execution starts, so filtering here is cheaper than an IF node after the trigger), and the
 * Deduplicate With Other Kick Triggers option.
 *
 * The ten official webhook events keep Kick's own names; a trigger that sees the same thing
 * another way (the live socket, polling) emits it under the same name.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { KickEventType } from '../shared/kick.constants';
import { splitList } from '../shared/lists';
import type { FilterSettings, StreamStatusFilter } from './filters';

/** The Events option that stands for all ten. */
export const ALL_EVENTS = '*';

export const EVENT_OPTIONS: Record<KickEventType, { name: string; description: string }> = {
	'chat.message.sent': { name: 'Chat Message', description: 'Someone sent a chat message' },
	'channel.followed': { name: 'New Follower', description: 'Someone followed the channel' },
	'channel.subscription.new': { name: 'New Subscription', description: 'Someone subscribed for the first time' },
	'channel.subscription.renewal': { name: 'Subscription Renewed', description: 'A subscription renewed' },
	'channel.subscription.gifts': { name: 'Subscriptions Gifted', description: 'Someone gifted subscriptions' },
	'channel.reward.redemption.updated': {
		name: 'Reward Redeemed or Updated',
		description: 'A channel points reward was redeemed, accepted or rejected',
	},
	'livestream.status.updated': { name: 'Stream Went Online or Offline', description: 'The stream started or ended' },
	'livestream.metadata.updated': {
		name: 'Stream Info Changed',
		description: 'The stream title, category, language or mature flag changed',
	},
	'moderation.banned': { name: 'User Banned or Timed Out', description: 'A moderator banned or timed out a user' },
	'kicks.gifted': { name: 'KICKs Gifted', description: 'Someone gifted KICKs' },
};

export const filtersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: 'Only start the workflow for some events. Filtering here is much cheaper than an IF node after the trigger.',
	options: [
		{
			displayName: 'Command Names',
			name: 'commands',
			type: 'string',
			default: '',
			placeholder: 'e.g. discord, socials',
			description:
				'Chat messages: only these commands (comma-separated, without the prefix, any case). Needs a command prefix.',
		},
		{
			displayName: 'Command Prefix',
			name: 'commandPrefix',
			type: 'string',
			default: '',
			placeholder: 'e.g. !',
			description:
				'Chat messages: only messages that start with this text. The output then has the command and its arguments.',
		},
		{
			displayName: 'Ignore Chat From',
			name: 'ignoreChatUsernames',
			type: 'string',
			default: '',
			placeholder: 'e.g. MyBot, Nightbot',
			description: 'Chat messages: usernames to ignore (comma-separated, any case), such as your own bot',
		},
		{
			displayName: 'Minimum KICKs Amount',
			name: 'minKicksAmount',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'KICKs gifts: only gifts of at least this many KICKs (0 = any)',
		},
		{
			displayName: 'Redemption Status',
			name: 'redemptionStatuses',
			type: 'multiOptions',
			options: [
				{ name: 'Accepted', value: 'accepted' },
				{ name: 'Pending', value: 'pending' },
				{ name: 'Rejected', value: 'rejected' },
			],
			default: [],
			description: 'Reward redemptions: only these statuses (none chosen = any)',
		},
		{
			displayName: 'Reward Titles',
			name: 'rewardTitles',
			type: 'string',
			default: '',
			placeholder: 'e.g. Hydrate, Pick the next map',
			description: 'Reward redemptions: only these rewards (comma-separated titles, any case)',
		},
		{
			displayName: 'Stream Status',
			name: 'streamStatus',
			type: 'options',
			options: [
				{ name: 'Online or Offline', value: 'any' },
				{ name: 'Went Offline', value: 'offline' },
				{ name: 'Went Online', value: 'online' },
			],
			default: 'any',
			description: 'Stream online/offline events: only when the stream started, or only when it ended',
		},
	],
};

/** "Deduplicate With Other Kick Triggers" (in each trigger's Options): ./record.ts. */
export const deduplicateAcrossTriggersOption: INodeProperties = {
	displayName: 'Deduplicate With Other Kick Triggers',
	name: 'deduplicateAcrossTriggers',
	type: 'boolean',
	default: true,
	description:
		'Whether to drop an event another Kick trigger in this workflow already ran: the same chat message, stream start or end, redemption, subscription, gift, KICKs or ban seen by the Kick Trigger, the Kick Chat Trigger or the Kick Polling Trigger runs the workflow once, from whichever saw it first',
};

/** Reads the option (on unless switched off). */
export function readDeduplicateAcrossTriggers(options: unknown): boolean {
	return (options as { deduplicateAcrossTriggers?: unknown } | undefined)?.deduplicateAcrossTriggers !== false;
}

/** The Filters collection's values; events and channels come from each trigger's own parameters. */
export function readFilterOptions(value: unknown): Omit<FilterSettings, 'events' | 'broadcasterUserIds'> {
	const filters = (value ?? {}) as IDataObject;
	const streamStatus = ['online', 'offline'].includes(String(filters.streamStatus)) ? (filters.streamStatus as StreamStatusFilter) : 'any';
	const minKicks = Number(filters.minKicksAmount ?? 0);
	return {
		streamStatus,
		commandPrefix: typeof filters.commandPrefix === 'string' && filters.commandPrefix.trim() !== '' ? filters.commandPrefix.trim() : undefined,
		commands: splitList(filters.commands),
		ignoreChatUsernames: splitList(filters.ignoreChatUsernames),
		minKicksAmount: Number.isFinite(minKicks) && minKicks > 0 ? minKicks : undefined,
		rewardTitles: splitList(filters.rewardTitles),
		redemptionStatuses: splitList(filters.redemptionStatuses),
	};
}
