import type { INodeProperties } from 'n8n-workflow';

import { KICK_EVENT_TYPES } from '../../shared/kick.constants';

/** Human names for the event types, for the Events option list. */
const EVENT_NAMES: Record<(typeof KICK_EVENT_TYPES)[number], string> = {
	'channel.followed': 'Channel Followed',
	'channel.reward.redemption.updated': 'Channel Reward Redemption Updated',
	'channel.subscription.gifts': 'Channel Subscription Gifts',
	'channel.subscription.new': 'Channel Subscription New',
	'channel.subscription.renewal': 'Channel Subscription Renewal',
	'chat.message.sent': 'Chat Message Sent',
	'kicks.gifted': 'KICKs Gifted',
	'livestream.metadata.updated': 'Livestream Metadata Updated',
	'livestream.status.updated': 'Livestream Status Updated',
	'moderation.banned': 'Moderation Banned',
};

export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: [],
	options: [...KICK_EVENT_TYPES]
		.map((event) => ({ name: EVENT_NAMES[event], value: event, description: `Kick event ${event}` }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	description: 'Which events Kick sends to the Kick app\'s webhook URL (set in the app\'s developer settings)',
};

export const broadcasterProperty: INodeProperties = {
	displayName: 'Broadcaster User ID',
	name: 'broadcasterUserId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2841377',
	description:
		"Whose channel to subscribe to. Required with an app token; with a user token Kick always uses the connected account's channel and ignores this.",
};
