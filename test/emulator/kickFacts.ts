/**
 * What the emulator knows about Kick, written from docs/kick-api.md (Kick's documentation and
 * what has been observed), never imported from the product: the emulator is our model of Kick,
 * not of our code. If the product gets a scope, an event or a limit wrong, the emulator must
 * disagree; test/unit/facts.test.ts lists every place where the two differ.
 */

/** The OAuth scopes Kick defines (§3.1). */
export const SCOPES = [
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

/** The webhook events Kick sends, all at version 1 (§6.4). */
export const EVENT_TYPES = [
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
export const EVENT_VERSION = 1;

/** Limits Kick enforces on requests (section of docs/kick-api.md in each comment). */
export const KICK_LIMITS = {
	/** §4.2: `broadcaster_user_id` or `slug` on GET /public/v1/channels, up to 50. */
	channelIdsPerLookup: 50,
	/** §4.2: each slug at most 25 characters. */
	slugMaxLength: 25,
	/** §4.1, §11.11: GET /public/v1/users documents no maximum; played as 50, like the channels list. */
	userIdsPerLookup: 50,
	/** §4.4: the deprecated v1 livestreams list takes up to 50 broadcaster ids. */
	livestreamV1IdsPerCall: 50,
	/** §4.5: a chat message has at most 500 characters. */
	chatMessageMaxLength: 500,
	/** §4.6: a timeout lasts 1 to 10080 minutes (7 days). */
	banDurationMinMinutes: 1,
	banDurationMaxMinutes: 10_080,
	/** §4.6: a ban reason has at most 100 characters. */
	banReasonMaxLength: 100,
	/** §4.2: PATCH /public/v1/channels takes at most 10 custom tags. */
	customTagsMax: 10,
	/** §4.9: reward title at most 50 characters, description at most 200. */
	rewardTitleMaxLength: 50,
	rewardDescriptionMaxLength: 200,
	/** §4.9: accept/reject take 1 to 25 unique redemption ids. */
	redemptionIdsPerCall: 25,
	/** §5: PATCH /public/v1/drops/claims takes at most 100 claims. */
	dropsClaimsPerUpdate: 100,
	/** §4.3: categories `limit` 1–1000 (default 25). */
	categoriesPageMax: 1000,
	/** §4.4: v2 livestreams `limit` 1–1000. */
	livestreamsPageMax: 1000,
	/** §4.4: `category_id` and `language_code` each at most 25 values. */
	livestreamFilterMax: 25,
	/** §4.8: the KICKs leaderboard `top` is 1–100. */
	leaderboardTopMax: 100,
} as const;
