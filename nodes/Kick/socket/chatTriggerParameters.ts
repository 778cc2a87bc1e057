/**
 * The Kick Chat Trigger's parameters, the events it emits, and their reading into plain values
 * (pure: the node passes a getter), with the socket address and channel names they lead to.
 * Users are streamers and moderators: every text says what happens in plain words, and that this
 * is Kick's unofficial live socket.
 *
 * Where the live socket sees what an official webhook event describes, the item carries the
 * official name (../events/parameters.ts); the socket's own events get names in the same dotted
 * style here.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ALL_EVENTS, deduplicateAcrossTriggersOption, EVENT_OPTIONS, filtersProperty, readDeduplicateAcrossTriggers, readFilterOptions } from '../events/parameters';
import { channelRefText, SLUG_PATTERN } from '../shared/channelRef';
import { KICK_WEBSITE_BASE_URL, type KickEventType } from '../shared/kick.constants';
import type { ParameterGetter } from '../shared/parameterGetter';

/** Official events the socket can see (all but livestream.metadata.updated, which is on a private channel). */
const SOCKET_OFFICIAL_EVENTS = [
	'chat.message.sent',
	'channel.followed',
	'channel.subscription.new',
	'channel.subscription.renewal',
	'channel.subscription.gifts',
	'channel.reward.redemption.updated',
	'livestream.status.updated',
	'moderation.banned',
	'kicks.gifted',
] as const satisfies readonly KickEventType[];

const SOCKET_ONLY_EVENT_OPTIONS = {
	'chat.message.deleted': { name: 'Message Deleted', description: 'A moderator (or Kick\'s automatic moderation) deleted a chat message' },
	'chat.message.pinned': { name: 'Message Pinned', description: 'A chat message was pinned' },
	'chat.message.unpinned': { name: 'Message Unpinned', description: 'The pinned message was removed' },
	'chat.cleared': { name: 'Chat Cleared', description: 'A moderator cleared the chat' },
	'chat.settings.updated': { name: 'Chat Settings Changed', description: 'Slow mode, followers-only, subscribers-only or emote-only mode changed' },
	'chat.poll.updated': { name: 'Poll Started or Updated', description: 'A chat poll started or its votes changed' },
	'chat.poll.deleted': { name: 'Poll Ended', description: 'A chat poll was ended or deleted' },
	'moderation.unbanned': { name: 'User Unbanned', description: 'A moderator lifted a ban or timeout' },
	'channel.unfollowed': { name: 'Follower Lost', description: 'Someone unfollowed the channel (Kick does not say who)' },
	'channel.host.received': { name: 'Host or Raid Received', description: 'Another channel sent its viewers to this one' },
	'channel.host.sent': { name: 'Host or Raid Sent', description: 'This channel sent its viewers to another channel' },
	'channel.gifts.leaderboard.updated': { name: 'Gift Leaderboard Updated', description: 'The channel\'s sub-gift leaderboard changed' },
	'channel.goal.updated': { name: 'Channel Goal Progress', description: 'A channel goal (followers, subscribers) moved' },
} as const;

type SocketOnlyEvent = keyof typeof SOCKET_ONLY_EVENT_OPTIONS;

/** Events Kick sends that this node does not know yet: only when chosen explicitly. */
export const UNKNOWN_SOCKET_EVENT = 'socket.unknown';

export type LiveEventName = (typeof SOCKET_OFFICIAL_EVENTS)[number] | SocketOnlyEvent | typeof UNKNOWN_SOCKET_EVENT;

export const SOCKET_ONLY_EVENTS = Object.keys(SOCKET_ONLY_EVENT_OPTIONS) as SocketOnlyEvent[];

/** What "All Events" stands for: every named event (unknown ones must be chosen on their own). */
export const ALL_LIVE_EVENTS: readonly LiveEventName[] = [...SOCKET_OFFICIAL_EVENTS, ...SOCKET_ONLY_EVENTS];

const ALL_SET: ReadonlySet<string> = new Set([...ALL_LIVE_EVENTS, UNKNOWN_SOCKET_EVENT]);

/** Where the socket tells less than the webhook, the option says so. */
const OFFICIAL_DESCRIPTIONS: Partial<Record<KickEventType, string>> = {
	'channel.followed': 'Someone followed the channel (the live socket does not say who)',
	'channel.reward.redemption.updated': 'A channel points reward was redeemed (the live socket has no accept or reject updates)',
};

/** The Events parameter's options (same display names as the Kick Trigger), sorted by name. */
export function liveEventOptions(): Array<{ name: string; value: string; description: string }> {
	const official = SOCKET_OFFICIAL_EVENTS.map((event) => ({
		name: EVENT_OPTIONS[event].name,
		value: event,
		description: OFFICIAL_DESCRIPTIONS[event] ?? EVENT_OPTIONS[event].description,
	}));
	const own = SOCKET_ONLY_EVENTS.map((event) => ({ name: SOCKET_ONLY_EVENT_OPTIONS[event].name, value: event, description: SOCKET_ONLY_EVENT_OPTIONS[event].description }));
	return [...official, ...own].sort((a, b) => a.name.localeCompare(b.name));
}

/** Kick's Pusher app today (what kick.com's own chat connects to). */
const KICK_PUSHER_HOST = 'ws-us2.pusher.com';
const KICK_PUSHER_APP = '32cbd69e4b950bf97679';
const KICK_PUSHER_QUERY = 'protocol=7&client=js&version=8.4.0&flash=false';

const DEFAULT_SAMPLE_AFTER_SECONDS = 5;
/** The Hold for Kick Trigger option's value when it is added (not added: no hold). */
const DEFAULT_HOLD_FOR_KICK_TRIGGER_SECONDS = 5;

/** A slug from `neonvale`, `@neonvale` or `https://kick.com/neonvale` (the website looks channels up by slug). */
export function parseSlug(value: unknown): string | undefined {
	const entry = channelRefText(value);
	return SLUG_PATTERN.test(entry) ? entry.toLowerCase() : undefined;
}

/** The Pusher address: a bare host gets wss://; ws:// and wss:// addresses are kept (proxies, tests). */
export function pusherUrl(hostInput: unknown, keyInput: unknown, queryInput: unknown): string {
	const host = String(hostInput ?? '').trim() || KICK_PUSHER_HOST;
	const key = String(keyInput ?? '').trim() || KICK_PUSHER_APP;
	const base = /^wss?:\/\//i.test(host) ? host.replace(/\/+$/, '') : `wss://${host.replace(/\/+$/, '')}`;
	const params = new URLSearchParams(String(queryInput ?? '').trim().replace(/^\?/, ''));
	// The protocol version decides the frame format this node reads.
	if (!params.has('protocol')) params.set('protocol', '7');
	return `${base}/app/${encodeURIComponent(key)}?${params.toString()}`;
}

function readId(value: unknown): number | undefined | 'invalid' {
	const entry = String(value ?? '').trim();
	if (entry === '' || entry === '0') return undefined;
	if (!/^\d+$/.test(entry)) return 'invalid';
	const id = Number(entry);
	return Number.isSafeInteger(id) ? id : 'invalid';
}

export type ChatTriggerSettings = ReturnType<typeof readChatTriggerSettings>;

export function readChatTriggerSettings(get: ParameterGetter) {
	const channelInput = String(get('channel', '') ?? '').trim();
	const selected = (get('events', []) as unknown[]).map(String);
	const named = selected.filter((event): event is LiveEventName => ALL_SET.has(event));
	const events = selected.includes(ALL_EVENTS) ? [...ALL_LIVE_EVENTS, ...named.filter((event) => event === UNKNOWN_SOCKET_EVENT)] : named;
	const options = (get('options', {}) ?? {}) as IDataObject;
	// Kick's own addresses unless the user switched Custom Endpoints on.
	const custom = get('customEndpoints', false) === true;
	const endpoint = (name: string, fallback: string): unknown => (custom ? get(name, fallback) : fallback);

	const channelId = readId(options.channelId);
	const chatroomId = readId(options.chatroomId);
	// Both set, or neither (then the website lookup finds them); a problem when only one is or one is no number.
	let manualIds: { channelId: number; chatroomId: number } | undefined;
	let manualIdsProblem: string | undefined;
	if (channelId === 'invalid' || chatroomId === 'invalid') {
		manualIdsProblem = 'Channel ID and Chatroom ID must be whole numbers';
	} else if ((channelId === undefined) !== (chatroomId === undefined)) {
		manualIdsProblem = `Only the ${channelId === undefined ? 'Chatroom' : 'Channel'} ID is set: enter both IDs, or neither to look them up`;
	} else if (channelId !== undefined && chatroomId !== undefined) {
		manualIds = { channelId, chatroomId };
	}
	const sampleAfter = Number(options.sampleAfterSeconds ?? DEFAULT_SAMPLE_AFTER_SECONDS);
	const hold = Number(options.holdForKickTriggerSeconds ?? 0);

	return {
		/** The slug, as entered or taken from a kick.com URL; undefined when the entry is not one. */
		slug: parseSlug(channelInput),
		/** The channel entry as typed, for messages. */
		channelInput,
		events: [...new Set(events)],
		filters: readFilterOptions(get('filters', {})),
		manualIds,
		manualIdsProblem,
		pusherUrl: pusherUrl(endpoint('pusherHost', KICK_PUSHER_HOST), endpoint('pusherAppKey', KICK_PUSHER_APP), endpoint('pusherQuery', KICK_PUSHER_QUERY)),
		websiteBaseUrl: String(endpoint('websiteBaseUrl', KICK_WEBSITE_BASE_URL) ?? '').trim().replace(/\/+$/, '') || KICK_WEBSITE_BASE_URL,
		sampleAfterSeconds: Number.isFinite(sampleAfter) && sampleAfter >= 0 ? sampleAfter : DEFAULT_SAMPLE_AFTER_SECONDS,
		deduplicateAcrossTriggers: readDeduplicateAcrossTriggers(options),
		/** Hold for Kick Trigger, ms (0: run the first copy at once). */
		holdForKickTriggerMs: Number.isFinite(hold) && hold > 0 ? Math.min(hold, 60) * 1000 : 0,
	};
}

/**
 * The public channels to follow: chat on the chatroom's channels (v2 for chat, the older ones
 * for gifts, hosts and redemptions), live/offline, follows and subscriptions on the channel's.
 */
export function socketChannels(ids: { channelId: number; chatroomId: number }): string[] {
	return [
		`chatrooms.${ids.chatroomId}.v2`,
		`chatrooms.${ids.chatroomId}`,
		`chatroom_${ids.chatroomId}`,
		`channel.${ids.channelId}`,
		`channel_${ids.channelId}`,
	];
}

export const chatTriggerProperties: INodeProperties[] = [
	{
		displayName:
			"This trigger listens to Kick's live chat connection, the one kick.com itself uses. It is <b>not part of Kick's official API</b>: it needs no Kick app, no credential and no public URL, but it may stop working whenever Kick changes its website. Messages sent while the connection is down are not sent again by Kick. For guaranteed, signed deliveries use the Kick Trigger.",
		name: 'unofficialNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. neonvale or https://kick.com/neonvale',
		description: 'The Kick channel to listen to: its name as in the address, or the address itself',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		noDataExpression: true,
		default: ['chat.message.sent'],
		options: [
			{ name: 'All Events', value: ALL_EVENTS, description: 'Every event listed here except Other Socket Events' },
			...liveEventOptions(),
			{
				name: 'Other Socket Events',
				value: UNKNOWN_SOCKET_EVENT,
				description: 'Events this node does not know yet, passed on as Kick sent them (can be frequent)',
			},
		],
		description: 'Which events start the workflow',
	},
	filtersProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Channel ID',
				name: 'channelId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2712044',
				description:
					'The channel\'s ID, when the trigger cannot look it up because Kick\'s website refuses this server. Enter it together with the Chatroom ID. To find it, open https://kick.com/api/v2/channels/&lt;slug&gt; in your browser: it is the first ID field, at the top.',
			},
			{
				displayName: 'Chatroom ID',
				name: 'chatroomId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2690417',
				description:
					'The channel\'s chatroom ID, entered together with the Channel ID. On the same page (https://kick.com/api/v2/channels/&lt;slug&gt;) it is the ID inside "chatroom". It usually differs from the Channel ID.',
			},
			deduplicateAcrossTriggersOption,
			{
				displayName: 'Hold for Kick Trigger (Seconds)',
				name: 'holdForKickTriggerSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 60 },
				default: DEFAULT_HOLD_FOR_KICK_TRIGGER_SECONDS,
				description:
					"Prefer the Kick Trigger's copy of an event (signed, with more fields): this trigger holds its own copy of an event the workflow's Kick Trigger also receives for up to this long, and runs it only when the Kick Trigger's copy has not arrived by then. Needs Deduplicate With Other Kick Triggers.",
			},
			{
				displayName: 'Sample After (Seconds)',
				name: 'sampleAfterSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_SAMPLE_AFTER_SECONDS,
				description:
					'When you click "Listen for test event" and no real event arrives within this time, the trigger emits sample events instead (marked isSample). 0 waits for a real event.',
			},
		],
	},
	{
		displayName: 'Custom Endpoints',
		name: 'customEndpoints',
		type: 'boolean',
		default: false,
		description: "Whether to connect to other addresses than Kick's: a proxy, or Kick's new ones if kick.com's chat moves to another Pusher app before this node is updated",
	},
	{
		displayName: 'Pusher Host',
		name: 'pusherHost',
		type: 'string',
		default: KICK_PUSHER_HOST,
		displayOptions: { show: { customEndpoints: [true] } },
		description: "Host of Kick's Pusher cluster. A full ws:// or wss:// address works too, e.g. for a proxy.",
	},
	{
		displayName: 'Pusher App Key',
		name: 'pusherAppKey',
		type: 'string',
		default: KICK_PUSHER_APP,
		displayOptions: { show: { customEndpoints: [true] } },
		description: "The key of Kick's Pusher app. kick.com's chat shows it in your browser's developer tools (Network → WS: wss://ws-…pusher.com/app/&lt;key&gt;).",
	},
	{
		displayName: 'Pusher Query Parameters',
		name: 'pusherQuery',
		type: 'string',
		default: KICK_PUSHER_QUERY,
		displayOptions: { show: { customEndpoints: [true] } },
		description: 'Query parameters of the socket address, as the kick.com web client sends them',
	},
	{
		displayName: 'Website Base URL',
		name: 'websiteBaseUrl',
		type: 'string',
		default: KICK_WEBSITE_BASE_URL,
		displayOptions: { show: { customEndpoints: [true] } },
		description: 'Where the trigger looks up the chat IDs once, when the workflow is published',
	},
];
