/**
 * The Kick Trigger's parameters, and their reading into plain values (pure: the node passes a
 * getter). Users are streamers and community managers: every text says what happens in plain
 * words.
 *
 * How late a delivery may be: Kick's deliveries regularly arrive minutes late, and on bad days
 * hours late ("9–16 minutes behind", KickDevDocs#165; "received hours later", #162; also #131,
 * #233, #255), and Kick never sends a delivery again (docs/kick-api.md §6.5). So lateness never
 * refuses a delivery: an authentic one runs (flagged `late`) up to the Late Delivery Limit, and
 * past it is acknowledged without a run. The limit is also how long the trigger must remember a
 * delivery to stop its replays.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ALL_EVENTS, deduplicateAcrossTriggersOption, EVENT_OPTIONS, filtersProperty, readDeduplicateAcrossTriggers, readFilterOptions } from '../events/parameters';
import { channelLocator, parseChannelRef, type ChannelRef } from '../shared/channelRef';
import { APP_CREDENTIAL, isKickEventType, KICK_EVENT_TYPES, USER_CREDENTIAL } from '../shared/kick.constants';
import type { ParameterGetter } from '../shared/parameterGetter';
import type { UnlistedSubscription } from '../subscriptions';
import type { KickCredentialType } from '../transport';
import type { DuplicatePayloads } from './delivery';

/** Default Late Delivery Limit: a day covers every delay reported on Kick's tracker (hours). */
const DEFAULT_LATE_DELIVERY_LIMIT_HOURS = 24;

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

export type TriggerSettings = ReturnType<typeof readTriggerSettings>;

/**
 * The parameters as plain values. Events: all ten for "All Events", empty when none is selected.
 * Channels (app credential only) as entered, resolved to broadcaster ids at publish time; entries
 * that are neither an id, a slug nor a kick.com link are in `invalidChannels`. The filters come
 * without events and channels (those are `events` and the resolved ids); times are in ms.
 */
export function readTriggerSettings(get: ParameterGetter) {
	const isApp = get('authentication', 'userOAuth2') === 'appOAuth2';
	const selected = (get('events', []) as unknown[]).map(String);
	const events = selected.includes(ALL_EVENTS) ? [...KICK_EVENT_TYPES] : [...new Set(selected.filter(isKickEventType))];

	const channels: ChannelRef[] = [];
	const invalidChannels: string[] = [];
	const entries = (get('channels', {}) as IDataObject | undefined)?.channel;
	for (const entry of isApp && Array.isArray(entries) ? entries : []) {
		const locator = (entry as IDataObject).channel;
		const { value, mode } = (locator && typeof locator === 'object' ? locator : { value: locator }) as { value?: unknown; mode?: string };
		if (String(value ?? '').trim() === '') continue;
		const ref = parseChannelRef(value, mode);
		if (ref) channels.push(ref);
		else invalidChannels.push(String(value).slice(0, 60));
	}

	const options = (get('options', {}) ?? {}) as IDataObject;
	const filters = (get('filters', {}) ?? {}) as IDataObject;
	const olderThanMinutes = Number(filters.ignoreOlderThanMinutes ?? 0);
	// The Late Delivery Limit: anything not a positive number is the default.
	const lateLimitHours = Number(options.lateDeliveryLimitHours ?? DEFAULT_LATE_DELIVERY_LIMIT_HOURS);
	const savedDuplicatePayloads = options.ignoreDuplicatePayloads;
	const duplicatePayloads: DuplicatePayloads =
		savedDuplicatePayloads === 'all' || savedDuplicatePayloads === 'never' ? savedDuplicatePayloads : 'identifying';

	return {
		credentialType: (isApp ? APP_CREDENTIAL : USER_CREDENTIAL) as KickCredentialType,
		events,
		channels,
		invalidChannels,
		filters: readFilterOptions(filters),
		lateLimitMs: (Number.isFinite(lateLimitHours) && lateLimitHours > 0 ? lateLimitHours : DEFAULT_LATE_DELIVERY_LIMIT_HOURS) * 3_600_000,
		ignoreOlderThanMs: Number.isFinite(olderThanMinutes) && olderThanMinutes > 0 ? olderThanMinutes * 60_000 : undefined,
		duplicatePayloads,
		onlyOwnSubscriptions: options.onlyOwnSubscriptions !== false,
		manageSubscriptions: options.manageSubscriptions !== false,
		deduplicateAcrossTriggers: readDeduplicateAcrossTriggers(options),
	};
}

/** The trigger's state in the workflow's static data (node scope). */
export interface TriggerState {
	/** Subscriptions the published workflow created or adopted. */
	subscriptionIds?: string[];
	/** Subscriptions created during an editor test, deleted when the test ends. */
	testSubscriptionIds?: string[];
	/** Channels whose events run the workflow (app: the resolved channels; user: the own channel). */
	broadcasterUserIds?: number[];
	/** The user credential's broadcaster id, learned from its subscriptions. */
	selfBroadcasterId?: number;
	/** The credential's API base URL, so a delivery needs no credential read. */
	apiBaseUrl?: string;
	/** Subscriptions Kick confirmed but did not list (KickDevDocs#419): not created again for a while. */
	unlisted?: UnlistedSubscription[];
}
