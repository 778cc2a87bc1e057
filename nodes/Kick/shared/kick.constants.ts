/**
 * Facts about Kick that more than one module needs. Each value has exactly one home here;
 * docs/kick-api.md says where Kick documents each of them.
 */

export const KICK_API_BASE_URL = 'https://api.kick.com';
export const KICK_OAUTH_BASE_URL = 'https://id.kick.com';
export const KICK_WEBSITE_BASE_URL = 'https://kick.com';

export const USER_CREDENTIAL = 'kickOAuth2Api';
export const APP_CREDENTIAL = 'kickAppOAuth2Api';

/** The 11 OAuth scopes Kick defines (docs/kick-api.md §3.1). */
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

/** The 10 webhook event types, all version 1 (docs/kick-api.md §6.4). */
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

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(KICK_EVENT_TYPES);

export function isKickEventType(value: string): value is KickEventType {
	return EVENT_TYPE_SET.has(value);
}
export const KICK_EVENT_VERSION = 1;

/** Per-call limits Kick enforces (docs/kick-api.md §4). */
export const LIMITS = {
	idsPerLookup: 50,
	slugMaxLength: 25,
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
	categoryTermMinLength: 3,
	dropsClaimsPageMax: 1000,
	rewardCostMin: 1,
} as const;

/**
 * How long a user's login lasts: Kick ends it about 30 days after it was made, however often its
 * refresh token is used (docs/kick-api.md §7, KickDevDocs#397, #359).
 */
export const LOGIN_LIFETIME_DAYS = 30;

/** Redemption statuses Kick knows (docs/kick-api.md §4.9). */
export const REDEMPTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;

/** The default color Kick gives a reward (docs/kick-api.md §4.9). */
export const REWARD_DEFAULT_BACKGROUND_COLOR = '#00e701';

/**
 * Choices where Kick's documentation leaves a detail open (docs/kick-api.md §11). Each has
 * exactly one home here so a correction is a one-line change; the matching parameter
 * descriptions say what was assumed.
 */
export const UNCONFIRMED = {
	/**
	 * §11.1: how /public/v2/categories takes several `name`/`tag` values. Two SDKs (KickLib,
	 * henrikah) send repeated keys, one (gokick) comma-joins them. We follow the majority.
	 */
	categoryFilterArrayFormat: 'repeat' as 'repeat' | 'comma',
	/**
	 * §11.2: an unknown slug or id may make Kick answer 400 for the whole lookup (instead of
	 * leaving it out of a 200). When that happens the batch is split in halves until the bad
	 * key is isolated; a single key answered 400 counts as "not found".
	 */
	splitLookupOnBadRequest: true,
	/** §11.3: Kick sends `start_time` "0001-01-01T00:00:00Z" for offline channels; years before this are "no time". */
	minimumRealYear: 2000,
	/** §11.4: default of the KICKs leaderboard `top` parameter (bounds 1–100 from a single source). */
	leaderboardTopDefault: 10,
	/** §11.5: redemptions default to `pending` when no status is sent; the node always sends one. */
	redemptionDefaultStatus: 'pending' as (typeof REDEMPTION_STATUSES)[number],
	/** §11.6: how many subscription ids one DELETE takes is undocumented; 50 like every other id list. */
	subscriptionIdsPerDelete: 50,
	/** §11.7: Kick names the revoke hint `token_hint_type` (RFC 7009 says `token_type_hint`), in the query string. */
	revokeHintParameter: 'token_hint_type',
	/** §11.8: drops claims pages end when a page is shorter than the requested `limit`. */
	dropsShortPageEnds: true,
	/**
	 * §11.9: introspecting an unknown or malformed token answers 401 (some invalid tokens may give
	 * `active: false` instead). OAuth → Introspect Token reports both as `active: false`.
	 */
	introspect401MeansInactive: true,
	/** §11.10: the website prints times as "2026-03-14 18:58:31" without a zone; read as UTC. */
	websiteTimesAreUtc: true,
	/**
	 * §11.13: Kick counts its request limits "per minute" (KickDevDocs#360, Kick's staff: "We're
	 * bumping this to 100pm from 20pm"). How many per minute is learned from Kick's 429s.
	 */
	rateLimitWindowMs: 60_000,
	/**
	 * §11.13: what one limit covers is not documented: the pacer assumes one limit per Kick app,
	 * shared by all of its tokens and endpoints, the strictest of the plausible scopes.
	 */
	rateLimitScope: 'app' as 'app' | 'token' | 'endpoint',
} as const;

/** Sort options for Livestream → Get Many; Kick itself has no sort parameter (docs/kick-api.md §4.4). */
export const LIVESTREAM_SORTS = ['none', 'viewerCount', 'startedAt'] as const;

/** Where the normalized public lookups got their data. */
export const PUBLIC_SOURCE = { official: 'official_api', website: 'website' } as const;
