/**
 * Samples for "Listen for test event" when the channel is quiet: invented socket frames for each
 * selected event, adjusted to pass the filters, and taken through the same path as real ones
 * (./liveEvents.ts), so a sample has exactly the shape a real event has (`isSample: true`).
 */
import { parseCommand } from '../events/command';
import { compileFilters, policyFor, type FilterSettings } from '../events/filters';
import type { KickEventItem } from '../events/normalize';
import { obj, type Json } from '../shared/json';
import type { LiveEventName } from './chatTriggerParameters';
import type { PusherFrame } from './frames';
import { handleFrame, SocketRuntime, type LiveRules } from './liveEvents';

const pixelmoth = {
	id: 61530248,
	username: 'pixelmoth',
	slug: 'pixelmoth',
	identity: { color: '#A1F4C2', badges: [{ type: 'moderator', text: 'Moderator' }, { type: 'subscriber', text: 'Subscriber', count: 6 }] },
};

const SAMPLE_FRAMES: Record<Exclude<LiveEventName, 'socket.unknown'>, PusherFrame[]> & { 'socket.unknown': PusherFrame[] } = {
	'chat.message.sent': [
		{
			event: 'App\\Events\\ChatMessageEvent',
			channel: 'chatrooms.0.v2',
			data: {
				id: '5f0b9c2e-8a47-4d1e-b3c6-2e9d7a41f08b',
				chatroom_id: 0,
				content: '@lunar_kettle squad of four [emote:37226:KEKW]',
				type: 'reply',
				created_at: '2026-03-14T19:02:11+00:00',
				sender: pixelmoth,
				metadata: {
					original_sender: { id: 30715562, username: 'lunar_kettle' },
					original_message: { id: 'c81e4a0d-2b6f-4f39-9e15-7a3d0c5b92e4', content: 'who is playing tonight?' },
					message_ref: '1773514931417',
				},
			},
		},
	],
	'channel.followed': [{ event: 'App\\Events\\FollowersUpdated', data: { followersCount: 58214, channel_id: 0, username: null, created_at: 1773514931, followed: true } }],
	'channel.unfollowed': [{ event: 'App\\Events\\FollowersUpdated', data: { followersCount: 58213, channel_id: 0, username: null, created_at: 1773514931, followed: false } }],
	'channel.subscription.new': [
		{ event: 'App\\Events\\SubscriptionEvent', data: { chatroom_id: 0, username: 'mintcondition', months: 1 } },
		{ event: 'App\\Events\\ChannelSubscriptionEvent', data: { user_ids: [52266901], username: 'mintcondition', channel_id: 0 } },
	],
	'channel.subscription.renewal': [{ event: 'App\\Events\\SubscriptionEvent', data: { chatroom_id: 0, username: 'mintcondition', months: 7 } }],
	'channel.subscription.gifts': [
		{ event: 'GiftedSubscriptionsEvent', data: { chatroom_id: 0, gifted_usernames: ['sable_fern', 'grainofrice', 'hexhound'], gifter_username: 'pixelmoth', gifter_total: 10 } },
		{ event: 'App\\Events\\ChannelSubscriptionEvent', data: { user_ids: [88412009, 90013457, 73350120], username: '', channel_id: 0 } },
	],
	'channel.reward.redemption.updated': [
		{ event: 'RewardRedeemedEvent', data: { reward_title: 'Pick the next map', user_id: 88412009, channel_id: 0, username: 'sable_fern', user_input: 'play the desert map next', reward_background_color: '#1475E1' } },
	],
	'livestream.status.updated': [
		{ event: 'App\\Events\\StreamerIsLive', data: { livestream: { id: 88123456, channel_id: 0, session_title: 'Ranked grind to Diamond | !discord', source: null, created_at: '2026-03-14T18:58:31.000000Z' } } },
	],
	'moderation.banned': [
		{
			event: 'App\\Events\\UserBannedEvent',
			data: {
				id: '286ae0b2-bba8-497d-a783-1adf703cbe03',
				user: { id: 99120458, username: 'spamcan_9000', slug: 'spamcan-9000' },
				banned_by: { id: 61530248, username: 'pixelmoth', slug: 'pixelmoth' },
				permanent: false,
				duration: 10,
				expires_at: '2026-03-14T20:14:12+00:00',
			},
		},
	],
	'kicks.gifted': [
		{
			event: 'KicksGifted',
			data: {
				message: 'for the clutch',
				sender: { id: 52266901, username: 'mintcondition', username_color: '#72ACED' },
				gift: { gift_id: 'full_send', name: 'Full Send', amount: 100, type: 'LEVEL_UP', tier: 'MID', character_limit: 100, pinned_time: 300 },
			},
		},
	],
	'chat.message.deleted': [
		{ event: 'App\\Events\\MessageDeletedEvent', data: { id: '94bbd762-ae08-40cd-aec8-27956f9bbc11', message: { id: '8a5db04a-149c-489b-afec-7a2d8ff4084d' }, aiModerated: false, violatedRules: [] } },
	],
	'chat.message.pinned': [
		{
			event: 'App\\Events\\PinnedMessageCreatedEvent',
			data: {
				message: { id: 'c898642d-5287-44d3-a3f6-bb196319ae96', chatroom_id: 0, content: 'Tournament bracket: see !discord', type: 'message', created_at: '2026-03-14T19:24:31+00:00', sender: pixelmoth, metadata: null },
				duration: '1200',
			},
		},
	],
	'chat.message.unpinned': [{ event: 'App\\Events\\PinnedMessageDeletedEvent', data: [] }],
	'chat.cleared': [{ event: 'App\\Events\\ChatroomClearEvent', data: { id: 0 } }],
	'chat.settings.updated': [
		{
			event: 'App\\Events\\ChatroomUpdatedEvent',
			data: {
				id: 0,
				slow_mode: { enabled: true, message_interval: 5 },
				subscribers_mode: { enabled: false },
				followers_mode: { enabled: true, min_duration: 10 },
				emotes_mode: { enabled: false },
				advanced_bot_protection: { enabled: false, remaining_time: 0 },
				account_age: { enabled: false, min_duration: 0 },
			},
		},
	],
	'chat.poll.updated': [
		{
			event: 'App\\Events\\PollUpdateEvent',
			data: { poll: { title: 'Next map?', options: [{ id: 0, label: 'Desert', votes: 12 }, { id: 1, label: 'Harbor', votes: 9 }], duration: 120, remaining: 64, result_display_duration: 15 } },
		},
	],
	'chat.poll.deleted': [{ event: 'App\\Events\\PollDeleteEvent', data: {} }],
	'moderation.unbanned': [
		{
			event: 'App\\Events\\UserUnbannedEvent',
			data: { id: '70e7e789-0b5e-498f-b475-ad6cd148abde', user: { id: 99120458, username: 'spamcan_9000', slug: 'spamcan-9000' }, unbanned_by: { id: 61530248, username: 'pixelmoth', slug: 'pixelmoth' }, permanent: false },
		},
	],
	'channel.host.received': [
		{ event: 'App\\Events\\StreamHostedEvent', data: { message: { id: 'af4673b8-a06f-4d47-84d2-9fb8c75117e2', numberOfViewers: 48, optionalMessage: 'go say hi', createdAt: '2026-03-14T21:37:20.859247Z' }, user: { id: 48120777, username: 'quietorbit', isSuperAdmin: false, verified: false } } },
		{ event: 'App\\Events\\StreamHostEvent', data: { chatroom_id: 0, optional_message: 'go say hi', number_viewers: 48, host_username: 'quietorbit' } },
	],
	'channel.host.sent': [
		{ event: 'App\\Events\\ChatMoveToSupportedChannelEvent', data: { channel: { id: 0, slug: 'neonvale' }, slug: 'quietorbit', hosted: { id: 1407919, username: 'quietorbit', slug: 'quietorbit', viewers_count: 312, is_live: true } } },
	],
	'channel.gifts.leaderboard.updated': [
		{
			event: 'GiftsLeaderboardUpdated',
			data: {
				leaderboard: [{ user_id: 61530248, username: 'pixelmoth', quantity: 41 }],
				weekly_leaderboard: [{ user_id: 61530248, username: 'pixelmoth', quantity: 3 }],
				monthly_leaderboard: [{ user_id: 61530248, username: 'pixelmoth', quantity: 10 }],
				gifter_id: 61530248,
				gifter_username: 'pixelmoth',
				gifted_quantity: 3,
			},
		},
	],
	'channel.goal.updated': [
		{
			event: 'GoalProgressUpdateEvent',
			data: { id: 'chgoal_01KKPX9C58JEE64HKY8R8JR1RB', channel_id: 'channel_01KJMDEB801R3RS66KMMSCWRNE', type: 'followers', target_value: 60000, current_value: 58214, status: 'active', created_at: '2026-03-01T18:21:12.158724Z', updated_at: '2026-03-14T20:54:48.174178506Z', achieved_at: null, end_date: null },
		},
	],
	'socket.unknown': [{ event: 'App\\Events\\SomethingNewEvent', channel: 'channel.0', data: { example: true } }],
};

const OFFLINE_FRAME: PusherFrame = { event: 'App\\Events\\StopStreamBroadcast', data: { livestream: { id: 88123456, channel: { id: 0, is_banned: false } } } };

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** The sample frames of `event`, for this channel and now, adjusted so they pass the filters. */
function framesFor(event: LiveEventName, broadcaster: Json, filters: FilterSettings, nowMs: number): PusherFrame[] {
	const frames = clone(event === 'livestream.status.updated' && filters.streamStatus === 'offline' ? [OFFLINE_FRAME] : SAMPLE_FRAMES[event]);
	for (const frame of frames) {
		const fields = frame.data as Json;
		if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) continue;
		if ('chatroom_id' in fields) fields.chatroom_id = broadcaster.chatroom_id;
		if ('channel_id' in fields && typeof fields.channel_id === 'number') fields.channel_id = broadcaster.channel_id;
		if (typeof fields.created_at === 'string') fields.created_at = new Date(nowMs).toISOString();
		if (frame.channel) frame.channel = frame.channel.replace(/\.0(\.|$)/, `.${String(broadcaster.chatroom_id)}$1`);
	}
	const data = frames[0].data as Json;
	const livestream = data.livestream as Json | undefined;
	if (livestream && typeof livestream.created_at === 'string') livestream.created_at = new Date(nowMs - 3_600_000).toISOString();
	if (event === 'chat.message.sent' && filters.commandPrefix) {
		const command = filters.commands?.map((name) => name.trim()).find(Boolean)?.replace(filters.commandPrefix, '') ?? 'hello';
		data.content = `${filters.commandPrefix}${command} world`;
		data.type = 'message';
		delete data.metadata;
	}
	if (event === 'chat.message.sent') {
		// The sender has a role the sample's command may be run by (Only From, Command Rules).
		const compiled = compileFilters(filters);
		const { onlyFrom } = policyFor(compiled, parseCommand(String(data.content), compiled.itemPrefix)?.command);
		const role = onlyFrom && !onlyFrom.has('moderator') && !onlyFrom.has('subscriber') ? [...onlyFrom][0] : undefined;
		const sender = obj(data.sender) ?? {};
		if (role) data.sender = { ...sender, identity: { ...obj(sender.identity), badges: [{ type: role, text: role }] } };
	}
	if (event === 'kicks.gifted' && filters.minKicksAmount) {
		const gift = data.gift as Json;
		if (Number(gift.amount) < filters.minKicksAmount) gift.amount = filters.minKicksAmount;
	}
	if (event === 'channel.reward.redemption.updated') {
		const title = filters.rewardTitles?.map((name) => name.trim()).find(Boolean);
		if (title) data.reward_title = title;
	}
	return frames;
}

/** The sample items of the events, as the trigger emits them (each event on its own, so none repeats another). */
export function buildSampleItems(events: readonly LiveEventName[], broadcaster: Json, filters: FilterSettings, nowMs: number): KickEventItem[] {
	const items: KickEventItem[] = [];
	for (const event of events) {
		const closers: Array<() => void> = [];
		const rules: LiveRules = {
			broadcaster,
			filters: compileFilters({ ...filters, events }),
			runtime: new SocketRuntime(),
			emit: (item) => items.push(item),
			schedule: (_ms, run) => closers.push(run),
			now: () => nowMs,
			extra: { isSample: true },
		};
		for (const frame of framesFor(event, broadcaster, filters, nowMs)) handleFrame(frame, nowMs, rules);
		for (const close of closers) close();
	}
	return items;
}
