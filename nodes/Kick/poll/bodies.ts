/**
 * Event bodies in the shape of Kick's webhook payloads (docs/kick-api.md §6.4), built from what a
 * poll saw, so the polling trigger's items match the Kick Trigger's and the shared filters and
 * normalizer apply unchanged. Fields a poll cannot know are null. Extra fields keep the names
 * Kick's REST API uses for them (viewer_count, thumbnail, category, ...). Pure.
 */
import type { ChannelState, Identity, LeaderboardEntry, RedemptionSnapshot } from './state';
import type { Json } from '../shared/json';

/** Kick's `EventUser` for a broadcaster: its `SlimUser` between `is_anonymous` and `identity`. */
export function eventUser(broadcasterUserId: number, slug: string | null, identity: Identity | null): Json {
	return { is_anonymous: false, ...slimUser(broadcasterUserId, slug, identity), identity: null };
}

/** Kick's `SlimUser` (redemptions, KICKs). */
export function slimUser(userId: number | null, slug: string | null, identity: Identity | null): Json {
	return {
		user_id: userId,
		username: identity?.username ?? null,
		is_verified: null,
		profile_picture: identity?.profilePicture ?? null,
		channel_slug: slug,
	};
}

/**
 * `livestream.status.updated` for the stream in `channel` (its state while live). `endedAt`
 * null means the stream is live.
 */
export function streamStatusBody(channel: ChannelState, endedAt: string | null): Json {
	const live = endedAt === null;
	return {
		broadcaster: eventUser(channel.broadcasterUserId, channel.slug, channel.identity),
		is_live: live,
		title: channel.title,
		started_at: channel.startedAt,
		ended_at: endedAt,
		category: channel.category,
		viewer_count: channel.viewerCount,
		peak_viewer_count: channel.peakViewerCount,
		thumbnail: channel.thumbnail,
		language: channel.language || null,
		has_mature_content: channel.mature,
		custom_tags: channel.customTags,
	};
}

function metadataOf(channel: Pick<ChannelState, 'title' | 'language' | 'mature' | 'category'>): Json {
	return {
		title: channel.title,
		language: channel.language || null,
		has_mature_content: channel.mature,
		category: channel.category,
	};
}

/** `livestream.metadata.updated`, with what it was before under `previous_metadata`. */
export function metadataBody(previous: ChannelState, current: ChannelState): Json {
	return {
		broadcaster: eventUser(current.broadcasterUserId, current.slug, current.identity),
		metadata: metadataOf(current),
		previous_metadata: metadataOf(previous),
		changed: [
			...(previous.title !== current.title ? ['title'] : []),
			...((previous.category?.id ?? null) !== (current.category?.id ?? null) ? ['category'] : []),
		],
		is_live: current.live,
	};
}

/** `channel.reward.redemption.updated`; the redeemer's name is filled in later when known. */
export function redemptionBody(redemption: RedemptionSnapshot, broadcaster: Json): Json {
	return {
		id: redemption.id,
		user_input: redemption.userInput,
		status: redemption.status,
		redeemed_at: redemption.redeemedAt,
		reward: { ...redemption.reward },
		redeemer: slimUser(redemption.redeemerUserId, null, null),
		broadcaster,
	};
}

export interface LeaderboardChange {
	user_id: number;
	username: string;
	rank: number;
	previous_rank: number | null;
	gifted_amount: number;
	/** null when the gifter was below the list before, so the earlier amount is unknown. */
	previous_gifted_amount: number | null;
	amount_change: number | null;
}

/** `kicks.leaderboard.updated`: who moved and by how much, and the whole list now. */
export function leaderboardBody(
	broadcaster: Json,
	period: string,
	changes: LeaderboardChange[],
	entries: LeaderboardEntry[],
	previousRanks: ReadonlyMap<number, number>,
): Json {
	const known = changes.map((change) => change.amount_change).filter((amount): amount is number => amount !== null);
	return {
		broadcaster,
		period,
		changes,
		total_amount_change: known.length === changes.length ? known.reduce((sum, amount) => sum + amount, 0) : null,
		leaderboard: entries.map((entry) => ({ ...entry, previous_rank: previousRanks.get(entry.user_id) ?? null })),
	};
}
