/**
 * Node parameters every Kick trigger shares: the Filters collection (decided before an
 * execution starts, so filtering here is cheaper than an IF node after the trigger).
 */
import type { INodeProperties } from 'n8n-workflow';

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

/** "Deduplicate With Other Kick Triggers" (in each trigger's Options): ../events/crossSource.ts. */
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
