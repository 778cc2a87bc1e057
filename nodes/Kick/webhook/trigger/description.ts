/**
 * The Kick Trigger's parameters. Users are streamers and community managers: every text says
 * what happens in plain words.
 */
import type { INodeProperties } from 'n8n-workflow';

import { channelLocator } from '../../actions/common/descriptions';
import { deduplicateAcrossTriggersOption, filtersProperty } from '../../events/description';
import { ALL_EVENTS, EVENT_OPTIONS } from '../../events/names';
import { KICK_EVENT_TYPES } from '../../shared/kick.constants';
import { DEFAULT_LATE_DELIVERY_LIMIT_HOURS } from '../lateness';

export { ALL_EVENTS };

/** A Kick Trigger filter: Kick can deliver hours late, and some workflows only want fresh events. */
const ignoreOlderThan: INodeProperties = {
	displayName: 'Ignore Deliveries Older Than (Minutes)',
	name: 'ignoreOlderThanMinutes',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		'Skip events Kick delivers more than this many minutes after they happened, for example a chat command you would rather not answer 20 minutes later. 0 runs every event up to the Late Delivery Limit (under Options).',
};

function displayNameOf(option: NonNullable<INodeProperties['options']>[number]): string {
	return 'displayName' in option ? option.displayName : option.name;
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Kick OAuth2 API',
				value: 'userOAuth2',
				description: "Your own channel's events, with the account that connected the credential",
			},
			{
				name: 'Kick App OAuth2 API',
				value: 'appOAuth2',
				description: 'Events of any channels you list, with the Kick app itself',
			},
		],
		default: 'userOAuth2',
	},
	{
		displayName:
			'Kick sends events to one web address per Kick app. Copy this trigger\'s <b>Production URL</b> (shown above under Webhook URLs), open your app at <a href="https://kick.com/settings/developer" target="_blank">kick.com/settings/developer</a>, paste it as the webhook URL and turn webhooks on, then publish this workflow. One Kick app delivers to one URL: use one Kick app per workflow that receives events, or one receiving workflow that routes them. To see example output without a live stream, click "Listen for test event" and open the Test URL in your browser.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		noDataExpression: true,
		default: [],
		options: [
			{ name: 'All Events', value: ALL_EVENTS, description: 'Every event Kick offers' },
			...[...KICK_EVENT_TYPES]
				.map((event) => ({ name: EVENT_OPTIONS[event].name, value: event, description: EVENT_OPTIONS[event].description }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		],
		description: 'Which Kick events start the workflow',
	},
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'fixedCollection',
		placeholder: 'Add Channel',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { authentication: ['appOAuth2'] } },
		default: {},
		description:
			'The channels whose events start the workflow. An app credential can follow any channel, so name each one (slug, kick.com link or broadcaster ID).',
		options: [
			{
				displayName: 'Channel',
				name: 'channel',
				values: [channelLocator({ description: 'A Kick channel to receive events from' })],
			},
		],
	},
	{
		...filtersProperty,
		options: [...(filtersProperty.options ?? []), ignoreOlderThan].sort((a, b) => displayNameOf(a).localeCompare(displayNameOf(b))),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			deduplicateAcrossTriggersOption,
			{
				displayName: 'Ignore Duplicate Payloads',
				name: 'ignoreDuplicatePayloads',
				type: 'options',
				options: [
					{
						name: 'For Events Whose Content Identifies Them',
						value: 'identifying',
						description:
							"Chat messages, subscriptions, renewals, gifted subscriptions, reward redemptions, stream online/offline, bans and KICKs: their content includes the event's own ID or time, so identical content is the same event. Chat messages, stream online/offline and redemptions count as the same when their message ID, start time or redemption ID and status match.",
					},
					{
						name: 'For All Events',
						value: 'all',
						description:
							'Also follows and stream info changes, where two real events can have identical content: a follow, unfollow and follow again within the Late Delivery Limit then counts once',
					},
					{ name: 'Never', value: 'never', description: 'Run every delivery with a new message ID' },
				],
				default: 'identifying',
				description:
					'Skip an event whose content is identical to one that ran under another message ID: what Kick sends when a channel has two identical subscriptions, or what a copy made for another Kick app looks like',
			},
			{
				displayName: 'Manage Subscriptions',
				name: 'manageSubscriptions',
				type: 'boolean',
				default: true,
				description:
					'Whether the trigger creates the Kick event subscriptions it needs when the workflow is published and deletes them when it is unpublished. Turn off to use subscriptions made elsewhere (for example with the Kick node).',
			},
			{
				displayName: 'Late Delivery Limit (Hours)',
				name: 'lateDeliveryLimitHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_LATE_DELIVERY_LIMIT_HOURS,
				description:
					'Kick sometimes delivers events minutes or even hours late, and never sends them again, so late events still run (their output says how late). Events delivered later than this are acknowledged without running the workflow. The trigger remembers what ran for this long, so a delivery never runs twice.',
			},
			{
				displayName: 'Only Own Subscriptions',
				name: 'onlyOwnSubscriptions',
				type: 'boolean',
				default: true,
				description:
					'Whether to ignore deliveries from Kick subscriptions this trigger did not create or adopt, for example ones another tool made with the same Kick app',
			},
		],
	},
];
