/**
 * The polling trigger's parameters. n8n adds "Poll Times" itself (the schedule) because the
 * node has `polling: true`.
 */
import type { INodeProperties } from 'n8n-workflow';

import { deduplicateAcrossTriggersOption, filtersProperty } from '../events/description';
import { LEADERBOARD_EVENT, POLL_EVENT_OPTIONS, POLL_EVENTS, USER_ONLY_EVENTS, type PollEventType } from './events';

/** Filters of the shared collection that apply to what this trigger reports. */
const POLL_FILTERS = ['minKicksAmount', 'redemptionStatuses', 'rewardTitles', 'streamStatus'];

function eventOptions(events: readonly PollEventType[]) {
	return events
		.map((event) => ({ name: POLL_EVENT_OPTIONS[event].name, value: event, description: POLL_EVENT_OPTIONS[event].description }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const eventsDescription = 'Which changes start the workflow';

export const pollTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Kick App OAuth2 API',
				value: 'appOAuth2',
				description: "Stream status, title and category of any channels you list, with just a Kick app's client ID and secret",
			},
			{
				name: 'Kick OAuth2 API',
				value: 'userOAuth2',
				description: "Your own channel, including its reward redemptions and KICKs leaderboard, with the account that connected the credential",
			},
		],
		default: 'appOAuth2',
	},
	{
		displayName:
			"This trigger asks Kick's official API for changes on the schedule under Poll Times, so n8n needs no public web address. Events arrive up to one poll interval after they happen. The first check after publishing only notes how things are, so streams that are already live start nothing.",
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		noDataExpression: true,
		default: ['livestream.status.updated'],
		displayOptions: { show: { authentication: ['appOAuth2'] } },
		options: eventOptions(POLL_EVENTS.filter((event) => !USER_ONLY_EVENTS.includes(event))),
		description: eventsDescription,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		noDataExpression: true,
		default: ['livestream.status.updated'],
		displayOptions: { show: { authentication: ['userOAuth2'] } },
		options: eventOptions(POLL_EVENTS),
		description: eventsDescription,
	},
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. neonvale, https://kick.com/pixelmoth, 2841377',
		displayOptions: { show: { authentication: ['appOAuth2'] } },
		description:
			'The channels to watch: channel names (the part after kick.com/), channel links or broadcaster IDs, separated by commas or new lines. Each poll costs one request per 50 channels.',
	},
	{
		displayName: 'Redemptions to Report',
		name: 'redemptionScope',
		type: 'options',
		default: 'pending',
		displayOptions: { show: { authentication: ['userOAuth2'], events: ['channel.reward.redemption.updated'] } },
		options: [
			{
				name: 'New Pending Redemptions',
				value: 'pending',
				description: 'Redemptions waiting for you to accept or reject them (one request per poll)',
			},
			{
				name: 'New Redemptions in Any Status',
				value: 'any',
				description:
					'Also redemptions of rewards that skip the request queue, or that were accepted or rejected before the next poll. Kick lists the whole accepted and rejected history, so each poll costs more requests.',
			},
		],
		description: 'Each redemption starts the workflow once, at the first poll that sees it',
	},
	{
		displayName: 'Leaderboard Period',
		name: 'leaderboardPeriod',
		type: 'options',
		default: 'lifetime',
		displayOptions: { show: { authentication: ['userOAuth2'], events: [LEADERBOARD_EVENT] } },
		options: [
			{ name: 'Lifetime', value: 'lifetime' },
			{ name: 'This Month', value: 'month' },
			{ name: 'This Week', value: 'week' },
		],
		description: 'Which KICKs leaderboard to compare. A new month or week empties its leaderboard without starting the workflow.',
	},
	{
		...filtersProperty,
		options: (filtersProperty.options ?? []).filter((option) => POLL_FILTERS.includes(option.name)),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [deduplicateAcrossTriggersOption],
	},
];
