import type { KeyObject } from 'node:crypto';
import type { ChannelRecord, EmulatorApp, EmulatorState, LiveSession, RedemptionRecord } from './state/model';
import type { AddChannelsOptions, RedeemOptions, StartStreamOptions, StreamUpdate } from './streams';
import type { PusherEmulator } from './pusher';
import type { WebhookDelivery } from './webhookDelivery';
import type { KickSources } from './sources';

export interface RequestLogEntry {
	method: string;
	path: string;
	/** Repeated keys become arrays. */
	query: Record<string, string | string[]>;
	/** Parsed JSON or form object; raw text otherwise; undefined when empty. */
	body: unknown;
	/** Lower-cased names. */
	headers: Record<string, string>;
	/** Kind of the Bearer token sent (whether or not it was still valid); null when none/unknown. */
	tokenKind: 'user' | 'app' | null;
	userId?: number;
	/** From the token, or from `client_id` in an OAuth request. */
	clientId?: string;
	/** 0 until answered, and for dropped connections. */
	status: number;
	/** Epoch ms when received. */
	at: number;
}

export interface FaultKnobs {
	/** Added to every response. */
	latencyMs: number;
	/** Answer 429 once this many more requests have passed (counts down; null = off). */
	rateLimitAfter: number | null;
	/** How many consecutive 429s before recovering (counts down; null = until reset). */
	rateLimitCount: number | null;
	/** Send `Retry-After` on 429s when set. */
	retryAfterSeconds: number | null;
	/** Send `X-RateLimit-Reset` (epoch seconds) on 429s. */
	rateLimitResetHeader: boolean;
	/** Token bucket for POST /public/v1/chat; beyond it → 429 with a computed Retry-After. */
	chatRateLimit: { perSecond: number; burst: number } | null;
	/**
	 * Kick's undocumented request limit, modeled as the worst plausible case (docs/kick-api.md
	 * §1.6, `RATE_LIMIT_SCOPE` in ./faults.ts): at most `limit` API requests in any `windowMs`, per
	 * Kick app (all its tokens and endpoints share one window), every request counting, refused
	 * ones too; beyond it → 429 with no header at all.
	 */
	rateWindow: { limit: number; windowMs: number } | null;
	/** The next N requests answer `failStatus` (counts down). */
	fail5xx: number;
	failStatus: 500 | 502 | 503;
	/** The next N requests get their socket destroyed without an answer (counts down). */
	dropConnections: number;
	/** 403 HTML challenge page on kick.com/api/* ('website') or on /public/* ('api'). */
	cloudflare: 'off' | 'website' | 'api';
	/** POST /public/v1/chat answers Cloudflare's WAF JSON 403 (docs/kick-api.md §1.4). */
	cloudflareJsonBlock: boolean;
	/** GET /public/v1/public-key answers 500. */
	publicKeyDown: boolean;
	/**
	 * Restricts the counting/latency faults to matching paths. Without it they hit API and
	 * OAuth paths only; with it, any matching path (website paths included).
	 */
	pathFilter?: RegExp;
}

export interface TokenSet {
	access_token: string;
	token_type: 'Bearer';
	expires_in: number;
	refresh_token?: string;
	scope?: string;
}

export interface DeliveryOptions {
	url: string;
	/** e.g. 'chat.message.sent'; 'drops.claim' uses the Drops header names (§5). */
	event: string;
	/** Objects are serialized compactly; strings are sent byte-for-byte. */
	body: object | string;
	/** Default: a fresh ULID. */
	messageId?: string;
	/** Default: Kick's now (or now − staleSeconds), RFC 3339 second precision. */
	timestamp?: string;
	/** Default: a fresh ULID (Kick always sends one). */
	subscriptionId?: string;
	/** Default '1'. */
	version?: string;
	/** Sign first, then alter this part. */
	tamper?: 'body' | 'signature' | 'messageId';
	/** Header names to leave out (case-insensitive). */
	omitHeaders?: string[];
	/** Timestamp this many seconds in the past (negative = future). */
	staleSeconds?: number;
	/** 'previous' = the key before the last `rotateKey()`. */
	signWith?: 'current' | 'previous';
	/** Default 10000. */
	timeoutMs?: number;
}

export interface DeliveryResult {
	/** 0 when no HTTP answer arrived (refused, reset, timeout); `body` then holds the error. */
	status: number;
	body: string;
	messageId: string;
	timestamp: string;
	rawBody: string;
	/** The headers sent. */
	headers: Record<string, string>;
}

export interface SubscriberDeliveryResult extends DeliveryResult {
	subscriptionId: string;
	clientId: string;
}

export type SubscriberDeliveryOptions = Omit<DeliveryOptions, 'url' | 'event' | 'body' | 'subscriptionId' | 'messageId'>;

export interface Signer {
	publicKeyPem: string;
	sign(messageId: string, timestamp: string, rawBody: Buffer | string): string;
	rotateKey(): void;
	/** Signs with the given key from now on (tests that sign deliveries themselves). */
	useKeyPair(privateKey: KeyObject, publicKeyPem: string): void;
}

export interface KickEmulator {
	/** One origin for the API, the OAuth server and the website endpoints. */
	url: string;
	state: EmulatorState;
	requests: RequestLogEntry[];
	clearRequests(): void;
	faults: FaultKnobs;
	resetFaults(): void;
	apps: EmulatorApp[];
	issueUserToken(opts: {
		userId: number;
		scopes?: string[];
		clientId?: string;
		expiresIn?: number;
	}): TokenSet;
	issueAppToken(opts?: { clientId?: string; expiresIn?: number }): TokenSet;
	/** Makes matching access tokens answer 401 from now on; returns how many. */
	expireAccessTokens(filter?: { accessToken?: string; kind?: 'user' | 'app' }): number;
	revokeRefreshTokens(filter?: { refreshToken?: string }): number;
	/**
	 * Moves logins back in time: their refresh tokens die `settings.refreshTokenTtlSeconds` after
	 * the login, however often they were refreshed (KickDevDocs#397). Returns how many tokens.
	 */
	ageLogins(ms: number, filter?: { userId?: number; clientId?: string }): number;
	/**
	 * The user disconnects the app on kick.com (default: the first app): its tokens for the user
	 * stop working; the subscriptions stay, and only an app token can delete them (KickDevDocs#347).
	 */
	disconnectApp(userId: number, clientId?: string): void;
	signer: Signer;
	/** One delivery to a URL; its answer counts against its subscription when Kick has it. */
	deliver(opts: DeliveryOptions): Promise<DeliveryResult>;
	/**
	 * Kick's clock, held-back deliveries and the unsubscribe rule (./webhookDelivery.ts): events
	 * delivered hours late without real waiting, bursts of late deliveries, and a subscription
	 * deleted after its deliveries failed for over a day.
	 */
	webhooks: WebhookDelivery;
	/**
	 * One delivery per subscription in state matching (event, broadcaster), to its app's
	 * `webhookUrl` (apps without one are skipped), each with its own message id.
	 */
	deliverToSubscribers(
		event: string,
		broadcasterUserId: number,
		body: object | string,
		opts?: SubscriberDeliveryOptions,
	): Promise<SubscriberDeliveryResult[]>;
	/** The channel goes live now (or at `startedAt`), with a new livestream. */
	startStream(broadcasterUserId: number, options?: StartStreamOptions): LiveSession;
	/** The stream ends; the channel then shows Kick's offline values. */
	endStream(broadcasterUserId: number): void;
	/** Title, category, language, tags; viewers and thumbnail while live. */
	updateStream(broadcasterUserId: number, update: StreamUpdate): void;
	/** A viewer redeems one of the channel's rewards. */
	redeemReward(broadcasterUserId: number, options: RedeemOptions): RedemptionRecord;
	/** A viewer gifts KICKs: the channel's lifetime, month and week leaderboards grow. */
	giftKicks(broadcasterUserId: number, userId: number, amount: number): void;
	/** Adds `count` streamers with channels (slugs `<prefix>-1` …). */
	addChannels(count: number, options?: AddChannelsOptions): ChannelRecord[];
	/** Kick's live socket (Pusher protocol) on the same port: ws://<host>:<port>/app/<key>. */
	/** One Kick event seen by the API, the webhooks and the live socket, each copy with its own fate (./sources.ts). */
	sources: KickSources;
	pusher: PusherEmulator;
	close(): Promise<void>;
}
