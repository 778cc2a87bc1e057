/**
 * Event names and their display names, shared by every Kick trigger. The ten official webhook
 * events keep Kick's own names; a trigger that sees the same thing another way (the live
 * socket, polling) emits it under the same name.
 */
import type { KickEventType } from '../shared/kick.constants';

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
