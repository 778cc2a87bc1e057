/**
 * With n8n's `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`, n8n takes an expression isolate only when
 * an expression is evaluated. The Kick Trigger at its current version (1.1) needs none for a
 * delivery, whether the delivery is filtered out or runs the workflow; at version 1, n8n itself
 * evaluates one expression per request (its Webhook-v1 `binaryData` rule), which this test also
 * shows, so the counter it reads is proven to count. Counted with n8n's own metric
 * `expression.pool.acquired` on its /metrics endpoint.
 */
import { startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, N8nClient, startN8n, type KickCredentials } from '../harness';
import type { N8nProcess } from '../harness/n8nProcess';
import { chatEvent } from '../load/events';
import { prepareDelivery, Sender } from '../load/http';
import { publishKickTrigger, waitForCount, type PublishedWorkflow } from '../load/workflows';

async function isolatesAcquired(baseUrl: string): Promise<number> {
	const text = await (await fetch(`${baseUrl}/metrics`)).text();
	const line = text.split('\n').find((entry) => /^n8n_expression_pool_acquired_total(\{[^}]*\})? /.test(entry));
	if (!line) throw new Error('n8n does not report n8n_expression_pool_acquired_total (metrics off?)');
	return Number(line.split(' ').pop());
}

describe('expression isolates per Kick delivery (real n8n, lazy acquire)', () => {
	let emulator: KickEmulator;
	let n8nProcess: N8nProcess;
	let n8n: N8nClient;
	let credentials: KickCredentials;
	const sender = new Sender(4);

	beforeAll(async () => {
		n8nProcess = await startN8n({ env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', N8N_METRICS: 'true' } });
		n8n = await N8nClient.login(n8nProcess.baseUrl);
		emulator = await startKickEmulator();
		credentials = await connectKickCredentials(n8n, emulator);
	}, 240_000);

	afterAll(async () => {
		sender.close();
		await n8nProcess?.stop();
		await emulator?.close();
	});

	/** Sends `count` chat deliveries (commands or not) and returns the isolates n8n took meanwhile. */
	async function isolatesFor(trigger: PublishedWorkflow, count: number, command: boolean, from: number): Promise<number> {
		const subscriptionId = trigger.subscriptionIds['chat.message.sent'] as string;
		const before = await isolatesAcquired(n8nProcess.baseUrl);
		for (let n = 0; n < count; n++) {
			const delivery = prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(from + n, command), subscriptionId });
			expect((await sender.send(trigger.url, delivery)).status).toBe(200);
		}
		if (command) await waitForCount(n8n, trigger.id, count, 60_000);
		return (await isolatesAcquired(n8nProcess.baseUrl)) - before;
	}

	it('version 1.1: no isolate for a filtered delivery, none for one that runs the workflow', async () => {
		const trigger = await publishKickTrigger(n8n, emulator, credentials.user, { events: ['chat.message.sent'], filters: { commandPrefix: '!' } });
		try {
			expect(await isolatesFor(trigger, 20, false, 0)).toBe(0);
			expect(await isolatesFor(trigger, 5, true, 100)).toBe(0);
		} finally {
			await n8n.unpublish(trigger.id);
		}
	});

	it('version 1 (saved before 1.1): n8n takes one isolate per request, before the trigger runs', async () => {
		const trigger = await publishKickTrigger(n8n, emulator, credentials.user, { events: ['chat.message.sent'], filters: { commandPrefix: '!' }, typeVersion: 1 });
		try {
			expect(await isolatesFor(trigger, 20, false, 200)).toBe(20);
		} finally {
			await n8n.unpublish(trigger.id);
		}
	});
});
