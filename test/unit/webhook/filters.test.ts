import { compileFilters, rejectParsed } from '../../../nodes/Kick/events/filters';
import { fixture } from './helpers';

const chat = (content: string, extra: Record<string, unknown> = {}) => ({ ...fixture('chat.message.sent.plain'), content, ...extra });

describe('rejectParsed (the authoritative decision)', () => {
	it('events and channels', () => {
		const f = compileFilters({ events: ['chat.message.sent'], broadcasterUserIds: [2841377] });
		expect(rejectParsed('chat.message.sent', chat('hi'), f)).toBeUndefined();
		expect(rejectParsed('channel.followed', fixture('channel.followed'), f)).toBe('filtered:event');
		expect(rejectParsed('chat.message.sent', chat('hi', { broadcaster: { user_id: 5 } }), f)).toBe('filtered:channel');
		expect(rejectParsed('chat.message.sent', chat('hi', { broadcaster: null }), f)).toBe('filtered:channel');
		expect(rejectParsed('channel.followed', fixture('channel.followed'), compileFilters())).toBeUndefined();
	});

	it('command prefix and command names', () => {
		const f = compileFilters({ commandPrefix: '!', commands: ['Discord', '!socials'] });
		expect(rejectParsed('chat.message.sent', chat('!discord'), f)).toBeUndefined();
		expect(rejectParsed('chat.message.sent', chat('  !SOCIALS now'), f)).toBeUndefined();
		expect(rejectParsed('chat.message.sent', chat('!lurk'), f)).toBe('filtered:command');
		expect(rejectParsed('chat.message.sent', chat('discord'), f)).toBe('filtered:command-prefix');
		expect(rejectParsed('chat.message.sent', chat('\u00a0!discord'), f)).toBe('filtered:command-prefix');
		// Other events are not affected by chat filters.
		expect(rejectParsed('channel.followed', fixture('channel.followed'), f)).toBeUndefined();
	});

	it('ignored chat usernames', () => {
		const f = compileFilters({ ignoreChatUsernames: ['QuietOrbit'] });
		expect(rejectParsed('chat.message.sent', chat('hi'), f)).toBe('filtered:chat-username');
		expect(rejectParsed('chat.message.sent', fixture('chat.message.sent'), f)).toBeUndefined();
	});

	it('stream status', () => {
		const online = compileFilters({ streamStatus: 'online' });
		const offline = compileFilters({ streamStatus: 'offline' });
		expect(rejectParsed('livestream.status.updated', fixture('livestream.status.updated'), online)).toBeUndefined();
		expect(rejectParsed('livestream.status.updated', fixture('livestream.status.updated.ended'), online)).toBe('filtered:stream-status');
		expect(rejectParsed('livestream.status.updated', fixture('livestream.status.updated'), offline)).toBe('filtered:stream-status');
		expect(rejectParsed('livestream.status.updated', fixture('livestream.status.updated.ended'), offline)).toBeUndefined();
	});

	it('minimum KICKs', () => {
		expect(rejectParsed('kicks.gifted', fixture('kicks.gifted'), compileFilters({ minKicksAmount: 100 }))).toBeUndefined();
		expect(rejectParsed('kicks.gifted', fixture('kicks.gifted'), compileFilters({ minKicksAmount: 101 }))).toBe('filtered:min-kicks');
		expect(rejectParsed('kicks.gifted', fixture('kicks.gifted'), compileFilters({ minKicksAmount: 0 }))).toBeUndefined();
	});

	it('reward titles and redemption statuses', () => {
		const body = fixture('channel.reward.redemption.updated');
		expect(rejectParsed('channel.reward.redemption.updated', body, compileFilters({ rewardTitles: ['pick the next MAP'] }))).toBeUndefined();
		expect(rejectParsed('channel.reward.redemption.updated', body, compileFilters({ rewardTitles: ['Hydrate'] }))).toBe('filtered:reward-title');
		expect(rejectParsed('channel.reward.redemption.updated', body, compileFilters({ redemptionStatuses: ['accepted'] }))).toBeUndefined();
		expect(rejectParsed('channel.reward.redemption.updated', body, compileFilters({ redemptionStatuses: ['pending'] }))).toBe(
			'filtered:redemption-status',
		);
	});
});
