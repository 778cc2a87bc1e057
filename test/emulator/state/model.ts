/**
 * The emulator's in-memory data. Everything the API, OAuth server and website endpoints
 * answer is derived from these records, so the three views of a channel always agree.
 * Tests may read and mutate any of it.
 */

export interface EmulatorApp {
	clientId: string;
	clientSecret: string;
	redirectUris: string[];
	name: string;
	/** Organization apps may call the Drops endpoints (docs/kick-api.md §5). */
	isOrganization: boolean;
	/** Where `deliverToSubscribers` POSTs this app's webhooks (one URL per Kick app). */
	webhookUrl?: string;
	/** `type: "bot"` chat needs a bot account created in the app settings (§4.5). */
	botEnabled: boolean;
}

export interface UserRecord {
	userId: number;
	username: string;
	email: string;
	profilePicture: string;
	isVerified: boolean;
	bio: string;
}

export interface LiveSession {
	/** `LivestreamV2.id` (UUID). */
	livestreamId: string;
	/** The website's numeric livestream id. */
	websiteId: number;
	startedAt: string;
	viewerCount: number;
	thumbnail: string;
}

export interface ChannelRecord {
	/** Channel id — different from the user id (§1.7). */
	channelId: number;
	broadcasterUserId: number;
	slug: string;
	description: string;
	bannerPicture: string;
	/** Current (live) or last stream metadata; PATCH /channels writes these. */
	streamTitle: string;
	categoryId: number;
	customTags: string[];
	language: string;
	isMature: boolean;
	live: LiveSession | null;
	streamUrl: string;
	streamKey: string;
	/**
	 * Active subscriptions someone pays for, and active gifted ones. Kick's channel answer counts
	 * both in `active_subscribers_count` and the gifted ones alone in
	 * `active_gifted_subscribers_count` (docs/kick-api.md §4.2).
	 */
	paidSubscribers: number;
	giftedSubscribers: number;
	canceledSubscribers: number;
	followersCount: number;
	verified: boolean;
	chatroomId: number;
	moderatorIds: number[];
}

export interface CategoryRecord {
	id: number;
	name: string;
	slug: string;
	thumbnail: string;
	tags: string[] | null;
	viewerCount: number;
	/** The website's parent-category id (`categories[].category_id`). */
	parentId: number;
}

export interface ChatMessageRecord {
	messageId: string;
	broadcasterUserId: number;
	type: 'user' | 'bot' | 'viewer';
	/** null for bot messages: they are posted by the app's bot account. */
	senderUserId: number | null;
	clientId: string | null;
	content: string;
	replyToMessageId: string | null;
	createdAt: string;
	deleted: boolean;
}

export interface BanRecord {
	broadcasterUserId: number;
	userId: number;
	moderatorUserId: number;
	reason: string;
	createdAt: string;
	/** null ⇒ permanent ban. */
	expiresAt: string | null;
}

export interface RewardRecord {
	id: string;
	broadcasterUserId: number;
	/** The app that created it (null = created on kick.com); only it may change it (§4.9). */
	createdByClientId: string | null;
	title: string;
	description: string;
	cost: number;
	backgroundColor: string;
	isEnabled: boolean;
	isPaused: boolean;
	isUserInputRequired: boolean;
	shouldRedemptionsSkipRequestQueue: boolean;
	isDeleted: boolean;
}

export type RedemptionStatus = 'pending' | 'accepted' | 'rejected';

export interface RedemptionRecord {
	id: string;
	rewardId: string;
	broadcasterUserId: number;
	redeemerUserId: number;
	userInput: string;
	status: RedemptionStatus;
	redeemedAt: string;
}

export interface SubscriptionRecord {
	id: string;
	appId: string;
	broadcasterUserId: number;
	event: string;
	version: number;
	method: 'webhook';
	createdAt: string;
	updatedAt: string;
	/** Created and delivering, but missing from every listing (KickDevDocs#419). */
	unlisted?: true;
}

export interface KicksEntry {
	userId: number;
	giftedAmount: number;
}

export interface KicksLeaderboard {
	lifetime: KicksEntry[];
	month: KicksEntry[];
	week: KicksEntry[];
}

export interface DropsClaimRecord {
	claimId: string;
	/** The organization app whose campaign this claim belongs to. */
	clientId: string;
	userId: number;
	campaignId: string;
	rewardId: string;
	externalId: string;
	externalStatus: string;
	createdAt: string;
	updatedAt: string;
}

export interface AccessTokenRecord {
	token: string;
	kind: 'user' | 'app';
	clientId: string;
	userId?: number;
	scopes: string[];
	/** Epoch ms. */
	expiresAt: number;
	revoked: boolean;
}

export interface RefreshTokenRecord {
	token: string;
	clientId: string;
	userId: number;
	scopes: string[];
	issuedAt: number;
	/**
	 * When the user logged in (authorized the app): rotated refresh tokens keep it, and the login
	 * ends `refreshTokenTtlSeconds` after it however often it is refreshed (KickDevDocs#397).
	 */
	loginAt: number;
	/** When it was exchanged for a newer one (epoch ms); reusable for a grace window after. */
	rotatedAt: number | null;
	revoked: boolean;
}

export interface AuthorizationCodeRecord {
	code: string;
	clientId: string;
	redirectUri: string;
	userId: number;
	scopes: string[];
	codeChallenge: string;
	expiresAt: number;
	used: boolean;
}

/** Behavior settings Kick does not document precisely (docs/kick-api.md §7, §11). */
export interface EmulatorSettings {
	userTokenTtlSeconds: number;
	appTokenTtlSeconds: number;
	/** A login's refresh tokens die this long after the login, regardless of use (§7, ~30 days). */
	refreshTokenTtlSeconds: number;
	/** A rotated refresh token stays usable this long ("reusable/flexible", §7). 0 = single use. */
	refreshTokenReuseSeconds: number;
	authorizationCodeTtlSeconds: number;
	redemptionsPageSize: number;
}

export interface EmulatorState {
	apps: EmulatorApp[];
	/** The user who approves at `/oauth/authorize`. */
	consentUserId: number;
	/**
	 * Whether `/oauth/authorize` shows Kick's consent page, where the user clicks Allow Access (a
	 * browser test's flow), or approves at once (a test that connects through n8n's REST API).
	 */
	consentPage: boolean;
	/** Event subscriptions per event type per app (§6.6: 10,000). */
	subscriptionLimit: number;
	/** How the limit is reported: whole-request 400 (errors.json) or per-item error in a 200. */
	subscriptionLimitMode: 'request' | 'item';
	/** How many of the next subscriptions created are missing from Kick's listings (KickDevDocs#419). */
	unlistedCreates: number;
	users: UserRecord[];
	channels: ChannelRecord[];
	categories: CategoryRecord[];
	chat: ChatMessageRecord[];
	bans: BanRecord[];
	rewards: RewardRecord[];
	redemptions: RedemptionRecord[];
	subscriptions: SubscriptionRecord[];
	kicksLeaderboards: Record<number, KicksLeaderboard>;
	dropsClaims: DropsClaimRecord[];
	accessTokens: Map<string, AccessTokenRecord>;
	refreshTokens: Map<string, RefreshTokenRecord>;
	authorizationCodes: Map<string, AuthorizationCodeRecord>;
	settings: EmulatorSettings;
}
