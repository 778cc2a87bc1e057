/**
 * n8n's queue mode (./../harness/queueMode.ts: PostgreSQL, Redis, a main process, two webhook
 * processes behind a round-robin load balancer, a worker), with this package installed in every
 * process. What must hold when a big channel outgrows one n8n process:
 * - publishing on main creates the Kick subscriptions once, not once per process; unpublishing
 *   removes them;
 * - deliveries through the load balancer run on the worker, each exactly once, whichever webhook
 *   process took them; filtered, duplicate and forged ones are answered by the webhook processes
 *   without an execution;
 * - the same delivery (or another subscription's copy of the event) reaching both webhook
 *   processes at once runs the workflow once;
 * - the live-socket and polling triggers run once, on main, not once per process;
 * - a worker restart in the middle of a burst loses no accepted delivery;
 * - with a Kick Trigger and a Kick Chat Trigger in one workflow, a webhook copy of an event the
 *   Chat Trigger (on main) already ran is dropped by the webhook process that gets it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { SEED, startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, N8nClient, type KickCredentials } from '../harness';
import { EVERY_5_SECONDS } from '../harness/polling';
import { startQueueTopology, type QueueTopology } from '../harness/queueMode';
import { chatEvent } from '../load/events';
import { prepareDelivery, runPool, Sender, type SignedRequest } from '../load/http';
import { listAllExecutions, publishKickTrigger, type PublishedWorkflow } from '../load/workflows';
import { waitUntil } from '../support/wait';

jest.setTimeout(240_000);

const me = SEED.broadcaster.userId;

describe('queue mode: main, two webhook processes behind a load balancer, a worker (PostgreSQL, Redis)', () => {
	let topology: QueueTopology;
	let n8n: N8nClient;
	let emulator: KickEmulator;
	let credentials: KickCredentials;
	let trigger: PublishedWorkflow;
	const sender = new Sender(8);

	beforeAll(async () => {
		topology = await startQueueTopology({ webhookProcesses: 2 });
		n8n = await N8nClient.login(topology.main.baseUrl);
		emulator = await startKickEmulator();
		credentials = await connectKickCredentials(n8n, emulator);
	}, 300_000);

	afterAll(async () => {
		sender.close();
		await topology?.stop();
		await emulator?.close();
	});

	/** The workflow's item at the trigger and whether it went on, for every finished execution. */
	async function runs(workflow: PublishedWorkflow): Promise<Array<{ id: string; messageIds: string[]; wentOn: boolean }>> {
		const out: Array<{ id: string; messageIds: string[]; wentOn: boolean }> = [];
		for (const execution of await listAllExecutions(n8n, workflow.id)) {
			if (!execution.stoppedAt) continue;
			const { data } = await n8n.getExecution(execution.id);
			const triggerItems = data.resultData.runData['Kick Trigger']?.[0]?.data?.main?.[0] ?? [];
			out.push({ id: execution.id, messageIds: triggerItems.map((item: { json: { messageId: string } }) => item.json.messageId), wentOn: Boolean(data.resultData.runData.Done) });
		}
		return out;
	}

	/** How many times each message id reached the node after the trigger. */
	async function downstreamCounts(workflow: PublishedWorkflow): Promise<Map<string, number>> {
		const counts = new Map<string, number>();
		for (const run of await runs(workflow)) {
			if (!run.wentOn) continue;
			for (const id of run.messageIds) counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		return counts;
	}

	/**
	 * Sends a chat command through the load balancer and waits until it ran and every execution
	 * started before it finished: a delivery answered before the marker was sent would have run
	 * by then, so what is counted afterwards proves what did not run, without a sleep.
	 */
	let markers = 0;
	async function afterMarker(): Promise<{ counts: Map<string, number>; markerId: string }> {
		const subscriptionId = trigger.subscriptionIds['chat.message.sent'] as string;
		const marker = prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(9000 + markers++, true), subscriptionId });
		expect((await sender.send(trigger.url, marker)).status).toBe(200);
		await waitUntil('the marker delivery to run', async () => (await downstreamCounts(trigger)).get(marker.messageId) === 1 || undefined, { timeoutMs: 60_000, everyMs: 250 });
		await waitUntil('the executions started before it to finish', async () => (await listAllExecutions(n8n, trigger.id)).every((execution) => execution.stoppedAt) || undefined, { timeoutMs: 60_000, everyMs: 250 });
		return { counts: await downstreamCounts(trigger), markerId: marker.messageId };
	}

	const workerStarted = () => (fs.readFileSync(topology.worker.logFile, 'utf8').match(/Worker started execution/g) ?? []).length;

	it('publishing on main creates the subscriptions once, and the trigger shows the load balancer as its production URL', async () => {
		emulator.clearRequests();
		trigger = await publishKickTrigger(n8n, emulator, credentials.user, { events: ['chat.message.sent', 'channel.subscription.new'], filters: { commandPrefix: '!' } });
		trigger = { ...trigger, url: trigger.url.replace(topology.main.baseUrl, topology.webhookBaseUrl) };
		const subscriptions = emulator.state.subscriptions.filter((subscription) => subscription.broadcasterUserId === me);
		expect(subscriptions.map((subscription) => subscription.event).sort()).toEqual(['channel.subscription.new', 'chat.message.sent']);
		expect(emulator.requests.filter((request) => request.method === 'POST' && request.path === '/public/v1/events/subscriptions')).toHaveLength(1);
		// Only main registered the trigger (webhook processes and the worker do not create subscriptions).
		for (const process of [...topology.webhooks, topology.worker]) expect(fs.readFileSync(process.logFile, 'utf8')).not.toMatch(/Activation of workflow/);
	});

	it('deliveries through the load balancer run on the worker, each exactly once', async () => {
		const subscriptionId = trigger.subscriptionIds['chat.message.sent'] as string;
		const deliveries = Array.from({ length: 40 }, (_, n) => prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(n, true), subscriptionId }));
		const before = [...topology.proxy.forwarded];
		const workerBefore = workerStarted();
		const results = await runPool(deliveries.length, 8, async (i) => await sender.send(trigger.url, deliveries[i] as SignedRequest));
		expect(results.flatMap((result, i) => (result?.status === 200 ? [] : [`${deliveries[i]?.messageId}: ${result?.status} ${result?.error ?? ''}`]))).toEqual([]);
		// Both webhook processes took their share.
		expect(topology.proxy.forwarded.map((count, i) => count - (before[i] ?? 0)).filter((count) => count < 10)).toEqual([]);
		await waitUntil('40 executions', async () => (await runs(trigger)).filter((run) => run.wentOn).length >= 40 || undefined, { timeoutMs: 60_000, everyMs: 250 });
		const counts = await downstreamCounts(trigger);
		expect(deliveries.filter((delivery) => counts.get(delivery.messageId) !== 1).map((delivery) => delivery.messageId)).toEqual([]);
		expect(workerStarted() - workerBefore).toBeGreaterThanOrEqual(40);
	});

	it('filtered, duplicate and forged deliveries are answered by the webhook processes without an execution', async () => {
		const subscriptionId = trigger.subscriptionIds['chat.message.sent'] as string;
		const executionsBefore = (await listAllExecutions(n8n, trigger.id)).length;
		const chat = prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(500, false), subscriptionId });
		// Tampered: the same length, another word (the signature no longer matches).
		const forged = { ...chat, body: chat.body.replace('just chatting', 'just CHATTING') };
		// Each several times: the load balancer sends the copies to both webhook processes.
		const answers = [];
		for (const delivery of [chat, chat, chat, forged, forged]) answers.push((await sender.send(trigger.url, delivery)).status);
		expect(answers).toEqual([200, 200, 200, 401, 401]);
		await afterMarker();
		// The marker's execution only.
		expect((await listAllExecutions(n8n, trigger.id)).length).toBe(executionsBefore + 1);
	});

	it('a delivery that ran, resent to both webhook processes, runs no more', async () => {
		const subscriptionId = trigger.subscriptionIds['chat.message.sent'] as string;
		const delivery = prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(600, true), subscriptionId });
		expect((await sender.send(trigger.url, delivery)).status).toBe(200);
		await waitUntil('its execution', async () => (await downstreamCounts(trigger)).get(delivery.messageId) === 1 || undefined, { timeoutMs: 60_000, everyMs: 250 });
		for (const webhook of topology.webhooks) expect((await sender.send(trigger.url.replace(topology.webhookBaseUrl, webhook.baseUrl), delivery)).status).toBe(200);
		const { counts } = await afterMarker();
		expect(counts.get(delivery.messageId)).toBe(1);
	});

	it('the same delivery, or another subscription\'s copy of the event, reaching both webhook processes at once runs the workflow once', async () => {
		const subscriptionId = trigger.subscriptionIds['chat.message.sent'] as string;
		const direct = topology.webhooks.map((webhook) => trigger.url.replace(topology.webhookBaseUrl, webhook.baseUrl));
		const sameIds: string[] = [];
		const copies: Array<[string, string]> = [];
		for (let round = 0; round < 10; round++) {
			const delivery = prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(700 + round, true), subscriptionId });
			sameIds.push(delivery.messageId);
			const statuses = await Promise.all(direct.map(async (url) => (await sender.send(url, delivery)).status));
			expect(statuses).toEqual([200, 200]);
			// A duplicate subscription: the same body under a new message id.
			const body = chatEvent(800 + round, true);
			const first = prepareDelivery(emulator, { event: 'chat.message.sent', body, subscriptionId });
			const second = prepareDelivery(emulator, { event: 'chat.message.sent', body: first.body, subscriptionId });
			copies.push([first.messageId, second.messageId]);
			await Promise.all([sender.send(direct[0] as string, first), sender.send(direct[1] as string, second)]);
		}
		await waitUntil('the rounds to run', async () => {
			const counts = await downstreamCounts(trigger);
			return (sameIds.every((id) => counts.has(id)) && copies.every(([a, b]) => counts.has(a) || counts.has(b))) || undefined;
		}, { timeoutMs: 60_000, everyMs: 250 });
		const { counts } = await afterMarker();
		expect(sameIds.filter((id) => counts.get(id) !== 1)).toEqual([]);
		expect(copies.filter(([a, b]) => (counts.get(a) ?? 0) + (counts.get(b) ?? 0) !== 1)).toEqual([]);
	});

	it('a worker restart in the middle of a burst loses no accepted delivery', async () => {
		const subscriptionId = trigger.subscriptionIds['chat.message.sent'] as string;
		const deliveries = Array.from({ length: 60 }, (_, n) => prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(1000 + n, true), subscriptionId }));
		const accepted: string[] = [];
		let restarted: Promise<void> | undefined;
		await runPool(deliveries.length, 4, async (i) => {
			const delivery = deliveries[i] as SignedRequest;
			if (i === 20) restarted = topology.restartWorker();
			const { status } = await sender.send(trigger.url, delivery);
			if (status === 200) accepted.push(delivery.messageId);
			await new Promise((resolve) => setTimeout(resolve, 50));
		});
		await restarted;
		expect(accepted).toHaveLength(deliveries.length);
		await waitUntil('every accepted delivery to run', async () => {
			const counts = await downstreamCounts(trigger);
			return accepted.every((id) => counts.has(id)) || undefined;
		}, { timeoutMs: 120_000, everyMs: 250 });
		const counts = await downstreamCounts(trigger);
		expect(accepted.filter((id) => counts.get(id) !== 1)).toEqual([]);
	});

	it('the live-socket and polling triggers run once, on main', async () => {
		const chat = await n8n.createWorkflow({
			name: 'queue: chat trigger',
			nodes: [
				{
					id: randomUUID(),
					name: 'Kick Chat Trigger',
					type: 'n8n-nodes-kick.kickChatTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { channel: 'neonvale', events: ['chat.message.sent'], filters: {}, customEndpoints: true, pusherHost: emulator.pusher.url, websiteBaseUrl: emulator.url },
				},
				{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
			],
			connections: { 'Kick Chat Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		});
		const polling = await n8n.createWorkflow({
			name: 'queue: polling trigger',
			nodes: [
				{
					id: randomUUID(),
					name: 'Kick Polling Trigger',
					type: 'n8n-nodes-kick.kickPollingTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: EVERY_5_SECONDS, authentication: 'appOAuth2', channels: 'neonvale', events: ['livestream.status.updated'] },
					credentials: { kickAppOAuth2Api: { id: credentials.app.id, name: credentials.app.name } },
				},
				{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
			],
			connections: { 'Kick Polling Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		});
		emulator.endStream(me);
		const connectsBefore = emulator.pusher.log.filter((entry) => entry.type === 'connect').length;
		await n8n.publish(chat.id);
		await n8n.publish(polling.id);
		const channel = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;
		await waitUntil('the chat subscription', () => emulator.pusher.subscriberCount(channel) === 1 || undefined, { timeoutMs: 60_000, everyMs: 250 });
		const polls = () => emulator.requests.filter((request) => request.path === '/public/v1/channels' && request.tokenKind === 'app' && request.status === 200).length;
		const pollsBefore = polls();
		await waitUntil('a poll', () => polls() > pollsBefore || undefined, { timeoutMs: 60_000, everyMs: 250 });

		const message = emulator.pusher.kick.chatMessage({ content: 'one socket only' });
		emulator.startStream(me, { title: 'queue mode' });
		await waitUntil('both executions', async () => ((await n8n.listExecutions(chat.id)).length >= 1 && (await n8n.listExecutions(polling.id)).length >= 1) || undefined, { timeoutMs: 60_000, everyMs: 250 });
		// Markers instead of a wait: a second chat message has run (so a second socket's copy of the
		// first would have too), and two more polls came (a second poller's copy of the stream
		// start would have run by then).
		const pollTimes = () => emulator.requests.filter((request) => request.path === '/public/v1/channels' && request.tokenKind === 'app' && request.status === 200).map((request) => request.at);
		const pollsAtEvent = polls();
		const marker = emulator.pusher.kick.chatMessage({ content: 'the marker' });
		await waitUntil('the marker message', async () => ((await n8n.listExecutions(chat.id)).filter((execution) => execution.stoppedAt).length >= 2) || undefined, { timeoutMs: 60_000, everyMs: 250 });
		await waitUntil('two more polls', () => polls() >= pollsAtEvent + 2 || undefined, 30_000);
		await waitUntil('the executions to finish', async () => (await n8n.listExecutions(polling.id)).every((execution) => execution.stoppedAt) || undefined, { timeoutMs: 60_000, everyMs: 250 });
		expect(emulator.pusher.subscriberCount(channel)).toBe(1);
		expect(emulator.pusher.log.filter((entry) => entry.type === 'connect').length - connectsBefore).toBe(1);
		expect(await n8n.listExecutions(chat.id)).toHaveLength(2);
		expect(await n8n.listExecutions(polling.id)).toHaveLength(1);
		// One poller: polls 5 s apart, not one per process at the same second.
		const [previous, last] = pollTimes().slice(-2) as [number, number];
		expect(last - previous).toBeGreaterThanOrEqual(4000);
		const chatMessages = [];
		for (const execution of await n8n.listExecutions(chat.id)) {
			const { data } = await n8n.getExecution(execution.id);
			chatMessages.push(data.resultData.runData['Kick Chat Trigger'][0].data.main[0][0].json.messageId);
		}
		expect(chatMessages.sort()).toEqual([message.id, marker.id].sort());
		await n8n.unpublish(chat.id);
		await n8n.unpublish(polling.id);
	});

	it('unpublishing on main removes the subscriptions', async () => {
		await n8n.unpublish(trigger.id);
		expect(emulator.state.subscriptions.filter((subscription) => subscription.broadcasterUserId === me)).toEqual([]);
	});

	it('a Kick Trigger and a Kick Chat Trigger in one workflow: the webhook copy of a message the socket ran on main is dropped by the webhook process', async () => {
		const webhookId = randomUUID();
		const workflow = await n8n.createWorkflow({
			name: 'queue: two Kick triggers',
			nodes: [
				{
					id: randomUUID(),
					name: 'Kick Trigger',
					type: 'n8n-nodes-kick.kickTrigger',
					typeVersion: 1.1,
					position: [0, 0],
					webhookId,
					credentials: { kickOAuth2Api: { id: credentials.user.id, name: credentials.user.name } },
					parameters: { authentication: 'userOAuth2', events: ['chat.message.sent'], filters: {}, options: {} },
				},
				{
					id: randomUUID(),
					name: 'Kick Chat Trigger',
					type: 'n8n-nodes-kick.kickChatTrigger',
					typeVersion: 1,
					position: [0, 200],
					parameters: { channel: 'neonvale', events: ['chat.message.sent'], filters: {}, customEndpoints: true, pusherHost: emulator.pusher.url, websiteBaseUrl: emulator.url },
				},
				{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
			],
			connections: {
				'Kick Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
				'Kick Chat Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
			},
		});
		await n8n.publish(workflow.id);
		emulator.apps[0].webhookUrl = `${topology.webhookBaseUrl}/webhook/${webhookId}/webhook`;
		const channel = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;
		await waitUntil('the chat subscription', () => emulator.pusher.subscriberCount(channel) === 1 || undefined, { timeoutMs: 60_000, everyMs: 250 });

		// The socket's copy runs first (on main, which saves what ran with it); Kick's webhook copy leaves a second later.
		const message = await emulator.sources.chatMessage({ broadcasterUserId: me, content: 'socket first', senderUserId: SEED.users.quietorbit }, { webhook: { delayMs: 1_000 } });
		await waitUntil('the socket copy to run', async () => (await n8n.listExecutions(workflow.id)).some((execution) => execution.stoppedAt) || undefined, { timeoutMs: 60_000, everyMs: 250 });
		const webhookCopies = await emulator.webhooks.advance(1_000);
		emulator.webhooks.clock.reset();
		expect(webhookCopies.map((delivery) => [delivery.status, delivery.body])).toEqual([[200, expect.stringContaining('already run by another Kick trigger')]]);

		// A marker only the webhook carries: once it ran, the webhook copy above would have run too.
		const marker = await emulator.sources.chatMessage({ broadcasterUserId: me, content: 'webhook marker', senderUserId: SEED.users.quietorbit }, { socket: 'lost' });
		expect(marker.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		await waitUntil('the marker to run', async () => ((await n8n.listExecutions(workflow.id)).filter((execution) => execution.stoppedAt).length >= 2) || undefined, { timeoutMs: 60_000, everyMs: 250 });
		await waitUntil('every execution to finish', async () => (await n8n.listExecutions(workflow.id)).every((execution) => execution.stoppedAt) || undefined, { timeoutMs: 60_000, everyMs: 250 });
		const ran: string[] = [];
		for (const execution of await n8n.listExecutions(workflow.id)) {
			const { data } = await n8n.getExecution(execution.id);
			for (const node of ['Kick Trigger', 'Kick Chat Trigger']) {
				for (const item of data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []) ran.push(`${node}: ${String(item.json.message_id)}`);
			}
		}
		expect(ran.sort()).toEqual([`Kick Chat Trigger: ${message.messageId}`, `Kick Trigger: ${marker.messageId}`].sort());
		await n8n.unpublish(workflow.id);
	});
});
