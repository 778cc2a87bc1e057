import type { INodeProperties } from 'n8n-workflow';

import * as category from './category';
import * as channel from './channel';
import * as channelReward from './channelReward';
import * as chat from './chat';
import * as drops from './drops';
import * as eventSubscription from './eventSubscription';
import * as kicks from './kicks';
import * as livestream from './livestream';
import * as moderation from './moderation';
import * as oauth from './oauth';
import * as publicKey from './publicKey';
import * as rewardRedemption from './rewardRedemption';
import * as token from './token';
import * as user from './user';
import type { KickOperation } from './types';

/**
 * Every resource of the Kick node: its operation list, parameters and implementations.
 * Adding a resource means adding its folder and one line here (in name order).
 */
export const resources: Record<string, { name: string; description: string; module: { operations: Record<string, KickOperation>; description: INodeProperties[] } }> = {
	category: { name: 'Category', description: 'What streams are about (games and topics)', module: category },
	channel: { name: 'Channel', description: 'Kick channels: details, live state, title and category', module: channel },
	channelReward: { name: 'Channel Reward', description: 'Channel points rewards of the connected channel', module: channelReward },
	chat: { name: 'Chat', description: 'Send and delete chat messages', module: chat },
	drops: { name: 'Drops', description: 'Drops reward claims (Kick organization apps)', module: drops },
	eventSubscription: { name: 'Event Subscription', description: 'Which Kick events are sent to the app\'s webhook', module: eventSubscription },
	kicks: { name: 'KICKs', description: 'KICKs (Kick\'s paid gifts) leaderboard', module: kicks },
	livestream: { name: 'Livestream', description: 'Streams that are live now', module: livestream },
	moderation: { name: 'Moderation', description: 'Ban, time out and unban chatters', module: moderation },
	oauth: { name: 'OAuth', description: 'Link Kick accounts: authorization URLs and tokens your workflow keeps', module: oauth },
	publicKey: { name: 'Public Key', description: 'The key that verifies Kick webhooks', module: publicKey },
	rewardRedemption: { name: 'Reward Redemption', description: 'Viewers\' redemptions of channel rewards', module: rewardRedemption },
	token: { name: 'Token', description: 'The credential\'s own access token', module: token },
	user: { name: 'User', description: 'Kick users', module: user },
};

export function findOperation(resource: string, operation: string): KickOperation | undefined {
	return resources[resource]?.module.operations[operation];
}

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Kick OAuth2 API (User)', value: 'userOAuth2', description: 'Act as the Kick account that connected the credential' },
		{ name: 'Kick App OAuth2 API (App)', value: 'appOAuth2', description: 'An app token: public data of any channel and event subscriptions' },
		{ name: 'None (Public Data)', value: 'none', description: 'No credential: only public lookups, from the Kick website' },
	],
	default: 'userOAuth2',
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(resources).map(([value, resource]) => ({ name: resource.name, value, description: resource.description })),
	default: 'user',
};

export const operationProperties: INodeProperties[] = Object.values(resources).flatMap((resource) => resource.module.description);
