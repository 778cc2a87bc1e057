/** Snapshots and states for the polling trigger's pure tests. */
import type { ChannelSnapshot, Identity, LeaderboardEntry, PollSnapshot, RedemptionSnapshot } from '../../../nodes/Kick/poll/state';

export const T0 = Date.parse('2026-03-14T19:00:00Z');
export const MINUTE = 60_000;

export const NEONVALE = 2841377;

export function channel(overrides: Partial<ChannelSnapshot> = {}): ChannelSnapshot {
	return {
		broadcasterUserId: NEONVALE,
		slug: 'neonvale',
		live: false,
		startedAt: null,
		title: 'Ranked grind to Diamond | !discord',
		category: { id: 18, name: 'Counter-Strike 2', thumbnail: 'https://files.kick.com/cs2.webp' },
		language: 'en',
		mature: false,
		viewerCount: null,
		thumbnail: null,
		customTags: ['english'],
		...overrides,
	};
}

export function live(startedAt = '2026-03-14T18:58:31Z', overrides: Partial<ChannelSnapshot> = {}): ChannelSnapshot {
	return channel({ live: true, startedAt, viewerCount: 120, thumbnail: 'https://images.kick.com/video_thumbnails/neonvale/720.webp', ...overrides });
}

export function snapshot(observedAt: number, channels: ChannelSnapshot[], extra: Partial<PollSnapshot> = {}): PollSnapshot {
	return {
		observedAt,
		channels,
		identities: new Map<number, Identity>(channels.map((entry) => [entry.broadcasterUserId, { username: entry.slug === 'neonvale' ? 'NeonVale' : entry.slug, profilePicture: null }])),
		slugs: {},
		missingBroadcasterUserIds: [],
		...extra,
	};
}

export function redemption(id: string, redeemedAt: string, overrides: Partial<RedemptionSnapshot> = {}): RedemptionSnapshot {
	return {
		id,
		status: 'pending',
		redeemedAt,
		userInput: '',
		reward: { id: '01KGF3JNG0VAECX4MS8BYFFA1T', title: 'Pick the next map', cost: 2500, description: 'Streamer plays the map you name' },
		redeemerUserId: 88412009,
		...overrides,
	};
}

export function entry(rank: number, userId: number, amount: number, username = `user${userId}`): LeaderboardEntry {
	return { rank, user_id: userId, username, gifted_amount: amount };
}
