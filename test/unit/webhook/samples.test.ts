import { compileFilters, rejectParsed, type FilterSettings } from '../../../nodes/Kick/events/filters';
import samples from '../../../nodes/Kick/webhook/sampleBodies.json';
import { buildSampleItems, sampleBody, sampleEventTypes } from '../../../nodes/Kick/webhook/samples';
import { validateEventBody } from '../../../nodes/Kick/webhook/schemas';
import { KICK_EVENT_TYPES, type KickEventType } from '../../../nodes/Kick/shared/kick.constants';
import { fixture } from './helpers';

describe('bundled sample bodies', () => {
	it.each([...KICK_EVENT_TYPES])('%s is the reference payload', (event) => {
		expect(samples.bodies[event]).toEqual(fixture(event));
	});

	it('include the offline stream variant', () => {
		expect(samples.streamOffline).toEqual(fixture('livestream.status.updated.ended'));
	});
});

describe('sample items', () => {
	it('one per selected event, normalized like a delivery, marked as samples', () => {
		const now = Date.parse('2026-03-14T19:02:12.345Z');
		const items = buildSampleItems([...KICK_EVENT_TYPES], {}, now);
		expect(items.map((item) => item.event)).toEqual([...KICK_EVENT_TYPES]);
		for (const item of items) {
			expect(item).toMatchObject({ isSample: true, version: 1, subscriptionId: null, kickTimestamp: '2026-03-14T19:02:12Z', delayMs: 345 });
			expect(item.messageId).toHaveLength(26);
			expect(validateEventBody(item.event as KickEventType, item).ok).toBe(true);
		}
	});

	it('are shaped to pass the trigger\'s own filters', () => {
		const settings: FilterSettings = {
			broadcasterUserIds: [777],
			commandPrefix: '?',
			commands: ['?Uptime'],
			streamStatus: 'offline',
			minKicksAmount: 500,
			rewardTitles: ['Hydrate'],
			redemptionStatuses: ['Pending'],
		};
		const filters = compileFilters(settings);
		for (const event of KICK_EVENT_TYPES) {
			expect(rejectParsed(event, sampleBody(event, settings), filters)).toBeUndefined();
		}
		const [chat] = buildSampleItems(['chat.message.sent'], settings, Date.now());
		expect(chat).toMatchObject({ content: '?Uptime world', command: 'uptime', commandArgs: ['world'] });
	});

	it('do not change the bundled bodies', () => {
		sampleBody('chat.message.sent', { commandPrefix: '!' });
		expect(samples.bodies['chat.message.sent']).toEqual(fixture('chat.message.sent'));
	});

	it('pick the requested event, or every selected one', () => {
		expect(sampleEventTypes({ events: ['kicks.gifted', 'channel.followed'] })).toEqual(['kicks.gifted', 'channel.followed']);
		expect(sampleEventTypes({ events: ['kicks.gifted'] }, 'moderation.banned')).toEqual(['moderation.banned']);
		expect(sampleEventTypes({ events: ['kicks.gifted'] }, 'nonsense')).toEqual(['kicks.gifted']);
		expect(sampleEventTypes({})).toHaveLength(10);
	});
});
