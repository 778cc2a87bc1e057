/** The polling trigger's parameters: reading, checking, and what the editor shows. */
import type { INodeProperties } from 'n8n-workflow';

import { KickPollingTrigger } from '../../../nodes/Kick/KickPollingTrigger.node';
import { filtersProperty } from '../../../nodes/Kick/events/parameters';
import { readPollSettings, redemptionStatusesToList, settingsProblem, MAX_CHANNELS } from '../../../nodes/Kick/poll/pollingTriggerParameters';

const read = (parameters: Record<string, unknown>) => readPollSettings((name, fallback) => (parameters[name] === undefined ? fallback : parameters[name]));

describe('readPollSettings', () => {
	it('reads channel names, links, @names and ids from commas and new lines, once each', () => {
		const settings = read({ events: ['livestream.status.updated'], channels: 'neonvale, https://kick.com/PixelMoth\n@hexhound\n2841377, neonvale' });
		expect(settings.channels).toEqual([
			{ kind: 'slug', slug: 'neonvale' },
			{ kind: 'slug', slug: 'pixelmoth' },
			{ kind: 'slug', slug: 'hexhound' },
			{ kind: 'id', id: 2841377 },
		]);
		expect(settings.invalidChannels).toEqual([]);
		expect(settings.credentialType).toBe('kickAppOAuth2Api');
	});

	it('takes a list from an expression too, and keeps what is not a channel for the error message', () => {
		expect(read({ channels: ['neonvale', 'no such thing'] }).invalidChannels).toEqual(['no such thing']);
	});

	it('ignores channels with the user credential (its own channel) and unknown events', () => {
		const settings = read({ authentication: 'userOAuth2', channels: 'neonvale', events: ['kicks.leaderboard.updated', 'chat.message.sent'] });
		expect(settings.channels).toEqual([]);
		expect(settings.events).toEqual(['kicks.leaderboard.updated']);
		expect(settings.credentialType).toBe('kickOAuth2Api');
	});
});

describe('settingsProblem', () => {
	const ok = { events: ['livestream.status.updated'], channels: 'neonvale' };
	it('accepts a plain setup', () => expect(settingsProblem(read(ok))).toBeUndefined());
	it.each([
		[{ ...ok, events: [] }, 'No events selected'],
		[{ ...ok, channels: '' }, 'No channels to watch'],
		[{ ...ok, channels: 'neonvale, x y' }, "Not a Kick channel: 'x y'"],
		[{ ...ok, events: ['channel.reward.redemption.updated'] }, "'New Reward Redemption' needs the Kick OAuth2 API credential"],
		[{ ...ok, channels: Array.from({ length: MAX_CHANNELS + 1 }, (_, i) => String(i + 1)) }, `Too many channels (${MAX_CHANNELS + 1})`],
		[
			{ authentication: 'userOAuth2', events: ['channel.reward.redemption.updated'], redemptionScope: 'pending', filters: { redemptionStatuses: ['accepted'] } },
			'The Redemption Status filter excludes every redemption this trigger reports',
		],
	])('%j → %s', (parameters, message) => {
		expect(settingsProblem(read(parameters))?.message).toBe(message);
	});

	it('lists only the redemption statuses that can pass the filter', () => {
		expect(redemptionStatusesToList(read({ redemptionScope: 'pending' }))).toEqual(['pending']);
		expect(redemptionStatusesToList(read({ redemptionScope: 'any' }))).toEqual(['pending', 'accepted', 'rejected']);
		expect(redemptionStatusesToList(read({ redemptionScope: 'any', filters: { redemptionStatuses: ['accepted'] } }))).toEqual(['accepted']);
	});
});

describe('node description', () => {
	const { description } = new KickPollingTrigger();
	const byName = (name: string) => description.properties.filter((property) => property.name === name);

	it('is a polling trigger n8n can load', () => {
		expect(description).toMatchObject({ name: 'kickPollingTrigger', displayName: 'Kick Polling Trigger', polling: true, inputs: [], version: 1, group: ['trigger'] });
		expect(description.credentials?.map((credential) => credential.name)).toEqual(['kickOAuth2Api', 'kickAppOAuth2Api']);
	});

	it('offers the redemption and leaderboard events only with the user credential', () => {
		const [app, user] = byName('events');
		expect(app.displayOptions).toEqual({ show: { authentication: ['appOAuth2'] } });
		expect(app.options?.map((option) => (option as { value: string }).value).sort()).toEqual(['livestream.metadata.updated', 'livestream.status.updated']);
		expect(user.options).toHaveLength(4);
	});

	it('shows the shared filters that apply to polled events, with their shared definitions', () => {
		const [filters] = byName('filters') as [INodeProperties];
		expect(filters.options?.map((option) => option.name)).toEqual(['minKicksAmount', 'redemptionStatuses', 'rewardTitles', 'streamStatus']);
		for (const option of filters.options ?? []) expect(filtersProperty.options).toContainEqual(option);
	});
});
