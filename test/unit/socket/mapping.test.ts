/**
 * The mapping, driven by real captured frames (test/fixtures/live-socket, each with its
 * `_source`): every Kick event lands under the right name, in the Kick Trigger's item shape
 * where the webhook has the same event, with Kick's other fields kept.
 */
import { compileFilters, type FilterSettings } from '../../../nodes/Kick/events/filters';
import type { KickEventItem } from '../../../nodes/Kick/events/normalize';
import { SeenMemory } from '../../../nodes/Kick/events/memory';
import { registry } from '../../../nodes/Kick/events/registry';
import { ALL_LIVE_EVENTS, UNKNOWN_SOCKET_EVENT } from '../../../nodes/Kick/socket/chatTriggerParameters';
import { GroupBuffer } from '../../../nodes/Kick/socket/groups';
import { CONTENT_REPEAT_MS, handleFrame, ID_REPEAT_MS, SocketRuntime, type LiveRules } from '../../../nodes/Kick/socket/liveEvents';
import { mapSocketFrame, parseEmotes } from '../../../nodes/Kick/socket/mapping';
import { parseFrame, type PusherFrame } from '../../../nodes/Kick/socket/frames';
import { BROADCASTER, sampleFrame, sampleNames } from './helpers';

const RECEIVED = Date.parse('2025-09-16T12:00:00Z');

/** Runs frames through the admit and decide steps; grouped events close when `flush()` is called. */
function pipeline(settings: FilterSettings & { selected?: string[] } = {}, runtime = new SocketRuntime()) {
	const items: KickEventItem[] = [];
	const due: Array<() => void> = [];
	let now = RECEIVED;
	const rules: LiveRules = {
		broadcaster: BROADCASTER,
		filters: compileFilters({ ...settings, events: settings.selected ?? [...ALL_LIVE_EVENTS, UNKNOWN_SOCKET_EVENT] }),
		runtime,
		emit: (item) => items.push(item),
		schedule: (_ms, run) => due.push(run),
		now: () => now,
	};
	return {
		items,
		send: (name: string, at = now) => handleFrame(sampleFrame(name), at, rules),
		frame: (frame: PusherFrame, at = now) => handleFrame(frame, at, rules),
		flush: () => {
			now += 2500;
			for (const run of due.splice(0)) run();
		},
		advance: (ms: number) => (now += ms),
	};
}

function only(name: string, settings: FilterSettings = {}): KickEventItem {
	const run = pipeline(settings);
	run.send(name);
	run.flush();
	expect(run.items).toHaveLength(1);
	return run.items[0];
}

describe('captured frames → items', () => {
	it('maps every captured Kick event (only private-channel events stay unknown)', () => {
		const unknown: string[] = [];
		for (const name of sampleNames().filter((entry) => !entry.startsWith('pusher-'))) {
			const mapped = mapSocketFrame(sampleFrame(name), { broadcaster: BROADCASTER, receivedAt: RECEIVED, streams: new Map() });
			if (mapped.kind === 'item' && mapped.event === UNKNOWN_SOCKET_EVENT) unknown.push(name);
		}
		expect(unknown.sort()).toEqual(['LivestreamUpdated-1', 'UpdatedLiveStreamEvent-1']);
	});

	it('chat message: webhook shape, emotes, badges, time normalized, socket fields kept', () => {
		const item = only('ChatMessageEvent-1');
		expect(item).toMatchObject({
			event: 'chat.message.sent',
			source: 'live-socket',
			version: 1,
			messageId: 'bbcdbcfd-8619-40c2-a0d0-ae7cf4c7a932',
			subscriptionId: null,
			kickTimestamp: '2025-07-17T08:44:56.000Z',
			message_id: 'bbcdbcfd-8619-40c2-a0d0-ae7cf4c7a932',
			broadcaster: BROADCASTER,
			sender: {
				is_anonymous: false,
				user_id: 3528468,
				username: 'OhLookItsMax',
				channel_slug: 'ohlookitsmax',
				is_verified: false,
				identity: { username_color: '#FF9D00', badges: [{ type: 'vip', text: 'VIP' }, { type: 'subscriber', text: 'Subscriber', count: 26 }] },
			},
			content: '[emote:3989851:litneyspears4Max]on my way to show you love',
			emotes: [{ emote_id: '3989851', positions: [{ s: 0, e: 31 }] }],
			created_at: '2025-07-17T08:44:56.000Z',
			chatroom_id: 1221707,
			type: 'message',
			metadata: { message_ref: '1752741896375' },
			isReply: false,
			senderBadges: ['vip', 'subscriber'],
			summary: 'OhLookItsMax: [emote:3989851:litneyspears4Max]on my way to show you love',
			socketEvents: [{ event: 'App\\Events\\ChatMessageEvent', channel: 'chatrooms.1221707.v2' }],
		});
		expect(item).not.toHaveProperty('replies_to');
		expect(item).not.toHaveProperty('id');
	});

	it('reply: replies_to in the webhook shape (original sender id as a number)', () => {
		const item = only('ChatMessageEvent-5');
		expect(item).toMatchObject({
			event: 'chat.message.sent',
			type: 'reply',
			replies_to: {
				message_id: 'f08e9286-3390-4720-a292-266b7f80ab39',
				content: 'Test 6',
				sender: { user_id: 72805522, username: 'thestaticmagetest' },
			},
			isReply: true,
			senderBadges: ['broadcaster'],
		});
	});

	it('emote positions are counted in code points, end inclusive', () => {
		const item = only('ChatMessageEvent-7');
		const content = item.content as string;
		const start = content.indexOf('[emote:37226:KEKW]');
		expect(item.emotes).toEqual([{ emote_id: '37226', positions: [{ s: start, e: start + '[emote:37226:KEKW]'.length - 1 }] }]);
		expect(parseEmotes('🎉 [emote:1:a] [emote:1:a]')).toEqual([{ emote_id: '1', positions: [{ s: 2, e: 12 }, { s: 14, e: 24 }] }]);
		expect(parseEmotes('no emotes')).toBeNull();
	});

	it('celebration message stays a chat message with its celebration', () => {
		const item = only('ChatMessageEvent-3');
		expect(item).toMatchObject({ event: 'chat.message.sent', type: 'celebration', metadata: { celebration: { type: 'subscription_renewed', total_months: 2 } } });
	});

	it('command prefix: command and arguments, and everything else filtered before an execution', () => {
		const run = pipeline({ commandPrefix: '!', commands: ['discord'] });
		const chat = (content: string, id: string) =>
			run.frame({ event: 'App\\Events\\ChatMessageEvent', channel: 'chatrooms.1.v2', data: { ...(sampleFrame('ChatMessageEvent-1').data as object), id, content } }, RECEIVED);
		chat('!discord now please', 'a');
		chat('!socials', 'b');
		chat('hello', 'c');
		expect(run.items.map((item) => [item.messageId, item.command, item.commandArgs])).toEqual([['a', 'discord', ['now', 'please']]]);
	});

	it('ignores chat from the listed usernames', () => {
		const run = pipeline({ ignoreChatUsernames: ['ohlookitsmax'] });
		run.send('ChatMessageEvent-1');
		run.send('ChatMessageEvent-7');
		expect(run.items.map((item) => (item.sender as any).username)).toEqual(['K4ID3N']);
	});

	it('timeout and bans: the Kick Trigger convenience fields', () => {
		expect(only('UserBannedEvent-1')).toMatchObject({
			event: 'moderation.banned',
			messageId: '286ae0b2-bba8-497d-a783-1adf703cbe03',
			moderator: { user_id: null, username: 'Vixie_Vu', channel_slug: 'vixie_vu' },
			banned_user: { user_id: 63349022, username: 'darer123' },
			metadata: { reason: null, created_at: '2025-07-18T08:11:14.000Z', expires_at: '2025-07-18T08:12:14.000Z' },
			banType: 'timeout',
			isPermanent: false,
			timeoutMinutes: 1,
			permanent: false,
			duration: 1,
		});
		expect(only('UserBannedEvent-3')).toMatchObject({ banType: 'ban', isPermanent: true, timeoutMinutes: null, metadata: { expires_at: null } });
		expect(only('UserBannedEvent-5')).toMatchObject({ banType: 'ban', isPermanent: true, permanent: true, banned_user: { username: 'timeoutuser' } });
	});

	it('stream online, then offline with its duration; offline alone has no start', () => {
		const run = pipeline();
		run.send('StreamerIsLive-1');
		run.frame({ event: 'App\\Events\\StopStreamBroadcast', channel: 'channel.668', data: { livestream: { id: 74454116, channel: { id: 668, is_banned: false } } } }, Date.parse('2025-09-16T01:12:45Z'));
		expect(run.items[0]).toMatchObject({
			event: 'livestream.status.updated',
			is_live: true,
			title: expect.stringContaining('LIVE'),
			started_at: '2025-09-15T21:12:45.000Z',
			ended_at: null,
			streamStatus: 'online',
			kickTimestamp: '2025-09-15T21:12:45.000Z',
			livestream: { id: 74454116, channel_id: 668 },
		});
		expect(run.items[1]).toMatchObject({ is_live: false, streamStatus: 'offline', started_at: '2025-09-15T21:12:45.000Z', ended_at: '2025-09-16T01:12:45.000Z', streamDurationMinutes: 240 });
		expect(only('StopStreamBroadcast-1')).toMatchObject({ is_live: false, started_at: null, streamDurationMinutes: null, title: null });
	});

	it('stream status filter', () => {
		const run = pipeline({ streamStatus: 'offline' });
		run.send('StreamerIsLive-1');
		run.send('StopStreamBroadcast-1');
		expect(run.items.map((item) => item.streamStatus)).toEqual(['offline']);
	});

	it('follow: no follower identity on the socket (said in the item)', () => {
		expect(only('FollowersUpdated-1')).toMatchObject({
			event: 'channel.followed',
			follower: { username: null, user_id: null },
			followerKnown: false,
			followersCount: 20947,
			kickTimestamp: '2024-02-06T20:39:35.000Z',
			summary: 'Someone followed NeonVale',
		});
	});

	it('reward redemption in the webhook shape (pending, no reward id on the socket)', () => {
		expect(only('RewardRedeemedEvent-1')).toMatchObject({
			event: 'channel.reward.redemption.updated',
			status: 'pending',
			user_input: '',
			reward: { id: null, title: 'da bears', background_color: '#1475E1' },
			redeemer: { user_id: 1502053, username: 'Bombg' },
			channel_id: 20309633,
			summary: 'Bombg redeemed da bears (pending)',
		});
		const run = pipeline({ rewardTitles: ['hydrate'] });
		run.send('RewardRedeemedEvent-1');
		expect(run.items).toHaveLength(0);
	});

	it('KICKs in the webhook shape, with the minimum amount filter', () => {
		const frame = {
			event: 'KicksGifted',
			channel: 'channel_1',
			data: { message: 'gg', sender: { id: 5, username: 'kicker', username_color: '#FFFFFF' }, gift: { gift_id: 'hype', name: 'Hype', amount: 50, type: 'BASIC', tier: 'LOW', character_limit: 0, pinned_time: 0 } },
		};
		const run = pipeline({ minKicksAmount: 100 });
		run.frame(frame, RECEIVED);
		run.frame({ ...frame, data: { ...frame.data, gift: { ...frame.data.gift, amount: 500 } } }, RECEIVED);
		expect(run.items).toHaveLength(1);
		expect(run.items[0]).toMatchObject({ event: 'kicks.gifted', kicksAmount: 500, sender: { user_id: 5, username: 'kicker' }, gift: { amount: 500, name: 'Hype', message: 'gg', gift_id: 'hype' } });
	});

	it("the socket's own events keep Kick's fields and get a summary", () => {
		expect(only('MessageDeletedEvent-1')).toMatchObject({ event: 'chat.message.deleted', messageId: '94bbd762-ae08-40cd-aec8-27956f9bbc11', message: { id: '8a5db04a-149c-489b-afec-7a2d8ff4084d' }, aiModerated: false });
		expect(only('PinnedMessageCreatedEvent-1')).toMatchObject({ event: 'chat.message.pinned', duration: '1200', message: { sender: { username: 'Kevman95' } }, summary: expect.stringMatching(/^Kevman95's message was pinned/) });
		expect(only('PinnedMessageDeletedEvent-1')).toMatchObject({ event: 'chat.message.unpinned', broadcaster: BROADCASTER });
		expect(only('ChatroomUpdatedEvent-1')).toMatchObject({ event: 'chat.settings.updated', slow_mode: { enabled: true, message_interval: 1 } });
		expect(only('UserUnbannedEvent-1')).toMatchObject({ event: 'moderation.unbanned', summary: 'symbaz was unbanned by gazdemic' });
		expect(only('ChatMoveToSupportedChannelEvent-1')).toMatchObject({ event: 'channel.host.sent', slug: 'vixie_vu', hosted: { username: 'Vixie_Vu' } });
		expect(only('GiftsLeaderboardUpdated-1')).toMatchObject({ event: 'channel.gifts.leaderboard.updated', gifter_username: 'R1ckyBoo', gifted_quantity: 1 });
		expect(only('GoalProgressUpdateEvent-1')).toMatchObject({ event: 'channel.goal.updated', kickTimestamp: '2025-09-15T20:54:48.174Z', current_value: 87406 });
		expect(only('UpdatedLiveStreamEvent-1')).toMatchObject({ event: 'socket.unknown', socketEvent: 'App\\Events\\LiveStream\\UpdatedLiveStreamEvent', data: { session_title: '$55 start' } });
	});

	it('an unknown event with data nested too deep arrives, cut and marked', () => {
		let nested = '1';
		for (let level = 0; level < 10_000; level++) nested = `[${nested}]`;
		const run = pipeline();
		run.frame(parseFrame(JSON.stringify({ event: 'App\\Events\\Deep', channel: 'chatrooms.1.v2', data: `{"deep":${nested}}` }))!);
		run.send('ChatMessageEvent-1');
		expect(run.items.map((item) => [item.event, item.dataTruncated])).toEqual([
			['socket.unknown', true],
			['chat.message.sent', undefined],
		]);
		expect(() => JSON.stringify(run.items[0])).not.toThrow();
	});

	it('only the selected events run the workflow', () => {
		const run = pipeline({ selected: ['chat.message.deleted'] });
		run.send('ChatMessageEvent-1');
		run.send('MessageDeletedEvent-1');
		run.send('UpdatedLiveStreamEvent-1');
		expect(run.items.map((item) => item.event)).toEqual(['chat.message.deleted']);
	});
});

describe('one item per happening', () => {
	it('drops a duplicated frame and the same message on a second channel', () => {
		const run = pipeline();
		run.send('ChatMessageEvent-1');
		run.send('ChatMessageEvent-1');
		const frame = sampleFrame('ChatMessageEvent-1');
		run.frame({ ...frame, channel: 'chatrooms.1221707' }, RECEIVED + 5);
		run.send('UserBannedEvent-1');
		run.send('UserBannedEvent-1');
		run.send('StreamerIsLive-1');
		run.frame({ ...sampleFrame('StreamerIsLive-1'), channel: 'channel_668' }, RECEIVED);
		expect(run.items.map((item) => item.event)).toEqual(['chat.message.sent', 'moderation.banned', 'livestream.status.updated']);
	});

	it('events without an id: repeats within seconds are dropped, the same content later runs again', () => {
		const run = pipeline();
		run.send('FollowersUpdated-1');
		run.send('FollowersUpdated-1');
		run.advance(60_000);
		run.send('FollowersUpdated-1');
		expect(run.items).toHaveLength(2);
	});

	it('a subscription announced on three channels becomes one item with what each part knows', () => {
		const run = pipeline();
		run.frame({ event: 'App\\Events\\SubscriptionEvent', channel: 'chatrooms.2515504.v2', data: { chatroom_id: 2507974, username: 'feepsyy', months: 3 } }, RECEIVED);
		run.send('ChannelSubscriptionEvent-3');
		run.frame({ event: 'App\\Events\\ChatMessageSentEvent', channel: 'chatrooms.2507974', data: { message: { id: 'x', type: 'info', action: 'subscribe', months_subscribed: 3 }, user: { id: 21118649, username: 'feepsyy' } } }, RECEIVED);
		expect(run.items).toHaveLength(0);
		run.flush();
		expect(run.items).toHaveLength(1);
		expect(run.items[0]).toMatchObject({
			event: 'channel.subscription.renewal',
			subscriber: { user_id: 21118649, username: 'feepsyy' },
			duration: 3,
			isRenewal: true,
			summary: 'feepsyy renewed their subscription (3 months)',
		});
		expect((run.items[0].socketEvents as unknown[]).length).toBe(3);
		// A part that arrives after the item (or again) does not run the workflow again.
		run.send('ChannelSubscriptionEvent-3');
		run.flush();
		expect(run.items).toHaveLength(1);
	});

	it('a first subscription (months 1) is channel.subscription.new', () => {
		expect(only('SubscriptionEvent-1')).toMatchObject({ event: 'channel.subscription.new', subscriber: { username: 'The_D0ctor' }, duration: 1, isRenewal: false });
	});

	it('a gift announced as GiftedSubscriptionsEvent, LuckyUsers…, the legacy event and ChannelSubscriptionEvent is one item', () => {
		const run = pipeline();
		const giftees = ['a1', 'b2', 'c3'];
		run.frame({ event: 'App\\Events\\ChannelSubscriptionEvent', channel: 'channel.9', data: { user_ids: [11, 22, 33], username: '', channel_id: 9 } }, RECEIVED);
		run.frame({ event: 'GiftedSubscriptionsEvent', channel: 'chatroom_8', data: { chatroom_id: 8, gifted_usernames: giftees, gifter_username: 'Santa', gifter_total: 12 } }, RECEIVED);
		run.frame({ event: 'App\\Events\\LuckyUsersWhoGotGiftSubscriptionsEvent', channel: 'channel.9', data: { channel: { id: 9 }, usernames: [...giftees].reverse(), gifter_username: 'santa' } }, RECEIVED);
		run.frame({ event: 'App\\Events\\ChatMessageSentEvent', channel: 'chatrooms.8', data: { message: { type: 'info', action: 'gift', subscriptions_count: 3, giftedUsers: giftees.map((username) => ({ username })) }, user: { id: 77, username: 'Santa' } } }, RECEIVED);
		run.flush();
		expect(run.items).toHaveLength(1);
		expect(run.items[0]).toMatchObject({
			event: 'channel.subscription.gifts',
			gifter: { user_id: 77, username: 'Santa' },
			giftees: giftees.map((username) => ({ username })),
			gifter_total: 12,
			giftee_user_ids: [11, 22, 33],
			giftedCount: 3,
			isAnonymousGift: false,
			summary: 'Santa gifted 3 subscriptions',
		});
	});

	it('captured gifts: legacy, GiftedSubscriptionsEvent (2025, no prefix) and LuckyUsers each become an item', () => {
		expect(only('ChatMessageSentEvent-legacy-1')).toMatchObject({ event: 'channel.subscription.gifts', gifter: { username: 'PhatBoiLotto', user_id: 2289061 }, giftedCount: 5 });
		expect(only('GiftedSubscriptionsEvent-1')).toMatchObject({ gifter: { username: 'F1Aa' }, giftees: [{ username: 'rawze' }], gifter_total: 1 });
		expect(only('GiftedSubscriptionsEvent-3')).toMatchObject({ gifter: { username: 'jamestonic' }, giftedCount: 100, gifter_total: 2300 });
		expect(only('LuckyUsersWhoGotGiftSubscriptionsEvent-1')).toMatchObject({ gifter: { username: 'astra555' }, giftedCount: 50 });
	});

	it('two gifts by the same person to different viewers are two items; recipients named nowhere are not a gift of their own', () => {
		const run = pipeline();
		const gift = (giftees: string[]) => run.frame({ event: 'GiftedSubscriptionsEvent', channel: 'chatroom_8', data: { chatroom_id: 8, gifted_usernames: giftees, gifter_username: 'Santa' } }, RECEIVED);
		gift(['a']);
		gift(['b']);
		run.send('ChannelSubscriptionEvent-1');
		run.flush();
		expect(run.items.map((item) => (item.giftees as any[]).map((giftee) => giftee.username))).toEqual([['a'], ['b']]);
	});

	it('an incoming host announced twice is one item', () => {
		const run = pipeline();
		const hosted = sampleFrame('StreamHostedEvent-1');
		run.frame(hosted, RECEIVED);
		run.frame({ event: 'App\\Events\\StreamHostEvent', channel: 'chatrooms.12345.v2', data: { chatroom_id: 12345, optional_message: 'raid!', number_viewers: 9, host_username: 'ABC' } }, RECEIVED);
		run.send('StreamHostEvent-1');
		run.flush();
		expect(run.items).toHaveLength(2);
		expect(run.items[0]).toMatchObject({ event: 'channel.host.received', host: { user_id: 2341810, username: 'ABC' }, viewers: 9, message: 'raid!', created_at: '2025-08-19T09:37:20.859Z', summary: 'ABC is hosting NeonVale with 9 viewers' });
		expect(run.items[1]).toMatchObject({ host: { username: 'BrandonDLive', user_id: null }, viewers: 30 });
	});
});

describe('memory per trigger', () => {
	const part = (username: string) => ({ type: 'subscription' as const, username, source: { event: 'App\\Events\\SubscriptionEvent', data: {} } });

	it('a group whose trigger stopped before emitting it does not swallow later announcements', () => {
		const groups = new GroupBuffer(new SeenMemory({ horizonMs: 600_000, maxEntries: 100 }));
		expect(groups.add(part('a'), 0)).toEqual({ status: 'opened', key: 'sub:a' });
		expect(groups.add(part('a'), 1000)).toEqual({ status: 'merged' });
		// Never taken (the trigger was closed): a new announcement much later opens a new group.
		expect(groups.add(part('a'), 60_000)).toEqual({ status: 'opened', key: 'sub:a' });
		groups.discardOpen();
		expect(groups.take('sub:a', 60_500)).toBeUndefined();
		expect(groups.add(part('a'), 61_000)).toEqual({ status: 'opened', key: 'sub:a' });
		expect(groups.take('sub:a', 63_000)?.parts).toHaveLength(1);
		expect(groups.add(part('a'), 64_000)).toEqual({ status: 'duplicate' });
	});

	it('drops a repeated frame: by Kick\'s id for half an hour, by content for seconds', () => {
		const run = pipeline();
		const chat = sampleFrame('ChatMessageEvent-1');
		const follow: PusherFrame = { event: 'App\\Events\\FollowersUpdated', channel: 'channel.1', data: { followersCount: 5, username: null, followed: true } };
		run.frame(chat, RECEIVED);
		run.frame(chat, RECEIVED + ID_REPEAT_MS - 1000);
		run.frame(follow, RECEIVED);
		run.frame(follow, RECEIVED + 1000);
		run.frame(follow, RECEIVED + CONTENT_REPEAT_MS + 1000);
		expect(run.items.map((item) => item.event)).toEqual(['chat.message.sent', 'channel.followed', 'channel.followed']);
	});

	it('each published trigger has its own memory while it runs, released when it stops', () => {
		const id = (workflowId: string) => ({ workflowId, nodeId: 'node', test: false, source: 'live-socket' as const });
		const first = registry.acquire(id('wf1'), [], () => new SocketRuntime()).state;
		expect(registry.acquire(id('wf1'), [], () => new SocketRuntime()).state).toBe(first);
		expect(registry.acquire(id('wf2'), [], () => new SocketRuntime()).state).not.toBe(first);
		const chat = sampleFrame('ChatMessageEvent-1');
		const once = pipeline({}, first);
		once.frame(chat, RECEIVED);
		const again = pipeline({}, registry.acquire(id('wf1'), [], () => new SocketRuntime()).state);
		again.frame(chat, RECEIVED + 1000);
		const other = pipeline({}, registry.acquire(id('wf2'), [], () => new SocketRuntime()).state);
		other.frame(chat, RECEIVED + 1000);
		expect([once.items.length, again.items.length, other.items.length]).toEqual([1, 0, 1]);
		registry.release(id('wf1'));
		registry.release(id('wf2'));
		expect(registry.acquire(id('wf1'), [], () => new SocketRuntime()).state).not.toBe(first);
		registry.release(id('wf1'));
	});
});
