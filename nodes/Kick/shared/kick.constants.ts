/**
 * Facts about Kick that more than one module needs. Each value has exactly one home here;
 * REFERENCE.md (the Kick API contract) is the source for all of them.
 */

export const KICK_API_BASE_URL = 'https://api.kick.com';
export const KICK_OAUTH_BASE_URL = 'https://id.kick.com';
export const KICK_WEBSITE_BASE_URL = 'https://kick.com';

export const USER_CREDENTIAL = 'kickOAuth2Api';
export const APP_CREDENTIAL = 'kickAppOAuth2Api';

/** The 11 OAuth scopes Kick defines (REFERENCE.md §3). */
export const KICK_SCOPES = [
	'user:read',
	'channel:read',
	'channel:write',
	'channel:rewards:read',
	'channel:rewards:write',
	'chat:write',
	'streamkey:read',
	'events:subscribe',
	'moderation:ban',
	'moderation:chat_message:manage',
	'kicks:read',
] as const;
export type KickScope = (typeof KICK_SCOPES)[number];

/** The 10 webhook event types, all version 1 (REFERENCE.md §6.4). */
export const KICK_EVENT_TYPES = [
	'chat.message.sent',
	'channel.followed',
	'channel.subscription.renewal',
	'channel.subscription.gifts',
	'channel.subscription.new',
	'channel.reward.redemption.updated',
	'livestream.status.updated',
	'livestream.metadata.updated',
	'moderation.banned',
	'kicks.gifted',
] as const;
export type KickEventType = (typeof KICK_EVENT_TYPES)[number];
export const KICK_EVENT_VERSION = 1;

/** Per-call limits Kick enforces (REFERENCE.md §4). */
export const LIMITS = {
	idsPerLookup: 50,
	slugMaxLength: 25,
	userLivestreamIdsPerCall: 50,
	chatMessageMaxLength: 500,
	banDurationMinMinutes: 1,
	banDurationMaxMinutes: 10080,
	banReasonMaxLength: 100,
	customTagsMax: 10,
	rewardTitleMaxLength: 50,
	rewardDescriptionMaxLength: 200,
	redemptionIdsPerCall: 25,
	dropsClaimsPerUpdate: 100,
	categoriesPageMax: 1000,
	livestreamsPageMax: 1000,
	livestreamFilterMax: 25,
	leaderboardTopMax: 100,
} as const;
