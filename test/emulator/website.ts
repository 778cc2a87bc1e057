/**
 * The unofficial kick.com/api/... endpoints (docs/kick-api.md §9.1), built from the same state as
 * the official API so both agree. No auth; an Authorization header is ignored.
 * Shapes follow the website's answer (docs/kick-api.md §9.1).
 */
import { channelBySlug, findUser } from './api/views';
import { type Ctx, type Reply, ReplyError } from './http';
import type { Route } from './router';
import type { ChannelRecord, EmulatorState } from './state/model';

const LANGUAGE_NAMES: Record<string, string> = {
	en: 'English',
	es: 'Spanish',
	de: 'German',
	fr: 'French',
	pt: 'Portuguese',
	ja: 'Japanese',
};

const notFound = () => new ReplyError({ status: 404, json: { message: 'Not found' } });

/** The website prints times as `2026-03-14 18:58:31`. */
const websiteTime = (iso: string): string => iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');

function channelFor(ctx: Ctx): ChannelRecord {
	const channel = channelBySlug(ctx.env.state, ctx.params.slug);
	if (!channel) throw notFound();
	return channel;
}

function livestream(state: EmulatorState, channel: ChannelRecord) {
	const live = channel.live;
	if (!live) return null;
	const category = state.categories.find((c) => c.id === channel.categoryId);
	const titleSlug = channel.streamTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
	return {
		id: live.websiteId,
		slug: `${live.livestreamId.slice(0, 8)}-${titleSlug}`,
		channel_id: channel.channelId,
		created_at: websiteTime(live.startedAt),
		session_title: channel.streamTitle,
		is_live: true,
		risk_level_id: null,
		start_time: websiteTime(live.startedAt),
		source: null,
		twitch_channel: null,
		duration: 0,
		language: LANGUAGE_NAMES[channel.language] ?? channel.language,
		is_mature: channel.isMature,
		viewer_count: live.viewerCount,
		thumbnail: { url: live.thumbnail },
		categories: category
			? [
					{
						id: category.id,
						category_id: category.parentId,
						name: category.name,
						slug: category.slug,
						tags: category.tags ?? [],
					},
				]
			: [],
		tags: [...channel.customTags],
	};
}

function chatroom(channel: ChannelRecord) {
	return {
		id: channel.chatroomId,
		chatable_type: 'App\\Models\\Channel',
		channel_id: channel.channelId,
		created_at: '2023-01-09T11:22:33.000000Z',
		updated_at: '2026-03-01T10:00:00.000000Z',
		chat_mode_old: 'public',
		chat_mode: 'public',
		slow_mode: false,
		chatable_id: channel.channelId,
		followers_mode: false,
		subscribers_mode: false,
		emotes_mode: false,
		message_interval: 0,
		following_min_duration: 0,
	};
}

function profile(state: EmulatorState, userId: number) {
	const user = findUser(state, userId);
	return {
		id: userId,
		username: user?.username ?? '',
		agreed_to_terms: true,
		email_verified_at: '2023-01-09T11:22:33.000000Z',
		bio: user?.bio ?? '',
		country: null,
		state: null,
		city: null,
		instagram: '',
		twitter: '',
		youtube: '',
		discord: '',
		tiktok: '',
		facebook: '',
		profile_pic: user?.profilePicture ?? '',
	};
}

/** Fields v1 and v2 share. */
function channelCommon(state: EmulatorState, channel: ChannelRecord) {
	return {
		id: channel.channelId,
		user_id: channel.broadcasterUserId,
		slug: channel.slug,
		is_banned: false,
		playback_url: `https://fa723fc1b171.us-west-2.playback.live-video.net/api/video/v1/us-west-2.196233775518.channel.${channel.slug}.m3u8?token=REDACTED`,
		vod_enabled: true,
		subscription_enabled: true,
		subscriber_badges: [
			{
				id: channel.channelId % 100_000,
				channel_id: channel.channelId,
				months: 1,
				badge_image: { srcset: '', src: `https://files.kick.com/channel_subscriber_badges/${channel.channelId}/original` },
			},
		],
		banner_image: channel.bannerPicture ? { url: channel.bannerPicture } : null,
		role: null,
		muted: false,
		follower_badges: [],
		offline_banner_image: null,
		verified: channel.verified,
		recent_categories: [],
		can_host: true,
		user: profile(state, channel.broadcasterUserId),
		chatroom: chatroom(channel),
	};
}

function channelV2(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const channel = channelFor(ctx);
	return {
		status: 200,
		json: {
			...channelCommon(state, channel),
			followers_count: channel.followersCount,
			livestream: livestream(state, channel),
		},
	};
}

/** The older variant: camelCase `followersCount`, `previous_livestreams`, `viewers`. */
function channelV1(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const channel = channelFor(ctx);
	const live = livestream(state, channel);
	return {
		status: 200,
		json: {
			...channelCommon(state, channel),
			followersCount: channel.followersCount,
			livestream: live && { ...live, viewers: live.viewer_count },
			previous_livestreams: [],
		},
	};
}

const channelLivestream = (ctx: Ctx): Reply => ({
	status: 200,
	json: { data: livestream(ctx.env.state, channelFor(ctx)) },
});

const channelChatroom = (ctx: Ctx): Reply => ({ status: 200, json: chatroom(channelFor(ctx)) });

function userProfile(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const user = state.users.find((u) => u.username.toLowerCase() === ctx.params.username.toLowerCase());
	if (!user) throw notFound();
	return { status: 200, json: profile(state, user.userId) };
}

export const websiteRoutes: Route[] = [
	{ method: 'GET', path: '/api/v2/channels/:slug', handler: channelV2 },
	{ method: 'GET', path: '/api/v1/channels/:slug', handler: channelV1 },
	{ method: 'GET', path: '/api/v2/channels/:slug/livestream', handler: channelLivestream },
	{ method: 'GET', path: '/api/v2/channels/:slug/chatroom', handler: channelChatroom },
	{ method: 'GET', path: '/api/v1/users/:username', handler: userProfile },
];
