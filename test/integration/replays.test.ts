/**
 * A captured authentic delivery never runs twice within Max Event Age (real n8n, its own
 * process so it can be restarted): replayed after an n8n restart, replayed after more other
 * deliveries than the old fixed-size memory held, and replayed with rewritten (unsigned) type and
 * subscription headers — also across a restart. Every Kick app receives deliveries signed with
 * the same key, so anyone with a Kick app can obtain authentic deliveries for a channel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { sampleEvent, startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, N8nClient, startN8n, type KickCredentials } from '../harness';
import type { N8nProcess } from '../harness/n8nProcess';
import { chatEvent } from '../load/events';
import { prepareDelivery, runPool, Sender, type SignedRequest } from '../load/http';
import { listAllExecutions, publishKickTrigger, waitForCount, type PublishedWorkflow } from '../load/workflows';

// Lazy isolates: the 10,001 filtered deliveries below take seconds instead of minutes.
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
	}

	async function send(trigger: PublishedWorkflow, delivery: SignedRequest): Promise<number> {
		return (await sender.send(trigger.url, delivery)).status;
	}

	/** Executions of the workflow, after giving n8n a moment to start any it would, labeled for the failure message. */
	async function settledCount(trigger: PublishedWorkflow, step: string): Promise<{ step: string; executions: number }> {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		return { step, executions: (await listAllExecutions(n8n, trigger.id)).length };
	}

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
		await waitForCount(n8n, chatTrigger.id, 1, 30_000);

		// 2. More other deliveries than the memory used to hold (10,000), then the replay.
		const others = Array.from({ length: 10_001 }, (_, n) => prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(100 + n, false), subscriptionId: chatSubscription }));
		const statuses = await runPool(others.length, 8, async (i) => await send(chatTrigger, others[i] as SignedRequest));
		expect(statuses.every((status) => status === 200)).toBe(true);
		expect(await send(chatTrigger, command)).toBe(200);
		expect(await settledCount(chatTrigger, 'replay after 10,001 others')).toEqual({ step: 'replay after 10,001 others', executions: 1 });

		// 3. A renewals-only trigger ignores an authentic "new subscription"; resent as a renewal
		// under another subscription id, it is still the same message: refused.
		const renewals = await publishKickTrigger(n8n, emulator, credentials.user, {
			name: 'replays: renewals only',
			events: ['channel.subscription.renewal'],
		});
		const renewalSubscription = renewals.subscriptionIds['channel.subscription.renewal'] as string;
		const newSubscription = prepareDelivery(emulator, { event: 'channel.subscription.new', body: sampleEvent('channel.subscription.new'), subscriptionId: renewalSubscription });
		expect(await send(renewals, newSubscription)).toBe(200);
		const asRenewal = withHeaders(newSubscription, { 'Kick-Event-Type': 'channel.subscription.renewal', 'Kick-Event-Subscription-Id': renewalSubscription });
		expect(await send(renewals, asRenewal)).toBe(200);
		expect(await settledCount(renewals, 'rewritten headers')).toEqual({ step: 'rewritten headers', executions: 0 });
		// The rewrite works on a delivery the trigger never saw: the check above is what refused it.
		const unseen = prepareDelivery(emulator, { event: 'channel.subscription.new', body: sampleEvent('channel.subscription.new', { created_at: new Date().toISOString() }), subscriptionId: renewalSubscription });
		expect(await send(renewals, withHeaders(unseen, { 'Kick-Event-Type': 'channel.subscription.renewal' }))).toBe(200);
		await waitForCount(n8n, renewals.id, 1, 30_000);

		// 1. After a restart: the command that ran, and the rewritten subscription, are refused.
		await restart();
		expect(await send(chatTrigger, command)).toBe(200);
		expect(await send(renewals, asRenewal)).toBe(200);
		expect(await settledCount(chatTrigger, 'replay after restart')).toEqual({ step: 'replay after restart', executions: 1 });
		expect(await settledCount(renewals, 'rewritten headers after restart')).toEqual({ step: 'rewritten headers after restart', executions: 1 });

		// And new deliveries still run after the restart.
		const fresh = prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(99_999, true), subscriptionId: chatSubscription });
		expect(await send(chatTrigger, fresh)).toBe(200);
		await waitForCount(n8n, chatTrigger.id, 2, 30_000);
		expect(await send(chatTrigger, fresh)).toBe(200);
		expect(await settledCount(chatTrigger, 'fresh replayed')).toEqual({ step: 'fresh replayed', executions: 2 });

		await n8n.unpublish(chatTrigger.id);
		await n8n.unpublish(renewals.id);
	}, 600_000);
});
