/**
 * The Kick Polling Trigger's poll() in-process against the Kick emulator: the state lifecycle
 * n8n drives (publish, later polls, restart, Fetch Test Event), batching, filters, failures.
 * test/integration/pollingTrigger.test.ts runs the same in a real n8n.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { KickPollingTrigger } from '../../../nodes/Kick/KickPollingTrigger.node';
import { eventIdentity } from '../../../nodes/Kick/events/identity';
import { RECORD_KEY } from '../../../nodes/Kick/events/record';
import { registry } from '../../../nodes/Kick/events/registry';
import { STATE_KEY } from '../../../nodes/Kick/poll/state';
import { SEED, startKickEmulator, type KickEmulator } from '../../emulator';
import { pollContext, type PollContextOptions } from './pollContext';

const node = new KickPollingTrigger();
const NEONVALE = SEED.broadcaster.userId;
const PIXELMOTH = SEED.users.pixelmoth;

let emulator: KickEmulator;
beforeEach(async () => {
	emulator = await startKickEmulator();
});
afterEach(async () => {
	await emulator.close();
});

const appParameters = (channels = 'neonvale, https://kick.com/pixelmoth', extra: IDataObject = {}): IDataObject => ({
	authentication: 'appOAuth2',
	events: ['livestream.status.updated', 'livestream.metadata.updated'],
	channels,
	filters: {},
	...extra,
});

/** One published trigger: `poll()` runs with the same context, as n8n does between polls. */
function publish(parameters: IDataObject, overrides: Partial<PollContextOptions> = {}) {
	const staticData: IDataObject = {};
	let current = pollContext({ emulator, parameters, staticData, activation: 'activate', ...overrides });
	return {
		staticData,
		logs: () => current.logs,
		poll: async () => (await node.poll.call(current.context))?.[0]?.map((item) => item.json) ?? null,
		/** n8n restarted (or the workflow was published again): a new context on the same static data. */
		reactivate: (activation: 'init' | 'activate' | 'update') => {
			current = pollContext({ emulator, parameters, staticData, activation, ...overrides });
		},
	};
}

const apiCalls = (path: string) => emulator.requests.filter((request) => request.path === path);

describe('publish and poll', () => {
	it('the first poll records; later polls report each change once, in the Kick Trigger shape', async () => {
		const trigger = publish(appParameters());
		expect(await trigger.poll()).toBeNull();
		expect(trigger.staticData[STATE_KEY]).toBeDefined();
		// Names are resolved once (one call for both) and the broadcasters' names looked up once.
		expect(apiCalls('/public/v1/channels').map((request) => request.query)).toEqual([{ slug: ['neonvale', 'pixelmoth'] }]);
		expect(apiCalls('/public/v1/users')).toHaveLength(1);

		emulator.clearRequests();
		expect(await trigger.poll()).toBeNull();
		expect(apiCalls('/public/v1/channels').map((request) => request.query)).toEqual([{ broadcaster_user_id: [String(NEONVALE), String(PIXELMOTH)] }]);
		expect(emulator.requests).toHaveLength(1);

		const live = emulator.startStream(PIXELMOTH, { title: 'first stream back', categoryId: 15, viewerCount: 33 });
		const [online, ...rest] = (await trigger.poll())!;
		expect(rest).toEqual([]);
		expect(online).toMatchObject({
			event: 'livestream.status.updated',
			source: 'poll',
			version: 1,
			messageId: `poll:livestream.status.updated:${PIXELMOTH}:${live.startedAt}:online`,
			subscriptionId: null,
			kickTimestamp: live.startedAt,
			broadcaster: { user_id: PIXELMOTH, username: 'pixelmoth', channel_slug: 'pixelmoth' },
			is_live: true,
			title: 'first stream back',
			started_at: live.startedAt,
			ended_at: null,
			category: { id: 15, name: 'Just Chatting' },
			viewer_count: 33,
			thumbnail: live.thumbnail,
			streamStatus: 'online',
			streamDurationMinutes: null,
			summary: 'pixelmoth went live: first stream back',
		});
		expect(typeof online.delayMs).toBe('number');
		expect(await trigger.poll()).toBeNull();

		emulator.updateStream(PIXELMOTH, { viewerCount: 500 });
		expect(await trigger.poll()).toBeNull();
		emulator.updateStream(PIXELMOTH, { title: 'late night' });
		expect((await trigger.poll())!.map((item) => [item.event, (item.metadata as IDataObject).title, item.summary])).toEqual([
			['livestream.metadata.updated', 'late night', 'pixelmoth updated the stream: late night (Just Chatting)'],
		]);

		emulator.endStream(PIXELMOTH);
		const [ended] = (await trigger.poll())!;
		expect(ended).toMatchObject({ event: 'livestream.status.updated', is_live: false, streamStatus: 'offline', peak_viewer_count: 500, title: 'late night' });
		expect(ended.streamDurationMinutes).toBe(0);
		expect(await trigger.poll()).toBeNull();
	});

	it('after a restart (init) the stored state continues: nothing repeats, changes made meanwhile are reported', async () => {
		const trigger = publish(appParameters());
		await trigger.poll();
		emulator.startStream(PIXELMOTH);
		expect(await trigger.poll()).toHaveLength(1);

		trigger.reactivate('init');
		expect(await trigger.poll()).toBeNull();
		trigger.reactivate('init');
		emulator.endStream(PIXELMOTH);
		expect((await trigger.poll())!.map((item) => item.streamStatus)).toEqual(['offline']);
	});

	it('publishing again (activate) starts over: streams already live are not reported', async () => {
		const trigger = publish(appParameters());
		await trigger.poll();
		emulator.startStream(PIXELMOTH);
		trigger.reactivate('activate');
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	it('a failed poll throws the transport error and leaves the state as it was; within the pause Kick asked for, nothing is sent', async () => {
		const trigger = publish(appParameters());
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		emulator.startStream(PIXELMOTH);
		// Kick asks for a minute's wait: longer than a poll waits (the next poll comes anyway).
		Object.assign(emulator.faults, { rateLimitAfter: 0, rateLimitCount: null, retryAfterSeconds: 60, pathFilter: /^\/public\/v1\/channels$/ });
		const error = await trigger.poll().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toMatch(/rate limiting/);
		expect(apiCalls('/public/v1/channels').filter((request) => request.status === 429)).toHaveLength(1);
		expect(JSON.stringify(trigger.staticData)).toBe(before);

		// Kick asked for a minute's pause: a poll within it sends nothing and fails the same way
		// (the next poll after the pause reports the change: the integration test shows it).
		emulator.resetFaults();
		const sent = apiCalls('/public/v1/channels').length;
		await expect(trigger.poll()).rejects.toThrow(/rate limiting/);
		expect(apiCalls('/public/v1/channels')).toHaveLength(sent);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
	});

	it('a poll that starts while the previous one still runs is skipped', async () => {
		const trigger = publish(appParameters());
		await trigger.poll();
		emulator.faults.latencyMs = 300;
		const [first, second] = await Promise.all([trigger.poll(), trigger.poll()]);
		expect([first, second]).toEqual([null, null]);
		expect(apiCalls('/public/v1/channels')).toHaveLength(2);
		expect(trigger.logs().some((line) => /still running/.test(line.message))).toBe(true);
	});

	it('the shared filters apply: only streams that ended', async () => {
		const trigger = publish(appParameters('pixelmoth', { filters: { streamStatus: 'offline' } }));
		await trigger.poll();
		emulator.startStream(PIXELMOTH);
		expect(await trigger.poll()).toBeNull();
		emulator.endStream(PIXELMOTH);
		expect((await trigger.poll())!.map((item) => item.streamStatus)).toEqual(['offline']);
	});
});

describe('Deduplicate With Other Kick Triggers', () => {
	it('alone in its workflow it writes no record into the static data; with a Kick Trigger it does, and drops what that trigger ran', async () => {
		const alone = publish(appParameters('pixelmoth'), { workflowId: 'wf-poll-alone' });
		expect(await alone.poll()).toBeNull();
		emulator.startStream(PIXELMOTH, { title: 'alone' });
		expect((await alone.poll())!.map((item) => item.streamStatus)).toEqual(['online']);
		expect(alone.staticData[RECORD_KEY]).toBeUndefined();
		emulator.endStream(PIXELMOTH);

		// A Kick Trigger of the same workflow, published in this process.
		const kickTrigger = { workflowId: 'wf-poll-pair', nodeId: 'kick-trigger', test: false, source: 'webhook' as const };
		const { record } = registry.acquire(kickTrigger, ['livestream.status.updated'], () => undefined);
		try {
			const paired = publish(appParameters('pixelmoth'), { workflowId: 'wf-poll-pair' });
			expect(await paired.poll()).toBeNull();
			emulator.startStream(PIXELMOTH, { title: 'with a Kick Trigger' });
			const [online] = (await paired.poll())!;
			expect(paired.staticData[RECORD_KEY]).toMatchObject({ sources: expect.stringMatching(/^(?=.*w)(?=.*p)/) });
			// The Kick Trigger's copy of the same start is now one the poll ran.
			const identity = eventIdentity(String(online!.event), online!, Date.parse(String(online!.kickTimestamp)));
			expect(record.claim('webhook', identity, Date.now()).run).toBe(false);
		} finally {
			registry.release(kickTrigger);
		}
	});
});

describe('many channels', () => {
	it('200 channels cost 4 requests per poll (50 ids each); their names are resolved once', async () => {
		const channels = emulator.addChannels(200);
		const trigger = publish(appParameters(channels.map((channel) => channel.slug).join('\n'), { events: ['livestream.status.updated'] }));
		expect(await trigger.poll()).toBeNull();
		expect(apiCalls('/public/v1/channels').map((request) => (request.query.slug as string[]).length)).toEqual([50, 50, 50, 50]);
		expect(apiCalls('/public/v1/users')).toHaveLength(4);

		for (let round = 0; round < 2; round++) {
			emulator.clearRequests();
			expect(await trigger.poll()).toBeNull();
			expect(emulator.requests.map((request) => request.path)).toEqual(Array(4).fill('/public/v1/channels'));
			expect(emulator.requests.map((request) => (request.query.broadcaster_user_id as string[]).length)).toEqual([50, 50, 50, 50]);
		}
		emulator.startStream(channels[150].broadcasterUserId);
		emulator.startStream(channels[7].broadcasterUserId);
		expect((await trigger.poll())!.map((item) => (item.broadcaster as IDataObject).channel_slug)).toEqual(['bulk-8', 'bulk-151']);
	});
});

describe('the connected account (user credential)', () => {
	const userParameters = (extra: IDataObject = {}): IDataObject => ({
		authentication: 'userOAuth2',
		events: ['livestream.status.updated', 'channel.reward.redemption.updated', 'kicks.leaderboard.updated'],
		redemptionScope: 'pending',
		leaderboardPeriod: 'lifetime',
		filters: {},
		...extra,
	});

	it('reports new redemptions (with the redeemer) and KICKs leaderboard moves', async () => {
		const trigger = publish(userParameters());
		expect(await trigger.poll()).toBeNull();
		expect(apiCalls('/public/v1/channels').map((request) => request.query)).toEqual([{}]);

		const redemption = emulator.redeemReward(NEONVALE, { rewardId: SEED.rewards.pickTheNextMap, redeemerUserId: SEED.users.quietorbit, userInput: 'inferno' });
		emulator.giftKicks(NEONVALE, SEED.users.sableFern, 40_000);
		const items = (await trigger.poll())!;
		expect(items.map((item) => item.event)).toEqual(['channel.reward.redemption.updated', 'kicks.leaderboard.updated']);
		expect(items[0]).toMatchObject({
			id: redemption.id,
			status: 'pending',
			user_input: 'inferno',
			reward: { id: SEED.rewards.pickTheNextMap, title: 'Pick the next map' },
			redeemer: { user_id: SEED.users.quietorbit, username: 'quietorbit' },
			broadcaster: { user_id: NEONVALE, username: 'NeonVale', channel_slug: 'neonvale' },
			summary: 'quietorbit redeemed Pick the next map (pending)',
			messageId: `poll:channel.reward.redemption.updated:${redemption.id}`,
		});
		expect(items[1]).toMatchObject({
			source: 'poll',
			period: 'lifetime',
			changes: [{ user_id: SEED.users.sableFern, username: 'sable_fern', rank: 1, previous_rank: 3, gifted_amount: 49_900, previous_gifted_amount: 9900, amount_change: 40_000 }],
			kicksAmount: 40_000,
			summary: 'KICKs leaderboard (lifetime): sable_fern gifted 40000 KICKs (now #1, was #3)',
		});
		expect(await trigger.poll()).toBeNull();
	});

	it('"any status" also reports a redemption that skipped the queue (accepted at once)', async () => {
		const trigger = publish(userParameters({ events: ['channel.reward.redemption.updated'], redemptionScope: 'any' }));
		await trigger.poll();
		emulator.redeemReward(NEONVALE, { rewardId: SEED.rewards.hydrate, redeemerUserId: SEED.users.hexhound });
		expect((await trigger.poll())!.map((item) => [item.status, (item.reward as IDataObject).title])).toEqual([['accepted', 'Hydrate!']]);
	});

	it('the reward and minimum-KICKs filters apply', async () => {
		const trigger = publish(userParameters({ filters: { rewardTitles: 'Song request', minKicksAmount: 1000 } }));
		await trigger.poll();
		emulator.redeemReward(NEONVALE, { rewardId: SEED.rewards.pickTheNextMap, redeemerUserId: SEED.users.quietorbit });
		emulator.giftKicks(NEONVALE, SEED.users.sableFern, 100);
		expect(await trigger.poll()).toBeNull();
		emulator.redeemReward(NEONVALE, { rewardId: SEED.rewards.songRequest, redeemerUserId: SEED.users.quietorbit });
		emulator.giftKicks(NEONVALE, SEED.users.pixelmoth, 5000);
		expect((await trigger.poll())!.map((item) => item.event)).toEqual(['channel.reward.redemption.updated', 'kicks.leaderboard.updated']);
	});

	it('a missing scope is named before any request', async () => {
		const trigger = publish(userParameters(), { grantedScopes: ['user:read', 'channel:read', 'channel:rewards:read'] });
		const error = await trigger.poll().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toContain("'kicks:read'");
		expect(emulator.requests.filter((request) => request.path.startsWith('/public/'))).toEqual([]);
	});
});

describe('configuration problems', () => {
	it('an unknown channel name fails the poll with the name', async () => {
		const error = await publish(appParameters('neonvale, nosuchchannel')).poll().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe("Kick has no channel named 'nosuchchannel'");
	});

	it('user-only events with the app credential, no channels, or bad entries are refused before any request', async () => {
		for (const [parameters, message] of [
			[appParameters('neonvale', { events: ['kicks.leaderboard.updated'] }), /needs the Kick OAuth2 API credential/],
			[appParameters(''), /No channels to watch/],
			[appParameters('neonvale, not a channel!'), /Not a Kick channel: 'not a channel!'/],
			[appParameters('neonvale', { events: [] }), /No events selected/],
		] as const) {
			await expect(publish(parameters).poll()).rejects.toThrow(message);
		}
		expect(emulator.requests).toEqual([]);
	});
});

describe('Fetch Test Event (manual mode)', () => {
	it('returns the current state as sample items and leaves the stored state alone', async () => {
		const staticData: IDataObject = {};
		const { context } = pollContext({
			emulator,
			staticData,
			mode: 'manual',
			activation: 'manual',
			parameters: {
				authentication: 'userOAuth2',
				events: ['livestream.status.updated', 'livestream.metadata.updated', 'channel.reward.redemption.updated', 'kicks.leaderboard.updated'],
				redemptionScope: 'pending',
				leaderboardPeriod: 'lifetime',
			},
		});
		const items = (await node.poll.call(context))![0].map((item) => item.json);
		expect(items.map((item) => [item.event, item.isSample, item.source])).toEqual([
			['livestream.status.updated', true, 'poll'],
			['livestream.metadata.updated', true, 'poll'],
			['channel.reward.redemption.updated', true, 'poll'],
			['kicks.leaderboard.updated', true, 'poll'],
		]);
		const neonvale = emulator.state.channels.find((channel) => channel.broadcasterUserId === NEONVALE)!;
		expect(items[0]).toMatchObject({ is_live: true, title: neonvale.streamTitle, started_at: neonvale.live!.startedAt, broadcaster: { username: 'NeonVale' } });
		expect(items[2]).toMatchObject({ status: 'pending', redeemer: { username: expect.any(String) } });
		expect((items[3].leaderboard as IDataObject[])[0]).toMatchObject({ username: 'mintcondition', gifted_amount: 48200 });
		expect(staticData).toEqual({});
	});
});
