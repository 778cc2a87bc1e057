/**
 * A captured authentic delivery never runs twice within the Late Delivery Limit (real n8n, its
 * own process so it can be restarted): replayed after more than 10,000 other deliveries the
 * trigger had to remember, replayed with rewritten (unsigned) type and subscription headers, and
 * both again after an n8n restart. Every Kick app receives deliveries signed with the same key,
 * so anyone with a Kick app can obtain authentic deliveries for a channel.
 *
 * "Did not run" is shown with a marker: a fresh command sent afterwards; once its execution has
 * finished, an execution of anything sent before it would be there too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { sampleEvent, startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, N8nClient, startN8n, type KickCredentials } from '../harness';
import type { N8nProcess } from '../harness/n8nProcess';
import { chatEvent } from '../load/events';
import { prepareDelivery, runPool, Sender, type SignedRequest } from '../load/http';
import { ExecutionReader, publishKickTrigger, runsOf, type ExecutionRecord, type PublishedWorkflow } from '../load/workflows';

// Lazy isolates: the 10,001 deliveries below take seconds instead of minutes.
const ENV = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

describe('replayed deliveries never run twice (real n8n, restarted)', () => {
	const packaging = require('../../scripts/install-package.js') as { packPackage(options?: { build?: boolean }): string };
	let emulator: KickEmulator;
	let n8nProcess: N8nProcess;
	let n8n: N8nClient;
	let credentials: KickCredentials;
	let userFolder: string;
	let tarball: string;
	const sender = new Sender(8);
	let markers = 0;
	let readers = new Map<string, ExecutionReader>();

	beforeAll(async () => {
		tarball = process.env.KICK_PACKAGE_TARBALL ?? packaging.packPackage({ build: false });
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'kick-n8n-replays-'));
		n8nProcess = await startN8n({ userFolder, keepUserFolder: true, tarball, env: ENV });
		n8n = await N8nClient.login(n8nProcess.baseUrl);
		emulator = await startKickEmulator();
		credentials = await connectKickCredentials(n8n, emulator);
	}, 240_000);

	afterAll(async () => {
		sender.close();
		await n8nProcess?.stop();
		await emulator?.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	});

	async function restart(): Promise<void> {
		await n8nProcess.stop();
		n8nProcess = await startN8n({ userFolder, keepUserFolder: true, tarball, port: n8nProcess.port, env: ENV });
		n8n = await N8nClient.login(n8nProcess.baseUrl);
		readers = new Map();
	}

	async function send(trigger: PublishedWorkflow, delivery: SignedRequest): Promise<number> {
		return (await sender.send(trigger.url, delivery)).status;
	}

	/** Every execution of the trigger's workflow, once a marker sent now has run. */
	async function executionsAfterMarker(trigger: PublishedWorkflow, event: string, body: object): Promise<ExecutionRecord[]> {
		const subscriptionId = trigger.subscriptionIds[event] as string;
		const marker = prepareDelivery(emulator, { event, body, subscriptionId });
		expect(await send(trigger, marker)).toBe(200);
		if (!readers.has(trigger.id)) readers.set(trigger.id, new ExecutionReader(n8n, trigger.id));
		const records = await (readers.get(trigger.id) as ExecutionReader).untilMessage(marker.messageId);
		// In one n8n process a delivery that must not run starts no execution at all (not even one
		// the trigger's first step stops).
		expect(records.filter((record) => record.messageId === undefined).map((record) => `${record.id}: ${record.status}`)).toEqual([]);
		return records;
	}

	const chatMarker = (trigger: PublishedWorkflow) => executionsAfterMarker(trigger, 'chat.message.sent', chatEvent(800_000 + ++markers, true));
	const renewalMarker = (trigger: PublishedWorkflow) =>
		executionsAfterMarker(trigger, 'channel.subscription.renewal', sampleEvent('channel.subscription.renewal', { created_at: new Date(Date.now() + ++markers * 1000).toISOString() }));

	function withHeaders(delivery: SignedRequest, headers: Record<string, string>): SignedRequest {
		return { ...delivery, headers: { ...delivery.headers, ...headers } };
	}

	it('refuses every replay: after other deliveries, with rewritten headers, and after an n8n restart', async () => {
		const chatTrigger = await publishKickTrigger(n8n, emulator, credentials.user, {
			name: 'replays: chat commands',
			events: ['chat.message.sent'],
			filters: { commandPrefix: '!' },
		});
		const chatSubscription = chatTrigger.subscriptionIds['chat.message.sent'] as string;
		const command = prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(1, true), subscriptionId: chatSubscription });
		expect(await send(chatTrigger, command)).toBe(200);
		expect(runsOf(await chatMarker(chatTrigger), [command.messageId])).toEqual({ [command.messageId]: 1 });

		// 1. More than 10,000 other deliveries the trigger must remember (command bodies sent under
		// another type header: not run, but remembered, since a rewrite could make them run), then
		// the replay.
		const others = Array.from({ length: 10_001 }, (_, n) =>
			withHeaders(prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(100 + n, true), subscriptionId: chatSubscription }), { 'Kick-Event-Type': 'kicks.gifted' }),
		);
		const results = await runPool(others.length, 8, async (i) => await sender.send(chatTrigger.url, others[i] as SignedRequest));
		expect(results.flatMap((result, i) => (result?.status === 200 ? [] : [`#${i} ${others[i]?.messageId}: ${result?.status} ${result?.error ?? ''}`]))).toEqual([]);
		expect(await send(chatTrigger, command)).toBe(200);
		// Each of the others, with its type header put back, is a replay too.
		const rewrittenBack = others.slice(0, 20).map((delivery) => withHeaders(delivery, { 'Kick-Event-Type': 'chat.message.sent' }));
		for (const delivery of rewrittenBack) expect(await send(chatTrigger, delivery)).toBe(200);
		const ids = [command.messageId, ...rewrittenBack.map((delivery) => delivery.messageId)];
		expect(runsOf(await chatMarker(chatTrigger), ids)).toEqual({ ...runsOf([], ids), [command.messageId]: 1 });

		// 2. A renewals-only trigger ignores an authentic "new subscription"; resent as a renewal
		// under another subscription id, it is still the same message: not run.
		const renewals = await publishKickTrigger(n8n, emulator, credentials.user, {
			name: 'replays: renewals only',
			events: ['channel.subscription.renewal'],
		});
		const renewalSubscription = renewals.subscriptionIds['channel.subscription.renewal'] as string;
		const newSubscription = prepareDelivery(emulator, { event: 'channel.subscription.new', body: sampleEvent('channel.subscription.new'), subscriptionId: renewalSubscription });
		expect(await send(renewals, newSubscription)).toBe(200);
		const asRenewal = withHeaders(newSubscription, { 'Kick-Event-Type': 'channel.subscription.renewal', 'Kick-Event-Subscription-Id': renewalSubscription });
		expect(await send(renewals, asRenewal)).toBe(200);
		expect(runsOf(await renewalMarker(renewals), [newSubscription.messageId])).toEqual({ [newSubscription.messageId]: 0 });
		// The rewrite works on a delivery the trigger never saw: the memory is what refused it.
		const unseen = prepareDelivery(emulator, { event: 'channel.subscription.new', body: sampleEvent('channel.subscription.new', { created_at: new Date().toISOString() }), subscriptionId: renewalSubscription });
		expect(await send(renewals, withHeaders(unseen, { 'Kick-Event-Type': 'channel.subscription.renewal' }))).toBe(200);
		expect(runsOf(await renewalMarker(renewals), [unseen.messageId])).toEqual({ [unseen.messageId]: 1 });

		// 3. After a restart: the command that ran, a remembered one rewritten back, and the
		// rewritten subscription are not run.
		await restart();
		expect(await send(chatTrigger, command)).toBe(200);
		expect(await send(chatTrigger, rewrittenBack[0] as SignedRequest)).toBe(200);
		expect(await send(renewals, asRenewal)).toBe(200);
		expect(runsOf(await chatMarker(chatTrigger), [command.messageId, (rewrittenBack[0] as SignedRequest).messageId])).toEqual({
			[command.messageId]: 1,
			[(rewrittenBack[0] as SignedRequest).messageId]: 0,
		});
		expect(runsOf(await renewalMarker(renewals), [newSubscription.messageId])).toEqual({ [newSubscription.messageId]: 0 });

		// And new deliveries still run after the restart, once.
		const fresh = prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(99_999, true), subscriptionId: chatSubscription });
		expect(await send(chatTrigger, fresh)).toBe(200);
		expect(await send(chatTrigger, fresh)).toBe(200);
		expect(runsOf(await chatMarker(chatTrigger), [fresh.messageId])).toEqual({ [fresh.messageId]: 1 });

		await n8n.unpublish(chatTrigger.id);
		await n8n.unpublish(renewals.id);
	}, 600_000);
});
