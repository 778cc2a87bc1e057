/** Record → response-object mappers, in the field shapes of docs/kick-api.md §4. */
import type {
	ChannelRecord,
	EmulatorState,
	RewardRecord,
	UserRecord,
} from '../state/model';

export const findUser = (state: EmulatorState, userId: number): UserRecord | undefined =>
	state.users.find((u) => u.userId === userId);

export const channelOf = (state: EmulatorState, userId: number): ChannelRecord | undefined =>
	state.channels.find((c) => c.broadcasterUserId === userId);

export const channelBySlug = (state: EmulatorState, slug: string): ChannelRecord | undefined =>
	state.channels.find((c) => c.slug === slug.toLowerCase());

export const liveChannels = (state: EmulatorState): ChannelRecord[] =>
	state.channels.filter((c) => c.live !== null);

/** `{id, name, thumbnail}`, or id 0 and empty strings when there is none (get-channels.json). */
export function categoryRef(state: EmulatorState, categoryId: number) {
	const category = state.categories.find((c) => c.id === categoryId);
	return category
		? { id: category.id, name: category.name, thumbnail: category.thumbnail }
		: { id: 0, name: '', thumbnail: '' };
}

/** The offline `start_time` Kick sends (get-channels.json). */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export function channelView(state: EmulatorState, channel: ChannelRecord, showStreamKey: boolean) {
	const live = channel.live;
	return {
		banner_picture: channel.bannerPicture,
		broadcaster_user_id: channel.broadcasterUserId,
		category: categoryRef(state, channel.categoryId),
		channel_description: channel.description,
		slug: channel.slug,
		stream: {
			url: showStreamKey ? channel.streamUrl : '',
			key: showStreamKey ? channel.streamKey : '',
			is_live: live !== null,
			is_mature: channel.isMature,
			language: channel.language,
			start_time: live?.startedAt ?? ZERO_TIME,
			thumbnail: live?.thumbnail ?? '',
			viewer_count: live?.viewerCount ?? 0,
			custom_tags: [...channel.customTags],
		},
		stream_title: channel.streamTitle,
		// Gifted subscriptions count as active since 11/08/2026, and have their own count (§4.2).
		active_subscribers_count: channel.paidSubscribers + channel.giftedSubscribers,
		canceled_subscribers_count: channel.canceledSubscribers,
		active_gifted_subscribers_count: channel.giftedSubscribers,
	};
}

/** `endpoints.LivestreamV2` — only meaningful for a live channel. */
export function livestreamV2View(state: EmulatorState, channel: ChannelRecord) {
	const live = channel.live;
	if (!live) throw new Error(`channel ${channel.slug} is offline`);
	const user = findUser(state, channel.broadcasterUserId);
	return {
		id: live.livestreamId,
		title: channel.streamTitle,
		thumbnail: live.thumbnail,
		started_at: live.startedAt,
		viewer_count: live.viewerCount,
		language_code: channel.language,
		tags: [...channel.customTags],
		has_mature_content: channel.isMature,
		broadcaster_user: {
			id: channel.broadcasterUserId,
			username: user?.username ?? channel.slug,
			profile_picture: user?.profilePicture ?? '',
		},
		category: categoryRef(state, channel.categoryId),
		channel: { slug: channel.slug },
	};
}

export function livestreamV1View(state: EmulatorState, channel: ChannelRecord) {
	const live = channel.live;
	if (!live) throw new Error(`channel ${channel.slug} is offline`);
	return {
		broadcaster_user_id: channel.broadcasterUserId,
		channel_id: channel.channelId,
		slug: channel.slug,
		stream_title: channel.streamTitle,
		language: channel.language,
		has_mature_content: channel.isMature,
		viewer_count: live.viewerCount,
		thumbnail: live.thumbnail,
		profile_picture: findUser(state, channel.broadcasterUserId)?.profilePicture ?? '',
		started_at: live.startedAt,
		category: categoryRef(state, channel.categoryId),
		custom_tags: [...channel.customTags],
	};
}

export function rewardView(reward: RewardRecord) {
	return {
		id: reward.id,
		title: reward.title,
		description: reward.description,
		cost: reward.cost,
		background_color: reward.backgroundColor,
		is_enabled: reward.isEnabled,
		is_paused: reward.isPaused,
		is_user_input_required: reward.isUserInputRequired,
		should_redemptions_skip_request_queue: reward.shouldRedemptionsSkipRequestQueue,
	};
}

/** Opaque cursors, base64 JSON like Kick's (`eyJjX2N1cnNvciI6MTB9` = `{"c_cursor":10}`). */
export function encodeCursor(offset: number): string {
	return Buffer.from(JSON.stringify({ c_cursor: offset })).toString('base64');
}

/** The offset in a cursor, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): number | undefined {
	try {
		const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
		const offset = (parsed as { c_cursor?: unknown }).c_cursor;
		return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0
			? offset
			: undefined;
	} catch {
		return undefined;
	}
}
