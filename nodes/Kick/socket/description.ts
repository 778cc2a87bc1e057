/**
 * The Kick Chat Trigger's parameters. Users are streamers and moderators: every text says what
 * happens in plain words, and that this is Kick's unofficial live socket.
 */
import type { INodeProperties } from 'n8n-workflow';

import { deduplicateAcrossTriggersOption, filtersProperty } from '../events/description';
import { ALL_EVENTS } from '../events/names';
import { KICK_WEBSITE_BASE_URL } from '../shared/kick.constants';
import { liveEventOptions, UNKNOWN_SOCKET_EVENT } from './events';
import { DEFAULT_HOLD_FOR_KICK_TRIGGER_SECONDS, DEFAULT_SAMPLE_AFTER_SECONDS, KICK_PUSHER_APP, KICK_PUSHER_HOST, KICK_PUSHER_QUERY } from './settings';

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
