import { normalizeEvent, type DeliveryEnvelope } from '../../../nodes/Kick/events/normalize';
import type { KickEventType } from '../../../nodes/Kick/shared/kick.constants';
import { fixture } from '../webhook/helpers';

const RECEIVED = Date.parse('2026-03-14T19:02:14.250Z');

function envelope(event: KickEventType, overrides: Partial<DeliveryEnvelope> = {}): DeliveryEnvelope {
	return {
		event,
		version: 1,
		messageId: '01KKPVMFS0YM6VX6496PXTFYAT',
		subscriptionId: '01KJMDEB801R3RS66KMMSCWRNE',
		kickTimestamp: '2026-03-14T19:02:12Z',
		kickTimestampMs: Date.parse('2026-03-14T19:02:12Z'),
		receivedAt: RECEIVED,
		...overrides,
	};
}

describe('normalizeEvent', () => {
	it('puts the envelope first, then the body as Kick sent it', () => {
		const body = fixture('chat.message.sent');
		const item = normalizeEvent(body, envelope('chat.message.sent'));
		expect(Object.keys(item).slice(0, 11)).toEqual([
			'event',
			'source',
			'version',
			'messageId',
			'eventId',
			'subscriptionId',
			'kickTimestamp',
			'receivedAt',
			'delayMs',
			'late',
			'broadcaster',
		]);
		expect(item).toMatchObject({
			event: 'chat.message.sent',
			source: 'webhook',
			version: 1,
			messageId: '01KKPVMFS0YM6VX6496PXTFYAT',
			subscriptionId: '01KJMDEB801R3RS66KMMSCWRNE',
			kickTimestamp: '2026-03-14T19:02:12Z',
			receivedAt: '2026-03-14T19:02:14.250Z',
			delayMs: 2250,
			broadcaster: body.broadcaster,
			message_id: body.message_id,
			content: body.content,
			sender: body.sender,
			emotes: body.emotes,
			replies_to: body.replies_to,
			created_at: body.created_at,
		});
	});

	it('has no delay when the Kick timestamp is unreadable, and never a negative one', () => {
		expect(normalizeEvent(fixture('channel.followed'), envelope('channel.followed', { kickTimestampMs: undefined })).delayMs).toBeNull();
		expect(normalizeEvent(fixture('channel.followed'), envelope('channel.followed', { receivedAt: RECEIVED - 10_000 })).delayMs).toBe(0);
	});

	it('chat: reply flag, sender badges, command and arguments (read with ! when no prefix is set)', () => {
		const reply = normalizeEvent(fixture('chat.message.sent'), envelope('chat.message.sent'));
		expect(reply.isReply).toBe(true);
		expect(reply.senderBadges).toEqual(['moderator', 'sub_gifter', 'subscriber']);
		expect(reply).toMatchObject({ command: null, commandArgs: [], commandArgsText: '', firstMessageInStream: true });
		expect(reply.summary).toBe('pixelmoth: @lunar_kettle squad of four [emote:37226:KEKW] [emote:39261:kkHuh]');

		const plain = { ...fixture('chat.message.sent.plain'), content: '  !SO neonvale  thanks for the raid' };
		const item = normalizeEvent(plain, envelope('chat.message.sent'), { commandPrefix: '!' });
		expect(item.isReply).toBe(false);
		expect(item.senderBadges).toEqual([]);
		expect(item).toMatchObject({ command: 'so', commandArgs: ['neonvale', 'thanks', 'for', 'the', 'raid'], commandArgsText: 'neonvale  thanks for the raid' });

		const notCommand = normalizeEvent(fixture('chat.message.sent.plain'), envelope('chat.message.sent'), { commandPrefix: '!' });
		expect(notCommand).toMatchObject({ command: null, commandArgs: [], commandArgsText: '' });

		const noPrefix = normalizeEvent({ ...plain, content: '!title New title here' }, envelope('chat.message.sent'));
		expect(noPrefix).toMatchObject({ command: 'title', commandArgs: ['New', 'title', 'here'], commandArgsText: 'New title here' });
		const otherPrefix = normalizeEvent({ ...plain, content: '?so neonvale' }, envelope('chat.message.sent'), { commandPrefix: '?' });
		expect(otherPrefix).toMatchObject({ command: 'so', commandArgs: ['neonvale'] });
	});

	it('stream online / offline, with the length of an ended stream', () => {
		const online = normalizeEvent(fixture('livestream.status.updated'), envelope('livestream.status.updated'));
		expect(online).toMatchObject({ streamStatus: 'online', streamDurationMinutes: null, is_live: true });
		expect(online.summary).toBe('NeonVale went live: Ranked grind to Diamond | !discord');
		const offline = normalizeEvent(fixture('livestream.status.updated.ended'), envelope('livestream.status.updated'));
		expect(offline).toMatchObject({ streamStatus: 'offline', streamDurationMinutes: 254 });
	});

	it('ban vs timeout, with the timeout length in minutes', () => {
		const timeout = normalizeEvent(fixture('moderation.banned'), envelope('moderation.banned'));
		expect(timeout).toMatchObject({ banType: 'timeout', isPermanent: false, timeoutMinutes: 10 });
		expect(timeout.summary).toBe('spamcan_9000 was timed out for 10 minutes by pixelmoth');
		const ban = normalizeEvent(fixture('moderation.banned.permanent'), envelope('moderation.banned'));
		expect(ban).toMatchObject({ banType: 'ban', isPermanent: true, timeoutMinutes: null });
	});

	it('number of gifted subs, anonymous gifters', () => {
		expect(normalizeEvent(fixture('channel.subscription.gifts'), envelope('channel.subscription.gifts'))).toMatchObject({
			giftedCount: 3,
			isAnonymousGift: false,
			summary: 'pixelmoth gifted 3 subscriptions',
		});
		expect(normalizeEvent(fixture('channel.subscription.gifts.anonymous'), envelope('channel.subscription.gifts'))).toMatchObject({
			giftedCount: 1,
			isAnonymousGift: true,
			summary: 'An anonymous user gifted 1 subscription',
		});
	});

	it('KICKs amount', () => {
		expect(normalizeEvent(fixture('kicks.gifted'), envelope('kicks.gifted'))).toMatchObject({
			kicksAmount: 100,
			summary: 'mintcondition gifted 100 KICKs',
		});
	});

	it('category from category or Category, one metadata shape', () => {
		for (const name of ['livestream.metadata.updated', 'livestream.metadata.updated.observed-Category']) {
			const item = normalizeEvent(fixture(name), envelope('livestream.metadata.updated'));
			expect(item.category).toMatchObject({ id: 15, name: 'Just Chatting' });
			expect((item.metadata as Record<string, unknown>).category).toMatchObject({ id: 15 });
			expect(item.metadata).not.toHaveProperty('Category');
		}
	});

	it('subscriptions, follows and redemptions get a summary', () => {
		expect(normalizeEvent(fixture('channel.subscription.new'), envelope('channel.subscription.new'))).toMatchObject({ isRenewal: false, summary: 'mintcondition subscribed' });
		expect(normalizeEvent(fixture('channel.subscription.renewal'), envelope('channel.subscription.renewal'))).toMatchObject({
			isRenewal: true,
			summary: 'mintcondition renewed their subscription (7 months)',
		});
		expect(normalizeEvent(fixture('channel.followed'), envelope('channel.followed')).summary).toBe('driftwood_rae followed NeonVale');
		expect(normalizeEvent(fixture('channel.reward.redemption.updated'), envelope('channel.reward.redemption.updated')).summary).toBe(
			'sable_fern redeemed Pick the next map (accepted)',
		);
	});

	it('copes with bodies whose shape drifted', () => {
		const item = normalizeEvent({ broadcaster: null, giftees: 'x', gifter: 5 }, envelope('channel.subscription.gifts'));
		expect(item).toMatchObject({ giftedCount: 0, isAnonymousGift: false, summary: 'Someone gifted 0 subscriptions' });
		expect(normalizeEvent({}, envelope('moderation.banned'))).toMatchObject({ banType: 'ban' });
	});

	it('never lets a body field overwrite the envelope', () => {
		const item = normalizeEvent({ event: 'forged', messageId: 'x', broadcaster: { user_id: 1 } }, envelope('channel.followed'));
		expect(item.event).toBe('channel.followed');
		expect(item.messageId).toBe('01KKPVMFS0YM6VX6496PXTFYAT');
	});
});

describe('normalizeEvent and odd keys', () => {
	it('keeps a __proto__ key from the body as a plain field', () => {
		const body = JSON.parse('{"broadcaster":{"user_id":1},"follower":{"user_id":2},"__proto__":{"polluted":true}}') as Record<string, unknown>;
		const item = normalizeEvent(body, envelope('channel.followed'));
		expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
		expect((item as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(item, '__proto__')).toBe(true);
	});

	it('sets broadcaster to null when the body has none', () => {
		expect(normalizeEvent({ follower: {} }, envelope('channel.followed')).broadcaster).toBeNull();
	});
});
