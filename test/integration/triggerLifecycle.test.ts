/**
 * The Kick Trigger's subscription lifecycle in a real n8n, against the emulator: publish
 * creates exactly what is missing and adopts an identical existing subscription; publishing
 * again never duplicates; a restart keeps everything working; a subscription Kick dropped comes
 * back at the next publish; unpublish removes exactly the trigger's own subscriptions, also
 * after the account disconnected the Kick app (with an app token of the same app, KickDevDocs#347),
 * and when even that fails, unpublishing completes and n8n's log names what is left.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { sampleEvent, SEED, startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, N8nClient, startN8n, type KickCredentials } from '../harness';
import type { N8nProcess } from '../harness/n8nProcess';

const SUBSCRIPTIONS = '/public/v1/events/subscriptions';

describe('Kick Trigger subscription lifecycle (real n8n, restarted)', () => {
	let emulator: KickEmulator;
	let n8n: N8nProcess;
	let client: N8nClient;
	let credentials: KickCredentials;
	let userFolder: string;
	let workflowId: string;
	let foreignSubscriptionId: string;
	const own = () => emulator.state.subscriptions.filter((s) => s.appId === SEED.app.clientId && s.broadcasterUserId === SEED.broadcaster.userId);
	const names = () => own().map((s) => s.event).sort();

	async function restartN8n(): Promise<void> {
		await n8n.stop();
		n8n = await startN8n({ userFolder, port: n8n.port, keepUserFolder: true, tarball: n8n.tarball });
		client = await N8nClient.login(n8n.baseUrl);
	}

	beforeAll(async () => {
		emulator = await startKickEmulator();
		n8n = await startN8n({ keepUserFolder: true });
		userFolder = n8n.userFolder;
		client = await N8nClient.login(n8n.baseUrl);
		credentials = await connectKickCredentials(client, emulator);

		// Someone (another tool using the same Kick app) already subscribed to chat messages.
		const token = emulator.issueUserToken({ userId: SEED.broadcaster.userId }).access_token;
		const created = await fetch(`${emulator.url}${SUBSCRIPTIONS}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ events: [{ name: 'chat.message.sent', version: 1 }], method: 'webhook' }),
		});
		foreignSubscriptionId = ((await created.json()) as any).data[0].subscription_id;
		emulator.clearRequests();

		const webhookId = randomUUID();
		emulator.apps[0].webhookUrl = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
		const workflow = await client.createWorkflow({
			nodes: [
				{
					id: randomUUID(),
					name: 'Kick Trigger',
					type: 'n8n-nodes-kick.kickTrigger',
					// Version 1, as workflows saved before 1.1 have it: it must keep working.
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { authentication: 'userOAuth2', events: ['chat.message.sent', 'livestream.status.updated'] },
					credentials: { kickOAuth2Api: { id: credentials.user.id, name: credentials.user.name } },
				},
				{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
			],
			connections: { 'Kick Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		});
		workflowId = workflow.id;
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	});

	it('publish creates only the missing subscription and adopts the identical existing one', async () => {
		await client.publish(workflowId);
		expect(names()).toEqual(['chat.message.sent', 'livestream.status.updated']);
		expect(own().map((s) => s.id)).toContain(foreignSubscriptionId);
		const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path === SUBSCRIPTIONS);
		expect(posts).toHaveLength(1);
		expect((posts[0].body as any).events).toEqual([{ name: 'livestream.status.updated', version: 1 }]);
		expect(posts[0].tokenKind).toBe('user');
	});

	it('after an n8n restart the subscriptions are intact and events still run', async () => {
		emulator.clearRequests();
		await restartN8n();
		expect(names()).toEqual(['chat.message.sent', 'livestream.status.updated']);
		expect(emulator.requests.filter((r) => r.method === 'POST' && r.path === SUBSCRIPTIONS)).toHaveLength(0);
		const before = (await client.listExecutions(workflowId)).length;
		const [delivery] = await emulator.deliverToSubscribers('livestream.status.updated', SEED.broadcaster.userId, sampleEvent('livestream.status.updated'));
		expect(delivery.status).toBe(200);
		await client.waitForExecutions(workflowId, before + 1);
	}, 120_000);

	it('publishing the published workflow again leaves exactly one subscription per event', async () => {
		await client.publish(workflowId);
		await client.publish(workflowId);
		expect(names()).toEqual(['chat.message.sent', 'livestream.status.updated']);
	});

	it('a subscription Kick dropped is recreated when the workflow is published again', async () => {
		const dropped = own().find((s) => s.event === 'livestream.status.updated')!;
		emulator.state.subscriptions = emulator.state.subscriptions.filter((s) => s.id !== dropped.id);
		expect(names()).toEqual(['chat.message.sent']);
		await client.publish(workflowId);
		expect(names()).toEqual(['chat.message.sent', 'livestream.status.updated']);
	});

	it('unpublish deletes exactly the subscriptions the trigger owns', async () => {
		// A subscription for another event, made by someone else, must survive.
		const token = emulator.issueUserToken({ userId: SEED.broadcaster.userId }).access_token;
		await fetch(`${emulator.url}${SUBSCRIPTIONS}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ events: [{ name: 'channel.followed', version: 1 }], method: 'webhook' }),
		});
		await client.unpublish(workflowId);
		expect(names()).toEqual(['channel.followed']);
	});

	it('after the account disconnected the Kick app, unpublish deletes the subscriptions with an app token of the same app', async () => {
		await client.publish(workflowId);
		const ours = own()
			.filter((s) => s.event !== 'channel.followed')
			.map((s) => s.id);
		expect(ours).toHaveLength(2);
		emulator.disconnectApp(SEED.broadcaster.userId);
		emulator.clearRequests();
		await client.unpublish(workflowId);
		expect(names()).toEqual(['channel.followed']);
		// The user token was refused; the app token (minted from the credential's client ID and secret) deleted them.
		const deletes = emulator.requests.filter((request) => request.method === 'DELETE' && request.path === SUBSCRIPTIONS);
		expect(deletes.map((request) => [request.tokenKind, request.status])).toContainEqual(['app', 204]);
		expect(fs.readFileSync(n8n.logFile, 'utf8')).toMatch(/the Kick account refused .*; deleted its 2 event subscription\(s\) with an app token of the same Kick app instead/);
		// The account connects again, for the next test.
		await client.connectOAuth2(credentials.user);
	});

	it('when even the app token is refused, unpublishing completes and the log says which subscriptions remain and how to remove them', async () => {
		await client.publish(workflowId);
		const ours = own()
			.filter((s) => s.event !== 'channel.followed')
			.map((s) => s.id)
			.sort();
		emulator.disconnectApp(SEED.broadcaster.userId);
		// Kick's OAuth server refuses the app's client credentials too (e.g. the secret was reset).
		const app = emulator.apps[0]!;
		const secret = app.clientSecret;
		app.clientSecret = 'reset-on-kick';
		try {
			await client.unpublish(workflowId);
		} finally {
			app.clientSecret = secret;
		}
		expect((await client.getWorkflow(workflowId)).activeVersionId ?? null).toBeNull();
		expect(own().map((s) => s.id).filter((id) => ours.includes(id)).sort()).toEqual(ours);
		const log = fs.readFileSync(n8n.logFile, 'utf8');
		const line = log.split('\n').find((entry) => entry.includes('could not delete 2 Kick event subscription(s) while unpublishing')) ?? '';
		expect(line).toMatch(/Event Subscription → Delete, with a Kick App OAuth2 API credential of the same Kick app/);
		for (const id of ours) expect(line).toContain(id);
	});
});
