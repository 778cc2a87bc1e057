/**
 * examples/stream-live-to-discord.json in a real n8n, plus the trigger's production behavior
 * around it: subscriptions on publish/unpublish, forged and duplicate deliveries, and a user
 * token that expires mid-run.
 */
import { SEED } from '../emulator';
import type { ImportedExample } from '../harness/examples';
import { streamOfflineEvent, streamOnlineEvent } from '../harness/kickEvents';
import { executionsAfterMarker, expectSuccessfulExecutions, nodeOutputs, publishTriggerExample, setUpE2e, subscriptionsOf, type E2eContext } from './helpers';

const ROLE_ID = '112233445566778899';

describe('example: stream live → Discord announcement', () => {
	let e2e: E2eContext;
	let workflow: ImportedExample;
	let executions = 0;
	const neonvale = () => e2e.emulator.state.channels.find((channel) => channel.broadcasterUserId === SEED.broadcaster.userId)!;

	beforeAll(async () => {
		e2e = await setUpE2e();
		const discord = await e2e.discordCredential('announcements');
		workflow = await publishTriggerExample(e2e, 'stream-live-to-discord', {
			credentials: { kickOAuth2Api: e2e.kick.user, discordWebhookApi: discord },
			setValues: { Settings: { discordRoleId: ROLE_ID } },
		});
	});
	afterAll(async () => {
		await e2e.n8n.unpublish(workflow.id).catch(() => undefined);
		await e2e.close();
	});
	beforeEach(() => {
		e2e.emulator.clearRequests();
		e2e.sink.clear();
	});

	it('publishing subscribed the Kick app to the stream status of the connected channel, once', () => {
		expect(subscriptionsOf(e2e.emulator)).toEqual([`livestream.status.updated@${SEED.broadcaster.userId}`]);
	});

	it('stream online → announcement with role ping, title, category, thumbnail and link', async () => {
		const [delivery] = await e2e.emulator.deliverToSubscribers('livestream.status.updated', SEED.broadcaster.userId, streamOnlineEvent());
		expect(delivery.status).toBe(200);
		const [execution] = await expectSuccessfulExecutions(e2e.n8n, workflow.id, ++executions);
		const run = await nodeOutputs(e2e.n8n, execution.id);
		expect(run.output('Kick Trigger')[0]).toMatchObject({ event: 'livestream.status.updated', streamStatus: 'online', messageId: delivery.messageId });

		const [message] = await e2e.sink.waitFor('announcements', 1);
		expect(message.content).toBe(`<@&${ROLE_ID}> 🔴 **NeonVale** is live on Kick!`);
		const channel = neonvale();
		expect(message.embeds).toEqual([
			expect.objectContaining({
				title: channel.streamTitle,
				url: 'https://kick.com/neonvale',
				description: 'Streaming **Counter-Strike 2** — come hang out!',
				author: { name: 'NeonVale' },
				color: 0x53fc18,
				image: { url: channel.live!.thumbnail },
				thumbnail: { url: expect.stringContaining('files.kick.com/images/user/2841377') },
			}),
		]);
		// The stream details came from Kick with the user's token.
		expect(e2e.emulator.requests.filter((request) => request.path === '/public/v1/channels').map((request) => [request.status, request.tokenKind])).toEqual([[200, 'user']]);
	});

	it('stream offline → follow-up message with the stream length', async () => {
		const [delivery] = await e2e.emulator.deliverToSubscribers('livestream.status.updated', SEED.broadcaster.userId, streamOfflineEvent());
		expect(delivery.status).toBe(200);
		await expectSuccessfulExecutions(e2e.n8n, workflow.id, ++executions);
		const [message] = await e2e.sink.waitFor('announcements', 1);
		expect(message.content).toBe('⚫ **NeonVale** has ended the stream after 4 h 14 min. Thanks for watching! Missed it? https://kick.com/neonvale/videos');
		expect(message.embeds ?? []).toEqual([]);
		expect(e2e.emulator.requests.filter((request) => request.path.startsWith('/public/'))).toEqual([]);
	});

	it('forged, tampered, too late and duplicate deliveries start no execution', async () => {
		const url = workflow.urls['Kick Trigger'];
		const [subscription] = e2e.emulator.state.subscriptions;
		const base = { url, event: 'livestream.status.updated', body: streamOnlineEvent(), subscriptionId: subscription.id };
		expect((await e2e.emulator.deliver({ ...base, tamper: 'signature' })).status).toBe(401);
		expect((await e2e.emulator.deliver({ ...base, tamper: 'body' })).status).toBe(401);
		expect((await e2e.emulator.deliver({ ...base, omitHeaders: ['Kick-Event-Signature'] })).status).toBe(401);
		// Past the Late Delivery Limit (24 h): Kick sent it, so 200, but no run.
		expect((await e2e.emulator.deliver({ ...base, staleSeconds: 25 * 3600 })).status).toBe(200);
		const authentic = await e2e.emulator.deliver(base);
		expect(authentic.status).toBe(200);
		// Kick retries with the same message id: acknowledged, not run again.
		const again = await e2e.emulator.deliver({ ...base, messageId: authentic.messageId, timestamp: authentic.timestamp });
		expect(again.status).toBe(200);

		// A new stream start as the marker: once it ran, the deliveries above would have run too.
		expect((await e2e.emulator.deliver({ ...base, body: streamOnlineEvent() })).status).toBe(200);
		executions += 2;
		expect(await executionsAfterMarker(e2e.n8n, workflow.id, executions)).toHaveLength(executions);
		// The authentic delivery's announcement and the marker's; Discord is posted to inside the executions.
		expect(e2e.sink.messagesFor('announcements')).toHaveLength(2);
	});

	it('a user token that expires mid-run is refreshed by n8n, and the rotated refresh token is used next time', async () => {
		const refreshTokensSent = () =>
			e2e.emulator.requests
				.filter((request) => request.path === '/oauth/token' && (request.body as any)?.grant_type === 'refresh_token')
				.map((request) => (request.body as any).refresh_token as string);

		for (const round of [1, 2]) {
			expect(e2e.emulator.expireAccessTokens({ kind: 'user' })).toBeGreaterThan(0);
			const [delivery] = await e2e.emulator.deliverToSubscribers('livestream.status.updated', SEED.broadcaster.userId, streamOnlineEvent());
			expect(delivery.status).toBe(200);
			await expectSuccessfulExecutions(e2e.n8n, workflow.id, ++executions);
			await e2e.sink.waitFor('announcements', round);
		}
		expect(e2e.emulator.requests.filter((request) => request.path === '/public/v1/channels').map((request) => request.status)).toEqual([401, 200, 401, 200]);
		const [first, second] = refreshTokensSent();
		expect(refreshTokensSent()).toHaveLength(2);
		// The second refresh presented the token Kick rotated in the first: n8n stored it.
		expect(second).not.toBe(first);
		const rotated = e2e.emulator.state.refreshTokens.get(first);
		expect(rotated?.rotatedAt).not.toBeNull();
	});

	it('unpublishing deletes the subscription; Kick deliveries then start nothing', async () => {
		await e2e.n8n.unpublish(workflow.id);
		expect(subscriptionsOf(e2e.emulator)).toEqual([]);
		const url = workflow.urls['Kick Trigger'];
		const late = await e2e.emulator.deliver({ url, event: 'livestream.status.updated', body: streamOnlineEvent() });
		// n8n answered that no webhook is registered there: nothing was started.
		expect(late.status).toBe(404);
		expect(await e2e.n8n.listExecutions(workflow.id)).toHaveLength(executions);
	});
});
