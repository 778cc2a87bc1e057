/** The Chat Trigger's parameters, the socket address, the channels and the sample items. */
import {
	ALL_LIVE_EVENTS,
	liveEventOptions,
	parseSlug,
	pusherUrl,
	readChatTriggerSettings,
	socketChannels,
	SOCKET_ONLY_EVENTS,
} from '../../../nodes/Kick/socket/chatTriggerParameters';
import { buildSampleItems } from '../../../nodes/Kick/socket/sampleFrames';
import { BROADCASTER } from './helpers';

const read = (values: Record<string, unknown>) => readChatTriggerSettings((name, fallback) => values[name] ?? fallback);

describe('Chat Trigger settings', () => {
	it('takes a slug, @slug or kick.com address', () => {
		expect(parseSlug('NeonVale')).toBe('neonvale');
		expect(parseSlug('@neonvale')).toBe('neonvale');
		expect(parseSlug('https://kick.com/neonvale')).toBe('neonvale');
		expect(parseSlug('kick.com/neon_vale?x=1')).toBe('neon_vale');
		expect(parseSlug('https://twitch.tv/neonvale')).toBeUndefined();
		expect(parseSlug('not a channel')).toBeUndefined();
	});

	it("builds Kick's socket address by default, and keeps ws:// addresses and other keys", () => {
		expect(read({}).pusherUrl).toBe('wss://ws-us2.pusher.com/app/32cbd69e4b950bf97679?protocol=7&client=js&version=8.4.0&flash=false');
		expect(pusherUrl('ws://127.0.0.1:4000/', 'abc', '')).toBe('ws://127.0.0.1:4000/app/abc?protocol=7');
		expect(pusherUrl('ws-eu.pusher.com', 'k', '?client=js&protocol=7')).toBe('wss://ws-eu.pusher.com/app/k?client=js&protocol=7');
	});

	it("uses the endpoint fields only with Custom Endpoints on (hidden fields keep no power)", () => {
		const endpoints = { pusherHost: 'ws://127.0.0.1:4000', pusherAppKey: 'k', pusherQuery: 'protocol=7', websiteBaseUrl: 'http://127.0.0.1:4001/' };
		expect(read(endpoints)).toMatchObject({ pusherUrl: 'wss://ws-us2.pusher.com/app/32cbd69e4b950bf97679?protocol=7&client=js&version=8.4.0&flash=false', websiteBaseUrl: 'https://kick.com' });
		expect(read({ ...endpoints, customEndpoints: true })).toMatchObject({ pusherUrl: 'ws://127.0.0.1:4000/app/k?protocol=7', websiteBaseUrl: 'http://127.0.0.1:4001' });
	});

	it('reads events (All Events = every named event), filters and manual ids', () => {
		const settings = read({ channel: 'https://kick.com/neonvale', events: ['*'], filters: { commandPrefix: ' ! ', commands: 'a, b' }, options: { channelId: '2712044', chatroomId: ' 2690417 ' } });
		expect(settings.slug).toBe('neonvale');
		expect(settings.events).toEqual([...ALL_LIVE_EVENTS]);
		expect(settings.filters).toMatchObject({ commandPrefix: '!', commands: ['a', 'b'] });
		expect(settings.manualIds).toEqual({ channelId: 2712044, chatroomId: 2690417 });
		expect(read({ events: ['*', 'socket.unknown'] }).events).toContain('socket.unknown');
		expect(read({ events: ['chat.message.sent', 'bogus'] }).events).toEqual(['chat.message.sent']);
	});

	it('refuses one id without the other, and ids that are not numbers', () => {
		expect(read({ options: { channelId: '5' } }).manualIdsProblem).toMatch(/Only the Channel ID is set/);
		expect(read({ options: { chatroomId: '5' } }).manualIdsProblem).toMatch(/Only the Chatroom ID is set/);
		expect(read({ options: { channelId: 'x', chatroomId: '5' } }).manualIdsProblem).toMatch(/whole numbers/);
		expect(read({ options: { channelId: '', chatroomId: '' } })).toMatchObject({ manualIds: undefined, manualIdsProblem: undefined });
	});

	it('follows the chatroom and channel channels, old and new names', () => {
		expect(socketChannels({ channelId: 2712044, chatroomId: 2690417 })).toEqual([
			'chatrooms.2690417.v2',
			'chatrooms.2690417',
			'chatroom_2690417',
			'channel.2712044',
			'channel_2712044',
		]);
	});

	it('lists official events under their Kick Trigger names and the socket ones after them', () => {
		const values = liveEventOptions().map((option) => option.value);
		expect(values).toEqual(expect.arrayContaining(['chat.message.sent', 'livestream.status.updated', ...SOCKET_ONLY_EVENTS]));
		expect(values).not.toContain('livestream.metadata.updated');
		expect(liveEventOptions().find((option) => option.value === 'channel.followed')?.description).toMatch(/does not say who/);
	});
});

describe('samples for the editor', () => {
	it('one sample per event, shaped like the real item, adjusted to the filters', () => {
		const now = Date.parse('2026-03-14T20:00:00Z');
		const items = buildSampleItems([...ALL_LIVE_EVENTS, 'socket.unknown'], BROADCASTER, { commandPrefix: '!', commands: ['discord'], streamStatus: 'offline', minKicksAmount: 1000 }, now);
		expect(items.map((item) => item.event)).toEqual([...ALL_LIVE_EVENTS, 'socket.unknown']);
		for (const item of items) expect(item).toMatchObject({ isSample: true, source: 'live-socket', broadcaster: BROADCASTER });
		const byEvent = Object.fromEntries(items.map((item) => [item.event, item]));
		expect(byEvent['chat.message.sent']).toMatchObject({ content: '!discord world', command: 'discord', commandArgs: ['world'], delayMs: 0, chatroom_id: BROADCASTER.chatroom_id });
		expect(byEvent['livestream.status.updated']).toMatchObject({ is_live: false, streamStatus: 'offline' });
		expect(byEvent['kicks.gifted']).toMatchObject({ kicksAmount: 1000 });
		expect(byEvent['channel.subscription.gifts']).toMatchObject({ giftedCount: 3, giftee_user_ids: [88412009, 90013457, 73350120] });
		expect(byEvent['channel.subscription.renewal']).toMatchObject({ isRenewal: true, duration: 7 });
		expect(byEvent['channel.host.received']).toMatchObject({ host: { username: 'quietorbit', user_id: 48120777 }, viewers: 48 });
		expect(byEvent['livestream.status.updated'].summary).toBe('NeonVale went offline');
	});

	it('a chat sample passes Only From and Command Rules: its sender has a role that may run it', () => {
		const now = Date.parse('2026-03-14T20:00:00Z');
		const sample = (filters: Parameters<typeof buildSampleItems>[2]) => buildSampleItems(['chat.message.sent'], BROADCASTER, filters, now);
		expect(sample({ onlyFrom: ['moderator'] })).toMatchObject([{ senderBadges: ['moderator', 'subscriber'] }]);
		expect(sample({ onlyFrom: ['vip', 'og'] })).toMatchObject([{ senderBadges: ['vip'] }]);
		const rules = { commandPrefix: '!', commands: ['title'], commandRules: [{ commands: ['title'], onlyFrom: ['broadcaster' as const] }] };
		expect(sample(rules)).toMatchObject([{ command: 'title', senderBadges: ['broadcaster'] }]);
	});
});
