/**
 * The Kick Polling Trigger in a real n8n against the emulator: a published workflow polling
 * every 5 seconds (n8n refuses schedules under a minute, so twelve poll times, each a cron
 * expression with one fixed second); each event type fires once for one change, nothing
 * fires without a change, an n8n restart repeats nothing (and reports what changed while
 * n8n was down), a failed poll is an error execution that loses nothing, Fetch Test Event
 * shows the current state, and 200 channels cost 4 requests per poll.
 *
 * Runs its own n8n (it restarts it), like triggerLifecycle.test.ts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { SEED, startKickEmulator, type KickEmulator, type RequestLogEntry } from '../emulator';
import { connectKickCredentials, N8nClient, startN8n, type KickCredentials } from '../harness';
import type { ExecutionSummary } from '../harness/n8nClient';
import type { N8nProcess } from '../harness/n8nProcess';
import { EVERY_5_SECONDS } from '../harness/polling';
import { nodeOutputs } from '../e2e/helpers';
import { waitUntil } from '../support/wait';

const TRIGGER = 'Kick Polling Trigger';
const NEONVALE = SEED.broadcaster.userId;

function pollingWorkflow(name: string, parameters: Record<string, unknown>, credentials: Record<string, { id: string; name: string }>) {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER,
				type: 'n8n-nodes-kick.kickPollingTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: EVERY_5_SECONDS, ...parameters },
				credentials,
			},
			{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

describe('Kick Polling Trigger (real n8n, published, restarted)', () => {
	let emulator: KickEmulator;
	let n8n: N8nProcess;
	let client: N8nClient;
	let credentials: KickCredentials;
	let userFolder: string;
	let workflowId: string;
	/** Trigger executions that must exist by now. */
	let expected = 0;

	const triggerExecutions = async (id = workflowId): Promise<ExecutionSummary[]> =>
		(await client.listExecutions(id)).filter((execution) => execution.mode === 'trigger');
	const finished = (execution: ExecutionSummary) => Boolean(execution.stoppedAt) || ['success', 'error', 'crashed'].includes(execution.status);
	/** Completed polls of the user-token workflow (each reads the connected channel once). */
	const userPolls = () => emulator.requests.filter((request) => request.path === '/public/v1/channels' && request.tokenKind === 'user' && request.status === 200).length;

	async function waitForPolls(count: number): Promise<void> {
		const start = userPolls();
		await waitUntil(`${count} polls`, () => (userPolls() >= start + count ? true : undefined), 20_000 + count * 10_000);
	}

	/** Makes one change and returns the items of the one execution it starts. */
	async function oneEvent(change: () => void): Promise<any[]> {
		change();
		expected += 1;
		const executions = await waitUntil(`trigger execution ${expected}`, async () => {
			const list = (await triggerExecutions()).filter(finished);
			return list.length >= expected ? list : undefined;
		}, 40_000);
		expect(executions).toHaveLength(expected);
		const run = await nodeOutputs(client, executions[0].id);
		expect(run.status).toBe('success');
		return run.output(TRIGGER);
	}

	/** Polls are their own markers: once a later poll has begun, the ones before it have emitted what they had. */
	async function expectNoNewExecutions(polls = 2): Promise<void> {
		await waitForPolls(polls + 1);
		expect((await triggerExecutions()).length).toBe(expected);
	}

	async function restartN8n(between?: () => void): Promise<void> {
		await n8n.stop();
		between?.();
		n8n = await startN8n({ userFolder, port: n8n.port, keepUserFolder: true, tarball: n8n.tarball });
		client = await N8nClient.login(n8n.baseUrl);
	}

	beforeAll(async () => {
		emulator = await startKickEmulator();
		n8n = await startN8n({ keepUserFolder: true });
		userFolder = n8n.userFolder;
		client = await N8nClient.login(n8n.baseUrl);
		credentials = await connectKickCredentials(client, emulator);
		const workflow = await client.createWorkflow(
			pollingWorkflow(
				'Kick Polling Trigger: own channel',
				{
					authentication: 'userOAuth2',
					events: ['livestream.status.updated', 'livestream.metadata.updated', 'channel.reward.redemption.updated', 'kicks.leaderboard.updated'],
					redemptionScope: 'pending',
					leaderboardPeriod: 'lifetime',
				},
				{ kickOAuth2Api: { id: credentials.user.id, name: credentials.user.name } },
			),
		);
		workflowId = workflow.id;
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	it('publishing records the current state (NeonVale is live, redemptions are pending) and starts nothing', async () => {
		emulator.clearRequests();
		await client.publish(workflowId);
		// The publish itself ran the first poll.
		expect([...new Set(emulator.requests.filter((request) => request.path.startsWith('/public/')).map((request) => request.path))]).toEqual([
			'/public/v1/channels',
			'/public/v1/users',
			'/public/v1/channels/rewards/redemptions',
			'/public/v1/kicks/leaderboard',
		]);
		await expectNoNewExecutions(2);
	}, 60_000);

	it('each event type fires once for one change', async () => {
		const [ended] = await oneEvent(() => emulator.endStream(NEONVALE));
		expect(ended).toMatchObject({ event: 'livestream.status.updated', source: 'poll', streamStatus: 'offline', subscriptionId: null, broadcaster: { user_id: NEONVALE, username: 'NeonVale' } });
		expect(ended.streamDurationMinutes).toBeGreaterThan(0);

		let live: ReturnType<KickEmulator['startStream']> | undefined;
		const [online] = await oneEvent(() => {
			live = emulator.startStream(NEONVALE, { title: 'Back for more', categoryId: 18, viewerCount: 250 });
		});
		expect(online).toMatchObject({
			event: 'livestream.status.updated',
			streamStatus: 'online',
			title: 'Back for more',
			category: { id: 18, name: 'Counter-Strike 2' },
			viewer_count: 250,
			thumbnail: live!.thumbnail,
			started_at: live!.startedAt,
			messageId: `poll:livestream.status.updated:${NEONVALE}:${live!.startedAt}:online`,
		});

		const [title] = await oneEvent(() => emulator.updateStream(NEONVALE, { title: 'Finals tonight' }));
		expect(title).toMatchObject({ event: 'livestream.metadata.updated', metadata: { title: 'Finals tonight' }, previous_metadata: { title: 'Back for more' }, changed: ['title'] });

		const [category] = await oneEvent(() => emulator.updateStream(NEONVALE, { categoryId: 15 }));
		expect(category).toMatchObject({ event: 'livestream.metadata.updated', category: { id: 15, name: 'Just Chatting' }, changed: ['category'] });

		let redemptionId = '';
		const [redeemed] = await oneEvent(() => {
			redemptionId = emulator.redeemReward(NEONVALE, { rewardId: SEED.rewards.pickTheNextMap, redeemerUserId: SEED.users.quietorbit, userInput: 'mirage' }).id;
		});
		expect(redeemed).toMatchObject({ event: 'channel.reward.redemption.updated', id: redemptionId, status: 'pending', redeemer: { username: 'quietorbit' }, reward: { title: 'Pick the next map' } });

		const [leaderboard] = await oneEvent(() => emulator.giftKicks(NEONVALE, SEED.users.hexhound, 700));
		expect(leaderboard).toMatchObject({
			event: 'kicks.leaderboard.updated',
			period: 'lifetime',
			changes: [{ user_id: SEED.users.hexhound, username: 'hexhound', amount_change: 700, previous_gifted_amount: 0, rank: 4, previous_rank: null }],
		});

		// Viewers and the thumbnail change all the time: that is no event.
		emulator.updateStream(NEONVALE, { viewerCount: 9999, thumbnail: 'https://images.kick.com/video_thumbnails/neonvale-new/720.webp' });
		await expectNoNewExecutions(2);
	}, 240_000);

	it('nothing fires while nothing changes', async () => {
		await expectNoNewExecutions(3);
	}, 60_000);

	it('an n8n restart repeats no event; a change made while n8n was down fires once after it', async () => {
		await restartN8n(() => emulator.updateStream(NEONVALE, { title: 'Changed while n8n was down' }));
		const [title] = await oneEvent(() => undefined);
		expect(title).toMatchObject({ event: 'livestream.metadata.updated', metadata: { title: 'Changed while n8n was down' } });
		await expectNoNewExecutions(2);

		await restartN8n();
		await expectNoNewExecutions(3);
		const [ended] = await oneEvent(() => emulator.endStream(NEONVALE));
		expect(ended.streamStatus).toBe('offline');
	}, 300_000);

	it('a failed poll (Kick keeps answering 429) is an error execution and loses nothing: the change it missed fires once after', async () => {
		const successes = async () => (await triggerExecutions()).filter((execution) => execution.status === 'success');
		const before = (await successes()).length;
		Object.assign(emulator.faults, { rateLimitAfter: 0, rateLimitCount: null, retryAfterSeconds: 0, pathFilter: /^\/public\/v1\/channels$/ });
		emulator.startStream(NEONVALE, { title: 'During the outage' });
		const [failed] = await waitUntil('an error execution', async () => {
			const errors = (await triggerExecutions()).filter((execution) => execution.status === 'error');
			return errors.length > 0 ? errors : undefined;
		}, 40_000);
		const details = await nodeOutputs(client, failed.id);
		expect(JSON.stringify(details.error)).toMatch(/rate limiting/);
		emulator.resetFaults();

		const [recovered] = await waitUntil('the missed event', async () => {
			const list = await successes();
			return list.length > before ? list : undefined;
		}, 40_000);
		const [online] = (await nodeOutputs(client, recovered.id)).output(TRIGGER);
		expect(online).toMatchObject({ event: 'livestream.status.updated', streamStatus: 'online', title: 'During the outage' });
		// One error execution per failed poll; from here on, nothing new.
		expected = (await triggerExecutions()).length;
		await expectNoNewExecutions(2);
		expect(await successes()).toHaveLength(before + 1);
	}, 180_000);

	it('Fetch Test Event returns the current state as samples and changes nothing', async () => {
		const executionId = await client.runManually(workflowId, TRIGGER, 30_000);
		const run = await nodeOutputs(client, executionId);
		const items = run.output(TRIGGER);
		expect(items.map((item) => [item.event, item.isSample])).toEqual([
			['livestream.status.updated', true],
			['livestream.metadata.updated', true],
			['channel.reward.redemption.updated', true],
			['kicks.leaderboard.updated', true],
		]);
		expect(items[0]).toMatchObject({ is_live: true, title: 'During the outage', broadcaster: { username: 'NeonVale' } });
		await expectNoNewExecutions(2);
	}, 90_000);

	it('200 channels cost 4 requests per poll, 50 ids each; the names are resolved once, at publish', async () => {
		const channels = emulator.addChannels(200);
		const bulk = await client.createWorkflow(
			pollingWorkflow(
				'Kick Polling Trigger: 200 channels',
				{ authentication: 'appOAuth2', events: ['livestream.status.updated'], channels: channels.map((channel) => channel.slug).join('\n') },
				{ kickAppOAuth2Api: { id: credentials.app.id, name: credentials.app.name } },
			),
		);
		emulator.clearRequests();
		await client.publish(bulk.id);
		const appRequests = (path: string) => emulator.requests.filter((request) => request.tokenKind === 'app' && request.path === path);
		expect(appRequests('/public/v1/channels').map((request) => (request.query.slug as string[]).length)).toEqual([50, 50, 50, 50]);
		expect(appRequests('/public/v1/users')).toHaveLength(4);

		emulator.clearRequests();
		const requests = await waitUntil('3 polls of the 200 channels', () => {
			const list = appRequests('/public/v1/channels');
			return list.length >= 12 ? list.slice(0, 12) : undefined;
		}, 40_000);
		await client.unpublish(bulk.id);
		// Group the requests into polls: a poll's requests follow each other, polls are 5 s apart.
		const polls: RequestLogEntry[][] = [];
		for (const request of requests) {
			const last = polls[polls.length - 1];
			if (last && request.at - last[last.length - 1].at < 2000) last.push(request);
			else polls.push([request]);
		}
		expect(polls.map((poll) => poll.length)).toEqual([4, 4, 4]);
		for (const poll of polls) {
			expect(poll.map((request) => (request.query.broadcaster_user_id as string[]).length)).toEqual([50, 50, 50, 50]);
			expect(new Set(poll.flatMap((request) => request.query.broadcaster_user_id as string[])).size).toBe(200);
		}
		expect(appRequests('/public/v1/users')).toEqual([]);
		expect(await triggerExecutions(bulk.id)).toEqual([]);
	}, 120_000);
});
