/**
 * The Kick Chat Trigger in a real n8n (its own instance, restarted once) against the
 * emulator's Kick website and live socket: publish → events run the workflow; a dropped
 * socket reconnects and nothing runs twice; each Pusher code class is honored; unpublish
 * closes the socket for good; an n8n restart reconnects (with the ids saved at publish, while
 * the website refuses); the Cloudflare refusal is a clear error and ids entered by hand work;
 * "Listen for test event" gives the next real event, or samples on a quiet channel.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { SEED, startKickEmulator, type KickEmulator } from '../emulator';
import { N8nClient, startN8n } from '../harness';
import type { N8nProcess } from '../harness/n8nProcess';
import { waitUntil } from '../support/wait';

const RID = SEED.broadcaster.chatroomId;
const CHAT_CHANNEL = `chatrooms.${RID}.v2`;
const TRIGGER = 'Kick Chat Trigger';

jest.setTimeout(180_000);

describe('Kick Chat Trigger (real n8n, restarted)', () => {
	let emulator: KickEmulator;
	let n8n: N8nProcess;
	let client: N8nClient;
	let userFolder: string;
	let workflowId: string;

	const connects = () => emulator.pusher.log.filter((entry) => entry.type === 'connect');
	const subscribedNow = () => emulator.pusher.subscriberCount(CHAT_CHANNEL);

	function chatTriggerWorkflow(parameters: Record<string, unknown> = {}, options: Record<string, unknown> = {}) {
		return {
			name: `chat trigger ${randomUUID().slice(0, 8)}`,
			nodes: [
				{
					id: randomUUID(),
					name: TRIGGER,
					type: 'n8n-nodes-kick.kickChatTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						channel: 'https://kick.com/neonvale',
						events: ['chat.message.sent', 'channel.subscription.new', 'channel.subscription.renewal', 'channel.subscription.gifts'],
						filters: {},
						...parameters,
						customEndpoints: true,
						pusherHost: emulator.pusher.url,
						websiteBaseUrl: emulator.url,
						options,
					},
				},
				{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
			],
			connections: { [TRIGGER]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		};
	}

	/** The trigger's output item of every finished execution of the workflow. */
	async function items(id = workflowId): Promise<any[]> {
		const executions = await client.listExecutions(id);
		const all: any[] = [];
		for (const execution of executions.filter((entry) => entry.stoppedAt)) {
			const { data } = await client.getExecution(execution.id);
			for (const entry of data.resultData.runData[TRIGGER][0].data.main[0]) all.push(entry.json);
		}
		return all;
	}

	/**
	 * Waits until `ran(item)` holds for an item of a finished execution, then until every
	 * execution started so far has finished. Frames arrive in order on one socket and n8n saves
	 * an execution when it starts, so once a marker sent last has run, anything sent before it
	 * has run too: counting then proves what did not run, without a sleep.
	 */
	async function settleOn(ran: (item: any) => boolean, what: string, id = workflowId): Promise<any[]> {
		await waitUntil(what, async () => (await items(id)).some(ran));
		await waitUntil('the executions started before it to finish', async () => (await client.listExecutions(id)).every((execution) => execution.stoppedAt));
		return await items(id);
	}

	/** Sends a chat message as a marker and waits until it and everything before it have run. */
	async function settle(id = workflowId): Promise<any[]> {
		const marker = emulator.pusher.kick.chatMessage({ content: `marker ${randomUUID()}` });
		return await settleOn((item) => item.messageId === marker.id, 'the marker message', id);
	}

	/** Waits until the trigger's items (by message id) include every id, then checks none ran twice. */
	async function expectRunOnce(ids: string[], id = workflowId): Promise<any[]> {
		const seen = await settle(id);
		const counts = ids.map((wanted) => [wanted, seen.filter((item) => item.messageId === wanted).length]);
		expect(counts).toEqual(ids.map((wanted) => [wanted, 1]));
		return seen;
	}

	async function activationError(id = workflowId): Promise<string | null> {
		return await client.rest<string | null>('GET', `/active-workflows/error/${id}`);
	}

	beforeAll(async () => {
		emulator = await startKickEmulator();
		n8n = await startN8n({ keepUserFolder: true });
		userFolder = n8n.userFolder;
		client = await N8nClient.login(n8n.baseUrl);
		workflowId = (await client.createWorkflow(chatTriggerWorkflow())).id;
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	beforeEach(() => {
		emulator.resetFaults();
		emulator.pusher.refuseConnections = null;
	});

	/**
	 * Workflows a test publishes for itself. A test that fails before unpublishing its own would
	 * leave a socket that every later test counts, so what it left is unpublished here: one
	 * failure is reported once, not again by each test after it.
	 */
	const ownWorkflows = new Set<string>();
	async function publishOwn(id: string): Promise<void> {
		ownWorkflows.add(id);
		await client.publish(id);
	}
	afterEach(async () => {
		const left = [...ownWorkflows];
		ownWorkflows.clear();
		let unpublished = 0;
		// n8n 2.x says a workflow is published with its active version, 1.x with `active`.
		const published = async (id: string) => {
			const workflow = await client.getWorkflow(id);
			return Boolean(workflow.active) || Boolean(workflow.activeVersionId);
		};
		for (const id of left) {
			if (!(await published(id))) continue;
			await client.unpublish(id);
			unpublished++;
		}
		const mainActive = await published(workflowId);
		if (unpublished > 0 && !mainActive) await waitUntil('the sockets of unpublished workflows to close', () => emulator.pusher.connectionCount() === 0, 15_000);
	});

	it('publish: resolves the ids once, subscribes, and every event runs the workflow once', async () => {
		emulator.clearRequests();
		await client.publish(workflowId);
		await waitUntil('the subscription', () => subscribedNow() === 1);
		expect(emulator.requests.filter((request) => request.path === '/api/v2/channels/neonvale')).toHaveLength(1);
		const subscribed = emulator.pusher.log.filter((entry) => entry.type === 'subscribe').map((entry) => entry.channel);
		expect(subscribed).toEqual([CHAT_CHANNEL, `chatrooms.${RID}`, `chatroom_${RID}`, `channel.${SEED.broadcaster.channelId}`, `channel_${SEED.broadcaster.channelId}`]);

		const first = emulator.pusher.kick.chatMessage({ content: '!discord please' });
		emulator.pusher.duplicateNextFrame = true;
		const second = emulator.pusher.kick.chatMessage({ content: 'sent twice by the socket' });
		const seen = await expectRunOnce([first.id, second.id]);
		expect(seen.find((item) => item.messageId === first.id)).toMatchObject({
			event: 'chat.message.sent',
			source: 'live-socket',
			content: '!discord please',
			sender: { username: 'pixelmoth', user_id: SEED.users.pixelmoth },
			broadcaster: { user_id: SEED.broadcaster.userId, channel_slug: 'neonvale', channel_id: SEED.broadcaster.channelId, chatroom_id: RID },
		});
		expect(emulator.requests.filter((request) => request.path === '/api/v2/channels/neonvale')).toHaveLength(1);

		// One subscription announced on two channels, one gift on three: one execution each. The
		// marker is a later subscription: its group closes after theirs.
		emulator.pusher.kick.subscription({ username: 'mintcondition', months: 1 });
		emulator.pusher.kick.gift({ gifter: 'pixelmoth', giftees: ['sable_fern', 'hexhound'] });
		emulator.pusher.kick.subscription({ username: 'hexhound', months: 1 });
		const all = await settleOn((item) => item.event === 'channel.subscription.new' && item.subscriber?.username === 'hexhound', 'the marker subscription');
		const groups = all.filter((item) => item.event.startsWith('channel.subscription.')).map((item) => `${item.event} ${item.subscriber?.username ?? item.gifter?.username}`);
		expect(groups.sort()).toEqual(['channel.subscription.gifts pixelmoth', 'channel.subscription.new hexhound', 'channel.subscription.new mintcondition']);
	});

	it('the socket drops mid-stream: the trigger reconnects, later messages run once, none twice', async () => {
		const before = emulator.pusher.kick.chatMessage({ content: 'before the drop' });
		await expectRunOnce([before.id]);
		const connectionsBefore = connects().length;
		emulator.pusher.dropConnections();
		await waitUntil('the reconnection', () => connects().length > connectionsBefore && subscribedNow() === 1);
		// The same frame again after the reconnect (as a replaying proxy would send it), then new messages.
		emulator.pusher.send(CHAT_CHANNEL, 'App\\Events\\ChatMessageEvent', before.data);
		const after = [emulator.pusher.kick.chatMessage({ content: 'after 1' }), emulator.pusher.kick.chatMessage({ content: 'after 2' })];
		await expectRunOnce([before.id, ...after.map((message) => message.id)]);
		expect(connects().length).toBe(connectionsBefore + 1);
	});

	it.each([
		['pusher:error 4200 (reconnect at once)', 4200, 'error'],
		['close code 4201 (reconnect at once)', 4201, 'close'],
		['close code 4100 (back off, at least 1 s)', 4100, 'close'],
		['pusher:error 4199 (back off, at least 1 s)', 4199, 'error'],
	] as const)('%s', async (_title, code, how) => {
		await waitUntil('a live connection', () => subscribedNow() === 1);
		const connectionsBefore = connects().length;
		const closedAt = Date.now();
		if (how === 'error') emulator.pusher.sendError(code);
		else emulator.pusher.close(code, 'test');
		// Reconnects back off (up to 60 s) while connections keep ending within 30 s of each other.
		await waitUntil('the reconnection', () => connects().length > connectionsBefore && subscribedNow() === 1, 70_000);
		const reconnectAt = connects()[connectionsBefore].at;
		if (code < 4200) expect(reconnectAt - closedAt).toBeGreaterThanOrEqual(950);
		const message = emulator.pusher.kick.chatMessage({ content: `after ${code}` });
		await expectRunOnce([message.id]);
		expect(connects().length).toBe(connectionsBefore + 1);
		expect(await activationError()).toBeNull();
	});

	it('pusher:error 4001 (do not reconnect): the trigger reports it and does not reconnect by itself', async () => {
		await waitUntil('a live connection', () => subscribedNow() === 1);
		// As when Kick retires its app key: every connection is refused with the same code.
		emulator.pusher.refuseConnections = { code: 4001 };
		const connectionsBefore = connects().length;
		emulator.pusher.sendError(4001);
		await waitUntil('the activation error', async () => /4001/.test((await activationError()) ?? ''), 15_000);
		expect(await activationError()).toMatch(/Kick's live socket refused the connection \(Pusher code 4001/);
		// n8n itself retries activating the workflow with a growing delay (1 s, 2 s, 4 s, …);
		// the trigger adds no reconnects of its own.
		const errorAt = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 4000));
		const attempts = connects().filter((entry) => entry.at >= errorAt - 1000).length;
		expect(connects().length - connectionsBefore).toBeLessThanOrEqual(4);
		expect(attempts).toBeLessThanOrEqual(3);

		// Fixed (e.g. the key corrected): publishing again connects.
		emulator.pusher.refuseConnections = null;
		await client.publish(workflowId);
		await waitUntil('the connection after publishing again', () => subscribedNow() === 1);
		const message = emulator.pusher.kick.chatMessage({ content: 'after the fix' });
		await expectRunOnce([message.id]);
		expect(await activationError()).toBeNull();
	});

	it('the trigger answers silence with a ping and reconnects when no pong comes', async () => {
		await waitUntil('a live connection', () => subscribedNow() === 1);
		// A short activity timeout applies to new connections: force one.
		emulator.pusher.activityTimeoutSeconds = 1;
		let connectionsBefore = connects().length;
		emulator.pusher.sendError(4200);
		await waitUntil('the reconnection', () => connects().length > connectionsBefore && subscribedNow() === 1, 70_000);
		await waitUntil('a ping', () => emulator.pusher.log.some((entry) => entry.type === 'ping' && entry.at > connects()[connects().length - 1].at), 10_000);
		connectionsBefore = connects().length;
		emulator.pusher.ignorePings = true;
		const silentFrom = Date.now();
		await waitUntil('the client giving up', () => emulator.pusher.log.some((entry) => entry.type === 'close' && entry.by === 'client' && entry.at >= silentFrom), 15_000);
		emulator.pusher.ignorePings = false;
		emulator.pusher.activityTimeoutSeconds = 120;
		await waitUntil('the reconnection after the missing pong', () => connects().length > connectionsBefore && subscribedNow() === 1, 70_000);
		const message = emulator.pusher.kick.chatMessage({ content: 'after the pong timeout' });
		await expectRunOnce([message.id]);
	});

	it('n8n restart: reconnects with the ids saved at publish, even while the website refuses', async () => {
		emulator.faults.cloudflare = 'website';
		emulator.clearRequests();
		await n8n.stop();
		await waitUntil('the old socket to close', () => subscribedNow() === 0, 15_000);
		const connectionsBefore = connects().length;
		n8n = await startN8n({ userFolder, port: n8n.port, keepUserFolder: true, tarball: n8n.tarball });
		client = await N8nClient.login(n8n.baseUrl);
		await waitUntil('the reconnection after the restart', () => connects().length > connectionsBefore && subscribedNow() === 1, 60_000);
		expect(emulator.requests.filter((request) => request.path.startsWith('/api/v2/channels/'))).toHaveLength(0);
		const message = emulator.pusher.kick.chatMessage({ content: 'after the restart' });
		await expectRunOnce([message.id]);
	});

	it('unpublish: the socket is closed by the trigger and no new one is opened', async () => {
		await waitUntil('a live connection', () => subscribedNow() === 1);
		const connectionsBefore = connects().length;
		await client.unpublish(workflowId);
		await waitUntil('the socket to close', () => emulator.pusher.connectionCount() === 0, 15_000);
		const close = emulator.pusher.log.filter((entry) => entry.type === 'close').at(-1);
		expect(close).toMatchObject({ by: 'client', code: 1000 });
		const executions = (await client.listExecutions(workflowId)).length;
		// A second published workflow on the same channel is the marker: once it ran the message
		// and a later one, the unpublished workflow would have had its chance.
		const witness = (await client.createWorkflow(chatTriggerWorkflow({ events: ['chat.message.sent'] }))).id;
		await publishOwn(witness);
		await waitUntil('the witness subscription', () => subscribedNow() === 1);
		const unheard = emulator.pusher.kick.chatMessage({ content: 'nobody listens' });
		const witnessed = await settle(witness);
		expect(witnessed.map((item) => item.content)).toContain(unheard.data.content);
		expect(connects().length).toBe(connectionsBefore + 1);
		expect((await client.listExecutions(workflowId)).length).toBe(executions);
		await client.unpublish(witness);
		await waitUntil('the witness socket to close', () => emulator.pusher.connectionCount() === 0, 15_000);
	});

	it('Cloudflare refuses the website lookup: publishing fails with what to do; ids entered by hand work', async () => {
		emulator.faults.cloudflare = 'website';
		const blocked = (await client.createWorkflow(chatTriggerWorkflow({ channel: 'bytebard' }))).id;
		const error = await client.publish(blocked).then(
			() => undefined,
			(thrown: Error) => thrown,
		);
		expect(error?.message).toMatch(/Kick's website refused to look up 'bytebard' from this server \(Cloudflare bot protection\)/);
		expect(emulator.pusher.connectionCount()).toBe(0);

		const manual = (await client.createWorkflow(chatTriggerWorkflow({}, { channelId: String(SEED.broadcaster.channelId), chatroomId: String(RID) }))).id;
		await publishOwn(manual);
		await waitUntil('the subscription with manual ids', () => subscribedNow() === 1);
		const message = emulator.pusher.kick.chatMessage({ content: 'manual ids' });
		const seen = await expectRunOnce([message.id], manual);
		// Executions started together may be listed in either order: find the message by its id.
		expect(seen.find((item) => item.messageId === message.id)).toMatchObject({ content: 'manual ids', broadcaster: { channel_id: SEED.broadcaster.channelId, chatroom_id: RID, channel_slug: 'neonvale' } });
		await client.unpublish(manual);
		await waitUntil('the socket to close', () => emulator.pusher.connectionCount() === 0, 15_000);
	});

	it('"Listen for test event": the next real event, or samples when the channel is quiet', async () => {
		const quiet = (await client.createWorkflow(chatTriggerWorkflow({ events: ['chat.message.sent'] }, { sampleAfterSeconds: 2, channelId: String(SEED.broadcaster.channelId), chatroomId: String(RID) }))).id;
		const sampled = await client.runManually(quiet, TRIGGER, 30_000);
		const sampleRun = await client.getExecution(sampled);
		expect(sampleRun.data.resultData.runData[TRIGGER][0].data.main[0][0].json).toMatchObject({ event: 'chat.message.sent', isSample: true, source: 'live-socket' });

		const live = (await client.createWorkflow(chatTriggerWorkflow({ events: ['chat.message.sent'] }, { sampleAfterSeconds: 0, channelId: String(SEED.broadcaster.channelId), chatroomId: String(RID) }))).id;
		const running = client.runManually(live, TRIGGER, 30_000);
		await waitUntil('the test listener', () => subscribedNow() === 1);
		const message = emulator.pusher.kick.chatMessage({ content: 'real test event' });
		const executionId = await running;
		const run = await client.getExecution(executionId);
		const output = run.data.resultData.runData[TRIGGER][0].data.main[0];
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ messageId: message.id, content: 'real test event' });
		expect(output[0].json.isSample).toBeUndefined();
		await waitUntil('the test listener to close', () => emulator.pusher.connectionCount() === 0, 15_000);
	});
	it('hostile frames: data nested 10,000 deep arrives cut and marked; a channel never subscribed to runs nothing', async () => {
		const hostile = (await client.createWorkflow(chatTriggerWorkflow({ events: ['chat.message.sent', 'socket.unknown'] }))).id;
		await publishOwn(hostile);
		await waitUntil('the subscription', () => subscribedNow() === 1);
		let nested = '1';
		for (let level = 0; level < 10_000; level++) nested = `{"a":${nested}}`;
		const foreign = `chatrooms.${RID + 1}.v2`;
		emulator.pusher.sendPrepared(CHAT_CHANNEL, [
			JSON.stringify({ event: 'App\\Events\\SomethingDeepEvent', channel: CHAT_CHANNEL, data: `{"deep":${nested}}` }),
			JSON.stringify({ event: 'App\\Events\\ChatMessageEvent', channel: foreign, data: JSON.stringify({ ...emulator.pusher.kick.prepareChatMessage({ content: 'from elsewhere' }).data, chatroom_id: RID + 1 }) }),
		]);
		const seen = await settle(hostile);
		expect(seen.filter((item) => item.event === 'socket.unknown').map((item) => [item.socketEvent, item.dataTruncated])).toEqual([['App\\Events\\SomethingDeepEvent', true]]);
		expect(seen.filter((item) => item.content === 'from elsewhere')).toEqual([]);
		expect(emulator.pusher.connectionCount()).toBe(1);
		await client.unpublish(hostile);
		await waitUntil('the socket to close', () => emulator.pusher.connectionCount() === 0, 15_000);
	});
});
