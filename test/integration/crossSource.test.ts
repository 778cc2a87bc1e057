/**
 * One event, one run, from whichever Kick source sees it first (real n8n, its own instance,
 * restarted once): a workflow with a Kick Trigger, a Kick Polling Trigger and a Kick Chat
 * Trigger, against the emulator playing one Kick event on all three sources, each copy with its
 * own fate (sent, lost, or held back on Kick's clock).
 *
 * "Nothing else ran" is shown with markers: for the poll, two later polls (a poll emits what it
 * saw before the next begins); for the socket, a chat message only the socket carries (frames
 * arrive in order); a webhook delivery is decided when its answer arrives, and the answer says
 * when another trigger already ran the event.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { SEED, startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, N8nClient, startN8n, type KickCredentials } from '../harness';
import type { N8nProcess } from '../harness/n8nProcess';
import { EVERY_5_SECONDS } from '../harness/polling';
import { waitUntil } from '../support/wait';

const NEONVALE = SEED.broadcaster.userId;
const KICK = 'Kick Trigger';
const POLL = 'Kick Polling Trigger';
const CHAT = 'Kick Chat Trigger';
const TRIGGERS = [KICK, POLL, CHAT];
const MINUTE = 60_000;
const ALREADY_RAN = 'already run by another Kick trigger';

interface Run {
	trigger: string;
	source: string;
	event: string;
	eventId: string;
	messageId: string;
	message_id?: string;
	started_at?: string;
	streamStatus?: string;
}

jest.setTimeout(240_000);

describe('one event, one run, from whichever Kick trigger sees it first (real n8n, restarted)', () => {
	let emulator: KickEmulator;
	let n8n: N8nProcess;
	let client: N8nClient;
	let credentials: KickCredentials;
	let userFolder: string;
	let workflowId = '';
	/** Runs read so far, by execution id (an execution's output never changes once it finished). */
	const read = new Map<string, Run[]>();

	function workflow(chatOptions: Record<string, unknown>) {
		const credential = { kickOAuth2Api: { id: credentials.user.id, name: credentials.user.name } };
		const webhookId = randomUUID();
		const node = (name: string, type: string, x: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
			id: randomUUID(),
			name,
			type,
			typeVersion: 1,
			position: [x, 0],
			parameters,
			...extra,
		});
		return {
			webhookId,
			body: {
				name: `one event, one run ${webhookId.slice(0, 8)}`,
				nodes: [
					node(KICK, 'n8n-nodes-kick.kickTrigger', 0, { authentication: 'userOAuth2', events: ['chat.message.sent', 'livestream.status.updated'], filters: {}, options: {} }, { webhookId, credentials: credential, typeVersion: 1.1 }),
					node(POLL, 'n8n-nodes-kick.kickPollingTrigger', 0, { authentication: 'userOAuth2', events: ['livestream.status.updated'], pollTimes: EVERY_5_SECONDS }, { credentials: credential }),
					node(CHAT, 'n8n-nodes-kick.kickChatTrigger', 0, {
						channel: 'neonvale',
						events: ['chat.message.sent', 'livestream.status.updated'],
						filters: {},
						customEndpoints: true,
						pusherHost: emulator.pusher.url,
						websiteBaseUrl: emulator.url,
						options: chatOptions,
					}),
					node('Done', 'n8n-nodes-base.noOp', 220, {}),
				],
				connections: Object.fromEntries(TRIGGERS.map((name) => [name, { main: [[{ node: 'Done', type: 'main', index: 0 }]] }])),
			},
		};
	}

	async function publish(chatOptions: Record<string, unknown> = {}): Promise<void> {
		if (workflowId) await client.unpublish(workflowId);
		const { webhookId, body } = workflow(chatOptions);
		workflowId = (await client.createWorkflow(body)).id;
		read.clear();
		await client.publish(workflowId);
		emulator.apps[0].webhookUrl = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
	}

	/** Every finished run of the workflow: which trigger ran it, and its item. */
	async function runs(): Promise<Run[]> {
		const executions = (await client.listExecutions(workflowId)).filter((execution) => execution.stoppedAt);
		for (const execution of executions) {
			if (read.has(execution.id)) continue;
			const { data } = await client.getExecution(execution.id);
			const runData = data.resultData.runData as Record<string, Array<{ data?: { main: Array<Array<{ json: any }>> } }>>;
			const items: Run[] = [];
			for (const trigger of TRIGGERS) {
				for (const entry of runData[trigger]?.[0]?.data?.main[0] ?? []) items.push({ trigger, ...entry.json });
			}
			read.set(execution.id, items);
		}
		return [...read.values()].flat();
	}

	const userPolls = () => emulator.requests.filter((request) => request.path === '/public/v1/channels' && request.tokenKind === 'user' && request.status === 200).length;

	/** Waits for `count` polls to complete after now, then for every execution to finish. */
	async function afterPolls(count = 2): Promise<Run[]> {
		const start = userPolls();
		await waitUntil(`${count} polls`, () => (userPolls() >= start + count ? true : undefined), 20_000 + count * 10_000);
		await waitUntil('every execution to finish', async () => (await client.listExecutions(workflowId)).every((execution) => execution.stoppedAt));
		return await runs();
	}

	async function waitForRun(what: string, matches: (run: Run) => boolean): Promise<Run[]> {
		return await waitUntil(what, async () => ((await runs()).some(matches) ? runs() : undefined), 60_000);
	}

	/** A chat message only the socket carries: once it ran, every frame sent before it was handled. */
	async function socketMarker(): Promise<Run[]> {
		const marker = await emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content: `marker ${randomUUID()}`, senderUserId: SEED.users.quietorbit }, { webhook: 'lost' });
		await waitForRun('the socket marker', (run) => run.message_id === marker.messageId);
		await waitUntil('every execution to finish', async () => (await client.listExecutions(workflowId)).every((execution) => execution.stoppedAt));
		return await runs();
	}

	const streamRuns = (all: Run[], startedAt: string, status: 'online' | 'offline') =>
		all.filter((run) => run.event === 'livestream.status.updated' && run.started_at === startedAt && run.streamStatus === status);

	/** Ends NeonVale's stream where only the poll sees it, and waits for the poll to run it. */
	async function offlineOnPollOnly(): Promise<void> {
		const startedAt = emulator.state.channels.find((channel) => channel.broadcasterUserId === NEONVALE)?.live?.startedAt as string;
		await emulator.sources.streamEnd(NEONVALE, { webhook: 'lost', socket: 'lost' });
		await waitForRun('the poll to see the stream end', (run) => run.trigger === POLL && run.streamStatus === 'offline' && run.started_at === startedAt);
	}

	beforeAll(async () => {
		emulator = await startKickEmulator();
		n8n = await startN8n({ keepUserFolder: true });
		userFolder = n8n.userFolder;
		client = await N8nClient.login(n8n.baseUrl);
		credentials = await connectKickCredentials(client, emulator);
		await publish();
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	afterEach(() => emulator.webhooks.clock.reset());

	it('the webhook copy lost: the poll announces the stream, once', async () => {
		await offlineOnPollOnly();
		const { live } = await emulator.sources.streamStart(NEONVALE, { title: 'poll only' }, { webhook: 'lost', socket: 'lost' });
		await waitForRun('the poll to announce the stream', (run) => run.started_at === live.startedAt && run.streamStatus === 'online');
		const online = streamRuns(await afterPolls(), live.startedAt, 'online');
		expect(online.map((run) => run.trigger)).toEqual([POLL]);
	});

	it('the webhook copy first: it runs, and the poll drops its own copy', async () => {
		await offlineOnPollOnly();
		const { live, deliveries } = await emulator.sources.streamStart(NEONVALE, { title: 'webhook first' }, { socket: 'lost' });
		expect(deliveries.map((delivery) => [delivery.status, delivery.body])).toEqual([[200, expect.not.stringContaining(ALREADY_RAN)]]);
		const online = streamRuns(await afterPolls(), live.startedAt, 'online');
		expect(online.map((run) => run.trigger)).toEqual([KICK]);
	});

	it('the webhook copy ten minutes late, after the poll ran the event: acknowledged, not run', async () => {
		await offlineOnPollOnly();
		// The stream starts at Kick ten minutes before its delivery leaves.
		emulator.webhooks.clock.set(Date.now() - 10 * MINUTE);
		const { live } = await emulator.sources.streamStart(NEONVALE, { title: 'late webhook' }, { webhook: { delayMs: 10 * MINUTE }, socket: 'lost' });
		await waitForRun('the poll to announce the stream', (run) => run.started_at === live.startedAt && run.streamStatus === 'online');
		const late = await emulator.webhooks.advance(10 * MINUTE);
		expect(late.map((delivery) => [delivery.status, delivery.body])).toEqual([[200, expect.stringContaining(ALREADY_RAN)]]);
		const online = streamRuns(await afterPolls(), live.startedAt, 'online');
		expect(online.map((run) => run.trigger)).toEqual([POLL]);
	});

	it('an n8n restart between the two copies: the event still runs once, and a webhook delivery that ran is still a replay', async () => {
		await offlineOnPollOnly();
		// A chat message only the webhook carries runs; the poll then runs the workflow again, and n8n
		// saves the workflow's static data as its main process holds it.
		const chat = await emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content: 'before the restart', senderUserId: SEED.users.hexhound }, { socket: 'lost' });
		await waitForRun('the chat message', (run) => run.message_id === chat.messageId);
		emulator.webhooks.clock.set(Date.now() - 10 * MINUTE);
		const { live } = await emulator.sources.streamStart(NEONVALE, { title: 'restart between copies' }, { webhook: { delayMs: 10 * MINUTE }, socket: 'lost' });
		await waitForRun('the poll to announce the stream', (run) => run.started_at === live.startedAt && run.streamStatus === 'online');

		await n8n.stop();
		n8n = await startN8n({ userFolder, port: n8n.port, keepUserFolder: true, tarball: n8n.tarball });
		client = await N8nClient.login(n8n.baseUrl);

		const late = await emulator.webhooks.advance(10 * MINUTE);
		expect(late.map((delivery) => [delivery.status, delivery.body])).toEqual([[200, expect.stringContaining(ALREADY_RAN)]]);
		const online = streamRuns(await afterPolls(), live.startedAt, 'online');
		expect(online.map((run) => run.trigger)).toEqual([POLL]);
		emulator.webhooks.clock.reset();
		const [ran] = chat.deliveries;
		const replay = await emulator.deliver({ url: emulator.apps[0].webhookUrl as string, event: 'chat.message.sent', body: ran.rawBody, messageId: ran.messageId, timestamp: ran.timestamp, subscriptionId: ran.subscriptionId });
		expect([replay.status, replay.body]).toEqual([200, expect.stringContaining('duplicate delivery')]);
		const all = await socketMarker();
		expect(all.filter((run) => run.message_id === chat.messageId).map((run) => run.trigger)).toEqual([KICK]);
	});

	it('the socket down while webhooks flow: each chat message runs once, from the webhook', async () => {
		const sent = [];
		for (let i = 0; i < 5; i += 1) {
			sent.push(await emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content: `socket down ${i}`, senderUserId: SEED.users.hexhound }, { socket: 'lost' }));
		}
		const all = await socketMarker();
		expect(sent.map((message) => all.filter((run) => run.message_id === message.messageId).map((run) => run.trigger))).toEqual(sent.map(() => [KICK]));
	});

	it('both sources up: each chat message runs once, whichever copy came first', async () => {
		const sent = [];
		for (let i = 0; i < 20; i += 1) {
			sent.push(await emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content: `both up ${i}`, senderUserId: SEED.users.hexhound }));
		}
		const all = await socketMarker();
		const counts = sent.map((message) => all.filter((run) => run.message_id === message.messageId).length);
		expect(counts).toEqual(sent.map(() => 1));
	});

	describe('Hold for Kick Trigger', () => {
		beforeAll(async () => {
			await publish({ holdForKickTriggerSeconds: 3 });
		});

		it("runs the Kick Trigger's copy when it comes within the hold, though the socket's came first", async () => {
			const sent = [];
			for (let i = 0; i < 5; i += 1) {
				const message = await emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content: `held ${i}`, senderUserId: SEED.users.hexhound }, { webhook: { delayMs: 1_000 } });
				sent.push(message);
			}
			// The webhook copies leave a second (of Kick's clock) after the socket's, all at once.
			await emulator.webhooks.advance(1_000);
			const all = await socketMarker();
			expect(sent.map((message) => all.filter((run) => run.message_id === message.messageId).map((run) => run.trigger))).toEqual(sent.map(() => [KICK]));
		});

		it("runs the socket's copy when the Kick Trigger's never comes, after the hold", async () => {
			const sentAt = Date.now();
			const message = await emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content: 'webhook lost', senderUserId: SEED.users.hexhound }, { webhook: 'lost' });
			await waitForRun('the held copy', (entry) => entry.message_id === message.messageId);
			const executions = await client.listExecutions(workflowId);
			const held = executions
				.map((execution) => ({ execution, items: read.get(execution.id) ?? [] }))
				.filter(({ items }) => items.some((item) => item.message_id === message.messageId));
			expect(held.map(({ items }) => items.map((item) => [item.trigger, item.source]))).toEqual([[[CHAT, 'live-socket']]]);
			// It waited for the Kick Trigger's copy first.
			expect(Date.parse(String(held[0].execution.startedAt)) - sentAt).toBeGreaterThanOrEqual(3_000);
		});
	});
});
