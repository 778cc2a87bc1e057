/**
 * The two examples that start one workflow with two Kick triggers, run in a real n8n while the
 * emulator loses and delays each source's copies independently (10% lost, 10% late by default):
 *
 * - Chat command bot with a fallback (Kick Trigger + Kick Chat Trigger holding its copy for the
 *   webhook's): every command that reached at least one source is answered exactly once, none
 *   that reached neither. Latency runs from the first copy that was not lost leaving Kick to the
 *   reply in Kick's chat, next to the same example with one trigger only (each source alone) and
 *   with both sources delivering everything.
 * - Stream live → Discord, never missed (Kick Trigger + Kick Polling Trigger every 5 seconds):
 *   one announcement per stream and one follow-up per end. The webhook copies are lost or late;
 *   the poll reads the channel's state, so it sees every stream that lasts past one poll (each
 *   stream here is held live until it was announced).
 *
 * Late copies arrive after a real wait (1–10 s for chat, 6–12 s for streams: mostly after the
 * other source's copy ran), webhook ones with the event's own timestamp.
 */
import { randomUUID } from 'node:crypto';

import { SEED, startKickEmulator, type KickEmulator } from '../emulator';
import type { CopyFates, RealDelay } from '../emulator/sources';
import { connectKickCredentials, type CredentialRef, type N8nClient } from '../harness';
import { startDiscordSink } from '../harness/discordSink';
import { importExample, loadExample, type ExampleWorkflow } from '../harness/examples';
import { EVERY_5_SECONDS } from '../harness/polling';
import { seededRandom } from '../support/random';
import { waitUntil } from '../support/wait';
import { nowMs, percentile, sleep } from './http';

export type Log = (line: string) => void;

const NEONVALE = SEED.broadcaster.userId;
const CHAT_CHANNEL = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;
const KICK_TRIGGER = 'Kick Trigger';
const CHAT_TRIGGER = 'Kick Chat Trigger';
const COMMANDS = ['!discord', '!socials', '!commands'];
const WARMUP = 5;

export interface Shares {
	lost: number;
	late: number;
}

type Fate = 'now' | 'lost' | RealDelay;
const fateName = (fate: Fate | undefined) => (fate === undefined || fate === 'now' ? 'now' : fate === 'lost' ? 'lost' : 'late');

function drawFate(rnd: () => number, shares: Shares, lateMs: [number, number]): Fate {
	const r = rnd();
	if (r < shares.lost) return 'lost';
	if (r < shares.lost + shares.late) return { afterMs: Math.round(lateMs[0] + rnd() * (lateMs[1] - lateMs[0])) };
	return 'now';
}

export interface Latency {
	p50: number;
	p99: number;
	max: number;
	/** Events whose latency was measured. */
	count: number;
}

function latencyOf(values: number[]): Latency {
	return { p50: percentile(values, 50), p99: percentile(values, 99), max: values.length ? Math.max(...values) : 0, count: values.length };
}

// ---------------------------------------------------------------------------------------------
// Chat command bot with a fallback
// ---------------------------------------------------------------------------------------------

export type ChatMode = 'lossy' | 'both' | 'webhook-alone' | 'socket-alone';

export interface ChatModeResult {
	mode: ChatMode;
	commands: number;
	/** Commands whose copies reached at least one source. */
	reached: number;
	repliedOnce: number;
	/** Reached commands with no reply, and with two or more. */
	neverReplied: number;
	repliedTwice: number;
	/** Commands lost on both sources that were answered anyway (must be 0). */
	unreachedReplied: number;
	/** How many commands had each fate pair, "webhook/socket". */
	fates: Record<string, number>;
	/** The first copy that was not lost leaving Kick → the reply in chat, ms. */
	latency: Latency;
	webhookAnswers: Record<string, number>;
	problems: string[];
}

export interface TwoTriggerChatResult {
	holdSeconds: number;
	shares: Shares;
	ratePerSecond: number;
	modes: ChatModeResult[];
	problems: string[];
}

export interface TwoTriggerChatOptions {
	/** Commands in the lossy run (the other runs send a third as many). */
	commands: number;
	ratePerSecond?: number;
	shares?: Shares;
	seed?: number;
	log?: Log;
}

/** The example without one of its two triggers (and that trigger's connections). */
function withoutNode(example: ExampleWorkflow, name: string): ExampleWorkflow {
	const copy = JSON.parse(JSON.stringify(example)) as ExampleWorkflow & { connections: Record<string, unknown> };
	copy.nodes = copy.nodes.filter((node) => node.name !== name);
	delete copy.connections[name];
	return copy;
}

export async function runTwoTriggerChat(n8n: N8nClient, options: TwoTriggerChatOptions): Promise<TwoTriggerChatResult> {
	const log = options.log ?? (() => undefined);
	const shares = options.shares ?? { lost: 0.1, late: 0.1 };
	const rate = options.ratePerSecond ?? 5;
	const rnd = seededRandom(options.seed ?? 23);
	const emulator = await startKickEmulator();
	const problems: string[] = [];
	const modes: ChatModeResult[] = [];
	const example = loadExample('chat-command-bot-with-fallback');
	const hold = (example.nodes.find((node) => node.name === CHAT_TRIGGER)?.parameters.options as { holdForKickTriggerSeconds?: number } | undefined)?.holdForKickTriggerSeconds ?? 0;
	try {
		const credentials = await connectKickCredentials(n8n, emulator);
		const plans: Array<[ChatMode, number]> = [
			['webhook-alone', Math.ceil(options.commands / 3)],
			['socket-alone', Math.ceil(options.commands / 3)],
			['both', Math.ceil(options.commands / 3)],
			['lossy', options.commands],
		];
		for (const [mode, commands] of plans) {
			const workflow = mode === 'webhook-alone' ? withoutNode(example, CHAT_TRIGGER) : mode === 'socket-alone' ? withoutNode(example, KICK_TRIGGER) : example;
			log(`  two triggers, chat (${mode}): ${commands} commands at ${rate}/s…`);
			const result = await chatMode(n8n, emulator, credentials.user, workflow, mode, commands, rate, () => ({
				webhook: mode === 'socket-alone' ? 'lost' : mode === 'lossy' ? drawFate(rnd, shares, [1000, 10_000]) : 'now',
				socket: mode === 'webhook-alone' ? 'lost' : mode === 'lossy' ? drawFate(rnd, shares, [1000, 10_000]) : 'now',
			}));
			modes.push(result);
			problems.push(...result.problems.map((problem) => `${mode}: ${problem}`));
		}
	} finally {
		await emulator.close();
	}
	return { holdSeconds: hold, shares, ratePerSecond: rate, modes, problems };
}

async function chatMode(
	n8n: N8nClient,
	emulator: KickEmulator,
	credential: CredentialRef,
	example: ExampleWorkflow,
	mode: ChatMode,
	commands: number,
	rate: number,
	fatesOf: () => CopyFates,
): Promise<ChatModeResult> {
	const problems: string[] = [];
	const imported = await importExample(n8n, example, {
		credentials: { kickOAuth2Api: credential },
		parameters: { [CHAT_TRIGGER]: { channel: 'neonvale', customEndpoints: true, pusherHost: emulator.pusher.url, websiteBaseUrl: emulator.url } },
		name: `bench: chat command bot (${mode}) ${randomUUID().slice(0, 8)}`,
	});
	const subscribers = emulator.pusher.subscriberCount(CHAT_CHANNEL);
	await n8n.publish(imported.id);
	const kickUrl = imported.urls[KICK_TRIGGER];
	if (kickUrl) emulator.apps[0].webhookUrl = kickUrl;
	if (mode !== 'webhook-alone') await emulator.pusher.waitForSubscribers(CHAT_CHANNEL, subscribers + 1, 30_000);
	try {
		const sending: Array<Promise<{ messageId: string; sentAt: number; fates: CopyFates }>> = [];
		const pending: Array<Promise<unknown>> = [];
		const answers: number[] = [];
		const send = (content: string, fates: CopyFates) => {
			const sentAt = nowMs();
			const copy = emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content, senderUserId: SEED.users.quietorbit }, fates);
			pending.push(
				copy.then(async (event) => {
					const late = await event.late;
					for (const delivery of [...event.deliveries, ...late.deliveries]) answers.push(delivery.status);
				}),
			);
			return { sentAt, copy };
		};
		// Warm-up (not measured): the first commands pay for n8n's and the Kick node's first calls.
		const warmFates: CopyFates = mode === 'webhook-alone' ? { socket: 'lost' } : mode === 'socket-alone' ? { webhook: 'lost' } : {};
		const warm = await Promise.all(Array.from({ length: WARMUP }, async (_, i) => (await send(`!discord warm-up ${i}`, warmFates).copy).messageId));
		await waitUntil('the warm-up replies', () => warm.every((id) => emulator.state.chat.some((message) => message.replyToMessageId === id)), 60_000);
		pending.length = 0;
		answers.length = 0;

		// Open loop: a steady schedule whatever n8n takes to answer.
		const start = nowMs();
		for (let i = 0; i < commands; i++) {
			const wait = start + (i * 1000) / rate - nowMs();
			if (wait > 0) await sleep(wait);
			const fates = fatesOf();
			const { sentAt, copy } = send(`${COMMANDS[i % COMMANDS.length]} ${i}`, fates);
			sending.push(copy.then((event) => ({ messageId: event.messageId, sentAt, fates })));
		}
		const sent = await Promise.all(sending);
		await Promise.all(pending);
		// The marker: a command on one source only, sent after every other copy. On the socket it is
		// held like the others, so its reply comes after every earlier socket copy was decided.
		const markerFates: CopyFates = mode === 'webhook-alone' ? { socket: 'lost' } : { webhook: 'lost' };
		const marker = await (await send('!commands marker', markerFates).copy);
		await waitUntil('the marker reply', () => emulator.state.chat.some((message) => message.replyToMessageId === marker.messageId), 120_000);
		await waitUntil('every execution to finish', async () => (await n8n.listExecutions(imported.id)).every((execution) => execution.stoppedAt), 120_000);

		const replies = new Map<string, string[]>();
		for (const message of emulator.state.chat) {
			if (message.clientId === null || message.replyToMessageId === null) continue;
			replies.set(message.replyToMessageId, [...(replies.get(message.replyToMessageId) ?? []), message.createdAt]);
		}
		const fates: Record<string, number> = {};
		const latencies: number[] = [];
		let reached = 0;
		let repliedOnce = 0;
		let neverReplied = 0;
		let repliedTwice = 0;
		let unreachedReplied = 0;
		const wrong: string[] = [];
		for (const command of sent) {
			const pair = `${fateName(command.fates.webhook as Fate)}/${fateName(command.fates.socket as Fate)}`;
			fates[pair] = (fates[pair] ?? 0) + 1;
			const got = replies.get(command.messageId) ?? [];
			const reaches = command.fates.webhook !== 'lost' || command.fates.socket !== 'lost';
			if (!reaches) {
				if (got.length) {
					unreachedReplied++;
					wrong.push(`${command.messageId} (${pair}): ${got.length} replies, expected none`);
				}
				continue;
			}
			reached++;
			if (got.length === 1) repliedOnce++;
			else if (got.length === 0) neverReplied++;
			else repliedTwice++;
			if (got.length !== 1) wrong.push(`${command.messageId} (${pair}): ${got.length} replies`);
			// From the moment the first copy that was not lost left Kick: what the hold adds shows.
			const firstCopyMs = Math.min(...[command.fates.webhook, command.fates.socket].map((fate) => (fate === undefined || fate === 'now' ? 0 : fate === 'lost' ? Infinity : (fate as RealDelay).afterMs)));
			if (got.length) latencies.push(Math.min(...got.map(Date.parse)) - command.sentAt - firstCopyMs);
		}
		if (wrong.length) problems.push(`${wrong.length} commands not answered exactly once as expected: ${wrong.slice(0, 10).join('; ')}`);
		const webhookAnswers: Record<string, number> = {};
		for (const status of answers) webhookAnswers[status] = (webhookAnswers[status] ?? 0) + 1;
		if (answers.some((status) => status !== 200)) problems.push(`webhook answers ${JSON.stringify(webhookAnswers)} (expected 200 only)`);
		const failed = (await n8n.listExecutions(imported.id)).filter((execution) => execution.status !== 'success');
		if (failed.length) problems.push(`${failed.length} executions did not succeed (${failed.slice(0, 5).map((execution) => `${execution.id}: ${execution.status}`).join(', ')})`);
		return { mode, commands, reached, repliedOnce, neverReplied, repliedTwice, unreachedReplied, fates, latency: latencyOf(latencies), webhookAnswers, problems };
	} finally {
		await n8n.unpublish(imported.id).catch(() => undefined);
	}
}

// ---------------------------------------------------------------------------------------------
// Stream live → Discord, never missed
// ---------------------------------------------------------------------------------------------

export interface TwoTriggerStreamResult {
	streams: number;
	/** Stream starts and ends (each one event). */
	events: number;
	/** Webhook fates of those events. */
	fates: Record<string, number>;
	announcements: number;
	followUps: number;
	webhookAnswers: Record<string, number>;
	seconds: number;
	problems: string[];
}

export async function runTwoTriggerStreams(n8n: N8nClient, options: { streams: number; shares?: Shares; seed?: number; log?: Log }): Promise<TwoTriggerStreamResult> {
	const log = options.log ?? (() => undefined);
	const shares = options.shares ?? { lost: 0.1, late: 0.1 };
	const rnd = seededRandom(options.seed ?? 29);
	const emulator = await startKickEmulator();
	const sink = await startDiscordSink();
	const problems: string[] = [];
	const started = Date.now();
	let workflowId: string | undefined;
	try {
		const credentials = await connectKickCredentials(n8n, emulator);
		const discord = await n8n.createCredential('discordWebhookApi', { webhookUri: sink.webhookUrl('announcements') }, `Discord bench ${randomUUID().slice(0, 6)}`);
		emulator.endStream(NEONVALE);
		const imported = await importExample(n8n, 'stream-live-to-discord-never-missed', {
			credentials: { kickOAuth2Api: credentials.user, discordWebhookApi: discord },
			parameters: { 'Kick Polling Trigger': { pollTimes: EVERY_5_SECONDS } },
			name: `bench: stream live → Discord ${randomUUID().slice(0, 8)}`,
		});
		workflowId = imported.id;
		await n8n.publish(imported.id);
		emulator.apps[0].webhookUrl = imported.urls[KICK_TRIGGER] as string;
		const polls = () => emulator.requests.filter((request) => request.path === '/public/v1/channels' && request.tokenKind === 'user' && request.status === 200).length;
		const afterPolls = async (count: number) => {
			const target = polls() + count;
			await waitUntil(`${count} more polls`, () => polls() >= target, 20_000 + count * 10_000);
		};
		const messages = (text: string) => sink.messagesFor('announcements').filter((message) => (message.content ?? '').includes(text)).length;
		const announcements = () => messages('is live on Kick');
		const followUps = () => messages('has ended the stream');
		await afterPolls(1);

		const fates: Record<string, number> = {};
		const answers: number[] = [];
		const pending: Array<Promise<unknown>> = [];
		const collect = (event: { deliveries: Array<{ status: number }>; late: Promise<{ deliveries: Array<{ status: number }> }> }) => {
			for (const delivery of event.deliveries) answers.push(delivery.status);
			pending.push(event.late.then((late) => late.deliveries.forEach((delivery) => answers.push(delivery.status))));
		};
		const fate = () => {
			const drawn = drawFate(rnd, shares, [6_000, 12_000]);
			fates[fateName(drawn)] = (fates[fateName(drawn)] ?? 0) + 1;
			return drawn;
		};
		for (let i = 0; i < options.streams; i++) {
			log(`  two triggers, streams: stream ${i + 1}/${options.streams}…`);
			// The poll or the webhook announces it (each stream lasts until announced).
			collect(await emulator.sources.streamStart(NEONVALE, { title: `bench stream ${i}` }, { webhook: fate(), socket: 'lost' }));
			await waitUntil(`announcement ${i + 1}`, () => announcements() >= i + 1, 60_000);
			collect(await emulator.sources.streamEnd(NEONVALE, { webhook: fate(), socket: 'lost' }));
			await waitUntil(`follow-up ${i + 1}`, () => followUps() >= i + 1, 60_000);
			// One stream a second at most: each has its own start time.
			await sleep(1000);
		}
		await Promise.all(pending);
		// Two polls later every copy was decided (a poll emits what it saw before the next begins).
		await afterPolls(2);
		await waitUntil('every execution to finish', async () => (await n8n.listExecutions(imported.id)).every((execution) => execution.stoppedAt), 120_000);
		const result = {
			streams: options.streams,
			events: options.streams * 2,
			fates,
			announcements: announcements(),
			followUps: followUps(),
			webhookAnswers: {} as Record<string, number>,
			seconds: (Date.now() - started) / 1000,
			problems,
		};
		for (const status of answers) result.webhookAnswers[status] = (result.webhookAnswers[status] ?? 0) + 1;
		if (result.announcements !== options.streams || result.followUps !== options.streams) {
			problems.push(`${options.streams} streams: ${result.announcements} announcements and ${result.followUps} follow-ups (expected one each)`);
		}
		if (answers.some((status) => status !== 200)) problems.push(`webhook answers ${JSON.stringify(result.webhookAnswers)} (expected 200 only)`);
		return result;
	} finally {
		if (workflowId) await n8n.unpublish(workflowId).catch(() => undefined);
		await Promise.allSettled([emulator.close(), sink.close()]);
	}
}
