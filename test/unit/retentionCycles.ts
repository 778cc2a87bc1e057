/**
 * The cycles of test/unit/retention.test.ts, in a process of their own so that the heap holds
 * nothing but what the triggers keep (a test runner's process also holds what earlier test
 * files left, collected whenever the garbage collector gets to it). Prints the counts as JSON.
 * Run with --expose-gc.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { IDataObject, IHookFunctions, IPollFunctions, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';
import { WebSocket as WsClient } from 'ws';

import { KickChatTrigger } from '../../nodes/Kick/KickChatTrigger.node';
import { KickPollingTrigger } from '../../nodes/Kick/KickPollingTrigger.node';
import { KickTrigger } from '../../nodes/Kick/KickTrigger.node';
import { SEED, startKickEmulator, type KickEmulator } from '../emulator';
import { fakeN8nContext } from '../support/n8nContext';
import { waitUntil } from '../support/wait';
import { fixture, makeKeys, signedDelivery } from './webhook/helpers';

const CYCLES = 1_000;
const WARM_UP = 50;

/** The classes a trigger's state is made of in a process. */
const STATE = ['WorkflowRecord', 'WebhookRuntime', 'SocketRuntime', 'SeenMemory', 'GroupBuffer'];

/** How many objects of each state class the process holds, after a full garbage collection. */
function retainedState(): Record<string, number> {
	(globalThis as unknown as { gc: () => void }).gc();
	const file = writeHeapSnapshot(path.join(os.tmpdir(), `kick-retention-${process.pid}.heapsnapshot`));
	const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
	fs.rmSync(file);
	const fields = snapshot.snapshot.meta.node_fields;
	const [type, name] = [fields.indexOf('type'), fields.indexOf('name')];
	const objectType = snapshot.snapshot.meta.node_types[0].indexOf('object');
	const counts: Record<string, number> = Object.fromEntries(STATE.map((cls) => [cls, 0]));
	for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
		const cls = snapshot.strings[snapshot.nodes[i + name] as number] as string;
		if (snapshot.nodes[i + type] === objectType && cls in counts) counts[cls] = (counts[cls] as number) + 1;
	}
	return counts;
}

/**
 * The state retained after the warm-up, and after the rest of the cycles. The emulator's own
 * logs of what it was sent are emptied each cycle: they are not the product's.
 */
async function retainedAcross(cycle: (n: number) => Promise<void>): Promise<{ start: Record<string, number>; end: Record<string, number> }> {
	const run = async (n: number) => {
		await cycle(n);
		kick.clearRequests();
		kick.pusher.clearLog();
	};
	for (let n = 0; n < WARM_UP; n++) await run(n);
	const start = retainedState();
	for (let n = WARM_UP; n < CYCLES; n++) await run(n);
	return { start, end: retainedState() };
}

let kick: KickEmulator;
const keys = makeKeys();

/** The Kick Trigger: published, three deliveries that run, unpublished. */
function kickTriggerCycle(): (n: number) => Promise<void> {
	const trigger = new KickTrigger();
	const methods = trigger.webhookMethods.default;
	return async (n) => {
		const options = {
			emulator: kick,
			node: { id: 'kick-trigger', name: 'Kick Trigger', type: 'n8n-nodes-kick.kickTrigger' },
			parameters: { authentication: 'userOAuth2', events: ['chat.message.sent'], filters: {}, options: { deduplicateAcrossTriggers: true } },
			staticData: {} as IDataObject,
			workflowId: `wf-retention-kick-${n}`,
		};
		const hook = () => fakeN8nContext({ ...options, mode: 'trigger', activation: 'activate' }).context as IHookFunctions;
		if (!(await methods.checkExists.call(hook()))) await methods.create.call(hook());
		const subscriptionId = (options.staticData.subscriptionIds as string[])[0];
		for (let i = 0; i < 3; i++) {
			const delivery = signedDelivery(keys, { ...fixture('chat.message.sent'), message_id: `${n}-${i}` }, { subscriptionId });
			const request = { method: 'POST' as const, headers: delivery.headers, rawBody: delivery.rawBody };
			const result = await trigger.webhook.call(fakeN8nContext({ ...options, mode: 'webhook', request }).context as IWebhookFunctions);
			if (!result.workflowData) throw new Error(`cycle ${n}: delivery ${i} started no run`);
		}
		await methods.delete.call(hook());
	};
}

/** The Kick Chat Trigger: started, a chat message that runs, closed. */
function chatTriggerCycle(): (n: number) => Promise<void> {
	const trigger = new KickChatTrigger();
	const channel = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;
	return async (n) => {
		const fake = fakeN8nContext({
			emulator: kick,
			node: { id: 'chat-trigger', name: 'Kick Chat Trigger', type: 'n8n-nodes-kick.kickChatTrigger' },
			parameters: { channel: 'neonvale', events: ['chat.message.sent'], filters: {}, customEndpoints: true, pusherHost: kick.pusher.url, websiteBaseUrl: kick.url, options: {} },
			mode: 'trigger',
			staticData: {},
			workflowId: `wf-retention-chat-${n}`,
		});
		const { closeFunction } = await trigger.trigger.call(fake.context as ITriggerFunctions);
		kick.pusher.kick.chatMessage({ content: `message ${n}` });
		await waitUntil('the chat message to run', () => fake.emitted.length === 1, { timeoutMs: 5_000, everyMs: 5 });
		await closeFunction?.();
		await waitUntil('the socket to close', () => kick.pusher.subscriberCount(channel) === 0, { timeoutMs: 5_000, everyMs: 5 });
	};
}

/** The Kick Polling Trigger: a poll that records, a stream change, a poll that runs the workflow. */
function pollingTriggerCycle(): (n: number) => Promise<void> {
	const trigger = new KickPollingTrigger();
	return async (n) => {
		const staticData: IDataObject = {};
		const poll = async () => {
			const fake = fakeN8nContext({
				emulator: kick,
				node: { id: 'poll-trigger', name: 'Kick Polling Trigger', type: 'n8n-nodes-kick.kickPollingTrigger' },
				parameters: { authentication: 'appOAuth2', events: ['livestream.status.updated'], channels: 'pixelmoth', filters: {} },
				mode: 'trigger',
				activation: 'init',
				staticData,
				workflowId: `wf-retention-poll-${n}`,
			});
			return await trigger.poll.call(fake.context as IPollFunctions);
		};
		await poll();
		if (n % 2 === 0) kick.startStream(SEED.users.pixelmoth);
		else kick.endStream(SEED.users.pixelmoth);
		if ((await poll()) === null) throw new Error(`cycle ${n}: the stream change started no run`);
	};
}

async function main(): Promise<void> {
	kick = await startKickEmulator();
	kick.signer.useKeyPair(keys.privateKey, keys.publicPem);
	(globalThis as Record<string, unknown>).WebSocket = WsClient;
	const cycles = [kickTriggerCycle(), chatTriggerCycle(), pollingTriggerCycle()];
	const counts = await retainedAcross(async (n) => {
		for (const cycle of cycles) await cycle(n);
	});
	await kick.close();
	process.stdout.write(`${JSON.stringify({ cycles: CYCLES, ...counts })}\n`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	},
);
