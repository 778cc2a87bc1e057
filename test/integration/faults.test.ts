/**
 * Issue 7, faults: Kick failing while a Kick Trigger workflow is published and unpublished, the
 * webhook public key unreachable or rotated, a revoked refresh token, and n8n restarted in the
 * middle of a delivery burst. Real n8n (the shared one, and for the restart a separate one this
 * file starts and stops), Kick emulator.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { SEED, startKickEmulator, type DeliveryResult, type KickEmulator } from '../emulator';
import { connectKickCredentials, N8nClient, runNode, sharedN8n, startN8n, type KickCredentials } from '../harness';
import { chatMessageEvent } from '../harness/kickEvents';
import { startAnswerDroppingProxy, type AnswerDroppingProxy } from '../load/answerDroppingProxy';
import { chatEvent } from '../load/events';
import { listAllExecutions, publishKickTrigger, readExecutions, waitForCount, type ExecutionRecord, type PublishedWorkflow } from '../load/workflows';

const me = SEED.broadcaster.userId;
const SUBSCRIPTIONS = /^\/public\/v1\/events\/subscriptions$/;
const EVENTS = ['chat.message.sent', 'channel.followed'];

interface Kick {
	emulator: KickEmulator;
	credentials: KickCredentials;
	proxy?: AnswerDroppingProxy;
	close(): Promise<void>;
}

/** A fresh emulator (its own public-key cache entry in n8n, its own subscriptions) and credentials. */
async function freshKick(n8n: N8nClient, options: { proxy?: boolean } = {}): Promise<Kick> {
	const emulator = await startKickEmulator();
	const proxy = options.proxy ? await startAnswerDroppingProxy(emulator.url) : undefined;
	const credentials = await connectKickCredentials(n8n, { url: proxy?.url ?? emulator.url, apps: emulator.apps });
	return {
		emulator,
		credentials,
		proxy,
		close: async () => {
			await proxy?.close();
			await emulator.close();
		},
	};
}

/** The app's subscriptions as `event@broadcaster#id`, sorted. */
const subscriptions = (emulator: KickEmulator) =>
	emulator.state.subscriptions
		.filter((subscription) => subscription.appId === emulator.apps[0].clientId)
		.map((subscription) => ({ id: subscription.id, key: `${subscription.event}@${subscription.broadcasterUserId}` }))
		.sort((a, b) => a.key.localeCompare(b.key));
const keys = (emulator: KickEmulator) => subscriptions(emulator).map((subscription) => subscription.key);
const WANTED = EVENTS.map((event) => `${event}@${me}`).sort();

async function createTriggerWorkflow(n8n: N8nClient, kick: Kick): Promise<{ id: string }> {
	// Created unpublished, so a test can break Kick before the first publish.
	return await n8n.createWorkflow({
		name: `faults ${randomUUID().slice(0, 8)}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Kick Trigger',
				type: 'n8n-nodes-kick.kickTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: randomUUID(),
				credentials: { kickOAuth2Api: { id: kick.credentials.user.id, name: kick.credentials.user.name } },
				parameters: { authentication: 'userOAuth2', events: EVENTS, filters: {}, options: {} },
			},
		],
		connections: {},
	});
}

const publishError = async (n8n: N8nClient, workflowId: string): Promise<string> => {
	try {
		await n8n.publish(workflowId);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('publish succeeded');
};

const isPublished = async (n8n: N8nClient, workflowId: string) => {
	const workflow = await n8n.getWorkflow(workflowId);
	return Boolean(workflow.activeVersionId ?? workflow.active);
};

describe('faults: Kick down or slow around publish and unpublish', () => {
	let n8n: N8nClient;
	let kick: Kick;

	beforeAll(async () => {
		n8n = await sharedN8n();
	});
	afterEach(async () => await kick?.close());

	it('5xx storm during publish: publish fails with a clear message and leaves nothing at Kick; publishing again once Kick is back creates each subscription once', async () => {
		kick = await freshKick(n8n);
		const workflow = await createTriggerWorkflow(n8n, kick);
		kick.emulator.faults.pathFilter = SUBSCRIPTIONS;
		kick.emulator.faults.failStatus = 503;
		kick.emulator.faults.fail5xx = 1000;
		const message = await publishError(n8n, workflow.id);
		expect(message).toMatch(/Kick's API failed \(503\)/);
		// Listing is idempotent: retried a bounded number of times, with backoff, then given up.
		const attempts = kick.emulator.requests.filter((request) => SUBSCRIPTIONS.test(request.path));
		expect(attempts.length).toBeGreaterThan(1);
		expect(attempts.length).toBeLessThanOrEqual(12);
		expect(keys(kick.emulator)).toEqual([]);
		expect(await isPublished(n8n, workflow.id)).toBe(false);

		kick.emulator.resetFaults();
		await n8n.publish(workflow.id);
		expect(keys(kick.emulator)).toEqual(WANTED);
		await n8n.unpublish(workflow.id);
		expect(keys(kick.emulator)).toEqual([]);
	}, 90_000);

	it('429 storm during publish: Retry-After is waited out and publish succeeds, each subscription once', async () => {
		kick = await freshKick(n8n);
		const workflow = await createTriggerWorkflow(n8n, kick);
		kick.emulator.faults.pathFilter = SUBSCRIPTIONS;
		kick.emulator.faults.rateLimitAfter = 0;
		kick.emulator.faults.rateLimitCount = 4;
		kick.emulator.faults.retryAfterSeconds = 1;
		const started = Date.now();
		await n8n.publish(workflow.id);
		expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
		expect(kick.emulator.requests.filter((request) => SUBSCRIPTIONS.test(request.path) && request.status === 429)).toHaveLength(4);
		expect(keys(kick.emulator)).toEqual(WANTED);
		await n8n.unpublish(workflow.id);
		expect(keys(kick.emulator)).toEqual([]);
	}, 60_000);

	it('slow Kick (1.5 s per request) during publish: publish still succeeds', async () => {
		kick = await freshKick(n8n);
		const workflow = await createTriggerWorkflow(n8n, kick);
		kick.emulator.faults.pathFilter = SUBSCRIPTIONS;
		kick.emulator.faults.latencyMs = 1500;
		await n8n.publish(workflow.id);
		expect(keys(kick.emulator)).toEqual(WANTED);
		kick.emulator.resetFaults();
		await n8n.unpublish(workflow.id);
		expect(keys(kick.emulator)).toEqual([]);
	}, 60_000);

	it("Kick created the subscription but its answer was lost: publish fails (a POST is never resent blindly); the next publish adopts it instead of subscribing twice", async () => {
		kick = await freshKick(n8n, { proxy: true });
		const workflow = await createTriggerWorkflow(n8n, kick);
		kick.proxy!.dropAnswers('POST', SUBSCRIPTIONS);
		const message = await publishError(n8n, workflow.id);
		expect(kick.proxy!.dropped).toHaveLength(1);
		expect(message).toMatch(/Kick/);
		// Kick acted on the lost request: the subscriptions exist, and nobody owns them yet.
		const orphans = subscriptions(kick.emulator);
		expect(orphans.map((subscription) => subscription.key)).toEqual(WANTED);

		await n8n.publish(workflow.id);
		const after = subscriptions(kick.emulator);
		expect(after).toEqual(orphans);
		expect(kick.emulator.requests.filter((request) => request.method === 'POST' && SUBSCRIPTIONS.test(request.path))).toHaveLength(1);
		// Adopted means owned: unpublishing removes them.
		await n8n.unpublish(workflow.id);
		expect(keys(kick.emulator)).toEqual([]);
	}, 60_000);

	it('Kick down during unpublish: n8n still unpublishes; the subscriptions left at Kick are adopted by the next publish and removed by the next unpublish', async () => {
		kick = await freshKick(n8n);
		const workflow = await createTriggerWorkflow(n8n, kick);
		await n8n.publish(workflow.id);
		const before = subscriptions(kick.emulator);
		expect(before.map((subscription) => subscription.key)).toEqual(WANTED);

		// Cloudflare's challenge page: not retried, so the test does not wait out a backoff.
		kick.emulator.faults.cloudflare = 'api';
		await n8n.unpublish(workflow.id).catch(() => undefined);
		expect(await isPublished(n8n, workflow.id)).toBe(false);
		expect(subscriptions(kick.emulator)).toEqual(before);

		kick.emulator.resetFaults();
		kick.emulator.clearRequests();
		await n8n.publish(workflow.id);
		expect(subscriptions(kick.emulator)).toEqual(before);
		expect(kick.emulator.requests.filter((request) => request.method === 'POST' && SUBSCRIPTIONS.test(request.path))).toHaveLength(0);
		await n8n.unpublish(workflow.id);
		expect(keys(kick.emulator)).toEqual([]);
	}, 60_000);
});

describe('faults: the webhook public key', () => {
	let n8n: N8nClient;
	let kick: Kick;
	let trigger: PublishedWorkflow | undefined;

	beforeAll(async () => {
		n8n = await sharedN8n();
	});
	afterEach(async () => {
		if (trigger) await n8n.unpublish(trigger.id).catch(() => undefined);
		trigger = undefined;
		await kick?.close();
	});

	const keyFetches = () => kick.emulator.requests.filter((request) => request.path === '/public/v1/public-key');
	const deliverChat = async (count: number, extra: { signWith?: 'current' | 'previous' } = {}): Promise<DeliveryResult[]> =>
		await Promise.all(
			Array.from({ length: count }, async () => {
				const [delivery] = await kick.emulator.deliverToSubscribers('chat.message.sent', me, chatEvent(Math.floor(Math.random() * 1e6), false), extra);
				return delivery as DeliveryResult;
			}),
		);

	it('key fetched once at publish, then the endpoint down: the cached key keeps verifying, with no further fetches', async () => {
		kick = await freshKick(n8n);
		trigger = await publishKickTrigger(n8n, kick.emulator, kick.credentials.user, { events: ['chat.message.sent'] });
		expect(keyFetches()).toHaveLength(1);
		kick.emulator.faults.publicKeyDown = true;
		const deliveries = await deliverChat(5);
		expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200, 200]);
		const records = await readExecutions(n8n, trigger.id, await waitForCount(n8n, trigger.id, 5, 20_000));
		expect(records.map((record) => record.messageId).sort()).toEqual(deliveries.map((delivery) => delivery.messageId).sort());
		expect(keyFetches()).toHaveLength(1);
	}, 60_000);

	it("endpoint down at publish: the trigger falls back to Kick's documented key and says so in n8n's log", async () => {
		kick = await freshKick(n8n);
		kick.emulator.faults.publicKeyDown = true;
		trigger = await publishKickTrigger(n8n, kick.emulator, kick.credentials.user, { events: ['chat.message.sent'] });
		const log = fs.readFileSync(process.env.KICK_N8N_LOG_FILE as string, 'utf8');
		expect(log).toContain(`could not fetch the webhook public key from ${kick.emulator.url}/public/v1/public-key; using Kick's documented key`);
		// The emulator signs with its own key, not Kick's: with Kick's documented key in use its
		// deliveries are refused — which shows the fallback key is the one verifying.
		const [delivery] = await deliverChat(1);
		expect(delivery?.status).toBe(401);
		expect(await listAllExecutions(n8n, trigger.id)).toHaveLength(0);
	}, 60_000);

	it('key rotated mid-run: the first delivery signed with the new key makes the trigger refetch once; no authentic delivery is refused', async () => {
		kick = await freshKick(n8n);
		trigger = await publishKickTrigger(n8n, kick.emulator, kick.credentials.user, { events: ['chat.message.sent'] });
		const before = await deliverChat(3);
		kick.emulator.signer.rotateKey();
		// Concurrent deliveries right after the rotation share one refetch.
		const after = await deliverChat(10);
		const later = await deliverChat(3);
		expect([...before, ...after, ...later].map((delivery) => delivery.status)).toEqual(new Array(16).fill(200));
		expect(keyFetches()).toHaveLength(2);
		const records = await readExecutions(n8n, trigger.id, await waitForCount(n8n, trigger.id, 16, 30_000));
		expect(new Set(records.map((record) => record.messageId)).size).toBe(16);
	}, 60_000);
});

describe('faults: refresh token revoked', () => {
	it('the next Kick node call fails telling the user to reconnect the credential; the app credential keeps working; reconnecting fixes it', async () => {
		const n8n = await sharedN8n();
		const kick = await freshKick(n8n);
		try {
			const get = { authentication: 'userOAuth2', resource: 'channel', operation: 'get', channel: { __rl: true, mode: 'slug', value: 'neonvale' } };
			const ok = await runNode(n8n, { parameters: get, credentials: { kickOAuth2Api: kick.credentials.user } });
			expect(ok.error).toBeUndefined();

			kick.emulator.revokeRefreshTokens();
			kick.emulator.expireAccessTokens();
			const failed = await runNode(n8n, { parameters: get, credentials: { kickOAuth2Api: kick.credentials.user } });
			expect(failed.error).toBeDefined();
			expect(`${failed.error?.message} ${failed.error?.description ?? ''}`).toMatch(/reconnect/i);

			const app = await runNode(n8n, { parameters: { ...get, authentication: 'appOAuth2' }, credentials: { kickAppOAuth2Api: kick.credentials.app } });
			expect(app.error).toBeUndefined();

			await n8n.connectOAuth2(kick.credentials.user);
			const again = await runNode(n8n, { parameters: get, credentials: { kickOAuth2Api: kick.credentials.user } });
			expect(again.error).toBeUndefined();
		} finally {
			await kick.close();
		}
	}, 90_000);
});

describe('faults: n8n restarted in the middle of a delivery burst', () => {
	it('subscriptions are intact afterwards (also when Kick fails during the start); deliveries sent while n8n was down were refused to the sender; every accepted one ran once, none twice', async () => {
		const packaging = require('../../scripts/install-package.js') as { packPackage(options?: { build?: boolean }): string };
		const tarball = process.env.KICK_TARBALL ?? packaging.packPackage({ build: false });
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'kick-n8n-restart-'));
		const quiet = () => undefined;
		let n8nProcess = await startN8n({ userFolder, keepUserFolder: true, tarball, log: quiet });
		const emulator = await startKickEmulator();
		try {
			let n8n = await N8nClient.login(n8nProcess.baseUrl);
			const credentials = await connectKickCredentials(n8n, emulator);
			const trigger = await publishKickTrigger(n8n, emulator, credentials.user, { events: ['chat.message.sent'] });
			const before = subscriptions(emulator);
			expect(before.map((subscription) => subscription.key)).toEqual([`chat.message.sent@${me}`]);

			// A steady stream of chat (one every 25 ms) while n8n is stopped underneath it.
			const results: Array<DeliveryResult & { phase: string }> = [];
			let phase = 'up';
			let sending = true;
			const stream = (async () => {
				for (let i = 0; sending && i < 2000; i++) {
					const at = phase;
					const [delivery] = await emulator.deliverToSubscribers('chat.message.sent', me, chatMessageEvent(emulator, `burst ${i}`), { timeoutMs: 20_000 });
					results.push({ ...(delivery as DeliveryResult), phase: at });
					await new Promise((resolve) => setTimeout(resolve, 25));
				}
			})();
			// Stop n8n once a few deliveries went through (bounded: 20 s).
			for (const until = Date.now() + 20_000; results.filter((result) => result.status === 200).length < 8 && Date.now() < until; ) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			phase = 'stopping';
			await n8nProcess.stop();
			phase = 'down';
			await new Promise((resolve) => setTimeout(resolve, 1500));
			sending = false;
			await stream;

			// n8n starts again while Kick's subscription API is still failing (Cloudflare's challenge):
			// the start-up check fails, n8n keeps the workflow and retries it until Kick is back.
			emulator.clearRequests();
			emulator.faults.pathFilter = SUBSCRIPTIONS;
			emulator.faults.cloudflare = 'api';
			n8nProcess = await startN8n({ userFolder, keepUserFolder: true, tarball, port: n8nProcess.port, log: quiet });
			n8n = await N8nClient.login(n8nProcess.baseUrl);
			const refusedChecks = () => emulator.requests.filter((request) => SUBSCRIPTIONS.test(request.path) && request.status === 403).length;
			for (const until = Date.now() + 30_000; refusedChecks() < 2 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
			expect(refusedChecks()).toBeGreaterThanOrEqual(2);
			expect(subscriptions(emulator)).toEqual(before);
			emulator.resetFaults();
			const activated = () => fs.readFileSync(n8nProcess.logFile, 'utf8').includes(`Activation of workflow "${trigger.name}" (${trigger.id}) was successful`);
			for (const until = Date.now() + 60_000; !activated() && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 250));
			expect(activated()).toBe(true);
			// Still published, same subscriptions (same ids): nothing deleted, nothing re-created.
			expect(subscriptions(emulator)).toEqual(before);
			expect(emulator.requests.filter((request) => request.method !== 'GET' && SUBSCRIPTIONS.test(request.path))).toEqual([]);

			const accepted = results.filter((result) => result.status === 200);
			const failed = results.filter((result) => result.status !== 200);
			const down = results.filter((result) => result.phase === 'down');
			expect(accepted.length).toBeGreaterThanOrEqual(8);
			expect(down.length).toBeGreaterThan(5);
			// While n8n was down the sender saw the connection refused.
			expect(down.filter((result) => !(result.status === 0 && /ECONNREFUSED/.test(result.body))).map((result) => `${result.messageId}: ${result.status} ${result.body.slice(0, 80)}`)).toEqual([]);
			// Every delivery n8n did not accept was reported to the sender as a failure: refused, or
			// (a request caught by n8n's shutdown) n8n's own 5xx — never a 2xx or 4xx that hides it.
			expect(failed.filter((result) => result.status !== 0 && result.status < 500)).toEqual([]);

			// What n8n guarantees across a shutdown: every delivery answered 200 ran exactly once, and
			// successfully. One whose answer was cut by the shutdown (reported to Kick as failed) has
			// at most one execution: n8n may have created it before the connection was cut, and then
			// either ran it or, not yet started, dropped it at shutdown and marked it crashed at the
			// next start. Nothing ran twice, nothing unknown ran.
			const executions = await readExecutions(n8n, trigger.id, await waitForCount(n8n, trigger.id, accepted.length, 30_000));
			const show = (record: ExecutionRecord) => `execution ${record.id} (${record.messageId ?? 'no message id'}): ${record.status}`;
			const of = (messageId: string) => executions.filter((record) => record.messageId === messageId);
			expect(accepted.filter((result) => of(result.messageId).map((record) => record.status).join() !== 'success').map((result) => `${result.messageId}: [${of(result.messageId).map(show).join('; ')}]`)).toEqual([]);
			expect(failed.filter((result) => of(result.messageId).length > 1).map((result) => `${result.messageId} (${result.status}): [${of(result.messageId).map(show).join('; ')}]`)).toEqual([]);
			const sent = new Set(results.map((result) => result.messageId));
			expect(executions.filter((record) => !record.messageId || !sent.has(record.messageId)).map(show)).toEqual([]);
			const acceptedIds = new Set(accepted.map((result) => result.messageId));
			expect(executions.filter((record) => record.status !== 'success' && (acceptedIds.has(record.messageId!) || !['crashed', 'canceled'].includes(record.status))).map(show)).toEqual([]);

			// And after the restart, deliveries run again.
			const [afterRestart] = await emulator.deliverToSubscribers('chat.message.sent', me, chatMessageEvent(emulator, 'back again'));
			expect(afterRestart?.status).toBe(200);
			await waitForCount(n8n, trigger.id, executions.length + 1, 30_000);
			await n8n.unpublish(trigger.id);
			expect(subscriptions(emulator)).toEqual([]);
		} finally {
			await n8nProcess.stop();
			await emulator.close();
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
	}, 300_000);
});
