import { splitList } from '../../../nodes/Kick/shared/lists';
import { parseChannelRef } from '../../../nodes/Kick/shared/channelRef';
import { readTriggerSettings } from '../../../nodes/Kick/webhook/kickTriggerParameters';

describe('parseChannelRef', () => {
	it('reads ids, slugs, @slugs and kick.com links', () => {
		expect(parseChannelRef('2841377')).toEqual({ kind: 'id', id: 2841377 });
		expect(parseChannelRef(' NeonVale ')).toEqual({ kind: 'slug', slug: 'neonvale' });
		expect(parseChannelRef('@neonvale')).toEqual({ kind: 'slug', slug: 'neonvale' });
		expect(parseChannelRef('https://kick.com/neonvale?tab=about')).toEqual({ kind: 'slug', slug: 'neonvale' });
		expect(parseChannelRef('www.kick.com/driftwood-rae')).toEqual({ kind: 'slug', slug: 'driftwood-rae' });
	});

	it('refuses what is none of those', () => {
		for (const value of ['', 'two words', 'a'.repeat(26), 'https://example.com/x', '0']) expect(parseChannelRef(value)).toBeUndefined();
		expect(parseChannelRef('neonvale', 'id')).toBeUndefined();
	});
});

describe('splitList', () => {
	it('splits on commas and newlines, trims, drops empties', () => {
		expect(splitList(' a, b ,,\nc ')).toEqual(['a', 'b', 'c']);
		expect(splitList(['x', ' y '])).toEqual(['x', 'y']);
		expect(splitList(undefined)).toEqual([]);
	});
});

describe('readTriggerSettings', () => {
	const read = (params: Record<string, unknown>) => readTriggerSettings((name, fallback) => (name in params ? params[name] : fallback));

	it('has safe defaults', () => {
		expect(read({ events: ['chat.message.sent'] })).toEqual({
			credentialType: 'kickOAuth2Api',
			events: ['chat.message.sent'],
			channels: [],
			invalidChannels: [],
			filters: {
				streamStatus: 'any',
				commandPrefix: undefined,
				commands: [],
				ignoreChatUsernames: [],
				minKicksAmount: undefined,
				rewardTitles: [],
				redemptionStatuses: [],
				onlyFrom: [],
				cooldownSeconds: 0,
				viewerCooldownSeconds: 0,
				cooldownExempt: false,
				commandRules: [],
				onlyFirstMessage: false,
				problem: undefined,
			},
			lateLimitMs: 24 * 3_600_000,
			ignoreOlderThanMs: undefined,
			duplicatePayloads: 'identifying',
			onlyOwnSubscriptions: true,
			manageSubscriptions: true,
			deduplicateAcrossTriggers: true,
		});
	});

	it('expands All Events and drops unknown names', () => {
		expect(read({ events: ['*'] }).events).toHaveLength(10);
		expect(read({ events: ['kicks.gifted', 'bogus', 'kicks.gifted'] }).events).toEqual(['kicks.gifted']);
	});

	it('reads channels only for the app credential, keeping invalid entries for the error', () => {
		const channels = { channel: [{ channel: { mode: 'slug', value: 'neonvale' } }, { channel: { mode: 'id', value: '12' } }, { channel: { mode: 'slug', value: 'no way' } }, { channel: { mode: 'slug', value: '' } }] };
		expect(read({ authentication: 'appOAuth2', events: ['*'], channels })).toMatchObject({
			credentialType: 'kickAppOAuth2Api',
			channels: [{ kind: 'slug', slug: 'neonvale' }, { kind: 'id', id: 12 }],
			invalidChannels: ['no way'],
		});
		expect(read({ authentication: 'userOAuth2', events: ['*'], channels }).channels).toEqual([]);
	});

	it('reads filters and options', () => {
		const settings = read({
			events: ['*'],
			filters: { commandPrefix: ' ! ', commands: 'discord, socials', minKicksAmount: 50, streamStatus: 'online', redemptionStatuses: ['pending'], ignoreOlderThanMinutes: 20 },
			options: { lateDeliveryLimitHours: 2, ignoreDuplicatePayloads: 'all', onlyOwnSubscriptions: false, manageSubscriptions: false },
		});
		expect(settings.filters).toMatchObject({ commandPrefix: '!', commands: ['discord', 'socials'], minKicksAmount: 50, streamStatus: 'online', redemptionStatuses: ['pending'] });
		expect(settings).toMatchObject({ lateLimitMs: 2 * 3_600_000, ignoreOlderThanMs: 20 * 60_000, duplicatePayloads: 'all', onlyOwnSubscriptions: false, manageSubscriptions: false });
	});

	it('keeps the default Late Delivery Limit for a value that is not a positive number', () => {
		for (const lateDeliveryLimitHours of [0, -3, 'soon', null]) {
			expect(read({ events: ['*'], options: { lateDeliveryLimitHours } }).lateLimitMs).toBe(24 * 3_600_000);
		}
	});
});
