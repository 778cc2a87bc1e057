/**
 * Changes a test makes to Kick between two polls: a stream starts or ends, its title,
 * category or viewers change, someone redeems a reward or gifts KICKs, or many channels exist
 * at once. Each helper edits the in-memory state the API answers from, so the next
 * GET /public/v1/channels, /users/livestreams, /channels/rewards/redemptions or
 * /kicks/leaderboard shows the change exactly as Kick would.
 */
import type { ChannelRecord, EmulatorState, KicksEntry, LiveSession, RedemptionRecord, RedemptionStatus } from './state/model';
import { rfc3339Seconds, ulid, uuid } from './util';

export interface StartStreamOptions {
	title?: string;
	categoryId?: number;
	viewerCount?: number;
	thumbnail?: string;
	/** RFC 3339; default now (second precision, like Kick). */
	startedAt?: string;
	language?: string;
	isMature?: boolean;
}

export interface StreamUpdate {
	title?: string;
	categoryId?: number;
	language?: string;
	isMature?: boolean;
	customTags?: string[];
	/** Only while live. */
	viewerCount?: number;
	/** Only while live. */
	thumbnail?: string;
}

export interface RedeemOptions {
	rewardId: string;
	redeemerUserId: number;
	userInput?: string;
	/** Default: 'accepted' for a reward that skips the request queue, else 'pending'. */
	status?: RedemptionStatus;
	/** RFC 3339 with milliseconds; default now. */
	redeemedAt?: string;
}

export interface AddChannelsOptions {
	/** Slug prefix; slugs are `<prefix>-<n>`. Default 'bulk'. */
	prefix?: string;
	/** First broadcaster user id; the rest follow. Default 5_000_001. */
	firstUserId?: number;
	/** Whether the new channels are live. Default false. */
	live?: boolean;
}

function channel(state: EmulatorState, broadcasterUserId: number): ChannelRecord {
	const found = state.channels.find((entry) => entry.broadcasterUserId === broadcasterUserId);
	if (!found) throw new Error(`emulator: no channel for broadcaster ${broadcasterUserId}`);
	return found;
}

/** The channel goes live (a new stream with a new livestream id). Throws when it already is. */
export function startStream(state: EmulatorState, broadcasterUserId: number, options: StartStreamOptions = {}): LiveSession {
	const record = channel(state, broadcasterUserId);
	if (record.live) throw new Error(`emulator: ${record.slug} is already live`);
	if (options.title !== undefined) record.streamTitle = options.title;
	if (options.categoryId !== undefined) record.categoryId = options.categoryId;
	if (options.language !== undefined) record.language = options.language;
	if (options.isMature !== undefined) record.isMature = options.isMature;
	const livestreamId = uuid();
	record.live = {
		livestreamId,
		websiteId: 90_000_000 + Math.floor(Math.random() * 1_000_000),
		startedAt: options.startedAt ?? rfc3339Seconds(),
		viewerCount: options.viewerCount ?? 0,
		thumbnail: options.thumbnail ?? `https://images.kick.com/video_thumbnails/${record.slug}-${livestreamId.slice(0, 8)}/720.webp`,
	};
	return record.live;
}

/** The stream ends. Like Kick, an offline channel shows no start time, viewers or thumbnail. */
export function endStream(state: EmulatorState, broadcasterUserId: number): void {
	const record = channel(state, broadcasterUserId);
	if (!record.live) throw new Error(`emulator: ${record.slug} is not live`);
	record.live = null;
}

/** Title, category, language, tags (any time) and viewers or thumbnail (while live). */
export function updateStream(state: EmulatorState, broadcasterUserId: number, update: StreamUpdate): void {
	const record = channel(state, broadcasterUserId);
	if (update.title !== undefined) record.streamTitle = update.title;
	if (update.categoryId !== undefined) {
		if (!state.categories.some((category) => category.id === update.categoryId)) throw new Error(`emulator: no category ${update.categoryId}`);
		record.categoryId = update.categoryId;
	}
	if (update.language !== undefined) record.language = update.language;
	if (update.isMature !== undefined) record.isMature = update.isMature;
	if (update.customTags !== undefined) record.customTags = [...update.customTags];
	if (update.viewerCount !== undefined || update.thumbnail !== undefined) {
		if (!record.live) throw new Error(`emulator: ${record.slug} is not live`);
		if (update.viewerCount !== undefined) record.live.viewerCount = update.viewerCount;
		if (update.thumbnail !== undefined) record.live.thumbnail = update.thumbnail;
	}
}

/** A viewer redeems one of the channel's rewards. */
export function redeemReward(state: EmulatorState, broadcasterUserId: number, options: RedeemOptions): RedemptionRecord {
	const reward = state.rewards.find((entry) => entry.id === options.rewardId && entry.broadcasterUserId === broadcasterUserId);
	if (!reward) throw new Error(`emulator: broadcaster ${broadcasterUserId} has no reward ${options.rewardId}`);
	const redeemedAt = options.redeemedAt ?? new Date().toISOString();
	const redemption: RedemptionRecord = {
		id: ulid(Date.parse(redeemedAt)),
		rewardId: reward.id,
		broadcasterUserId,
		redeemerUserId: options.redeemerUserId,
		userInput: options.userInput ?? '',
		status: options.status ?? (reward.shouldRedemptionsSkipRequestQueue ? 'accepted' : 'pending'),
		redeemedAt,
	};
	state.redemptions.push(redemption);
	return redemption;
}

/** `userId` gifts `amount` KICKs in the channel: the lifetime, month and week boards grow. */
export function giftKicks(state: EmulatorState, broadcasterUserId: number, userId: number, amount: number): void {
	const boards = (state.kicksLeaderboards[broadcasterUserId] ??= { lifetime: [], month: [], week: [] });
	const add = (entries: KicksEntry[]) => {
		const entry = entries.find((candidate) => candidate.userId === userId);
		if (entry) entry.giftedAmount += amount;
		else entries.push({ userId, giftedAmount: amount });
	};
	add(boards.lifetime);
	add(boards.month);
	add(boards.week);
}

/** `count` extra streamers with their channels (e.g. for batching tests); returns the channels. */
export function addChannels(state: EmulatorState, count: number, options: AddChannelsOptions = {}): ChannelRecord[] {
	const prefix = options.prefix ?? 'bulk';
	const firstUserId = options.firstUserId ?? 5_000_001;
	const added: ChannelRecord[] = [];
	for (let i = 0; i < count; i++) {
		const userId = firstUserId + i;
		if (state.users.some((user) => user.userId === userId)) throw new Error(`emulator: user ${userId} exists already`);
		const slug = `${prefix}-${i + 1}`;
		state.users.push({
			userId,
			username: `${prefix}_${i + 1}`,
			email: `${slug}@example.com`,
			profilePicture: '',
			isVerified: false,
			bio: '',
		});
		const record: ChannelRecord = {
			channelId: 3_000_000 + userId,
			broadcasterUserId: userId,
			slug,
			description: '',
			bannerPicture: '',
			streamTitle: `${slug} stream`,
			categoryId: 15,
			customTags: [],
			language: 'en',
			isMature: false,
			live: null,
			streamUrl: 'rtmps://fa723fc1b171.global-contribute.live-video.net',
			streamKey: `sk_us-west-2_EXAMPLE${userId}`,
			paidSubscribers: 0,
			giftedSubscribers: 0,
			canceledSubscribers: 0,
			followersCount: 0,
			verified: false,
			chatroomId: 4_000_000 + i,
			moderatorIds: [],
		};
		state.channels.push(record);
		if (options.live) startStream(state, userId, { viewerCount: 10 });
		added.push(record);
	}
	return added;
}
