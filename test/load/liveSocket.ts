/**
 * Load scenarios for the Kick Chat Trigger (Kick's live Pusher socket, played by the emulator),
 * run against a real n8n with this package installed. Like ./scenarios, each one starts its own
 * Kick emulator, returns what it measured and the correctness problems it found (`problems`,
 * empty = all good), and cleans up (unpublishes, closes the emulator).
 *
 * - Latency: chat on the live socket and signed webhook deliveries to the Kick Trigger, sent
 *   alternately at a steady, moderate rate, each timed from the moment the emulator sends it to
 *   the `startedAt` of the execution it started (n8n's REST API).
 * - Firehose: a burst of chat (serialized beforehand, written in corked batches: as fast as the
 *   socket takes it) to a Chat Trigger with the command prefix `!` (1% commands): how many chat
 *   messages a second the trigger gets through, and that only the commands start executions,
 *   each exactly once. The last message is a command: its execution marks the end of the burst,
 *   and its item's `receivedAt` says when the trigger read the last frame.
 *
 * Clocks: n8n stamps `startedAt` (and the item's `receivedAt`) with its wall clock; the emulator
 * runs in this process on the same machine, and every send is stamped with `nowMs()` (epoch ms).
 */
import { randomUUID } from 'node:crypto';

import { SEED, startKickEmulator, ulid, type KickEmulator } from '../emulator';
import { connectKickCredentials, type N8nClient } from '../harness';
import type { ExecutionSummary } from '../harness/n8nClient';
import { CHAT_RULES_FILTERS, chatEvent, SUBSCRIBER_BADGES } from './events';
import { nowMs, percentile, sleep } from './http';
import { finishedCount, listAllExecutions, publishKickTrigger, type PublishedWorkflow } from './workflows';

export type Log = (line: string) => void;

const CHAT_TRIGGER = 'Kick Chat Trigger';
const KICK_TRIGGER = 'Kick Trigger';
const CHAT_CHANNEL = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;

/** A viewer of the seeded channel (many different senders, as in a real chat). */
const viewer = (n: number) => ({ id: 100_000_000 + (n % 5000), username: `viewer_${n % 5000}` });

// ---------------------------------------------------------------------------------------------
// Workflows and executions
// ---------------------------------------------------------------------------------------------

/** Creates and publishes "Kick Chat Trigger → Done" on the emulator's socket and website; waits for its subscription. */
export async function publishChatTrigger(
	n8n: N8nClient,
	emulator: KickEmulator,
	options: { events?: string[]; filters?: Record<string, unknown>; name?: string } = {},
): Promise<PublishedWorkflow> {
	const name = options.name ?? `load: Kick Chat Trigger ${randomUUID().slice(0, 8)}`;
	const created = await n8n.createWorkflow({
		name,
		nodes: [
			{
				id: randomUUID(),
				name: CHAT_TRIGGER,
				type: 'n8n-nodes-kick.kickChatTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					channel: 'https://kick.com/neonvale',
					events: options.events ?? ['chat.message.sent'],
					filters: options.filters ?? {},
					customEndpoints: true,
					pusherHost: emulator.pusher.url,
					websiteBaseUrl: emulator.url,
				},
			},
			{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [CHAT_TRIGGER]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	});
	const subscribers = emulator.pusher.subscriberCount(CHAT_CHANNEL);
	await n8n.publish(created.id);
	await emulator.pusher.waitForSubscribers(CHAT_CHANNEL, subscribers + 1, 30_000);
	return { id: created.id, name, url: emulator.pusher.url, subscriptionIds: {} };
}

export interface TriggerRecord {
	id: string;
	status: string;
	/** n8n's `startedAt` / `stoppedAt`, epoch ms. */
	startedAt: number;
	stoppedAt: number;
	/** The trigger item's `messageId` (chat message id on the socket, Kick-Event-Message-Id for webhooks). */
	messageId: string | undefined;
	/** When the trigger had the event in n8n (the item's `receivedAt`), epoch ms. */
	receivedAt: number;
	content: string | undefined;
}

/** Each execution's first trigger item (one item per execution for both triggers). */
async function readTriggerRecords(n8n: N8nClient, summaries: readonly ExecutionSummary[], trigger: string): Promise<TriggerRecord[]> {
	const out: TriggerRecord[] = new Array(summaries.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(6, summaries.length) }, async () => {
			for (;;) {
				const index = next++;
				if (index >= summaries.length) return;
				const summary = summaries[index] as ExecutionSummary;
				const { data } = await n8n.getExecution(summary.id);
				const item = data.resultData?.runData?.[trigger]?.[0]?.data?.main?.[0]?.[0]?.json;
				out[index] = {
					id: summary.id,
					status: summary.status,
					startedAt: Date.parse(summary.startedAt ?? ''),
					stoppedAt: Date.parse(summary.stoppedAt ?? ''),
					messageId: item?.messageId,
					receivedAt: Date.parse(item?.receivedAt ?? ''),
					content: item?.content,
				};
			}
		}),
	);
	return out;
}

const finished = (execution: ExecutionSummary) => Boolean(execution.stoppedAt) || ['success', 'error', 'crashed', 'canceled'].includes(execution.status);

/**
 * Waits (bounded) until the workflow has at least `count` finished executions, then `settleMs`
 * more so that extra executions (duplicates) show up too. Never throws on the count: what is
 * missing is reported by the caller.
 */
async function settledExecutions(n8n: N8nClient, workflowId: string, count: number, timeoutMs: number, settleMs: number): Promise<{ executions: ExecutionSummary[]; timedOut: boolean }> {
	const deadline = Date.now() + timeoutMs;
	let timedOut = false;
	for (;;) {
		if ((await finishedCount(n8n, workflowId)) >= count) break;
		if (Date.now() > deadline) {
			timedOut = true;
			break;
		}
		await sleep(250);
	}
	await sleep(settleMs);
	// Executions still running after the settle time are waited for a little (bounded).
	for (let attempt = 0; ; attempt++) {
		const executions = await listAllExecutions(n8n, workflowId);
		if (executions.every(finished) || attempt >= 40) return { executions, timedOut };
		await sleep(250);
	}
}

const countBy = (values: ReadonlyArray<string | undefined>): Map<string, number> => {
	const counts = new Map<string, number>();
	for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
};

async function unpublish(n8n: N8nClient, ...workflows: Array<PublishedWorkflow | undefined>): Promise<void> {
	for (const workflow of workflows) if (workflow) await n8n.unpublish(workflow.id).catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// Latency: live socket vs webhook, send → execution started
// ---------------------------------------------------------------------------------------------

export interface LiveLatencySide {
	/** Measured messages sent (the warm-up is not counted). */
	sent: number;
	executedOnce: number;
	missing: number;
	executedTwiceOrMore: number;
	/** Send → the execution's `startedAt`, ms (nearest rank; messages executed at least once). */
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** Send → the trigger had the event in n8n (the item's `receivedAt`), ms: the part before n8n starts an execution. */
	receivedP50: number;
	receivedP95: number;
}

export interface LiveSocketLatencyResult {
	/** Messages per trigger. */
	messages: number;
	/** Sends per second, both triggers together (they alternate). */
	ratePerSecond: number;
	/** The rate actually achieved while sending (first → last send). */
	achievedPerSecond: number;
	/** Kick Chat Trigger → No Op (live socket). */
	chatTrigger: LiveLatencySide;
	/** Kick Trigger → No Op (signed webhook; time includes the emulator signing the delivery). */
	kickTrigger: LiveLatencySide;
	/** First send → last execution finished. */
	seconds: number;
	problems: string[];
}

export interface LiveSocketLatencyOptions {
	/** Messages per trigger. */
	messages: number;
	/** Sends per second, both triggers together (default 10: n8n is far from saturated). */
	ratePerSecond?: number;
	/** Unmeasured messages per trigger first (JIT, caches, connections; default 10). */
	warmup?: number;
	log?: Log;
}

interface Sent {
	messageId: string;
	sentAt: number;
}

function latencySide(label: string, sends: readonly Sent[], records: readonly TriggerRecord[], warmupIds: ReadonlySet<string>, problems: string[]): LiveLatencySide {
	const measured = records.filter((record) => !(record.messageId && warmupIds.has(record.messageId)));
	const sentAt = new Map(sends.map((send) => [send.messageId, send.sentAt]));
	const runs = countBy(measured.map((record) => record.messageId));
	const executedOnce = sends.filter((send) => runs.get(send.messageId) === 1).length;
	const missing = sends.filter((send) => !runs.has(send.messageId)).length;
	const executedTwiceOrMore = sends.filter((send) => (runs.get(send.messageId) ?? 0) > 1).length;
	const unknown = measured.filter((record) => !record.messageId || !sentAt.has(record.messageId)).length;
	const failed = records.filter((record) => record.status !== 'success').length;
	if (missing || executedTwiceOrMore) problems.push(`${label}: ${sends.length} sent, ${executedOnce} executed once, ${missing} never, ${executedTwiceOrMore} twice or more`);
	if (unknown) problems.push(`${label}: ${unknown} executions for messages that were not sent`);
	if (failed) problems.push(`${label}: ${failed} executions did not succeed`);
	// The first execution of each message (a duplicate must not improve the numbers).
	const first = new Map<string, TriggerRecord>();
	for (const record of measured) {
		if (!record.messageId || !sentAt.has(record.messageId)) continue;
		const seen = first.get(record.messageId);
		if (!seen || record.startedAt < seen.startedAt) first.set(record.messageId, record);
	}
	const latencies = [...first.values()].map((record) => record.startedAt - (sentAt.get(record.messageId as string) as number));
	const received = [...first.values()].filter((record) => Number.isFinite(record.receivedAt)).map((record) => record.receivedAt - (sentAt.get(record.messageId as string) as number));
	return {
		sent: sends.length,
		executedOnce,
		missing,
		executedTwiceOrMore,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		max: latencies.length ? Math.max(...latencies) : 0,
		receivedP50: percentile(received, 50),
		receivedP95: percentile(received, 95),
	};
}

export async function runLiveSocketLatency(n8n: N8nClient, options: LiveSocketLatencyOptions): Promise<LiveSocketLatencyResult> {
	const log = options.log ?? (() => undefined);
	const rate = options.ratePerSecond ?? 10;
	const warmup = options.warmup ?? 10;
	const intervalMs = 1000 / rate;
	const emulator = await startKickEmulator();
	const problems: string[] = [];
	let kick: PublishedWorkflow | undefined;
	let chat: PublishedWorkflow | undefined;
	try {
		const credentials = await connectKickCredentials(n8n, emulator);
		kick = await publishKickTrigger(n8n, emulator, credentials.user, { events: ['chat.message.sent'] });
		chat = await publishChatTrigger(n8n, emulator);
		const subscriptionId = kick.subscriptionIds['chat.message.sent'];
		if (!subscriptionId) throw new Error('the Kick Trigger did not subscribe to chat.message.sent');
		const kickUrl = kick.url;

		const webhookAnswers: Array<Promise<number>> = [];
		const sendChat = (n: number): Sent => {
			const sentAt = nowMs();
			const message = emulator.pusher.kick.chatMessage({ content: `latency check ${n}`, sender: viewer(n) });
			if (message.frames !== 1) problems.push(`chat message ${n}: the emulator wrote ${message.frames} frames (expected 1: one subscribed trigger)`);
			return { messageId: message.id, sentAt };
		};
		const sendWebhook = (n: number): Sent => {
			const messageId = ulid();
			const sentAt = nowMs();
			// Not awaited: the schedule stays steady whatever n8n takes to answer.
			webhookAnswers.push(emulator.deliver({ url: kickUrl, event: 'chat.message.sent', body: chatEvent(n, false), subscriptionId, messageId, timeoutMs: 60_000 }).then((result) => result.status));
			return { messageId, sentAt };
		};

		/** Alternating chat and webhook sends on a fixed schedule (open loop: late timers do not bunch sends). */
		const sendAll = async (count: number, offset: number) => {
			const chatSends: Sent[] = [];
			const webhookSends: Sent[] = [];
			const start = nowMs();
			for (let i = 0; i < count * 2; i++) {
				const due = start + i * intervalMs;
				const wait = due - nowMs();
				if (wait > 0) await sleep(wait);
				const n = offset + Math.floor(i / 2);
				if (i % 2 === 0) chatSends.push(sendChat(n));
				else webhookSends.push(sendWebhook(n));
			}
			return { chatSends, webhookSends };
		};

		log(`  live-socket latency: warm-up, ${warmup} messages to each trigger…`);
		const warm = await sendAll(warmup, 1_000_000);
		await settledExecutions(n8n, chat.id, warm.chatSends.length, 60_000, 0);
		await settledExecutions(n8n, kick.id, warm.webhookSends.length, 60_000, 0);
		const warmupIds = new Set([...warm.chatSends, ...warm.webhookSends].map((send) => send.messageId));
		const chatBefore = await finishedCount(n8n, chat.id);
		const kickBefore = await finishedCount(n8n, kick.id);

		log(`  live-socket latency: ${options.messages} messages to each trigger, ${rate}/s together…`);
		const { chatSends, webhookSends } = await sendAll(options.messages, 0);
		const allSends = [...chatSends, ...webhookSends];
		const firstSend = Math.min(...allSends.map((send) => send.sentAt));
		const lastSend = Math.max(...allSends.map((send) => send.sentAt));
		const statuses = countBy((await Promise.all(webhookAnswers)).map(String));
		const other = [...statuses].filter(([status]) => status !== '200');
		if (other.length) problems.push(`Kick Trigger answers: ${JSON.stringify(Object.fromEntries(statuses))} (expected all 200)`);

		const waitMs = 60_000 + options.messages * 200;
		const chatDone = await settledExecutions(n8n, chat.id, chatBefore + chatSends.length, waitMs, 1500);
		const kickDone = await settledExecutions(n8n, kick.id, kickBefore + webhookSends.length, waitMs, 0);
		const chatRecords = await readTriggerRecords(n8n, chatDone.executions, CHAT_TRIGGER);
		const kickRecords = await readTriggerRecords(n8n, kickDone.executions, KICK_TRIGGER);
		const chatTrigger = latencySide('Kick Chat Trigger', chatSends, chatRecords, warmupIds, problems);
		const kickTrigger = latencySide('Kick Trigger', webhookSends, kickRecords, warmupIds, problems);
		const lastStop = Math.max(...[...chatRecords, ...kickRecords].map((record) => record.stoppedAt).filter(Number.isFinite));
		log(`  live-socket latency: chat p50 ${chatTrigger.p50.toFixed(0)} ms, webhook p50 ${kickTrigger.p50.toFixed(0)} ms`);
		return {
			messages: options.messages,
			ratePerSecond: rate,
			achievedPerSecond: allSends.length > 1 ? (allSends.length - 1) / ((lastSend - firstSend) / 1000) : 0,
			chatTrigger,
			kickTrigger,
			seconds: (lastStop - firstSend) / 1000,
			problems,
		};
	} finally {
		await unpublish(n8n, chat, kick);
		await emulator.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Firehose: filtered chat on the live socket, 1% commands
// ---------------------------------------------------------------------------------------------

export interface LiveSocketFirehoseResult {
	/** Chat messages pushed (commands and the final marker command included). */
	messages: number;
	commandsSent: number;
	commandsExecutedOnce: number;
	commandsMissing: number;
	commandsExecutedTwiceOrMore: number;
	/** Executions whose item is not one of the commands (plain chat must never start one). */
	otherExecutions: number;
	/** Executions the trigger's workflow has after the burst (= commandsSent when all is well). */
	executionsAdded: number;
	/** How long the emulator took to hand every frame (serialized beforehand) to its socket; it does not wait for the reader. */
	pushSeconds: number;
	/** First frame sent → the trigger had the last frame in n8n (the marker's `receivedAt`). */
	receiveSeconds: number;
	/** messages / receiveSeconds: chat messages a second the trigger read, filtered and dropped (or emitted). */
	perSecond: number;
	/**
	 * How long the trigger was still reading after the emulator's last write (receiveSeconds −
	 * pushSeconds). Near 0 would mean the emulator set the pace, and perSecond is then only a
	 * lower bound for the trigger.
	 */
	backlogSeconds: number;
	/** First frame sent → the marker's execution started. */
	lastStartSeconds: number;
	/** First frame sent → the last command's execution finished: n8n through the whole burst. */
	allFinishedSeconds: number;
	/** Whether the marker (last message, a command) ran: the end of the burst was seen. */
	endSeen: boolean;
	/** `chatRules`: a second Chat Trigger with the chat bot's rules on, reading the same frames at the same time. */
	rules?: { perSecond: number; receiveSeconds: number; allFinishedSeconds: number; commandsExecutedOnce: number };
	problems: string[];
}

export interface LiveSocketFirehoseOptions {
	messages: number;
	/** One command every this many messages (default 100 = 1%); the last message is always a command (the end marker). */
	commandEvery?: number;
	/** Bound on waiting for the burst's executions (default 120). */
	maxSeconds?: number;
	/**
	 * Commands come from senders with a subscriber badge (one other message in four too), and a
	 * second Chat Trigger with the chat bot's rules on (CHAT_RULES_FILTERS, which hold back none of
	 * the commands) reads the same frames at the same time.
	 */
	chatRules?: boolean;
	log?: Log;
}

/**
 * Frames per corked write while pushing: the burst leaves in large writes, and the first ones are
 * on their way (and can be read) while the emulator frames the next.
 */
const PUSH_CHUNK = 500;

/** Firehoses run with `chatRules` in this process, so the trigger that subscribes first alternates. */
let firehosesRun = 0;

export async function runLiveSocketFirehose(n8n: N8nClient, options: LiveSocketFirehoseOptions): Promise<LiveSocketFirehoseResult> {
	const log = options.log ?? (() => undefined);
	const every = Math.max(1, options.commandEvery ?? 100);
	const maxMs = (options.maxSeconds ?? 120) * 1000;
	const emulator = await startKickEmulator();
	const problems: string[] = [];
	const workflows: PublishedWorkflow[] = [];
	try {
		// With `chatRules`, a second Chat Trigger with the rules on reads the same socket frames,
		// interleaved with the first. The emulator writes each frame to its sockets in the order
		// they subscribed: which one subscribes first alternates from one firehose to the next.
		const rulesFirst = options.chatRules === true && firehosesRun++ % 2 === 1;
		for (const rules of options.chatRules ? (rulesFirst ? [true, false] : [false, true]) : [false]) {
			const name = rules ? `load: Kick Chat Trigger with the chat bot's rules ${randomUUID().slice(0, 8)}` : undefined;
			workflows.push(await publishChatTrigger(n8n, emulator, { filters: { commandPrefix: '!', ...(rules ? CHAT_RULES_FILTERS : {}) }, name }));
		}
		if (rulesFirst) workflows.reverse();
		const tag = randomUUID().slice(0, 8);
		const isCommand = (n: number) => n === options.messages - 1 || n % every === Math.floor(every / 2);
		const sender = (n: number) => (options.chatRules ? { ...viewer(n), badges: isCommand(n) || n % 4 === 0 ? SUBSCRIBER_BADGES : [] } : viewer(n));

		// Warm-up (not counted): plain chat, then one command whose execution says it went through.
		for (let n = 0; n < 200; n++) emulator.pusher.kick.chatMessage({ content: `warming up ${n}`, sender: viewer(n) });
		emulator.pusher.kick.chatMessage({ content: `!warmup ${tag}`, sender: sender(0) });
		const executionsBefore = new Map<string, number>();
		for (const workflow of workflows) {
			const warm = await settledExecutions(n8n, workflow.id, 1, 60_000, 1000);
			executionsBefore.set(workflow.id, warm.executions.length);
			if (warm.executions.length !== 1) problems.push(`warm-up: ${warm.executions.length} executions for 200 plain messages and 1 command (expected 1)`);
		}

		const content = (n: number) => (n === options.messages - 1 ? `!end ${tag}` : isCommand(n) ? `!cmd${n} ${tag}` : `just chatting, message ${n} gg`);
		// Built and serialized before the clock starts: what is timed is the socket and the trigger.
		const burst = Array.from({ length: options.messages }, (_, n) => emulator.pusher.kick.prepareChatMessage({ content: content(n), sender: sender(n) }));
		const commands = new Map<string, number>();
		burst.forEach((message, n) => {
			if (isCommand(n)) commands.set(message.id, n);
		});
		const markerId = burst.at(-1)?.id;
		const texts = burst.map((message) => message.text);

		log(`  live-socket firehose: pushing ${options.messages} chat messages (a command every ${every}, and the last)…`);
		const firstSent = nowMs();
		let written = 0;
		for (let from = 0; from < texts.length; from += PUSH_CHUNK) written += emulator.pusher.sendPrepared(CHAT_CHANNEL, texts.slice(from, from + PUSH_CHUNK));
		const lastSent = nowMs();
		const pushed = texts.length;
		if (written !== pushed * workflows.length) problems.push(`the emulator wrote ${written} frames for ${pushed} messages (expected ${workflows.length} subscribed trigger(s))`);
		log(`  live-socket firehose: pushed ${pushed} in ${((lastSent - firstSent) / 1000).toFixed(3)} s; waiting for ${commands.size} command executions…`);

		/** What one trigger did with the burst. */
		const outcome = async (workflow: PublishedWorkflow, label: string) => {
			const before = executionsBefore.get(workflow.id) ?? 0;
			const done = await settledExecutions(n8n, workflow.id, before + commands.size, maxMs, 2000);
			if (done.timedOut) problems.push(`${label}timed out after ${maxMs / 1000} s waiting for ${commands.size} command executions`);
			const records = (await readTriggerRecords(n8n, done.executions, CHAT_TRIGGER)).filter((record) => !record.content?.startsWith('!warmup'));
			const runs = countBy(records.map((record) => record.messageId));
			const commandIds = [...commands.keys()];
			const executedOnce = commandIds.filter((id) => runs.get(id) === 1).length;
			const missing = commandIds.filter((id) => !runs.has(id)).length;
			const twiceOrMore = commandIds.filter((id) => (runs.get(id) ?? 0) > 1).length;
			const other = records.filter((record) => !record.messageId || !commands.has(record.messageId)).length;
			const failed = records.filter((record) => record.status !== 'success').length;
			const added = done.executions.length - before;
			const marker = records.filter((record) => record.messageId === markerId).sort((a, b) => a.startedAt - b.startedAt)[0];
			const commandRecords = records.filter((record) => record.messageId && commands.has(record.messageId));
			if (missing || twiceOrMore) problems.push(`${label}commands: ${commands.size} sent, ${executedOnce} executed once, ${missing} never, ${twiceOrMore} twice or more`);
			if (other) problems.push(`${label}${other} executions for messages that are not commands`);
			if (added !== commands.size) problems.push(`${label}the workflow's executions grew by ${added}, expected ${commands.size} (the commands)`);
			if (failed) problems.push(`${label}${failed} executions did not succeed`);
			if (!marker) problems.push(`${label}the end marker (the last message, a command) never ran: the end of the burst was not seen`);
			const receiveSeconds = marker && Number.isFinite(marker.receivedAt) ? (marker.receivedAt - firstSent) / 1000 : Number.NaN;
			const allFinishedSeconds = commandRecords.length ? (Math.max(...commandRecords.map((record) => record.stoppedAt)) - firstSent) / 1000 : Number.NaN;
			return { executedOnce, missing, twiceOrMore, other, added, marker, receiveSeconds, allFinishedSeconds };
		};
		const off = await outcome(workflows[0] as PublishedWorkflow, '');
		const on = workflows[1] ? await outcome(workflows[1], "with the chat bot's rules: ") : undefined;

		const result: LiveSocketFirehoseResult = {
			messages: pushed,
			commandsSent: commands.size,
			commandsExecutedOnce: off.executedOnce,
			commandsMissing: off.missing,
			commandsExecutedTwiceOrMore: off.twiceOrMore,
			otherExecutions: off.other,
			executionsAdded: off.added,
			pushSeconds: (lastSent - firstSent) / 1000,
			receiveSeconds: off.receiveSeconds,
			perSecond: pushed / off.receiveSeconds,
			backlogSeconds: off.receiveSeconds - (lastSent - firstSent) / 1000,
			lastStartSeconds: off.marker ? (off.marker.startedAt - firstSent) / 1000 : Number.NaN,
			allFinishedSeconds: off.allFinishedSeconds,
			endSeen: Boolean(off.marker),
			rules: on && { perSecond: pushed / on.receiveSeconds, receiveSeconds: on.receiveSeconds, allFinishedSeconds: on.allFinishedSeconds, commandsExecutedOnce: on.executedOnce },
			problems,
		};
		log(`  live-socket firehose: ${result.perSecond.toFixed(0)} chat messages/s read by the trigger${on ? ` (${(pushed / on.receiveSeconds).toFixed(0)}/s with the chat bot's rules, at the same time)` : ''}; burst done in ${result.allFinishedSeconds.toFixed(2)} s`);
		return result;
	} finally {
		await unpublish(n8n, ...workflows);
		await emulator.close();
	}
}
