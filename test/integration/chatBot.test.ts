/**
 * The chat bot's rules in a real n8n (its own process, so it can be restarted and its clock
 * moved), in the Kick Trigger and the Kick Chat Trigger, against the emulator playing Kick's
 * webhook and live socket: who may run a command (Only From, Command Rules, the sender's badges,
 * the broadcaster without one), cooldowns (a burst within the cooldown, a restart within it, one
 * command that came by webhook and by socket), first words over two streams, and Filters that
 * cannot work refused before publishing.
 *
 * "Nothing else ran" is shown with a marker: a command sent last that runs. Frames arrive in
 * order on one socket and webhook deliveries are answered one after the other, so once the
 * marker ran and every execution finished, anything sent before it had its chance.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

import { SEED, startKickEmulator, type KickEmulator } from '../emulator';
import type { CopyFates } from '../emulator/sources';
import type { ChatBadge } from '../emulator/pusherEvents';
import { connectKickCredentials, N8nClient, startN8n, type KickCredentials } from '../harness';
import { ShiftedClock } from '../harness/clock';
import type { N8nProcess } from '../harness/n8nProcess';
import { waitUntil } from '../support/wait';

const NEONVALE = SEED.broadcaster.userId;
const CHAT_CHANNEL = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;
const KICK = 'Kick Trigger';
const CHAT = 'Kick Chat Trigger';
const SECOND = 1000;
const ENV = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };
const MODERATOR: ChatBadge[] = [{ type: 'moderator', text: 'Moderator' }];
const ON_COOLDOWN = 'Received; command on cooldown, not run';
const FILTERED = 'Received; filtered out';
const ALREADY_RAN = 'already run by another Kick trigger';

/** `!title` for the broadcaster and moderators; `!socials` once per 10 minutes; every other command once per viewer per 10 minutes; `!marker` always. */
const BOT_FILTERS = {
	commandPrefix: '!',
	viewerCooldownSeconds: 600,
	commandRules: {
		rule: [
			{ commands: 'title', onlyFrom: ['broadcaster', 'moderator'] },
			{ commands: 'socials', cooldownSeconds: 600 },
			{ commands: 'marker' },
		],
	},
};

type Kind = 'kick' | 'chat';

interface Run {
	trigger: string;
	event: string;
	source: string;
	message_id?: string;
	content?: string;
	command?: string | null;
	commandArgs?: string[];
	commandArgsText?: string;
	firstMessageInStream?: boolean;
	senderBadges?: string[];
}

jest.setTimeout(300_000);

describe('chat bot rules in both chat triggers (real n8n, restarted, its clock moved)', () => {
	let emulator: KickEmulator;
	let n8nProcess: N8nProcess;
	let client: N8nClient;
	let credentials: KickCredentials;
	let clock: ShiftedClock;
	let userFolder: string;
	let shiftMs = 0;
	const published: string[] = [];
	/** Ten viewers besides the seeded users. */
	const viewers = Array.from({ length: 10 }, (_, i) => 70_000_100 + i);

	beforeAll(async () => {
		clock = new ShiftedClock();
		emulator = await startKickEmulator();
		for (const [i, userId] of viewers.entries()) {
			emulator.state.users.push({ userId, username: `viewer_${i}`, email: `viewer_${i}@example.com`, profilePicture: '', isVerified: false, bio: '' });
		}
		n8nProcess = await startN8n({ keepUserFolder: true, env: { ...ENV, ...clock.env() } });
		userFolder = n8nProcess.userFolder;
		client = await N8nClient.login(n8nProcess.baseUrl);
		credentials = await connectKickCredentials(client, emulator);
	}, 300_000);

	afterAll(async () => {
		await n8nProcess?.stop();
		await emulator?.close();
		clock?.dispose();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	afterEach(async () => {
		for (const id of published.splice(0)) await client.unpublish(id).catch(() => undefined);
		await waitUntil('the sockets of unpublished workflows to close', () => emulator.pusher.connectionCount() === 0, 15_000);
		emulator.webhooks.clock.reset();
	});

	/** Moves n8n's clock `ms` further ahead, and Kick's with it. */
	async function advance(ms: number): Promise<void> {
		shiftMs += ms;
		await clock.shift(shiftMs, n8nProcess.baseUrl);
		emulator.webhooks.clock.set(clock.now());
	}

	async function restart(): Promise<void> {
		await n8nProcess.stop();
		n8nProcess = await startN8n({ userFolder, keepUserFolder: true, port: n8nProcess.port, tarball: n8nProcess.tarball, env: { ...ENV, ...clock.env() } });
		client = await N8nClient.login(n8nProcess.baseUrl);
	}

	function node(name: string, type: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
		return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
	}

	/** Publishes a workflow whose triggers (one or both) run `Done`, and points Kick's webhooks and socket at it. */
	async function publish(kinds: Kind[], filters: Record<string, unknown>, events: string[] = ['chat.message.sent']): Promise<string> {
		const webhookId = randomUUID();
		const nodes = [];
		if (kinds.includes('kick')) {
			nodes.push(
				node(KICK, 'n8n-nodes-kick.kickTrigger', { authentication: 'userOAuth2', events, filters, options: {} }, {
					webhookId,
					typeVersion: 1.1,
					credentials: { kickOAuth2Api: { id: credentials.user.id, name: credentials.user.name } },
				}),
			);
		}
		if (kinds.includes('chat')) {
			nodes.push(node(CHAT, 'n8n-nodes-kick.kickChatTrigger', { channel: 'neonvale', events: ['chat.message.sent'], filters, customEndpoints: true, pusherHost: emulator.pusher.url, websiteBaseUrl: emulator.url }));
		}
		nodes.push(node('Done', 'n8n-nodes-base.noOp', {}));
		const connections = Object.fromEntries(nodes.filter((entry) => entry.name !== 'Done').map((entry) => [entry.name, { main: [[{ node: 'Done', type: 'main', index: 0 }]] }]));
		const { id } = await client.createWorkflow({ name: `chat bot ${webhookId.slice(0, 8)}`, nodes, connections });
		const subscribers = emulator.pusher.subscriberCount(CHAT_CHANNEL);
		await client.publish(id);
		published.push(id);
		if (kinds.includes('kick')) emulator.apps[0].webhookUrl = `${n8nProcess.baseUrl}/webhook/${webhookId}/webhook`;
		if (kinds.includes('chat')) await emulator.pusher.waitForSubscribers(CHAT_CHANNEL, subscribers + 1);
		return id;
	}

	/** Every finished run of the workflow: which trigger ran it, and its item. */
	async function runs(workflowId: string): Promise<Run[]> {
		const all: Run[] = [];
		for (const execution of (await client.listExecutions(workflowId)).filter((entry) => entry.stoppedAt)) {
			const { data, status } = await client.getExecution(execution.id);
			expect(status).toBe('success');
			for (const trigger of [KICK, CHAT]) {
				for (const entry of data.resultData.runData[trigger]?.[0]?.data?.main[0] ?? []) all.push({ trigger, ...entry.json });
			}
		}
		return all;
	}

	/** The copies a trigger of this kind receives: the other source's are lost. */
	const only = (kind: Kind): CopyFates => (kind === 'kick' ? { socket: 'lost' } : { webhook: 'lost' });

	async function send(content: string, senderUserId: number, fates: CopyFates, badges?: ChatBadge[] | null) {
		return await emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content, senderUserId, badges }, fates);
	}

	/** Sends `content` as the marker (it must run) and waits until it and everything before it ran. */
	async function settle(workflowId: string, fates: CopyFates, content = `!marker ${randomUUID()}`, senderUserId: number = SEED.users.lunarKettle): Promise<Run[]> {
		const { messageId } = await send(content, senderUserId, fates);
		await waitUntil('the marker to run', async () => (await runs(workflowId)).some((run) => run.message_id === messageId), 60_000);
		await waitUntil('every execution to finish', async () => (await client.listExecutions(workflowId)).every((execution) => execution.stoppedAt));
		return await runs(workflowId);
	}

	/** The Kick Trigger's answers to a message's deliveries: `{"message": …}` without a run, empty with one. */
	const answers = (sent: { deliveries: Array<{ body: string }> }) =>
		sent.deliveries.map((delivery) => (delivery.body === '' ? '' : (JSON.parse(delivery.body) as { message: string }).message));

	describe.each([
		['Kick Trigger', 'kick'],
		['Kick Chat Trigger', 'chat'],
	] as const)('%s', (_name, kind) => {
		it("who may run it: a moderator's !title runs, a viewer's does not; the broadcaster without a badge does; badges missing or of unknown types are no role", async () => {
			const workflow = await publish([kind], BOT_FILTERS);
			const fates = only(kind);
			const moderator = await send('!title Ranked grind to Diamond', SEED.users.pixelmoth, fates, MODERATOR);
			const viewer = await send('!title hacked', SEED.users.quietorbit, fates, []);
			const owner = await send('!title From the owner', NEONVALE, fates, []);
			const noIdentity = await send('!title no identity', SEED.users.hexhound, fates, null);
			const unknown = await send('!title unknown badges', SEED.users.mintcondition, fates, [
				{ type: 'staff', text: 'Staff' },
				{ type: 'sidekick', text: 'Sidekick' },
			]);
			const discord = await send('!discord', SEED.users.spamcan, fates, [{ type: 'vip', text: 'VIP' }]);
			const all = await settle(workflow, fates);

			const ranIds = all.map((run) => run.message_id);
			expect([moderator, viewer, owner, noIdentity, unknown, discord].map((sent) => ranIds.filter((id) => id === sent.messageId).length)).toEqual([1, 0, 1, 0, 0, 1]);
			if (kind === 'kick') expect([viewer, noIdentity, unknown].map(answers)).toEqual([[FILTERED], [FILTERED], [FILTERED]]);
			// Every chat item has the command and its arguments, and whether it is the sender's first words.
			expect(all.find((run) => run.message_id === moderator.messageId)).toMatchObject({
				command: 'title',
				commandArgs: ['Ranked', 'grind', 'to', 'Diamond'],
				commandArgsText: 'Ranked grind to Diamond',
				firstMessageInStream: true,
				senderBadges: ['moderator'],
			});
			expect(all.find((run) => run.message_id === discord.messageId)).toMatchObject({ command: 'discord', commandArgs: [], commandArgsText: '', senderBadges: ['vip'] });
		});

		it('cooldowns: 20 !discord and 20 !socials from 10 viewers within the cooldown run exactly what the rules allow', async () => {
			const workflow = await publish([kind], BOT_FILTERS);
			const fates = only(kind);
			const sent = { discord: [] as string[], socials: [] as string[] };
			const refused: string[] = [];
			for (let round = 0; round < 2; round++) {
				for (const userId of viewers) {
					for (const command of ['discord', 'socials'] as const) {
						const message = await send(`!${command} round ${round}`, userId, fates, []);
						sent[command].push(message.messageId);
						refused.push(...answers(message).filter((answer) => answer === ON_COOLDOWN));
					}
				}
			}
			const all = await settle(workflow, fates);
			const ran = (ids: string[]) => ids.map((id) => all.filter((run) => run.message_id === id).length);
			// Once per viewer per 10 minutes: each viewer's first !discord.
			expect(ran(sent.discord)).toEqual([...viewers.map(() => 1), ...viewers.map(() => 0)]);
			// Once per 10 minutes from anyone: the first !socials.
			expect(ran(sent.socials)).toEqual(sent.socials.map((_, index) => (index === 0 ? 1 : 0)));
			if (kind === 'kick') expect(refused).toHaveLength(10 + 19);
		});

		it('first words over two streams: the same viewer is welcomed once per stream', async () => {
			const events = kind === 'kick' ? ['chat.message.sent', 'livestream.status.updated'] : ['chat.message.sent'];
			if (emulator.state.channels.find((channel) => channel.broadcasterUserId === NEONVALE)?.live) emulator.endStream(NEONVALE);
			const workflow = await publish([kind], { onlyFirstMessage: true }, events);
			const fates = only(kind);
			const [a, b, c] = viewers;
			const streamStart = async () => await emulator.sources.streamStart(NEONVALE, { title: 'first words', startedAt: new Date(Math.floor(clock.now() / SECOND) * SECOND).toISOString().replace('.000Z', 'Z') }, fates);

			await advance(5 * SECOND);
			await streamStart();
			await advance(5 * SECOND);
			const first = [await send('hello chat', a, fates), await send('hello again', a, fates), await send('hi all', b, fates)];
			await advance(5 * SECOND);
			await emulator.sources.streamEnd(NEONVALE, fates);
			await advance(5 * SECOND);
			await streamStart();
			await advance(5 * SECOND);
			const second = [await send('back for more', a, fates), await send('still here', a, fates)];
			const all = await settle(workflow, fates, 'first time here', c);

			const chat = all.filter((run) => run.event === 'chat.message.sent');
			const ran = (list: Array<{ messageId: string }>) => list.map((sent) => chat.filter((run) => run.message_id === sent.messageId).length);
			expect([ran(first), ran(second)]).toEqual([
				[1, 0, 1],
				[1, 0],
			]);
			expect(chat.every((run) => run.firstMessageInStream === true)).toBe(true);
			if (kind === 'kick') expect(answers(first[1])).toEqual([FILTERED]);
		});

		it('a restart within the cooldown still holds it', async () => {
			const workflow = await publish([kind], BOT_FILTERS);
			const fates = only(kind);
			const before = await send('!socials', viewers[0] as number, fates);
			await settle(workflow, fates);
			await restart();
			if (kind === 'chat') await emulator.pusher.waitForSubscribers(CHAT_CHANNEL, 1);
			const after = await send('!socials', viewers[1] as number, fates);
			const all = await settle(workflow, fates);
			expect([before, after].map((sent) => all.filter((run) => run.message_id === sent.messageId).length)).toEqual([1, 0]);
			if (kind === 'kick') expect(answers(after)).toEqual([ON_COOLDOWN]);
		});
	});

	it('both triggers: a command that came by webhook and by socket is one command; its cooldown runs from the copy that ran', async () => {
		const workflow = await publish(['kick', 'chat'], { commandPrefix: '!', cooldownSeconds: 30, commandRules: { rule: [{ commands: 'marker' }] } });
		const socketOnly: CopyFates = { webhook: 'lost' };
		emulator.webhooks.clock.set(clock.now());
		// The socket's copy runs now; the webhook's comes 20 seconds later.
		const first = await send('!discord', viewers[0] as number, { webhook: { delayMs: 20 * SECOND } });
		await settle(workflow, socketOnly);
		await advance(20 * SECOND);
		const late = await emulator.webhooks.advance(0);
		expect(late.map((delivery) => delivery.body)).toEqual([expect.stringContaining(ALREADY_RAN)]);
		// 35 seconds after the copy that ran: the cooldown is over (it did not start again with the late copy).
		await advance(15 * SECOND);
		const next = await send('!discord', viewers[1] as number, socketOnly);
		const held = await send('!discord', viewers[2] as number, socketOnly);
		const both = await send('!discord', viewers[3] as number, {});
		const all = await settle(workflow, socketOnly);
		const ran = [first, next, held, both].map((sent) => all.filter((run) => run.message_id === sent.messageId).map((run) => run.trigger));
		expect(ran).toEqual([[CHAT], [CHAT], [], []]);
	});

	it('Filters that cannot work are refused before publishing, naming the field and the fix', async () => {
		const subscriptions = emulator.state.subscriptions.length;
		const refusal = async (kinds: Kind[], filters: Record<string, unknown>) => {
			const webhookId = randomUUID();
			const trigger =
				kinds[0] === 'kick'
					? node(KICK, 'n8n-nodes-kick.kickTrigger', { authentication: 'userOAuth2', events: ['chat.message.sent'], filters, options: {} }, {
							webhookId,
							typeVersion: 1.1,
							credentials: { kickOAuth2Api: { id: credentials.user.id, name: credentials.user.name } },
						})
					: node(CHAT, 'n8n-nodes-kick.kickChatTrigger', { channel: 'neonvale', events: ['chat.message.sent'], filters, customEndpoints: true, pusherHost: emulator.pusher.url, websiteBaseUrl: emulator.url });
			const { id } = await client.createWorkflow({ name: `bad filters ${webhookId.slice(0, 8)}`, nodes: [trigger], connections: {} });
			return await client.publish(id).then(
				() => {
					published.push(id);
					return undefined;
				},
				(error: Error) => error.message,
			);
		};
		expect(await refusal(['kick'], { commandPrefix: '!', cooldownSeconds: -5 })).toMatch(/Filters → Command Cooldown \(Seconds\) is -5/);
		expect(await refusal(['chat'], { onlyFrom: ['moderator', 'moderater'] })).toMatch(/Filters → Only From: 'moderater' is not a role/);
		expect(await refusal(['chat'], { commandRules: { rule: [{ commands: 'title', viewerCooldownSeconds: -1 }] } })).toMatch(/Filters → Command Rules \(rule 1\) → Cooldown per Viewer \(Seconds\) is -1/);
		// Nothing was set up for them.
		expect(emulator.state.subscriptions).toHaveLength(subscriptions);
		expect(emulator.pusher.connectionCount()).toBe(0);
	});
});
