/**
 * The Polling Trigger's parameters, the events it reports, and their reading into plain values,
 * checked (pure: the node passes a getter, and a problem comes back as a message and a fix, not
 * as an n8n error). n8n adds "Poll Times" itself (the schedule) because the node has
 * `polling: true`.
 *
 * Three of its events are Kick's own webhook events seen by comparing two polls, and keep their
 * names; the KICKs leaderboard has no webhook event, so its name follows the same dotted style
 * and lives only here.
 */
import type { INodeProperties } from 'n8n-workflow';

import { channelKey } from '../client/channelLookup';
import type { FilterSettings } from '../events/filters';
import { deduplicateAcrossTriggersOption, EVENT_OPTIONS, filtersProperty, readDeduplicateAcrossTriggers, readFilterOptions } from '../events/parameters';
import type { SettingsProblem } from '../events/parameters';
import { parseChannelRef, type ChannelRef } from '../shared/channelRef';
import { APP_CREDENTIAL, USER_CREDENTIAL } from '../shared/kick.constants';
import { splitList } from '../shared/lists';
import type { ParameterGetter } from '../shared/parameterGetter';
import type { KickCredentialType } from '../transport';

export const LEADERBOARD_EVENT = 'kicks.leaderboard.updated';

const POLL_EVENT_OPTIONS = {
	'livestream.status.updated': EVENT_OPTIONS['livestream.status.updated'],
	'livestream.metadata.updated': { name: 'Stream Info Changed', description: 'The stream title or category changed' },
	'channel.reward.redemption.updated': {
		name: 'New Reward Redemption',
		description: 'Someone redeemed a channel points reward (each redemption once)',
	},
	[LEADERBOARD_EVENT]: {
		name: 'KICKs Leaderboard Changed',
		description: "Someone gifted KICKs and moved on the channel's KICKs leaderboard",
	},
} satisfies Record<string, { name: string; description: string }>;
export type PollEventType = keyof typeof POLL_EVENT_OPTIONS;
const POLL_EVENTS = Object.keys(POLL_EVENT_OPTIONS) as PollEventType[];

/** Events only the connected account can see: they need a user token (Kick OAuth2 API). */
const USER_ONLY_EVENTS: readonly PollEventType[] = ['channel.reward.redemption.updated', LEADERBOARD_EVENT];

/** Filters of the shared collection that apply to what this trigger reports. */
const POLL_FILTERS = ['minKicksAmount', 'redemptionStatuses', 'rewardTitles', 'streamStatus'];

/** Events, for one Authentication: what that credential can see. */
function eventsProperty(authentication: 'appOAuth2' | 'userOAuth2', events: readonly PollEventType[]): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		noDataExpression: true,
		default: ['livestream.status.updated'],
		displayOptions: { show: { authentication: [authentication] } },
		options: events
			.map((event) => ({ name: POLL_EVENT_OPTIONS[event].name, value: event, description: POLL_EVENT_OPTIONS[event].description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		description: 'Which changes start the workflow',
	};
}

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
	eventsProperty('appOAuth2', POLL_EVENTS.filter((event) => !USER_ONLY_EVENTS.includes(event))),
	eventsProperty('userOAuth2', POLL_EVENTS),
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

/** More channels than this is almost certainly a mistake (20 requests every poll). */
export const MAX_CHANNELS = 1000;

export interface PollSettings {
	credentialType: KickCredentialType;
	events: PollEventType[];
	/** App credential: the channels as entered; user credential: none (its own channel). */
	channels: ChannelRef[];
	/** Entries that are neither a broadcaster ID, a channel name nor a kick.com link. */
	invalidChannels: string[];
	/** Which redemptions to report: new pending ones, or new ones in any status. */
	redemptionScope: 'pending' | 'any';
	leaderboardPeriod: 'lifetime' | 'month' | 'week';
	filters: Omit<FilterSettings, 'events' | 'broadcasterUserIds'>;
	/** Deduplicate With Other Kick Triggers. */
	deduplicateAcrossTriggers: boolean;
}

export function readPollSettings(get: ParameterGetter): PollSettings {
	const authentication = get('authentication', 'appOAuth2') === 'userOAuth2' ? 'userOAuth2' : 'appOAuth2';
	const isPollEvent = (event: string): event is PollEventType => (POLL_EVENTS as string[]).includes(event);
	const selected = (get('events', []) as unknown[]).map(String).filter(isPollEvent);
	const channels: ChannelRef[] = [];
	const invalidChannels: string[] = [];
	if (authentication === 'appOAuth2') {
		for (const entry of splitList(get('channels', ''))) {
			const ref = parseChannelRef(entry);
			if (ref) channels.push(ref);
			else invalidChannels.push(entry.slice(0, 60));
		}
	}
	const period = String(get('leaderboardPeriod', 'lifetime'));
	return {
		credentialType: authentication === 'appOAuth2' ? APP_CREDENTIAL : USER_CREDENTIAL,
		events: [...new Set(selected)],
		// Each channel once (a slug and its link are the same channel).
		channels: [...new Map(channels.map((ref) => [channelKey(ref), ref])).values()],
		invalidChannels,
		redemptionScope: get('redemptionScope', 'pending') === 'any' ? 'any' : 'pending',
		leaderboardPeriod: period === 'month' || period === 'week' ? period : 'lifetime',
		filters: readFilterOptions(get('filters', {})),
		deduplicateAcrossTriggers: readDeduplicateAcrossTriggers(get('options', {})),
	};
}

/** What stops the trigger from working as configured, or undefined when nothing does. */
export function settingsProblem(settings: PollSettings): SettingsProblem | undefined {
	if (settings.events.length === 0) {
		return { message: 'No events selected', description: 'Choose at least one event under Events.' };
	}
	const userOnly = settings.events.filter((event) => USER_ONLY_EVENTS.includes(event));
	if (settings.credentialType === APP_CREDENTIAL && userOnly.length > 0) {
		return {
			message: `${userOnly.map((event) => `'${POLL_EVENT_OPTIONS[event].name}'`).join(' and ')} needs the Kick OAuth2 API credential`,
			description:
				'Kick only shows reward redemptions and the KICKs leaderboard to the account of the channel. Set Authentication to Kick OAuth2 API and connect that account.',
		};
	}
	if (settings.invalidChannels.length > 0) {
		return {
			message: `Not a Kick channel: ${settings.invalidChannels.map((value) => `'${value}'`).join(', ')}`,
			description: 'Under Channels, enter channel names (e.g. neonvale), https://kick.com/<name> links or broadcaster IDs, separated by commas or new lines.',
		};
	}
	if (settings.credentialType === APP_CREDENTIAL && settings.channels.length === 0) {
		return {
			message: 'No channels to watch',
			description:
				"A Kick app can watch any channel, so it needs to know which: add at least one under Channels. To watch your own channel's redemptions and KICKs leaderboard, set Authentication to Kick OAuth2 API.",
		};
	}
	if (settings.channels.length > MAX_CHANNELS) {
		return {
			message: `Too many channels (${settings.channels.length})`,
			description: `One trigger watches at most ${MAX_CHANNELS} channels. Split them over several workflows.`,
		};
	}
	const statuses = settings.filters.redemptionStatuses ?? [];
	if (
		settings.events.includes('channel.reward.redemption.updated') &&
		settings.redemptionScope === 'pending' &&
		statuses.length > 0 &&
		!statuses.map((status) => status.toLowerCase()).includes('pending')
	) {
		return {
			message: 'The Redemption Status filter excludes every redemption this trigger reports',
			description:
				"Redemptions To Report is 'New Pending Redemptions', but the Redemption Status filter does not include Pending. Choose 'New Redemptions in Any Status', or add Pending to the filter.",
		};
	}
	return undefined;
}

/** The redemption statuses to list each poll: only what can pass the filter. */
export function redemptionStatusesToList(settings: PollSettings): Array<'pending' | 'accepted' | 'rejected'> {
	if (settings.redemptionScope === 'pending') return ['pending'];
	const wanted = new Set((settings.filters.redemptionStatuses ?? []).map((status) => status.toLowerCase()));
	const all = ['pending', 'accepted', 'rejected'] as const;
	return wanted.size === 0 ? [...all] : all.filter((status) => wanted.has(status));
}
