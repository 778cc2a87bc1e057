/**
 * The load scenarios, run against a real n8n with this package installed.
 * Each scenario starts its own Kick emulator (so its Kick Trigger's subscriptions are its own),
 * returns what it measured and the correctness problems it found (`problems`, empty = all
 * good). `npm run bench:e2e` runs them at full size and prints the table; the e2e test
 * test/e2e/load.test.ts runs small versions and asserts `problems` is empty.
 */
import { randomUUID } from 'node:crypto';

import { rfc3339Seconds, startKickEmulator, ulid, type DeliveryResult, type KickEmulator } from '../emulator';
import { connectKickCredentials, runNode, type KickCredentials, type N8nClient } from '../harness';
import { CHAT_RULES_FILTERS, chatEvent, EVENT_TYPES, variedEvent } from './events';
import { forgerKey, nowMs, percentile, prepareDelivery, runPool, Sender, sleep, unregisteredWebhookUrl, type SendResult, type SignedRequest } from './http';
import { finishedCount, listAllExecutions, publishBareWebhook, publishKickTrigger, readExecutions, totalExecutions, waitForCount, type ExecutionRecord, type PublishedWorkflow } from './workflows';
import { seededRandom } from '../support/random';

export type Log = (line: string) => void;

interface Bed {
	emulator: KickEmulator;
	credentials: KickCredentials;
	close(): Promise<void>;
}

async function bed(n8n: N8nClient): Promise<Bed> {
	const emulator = await startKickEmulator();
	const credentials = await connectKickCredentials(n8n, emulator);
	return { emulator, credentials, close: async () => await emulator.close() };
}

const countBy = <T>(values: readonly T[], key: (value: T) => string): Record<string, number> => {
	const out: Record<string, number> = {};
	for (const value of values) out[key(value)] = (out[key(value)] ?? 0) + 1;
	return out;
};

const statusClass = (status: number) => (status === 0 ? 'no answer' : String(status));

/** Unpublishes (removing the trigger's Kick subscriptions); failures are ignored. */
async function unpublish(n8n: N8nClient, ...workflows: Array<PublishedWorkflow | undefined>): Promise<void> {
	for (const workflow of workflows) if (workflow) await n8n.unpublish(workflow.id).catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// a. Throughput: Kick Trigger vs n8n's bare Webhook node, same signed stream
// ---------------------------------------------------------------------------------------------

export interface ThroughputSide {
	deliveries: number;
	/** Deliveries / (last execution finished − first send), over all rounds. */
	perSecond: number;
	/** Deliveries answered per second while sending (HTTP answers only). */
	answeredPerSecond: number;
	p50: number;
	p95: number;
	p99: number;
	statuses: Record<string, number>;
	executions: number;
}

export interface ThroughputResult {
	/** n8n's bare Webhook node workflow. */
	webhook: ThroughputSide;
	/** The same, plus an unconnected node holding a credential (n8n's per-execution credential check). */
	webhookWithCredential?: ThroughputSide;
	kick: ThroughputSide;
	/** kick.perSecond / webhook.perSecond. */
	ratio: number;
	/** The same ratio per round (each side's deliveries/s in that round), in round order. */
	roundRatios: number[];
	/** kick.perSecond / webhookWithCredential.perSecond. */
	ratioWithCredential?: number;
	problems: string[];
}

export interface ThroughputOptions {
	deliveries: number;
	concurrency: number;
	/** The stream is split into this many slices; each goes to every workflow, in A B C, C B A … order, so drift hits all alike. */
	rounds?: number;
	warmup?: number;
	/** Also measure the like-for-like baseline (Webhook workflow holding a credential). */
	withCredentialBaseline?: boolean;
	/** Where production webhooks are served (queue mode: the load balancer); default the n8n itself. */
	webhookBaseUrl?: string;
	log?: Log;
}

type Side = 'webhook' | 'webhookWithCredential' | 'kick';

interface RoundMeasure {
	sends: Array<SendResult & { messageId: string }>;
	records: ExecutionRecord[];
	firstSend: number;
	lastAnswer: number;
	lastStop: number;
}

export async function runThroughput(n8n: N8nClient, options: ThroughputOptions): Promise<ThroughputResult> {
	const log = options.log ?? (() => undefined);
	const rounds = Math.max(1, options.rounds ?? 2);
	const { emulator, credentials, close } = await bed(n8n);
	const sender = new Sender(options.concurrency);
	const targets: Partial<Record<Side, PublishedWorkflow>> = {};
	const problems: string[] = [];
	try {
		const webhookBaseUrl = options.webhookBaseUrl;
		targets.kick = await publishKickTrigger(n8n, emulator, credentials.user, { events: ['chat.message.sent'], webhookBaseUrl });
		targets.webhook = await publishBareWebhook(n8n, { webhookBaseUrl });
		if (options.withCredentialBaseline) targets.webhookWithCredential = await publishBareWebhook(n8n, { credential: credentials.user, webhookBaseUrl });
		const sides = (['webhook', 'kick', 'webhookWithCredential'] as Side[]).filter((side) => targets[side]);
		const subscriptionId = targets.kick.subscriptionIds['chat.message.sent'];
		const make = (n: number) => prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(n, false), subscriptionId });

		// Warm up every path (JIT, n8n caches, the trigger's key cache), then drain.
		const warmup = options.warmup ?? 30;
		const warm = Array.from({ length: warmup }, (_, n) => make(1_000_000 + n));
		const executed: Partial<Record<Side, number>> = {};
		for (const side of sides) {
			const target = targets[side] as PublishedWorkflow;
			await runPool(warm.length, options.concurrency, async (i) => await sender.send(target.url, warm[i] as SignedRequest));
			await waitForCount(n8n, target.id, warmup, 60_000, 500);
			executed[side] = warmup;
		}

		const stream = Array.from({ length: options.deliveries }, (_, n) => make(n));
		const perRound = Math.ceil(stream.length / rounds);
		const measures: Partial<Record<Side, RoundMeasure[]>> = {};
		for (let round = 0; round < rounds; round++) {
			const slice = stream.slice(round * perRound, round * perRound + perRound);
			if (slice.length === 0) continue;
			for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
				const target = targets[side] as PublishedWorkflow;
				const sends = (await runPool(slice.length, options.concurrency, async (i) => {
					const delivery = slice[i] as SignedRequest;
					return { ...(await sender.send(target.url, delivery)), messageId: delivery.messageId };
				})) as Array<SendResult & { messageId: string }>;
				const previous = executed[side] as number;
				executed[side] = previous + slice.length;
				const all = await waitForCount(n8n, target.id, previous + slice.length, 60_000 + slice.length * 200, 300);
				const ids = new Set(slice.map((delivery) => delivery.messageId));
				const records = (await readExecutions(n8n, target.id, all.slice(0, all.length - previous))).filter((record) => record.messageId && ids.has(record.messageId));
				(measures[side] ??= []).push({
					sends,
					records,
					firstSend: Math.min(...sends.map((send) => send.sentAt)),
					lastAnswer: Math.max(...sends.map((send) => send.answeredAt)),
					lastStop: Math.max(...records.map((record) => record.stoppedAt)),
				});
				log(`  throughput round ${round + 1}/${rounds} (${side}): ${slice.length} deliveries`);
			}
		}

		const summarize = (side: Side): ThroughputSide => {
			const list = measures[side] ?? [];
			const sends = list.flatMap((measure) => measure.sends);
			const records = list.flatMap((measure) => measure.records);
			const sentAt = new Map(sends.map((send) => [send.messageId, send.sentAt]));
			const perId = countBy(records, (record) => record.messageId ?? '?');
			const missing = sends.filter((send) => !perId[send.messageId]).length;
			const twice = Object.values(perId).filter((count) => count > 1).length;
			if (missing) problems.push(`${side}: ${missing} deliveries never executed`);
			if (twice) problems.push(`${side}: ${twice} deliveries executed more than once`);
			const failed = records.filter((record) => record.status !== 'success').length;
			if (failed) problems.push(`${side}: ${failed} executions did not succeed`);
			const statuses = countBy(sends, (send) => statusClass(send.status));
			if (Object.keys(statuses).some((status) => status !== '200')) problems.push(`${side}: answers ${JSON.stringify(statuses)}`);
			const latencies = records.map((record) => record.stoppedAt - (sentAt.get(record.messageId ?? '') ?? record.stoppedAt));
			const busy = list.reduce((sum, measure) => sum + (measure.lastStop - measure.firstSend), 0);
			const answering = list.reduce((sum, measure) => sum + (measure.lastAnswer - measure.firstSend), 0);
			return {
				deliveries: sends.length,
				perSecond: sends.length / (busy / 1000),
				answeredPerSecond: sends.length / (answering / 1000),
				p50: percentile(latencies, 50),
				p95: percentile(latencies, 95),
				p99: percentile(latencies, 99),
				statuses,
				executions: records.length,
			};
		};
		const webhook = summarize('webhook');
		const kick = summarize('kick');
		const roundRate = (measure: RoundMeasure) => measure.sends.length / ((measure.lastStop - measure.firstSend) / 1000);
		const roundRatios = (measures.kick ?? []).map((measure, i) => roundRate(measure) / roundRate((measures.webhook ?? [])[i] as RoundMeasure));
		const webhookWithCredential = targets.webhookWithCredential ? summarize('webhookWithCredential') : undefined;
		return {
			webhook,
			kick,
			webhookWithCredential,
			ratio: kick.perSecond / webhook.perSecond,
			roundRatios,
			ratioWithCredential: webhookWithCredential ? kick.perSecond / webhookWithCredential.perSecond : undefined,
			problems,
		};
	} finally {
		sender.close();
		await unpublish(n8n, targets.kick, targets.webhook, targets.webhookWithCredential);
		await close();
	}
}

// ---------------------------------------------------------------------------------------------
// b. Mixed burst: all ten event types, duplicates, replays, forgeries, late deliveries
// ---------------------------------------------------------------------------------------------

type MixedKind = 'authentic' | 'late' | 'duplicate' | 'replay' | 'forged' | 'too-late';

interface MixedEntry {
	kind: MixedKind;
	/** Index of the authentic event (authentic, late, duplicate, replay). */
	event?: number;
	/** Forgery flavor. */
	forgery?: 'body' | 'signature' | 'messageId' | 'foreign-key';
}

export interface MixedResult {
	sent: Record<MixedKind, number>;
	/** Distinct authentic events (each must run exactly once), the late ones among them. */
	events: number;
	eventTypes: number;
	answers: Record<MixedKind, Record<string, number>>;
	executions: number;
	executedOnce: number;
	executedTwiceOrMore: number;
	notExecuted: number;
	/** Forged deliveries, and deliveries past the Late Delivery Limit, that ran (must be 0). */
	forgedOrTooLateExecuted: number;
	unknownExecuted: number;
	/**
	 * Executions that ended at the trigger with no item: in queue mode, a copy that reached a
	 * second webhook process is queued again and the worker stops it there (see docs/queue-mode.md).
	 */
	stoppedAtTrigger: number;
	fiveXx: number;
	noAnswer: number;
	seconds: number;
	problems: string[];
}

export interface MixedOptions {
	deliveries: number;
	concurrency: number;
	/** Where production webhooks are served (queue mode: the load balancer); default the n8n itself. */
	webhookBaseUrl?: string;
	log?: Log;
	/** Seed for the mix's order (the same mix every run). */
	seed?: number;
}

const random = seededRandom;

/**
 * The mix: 77% authentic (on time), 1% authentic 15 minutes late (they run too), 10% exact
 * duplicates, 5% replays (new id), 5% forged, 2% past the Late Delivery Limit (25 hours old);
 * each copy after its original.
 */
export function planMix(total: number, seed = 7): MixedEntry[] {
	const rnd = random(seed);
	const count = (share: number) => Math.round(total * share);
	const duplicates = count(0.1);
	const replays = count(0.05);
	const forged = count(0.05);
	const tooLate = count(0.02);
	const late = count(0.01);
	const authentic = total - duplicates - replays - forged - tooLate;
	const plan: MixedEntry[] = Array.from({ length: authentic }, (_, event) => ({ kind: 'authentic', event }));
	// The late ones spread evenly among the others.
	for (let i = 0; i < late; i++) (plan[Math.floor(((i + 0.5) * authentic) / late)] as MixedEntry).kind = 'late';
	const insertAfter = (entry: MixedEntry, event: number) => {
		const position = plan.findIndex((existing) => (existing.kind === 'authentic' || existing.kind === 'late') && existing.event === event);
		const at = position + 1 + Math.floor(rnd() * (plan.length - position));
		plan.splice(at, 0, entry);
	};
	for (let i = 0; i < duplicates; i++) {
		const event = Math.floor(rnd() * authentic);
		insertAfter({ kind: 'duplicate', event }, event);
	}
	for (let i = 0; i < replays; i++) {
		const event = Math.floor(rnd() * authentic);
		insertAfter({ kind: 'replay', event }, event);
	}
	const flavors = ['body', 'signature', 'messageId', 'foreign-key'] as const;
	for (let i = 0; i < forged + tooLate; i++) {
		const entry: MixedEntry = i < forged ? { kind: 'forged', forgery: flavors[i % flavors.length] } : { kind: 'too-late' };
		plan.splice(Math.floor(rnd() * (plan.length + 1)), 0, entry);
	}
	return plan;
}

export async function runMixedBurst(n8n: N8nClient, options: MixedOptions): Promise<MixedResult> {
	const log = options.log ?? (() => undefined);
	const { emulator, credentials, close } = await bed(n8n);
	const sender = new Sender(options.concurrency);
	let trigger: PublishedWorkflow | undefined;
	const problems: string[] = [];
	try {
		trigger = await publishKickTrigger(n8n, emulator, credentials.user, { events: ['*'], options: { ignoreDuplicatePayloads: 'all' }, webhookBaseUrl: options.webhookBaseUrl });
		const subscriptions = trigger.subscriptionIds;
		const missingSubscriptions = EVENT_TYPES.filter((event) => !subscriptions[event]);
		if (missingSubscriptions.length) throw new Error(`the Kick Trigger did not subscribe to ${missingSubscriptions.join(', ')}`);
		const url = trigger.url;

		const plan = planMix(options.deliveries, options.seed);
		const lateEvents = new Set(plan.filter((entry) => entry.kind === 'late').map((entry) => entry.event as number));
		const authenticCount = plan.filter((entry) => entry.kind === 'authentic' || entry.kind === 'late').length;
		// Every authentic event: its body, type, and the message ids it was delivered under. A late
		// one happened 15 minutes before it is delivered.
		const events = Array.from({ length: authenticCount }, (_, n) => {
			const type = EVENT_TYPES[n % EVENT_TYPES.length] as (typeof EVENT_TYPES)[number];
			const happened = Date.now() - (lateEvents.has(n) ? 15 * 60_000 : 0);
			return { type, body: JSON.stringify(variedEvent(type, n)), messageId: ulid(), timestamp: rfc3339Seconds(new Date(happened)), ids: new Set<string>() };
		});
		for (const event of events) event.ids.add(event.messageId);
		const refusedIds = new Set<string>();
		const answers: Array<{ kind: MixedKind; status: number }> = [];

		const send = async (entry: MixedEntry): Promise<void> => {
			let result: DeliveryResult | SendResult;
			const common = { url, timeoutMs: 60_000 };
			if (entry.kind === 'authentic' || entry.kind === 'late' || entry.kind === 'duplicate') {
				const event = events[entry.event as number]!;
				result = await emulator.deliver({ ...common, event: event.type, body: event.body, messageId: event.messageId, timestamp: event.timestamp, subscriptionId: subscriptions[event.type] });
			} else if (entry.kind === 'replay') {
				// What a duplicate subscription sends: the same body under a new message id.
				const event = events[entry.event as number]!;
				const messageId = ulid();
				event.ids.add(messageId);
				result = await emulator.deliver({ ...common, event: event.type, body: event.body, messageId, subscriptionId: subscriptions[event.type] });
			} else {
				const n = 5_000_000 + answers.length;
				const type = EVENT_TYPES[n % EVENT_TYPES.length] as (typeof EVENT_TYPES)[number];
				const body = variedEvent(type, n);
				if (entry.kind === 'too-late') {
					result = await emulator.deliver({ ...common, event: type, body, staleSeconds: 25 * 3600, subscriptionId: subscriptions[type] });
					refusedIds.add((result as DeliveryResult).messageId);
				} else if (entry.forgery === 'foreign-key') {
					const forged = prepareDelivery(emulator, { event: type, body, subscriptionId: subscriptions[type] as string, privateKey: forgerKey() });
					refusedIds.add(forged.messageId);
					result = await sender.send(url, forged, 60_000);
				} else {
					result = await emulator.deliver({ ...common, event: type, body, tamper: entry.forgery, subscriptionId: subscriptions[type] });
					refusedIds.add((result as DeliveryResult).messageId);
				}
			}
			answers.push({ kind: entry.kind, status: result.status });
		};

		const started = nowMs();
		let done = 0;
		await runPool(plan.length, options.concurrency, async (i) => {
			await send(plan[i] as MixedEntry);
			if (++done % 500 === 0) log(`  mixed burst: ${done}/${plan.length} sent`);
		});
		let records = await readExecutions(n8n, trigger.id, await waitForCount(n8n, trigger.id, authenticCount, 120_000 + authenticCount * 200));
		// Executions stopped at the trigger count towards n8n's total too: wait for the ones with items.
		for (const until = Date.now() + 60_000; records.filter((record) => record.item).length < authenticCount && Date.now() < until; ) {
			await sleep(1000);
			records = await readExecutions(n8n, trigger.id);
		}
		const seconds = (Math.max(...records.map((record) => record.stoppedAt || 0)) - started) / 1000;

		const eventOf = new Map<string, number>();
		events.forEach((event, index) => event.ids.forEach((id) => eventOf.set(id, index)));
		const runs = new Array<number>(events.length).fill(0);
		let forgedOrTooLateExecuted = 0;
		let unknownExecuted = 0;
		let stoppedAtTrigger = 0;
		for (const record of records) {
			if (!record.item) {
				stoppedAtTrigger++;
				continue;
			}
			const index = record.messageId === undefined ? undefined : eventOf.get(record.messageId);
			if (index !== undefined) runs[index]!++;
			else if (record.messageId && refusedIds.has(record.messageId)) forgedOrTooLateExecuted++;
			else unknownExecuted++;
		}
		const failed = records.filter((record) => record.status !== 'success').length;
		const sent = countBy(plan, (entry) => entry.kind) as Record<MixedKind, number>;
		const answersByKind = {} as Record<MixedKind, Record<string, number>>;
		for (const kind of ['authentic', 'late', 'duplicate', 'replay', 'forged', 'too-late'] as MixedKind[]) {
			answersByKind[kind] = countBy(answers.filter((answer) => answer.kind === kind), (answer) => statusClass(answer.status));
		}
		const result: MixedResult = {
			sent,
			events: events.length,
			eventTypes: new Set(events.map((event) => event.type)).size,
			answers: answersByKind,
			executions: records.length,
			executedOnce: runs.filter((count) => count === 1).length,
			executedTwiceOrMore: runs.filter((count) => count > 1).length,
			notExecuted: runs.filter((count) => count === 0).length,
			forgedOrTooLateExecuted,
			unknownExecuted,
			stoppedAtTrigger,
			fiveXx: answers.filter((answer) => answer.status >= 500).length,
			noAnswer: answers.filter((answer) => answer.status === 0).length,
			seconds,
			problems,
		};
		if (result.executedOnce !== events.length) problems.push(`${result.notExecuted} authentic events never ran, ${result.executedTwiceOrMore} ran more than once`);
		if (forgedOrTooLateExecuted || unknownExecuted) problems.push(`${forgedOrTooLateExecuted} forged or too late and ${unknownExecuted} unknown deliveries ran`);
		if (result.fiveXx) problems.push(`${result.fiveXx} answers were 5xx`);
		if (result.noAnswer) problems.push(`${result.noAnswer} deliveries got no answer`);
		if (failed) problems.push(`${failed} executions did not succeed`);
		// Everything Kick sent is answered 200; only forgeries get a 401.
		for (const kind of ['authentic', 'late', 'duplicate', 'replay', 'too-late'] as const) {
			const other = Object.entries(answersByKind[kind]).filter(([status]) => status !== '200');
			if (other.length) problems.push(`${kind} deliveries answered ${JSON.stringify(answersByKind[kind])} (expected 200)`);
		}
		const forgedOther = Object.entries(answersByKind.forged).filter(([status]) => status !== '401');
		if (forgedOther.length) problems.push(`forged deliveries answered ${JSON.stringify(answersByKind.forged)} (expected 401)`);
		return result;
	} finally {
		sender.close();
		await unpublish(n8n, trigger);
		await close();
	}
}

// ---------------------------------------------------------------------------------------------
// c. Chat firehose: 1% commands, against n8n's own no-workflow answer rate
// ---------------------------------------------------------------------------------------------

/** A second Kick Trigger with the chat bot's rules on, measured in the same slices (`chatRules`). */
export interface FirehoseRulesSide {
	perSecond: number;
	/** perSecond / the 404 rate of the same slices. */
	ratio: number;
	commandsExecuted: number;
}

export interface FirehoseResult {
	deliveries: number;
	commandsSent: number;
	commandsExecuted: number;
	/** Deliveries answered per second by the Kick Trigger. */
	perSecond: number;
	/** n8n's answer rate for an unregistered webhook path (404), same requests, same run. */
	baselinePerSecond: number;
	ratio: number;
	/**
	 * n8n's own Webhook node answering without an execution (its IP Whitelist refusing the
	 * sender: 403), same requests, same run: what any trigger node's answer costs in n8n, which
	 * loads the workflow and builds the node's context before the node sees the request.
	 */
	nodeRefusalPerSecond: number;
	/** perSecond / nodeRefusalPerSecond. */
	ratioToNodeRefusal: number;
	statuses: Record<string, number>;
	baselineStatuses: Record<string, number>;
	/** Executions added to n8n's database during the firehose (all workflows; only the triggers' when not `exclusive`). */
	executionsAdded: number;
	/** `chatRules`: the same stream to a Kick Trigger with the chat bot's rules on. */
	rules?: FirehoseRulesSide;
	problems: string[];
}

export interface FirehoseOptions {
	deliveries: number;
	concurrency: number;
	/** One command every this many messages (100 = 1%). */
	commandEvery?: number;
	/** Stop sending after this long (the count is the other bound). */
	maxSeconds?: number;
	/**
	 * Whether nothing else uses this n8n meanwhile (default true), so the database check can count
	 * every workflow's executions. Test files sharing one n8n may run in parallel: then only the
	 * trigger workflow's executions are counted.
	 */
	exclusive?: boolean;
	/**
	 * Commands that run before the measurement, so the trigger's persisted log of what ran is as
	 * full as a busy bot's (it is part of the static data n8n reads for every request).
	 */
	prefillCommands?: number;
	/** Alternating slices of the firehose and the baseline (default 8). */
	slices?: number;
	/**
	 * Chat senders have badges as on Kick (`chatEvent`), and a second Kick Trigger (its own Kick
	 * app) with the chat bot's rules on (CHAT_RULES_FILTERS, which hold back none of the commands)
	 * gets the same stream, its slices rotating with the others.
	 */
	chatRules?: boolean;
	log?: Log;
}

async function blast(sender: Sender, url: string, deliveries: readonly SignedRequest[], concurrency: number, deadline: number) {
	const sends = await runPool(deliveries.length, concurrency, async (i) => await sender.send(url, deliveries[i] as SignedRequest), deadline);
	const done = sends.filter((send): send is SendResult => send !== undefined);
	const first = Math.min(...done.map((send) => send.sentAt));
	const last = Math.max(...done.map((send) => send.answeredAt));
	return { sends, done, seconds: (last - first) / 1000 };
}

/** A Kick Trigger taking the firehose, on a Kick app of its own. */
interface FirehoseTrigger {
	bed: Bed;
	workflow: PublishedWorkflow;
	make(n: number, command: boolean): SignedRequest;
}

export async function runFirehose(n8n: N8nClient, options: FirehoseOptions): Promise<FirehoseResult> {
	const log = options.log ?? (() => undefined);
	const every = options.commandEvery ?? 100;
	const sender = new Sender(options.concurrency);
	const triggers: FirehoseTrigger[] = [];
	let refusing: PublishedWorkflow | undefined;
	const problems: string[] = [];
	const badges = options.chatRules === true;
	const deadline = () => Date.now() + (options.maxSeconds ?? 60) * 1000;
	const prefilled = options.prefillCommands ?? 0;
	try {
		for (const rules of options.chatRules ? [false, true] : [false]) {
			const bedOf = await bed(n8n);
			const filters = { commandPrefix: '!', ...(rules ? CHAT_RULES_FILTERS : {}) };
			const workflow = await publishKickTrigger(n8n, bedOf.emulator, bedOf.credentials.user, { events: ['chat.message.sent'], filters });
			const subscriptionId = workflow.subscriptionIds['chat.message.sent'] as string;
			const make = (n: number, command: boolean) => prepareDelivery(bedOf.emulator, { event: 'chat.message.sent', body: chatEvent(n, command, badges), subscriptionId, kind: command ? 'command' : 'chat' });
			triggers.push({ bed: bedOf, workflow, make });

			if (options.prefillCommands) {
				log(`  firehose: ${options.prefillCommands} commands run first (a full log of what ran)…`);
				// One per second over the last minutes, as a busy bot's commands come: the log keeps
				// its newest signed seconds, so these fill it.
				const now = Math.floor(Date.now() / 1000);
				const prefill = Array.from({ length: options.prefillCommands }, (_, n) =>
					prepareDelivery(bedOf.emulator, { event: 'chat.message.sent', body: chatEvent(3_000_000 + n, true, badges), subscriptionId, timestamp: rfc3339Seconds(new Date((now - options.prefillCommands! + n) * 1000)) }),
				);
				await blast(sender, workflow.url, prefill, options.concurrency, deadline());
				await waitForCount(n8n, workflow.id, prefill.length, 120_000 + prefill.length * 200, 500);
			}
		}
		const [main, withRules] = triggers as [FirehoseTrigger, FirehoseTrigger | undefined];
		const missUrl = unregisteredWebhookUrl(n8n.baseUrl);
		// TEST-NET-3: never the load generator's address.
		refusing = await publishBareWebhook(n8n, { ipWhitelist: '203.0.113.7' });

		// Warm-up (not counted): plain chat to the triggers and requests to the unregistered path.
		const warmCount = Math.min(300, options.deliveries);
		for (const trigger of triggers) await blast(sender, trigger.workflow.url, Array.from({ length: warmCount }, (_, n) => trigger.make(2_000_000 + n, false)), options.concurrency, deadline());
		const warm = Array.from({ length: warmCount }, (_, n) => main.make(2_000_000 + n, false));
		await blast(sender, missUrl, warm, options.concurrency, deadline());
		await blast(sender, refusing.url, warm, options.concurrency, deadline());

		log(`  firehose: signing ${options.deliveries} chat deliveries${withRules ? ' for each trigger' : ''}…`);
		const streams = triggers.map((trigger) => Array.from({ length: options.deliveries }, (_, n) => trigger.make(n, n % every === Math.floor(every / 2))));
		const stream = streams[0] as SignedRequest[];
		const exclusive = options.exclusive !== false;
		const finishedOfTriggers = async () => (await Promise.all(triggers.map(async (trigger) => await finishedCount(n8n, trigger.workflow.id)))).reduce((a, b) => a + b, 0);
		const countExecutions = async () => (exclusive ? await totalExecutions(n8n) : await finishedOfTriggers());
		const executionsBefore = await countExecutions();

		// The firehose, n8n's own answer rate and n8n's Webhook node refusing (and the trigger with
		// the chat bot's rules), in short slices whose order rotates (A B C, B C A, …), so drift
		// on a shared machine hits all alike.
		const slices = Math.max(1, Math.min(options.slices ?? 9, stream.length));
		const perSlice = Math.ceil(stream.length / slices);
		const sides = ['baseline', 'hose', 'refusal', ...(withRules ? ['rules'] : [])] as const;
		type Side = (typeof sides)[number];
		const measured = new Map<Side, { sends: Array<SendResult | undefined>; done: SendResult[]; seconds: number }>(sides.map((side) => [side, { sends: [], done: [], seconds: 0 }]));
		const urls: Record<string, string> = { baseline: missUrl, hose: main.workflow.url, refusal: refusing.url, rules: withRules?.workflow.url ?? '' };
		// Whole slices only, so every side always gets the same work; past the time budget no new
		// slice starts.
		const until = deadline();
		for (let slice = 0; slice < slices; slice++) {
			const from = slice * perSlice;
			if (from >= stream.length || (slice > 0 && Date.now() > until)) break;
			for (const side of [...sides.slice(slice % sides.length), ...sides.slice(0, slice % sides.length)]) {
				const part = (side === 'rules' ? (streams[1] as SignedRequest[]) : stream).slice(from, from + perSlice);
				const result = await blast(sender, urls[side] as string, part, options.concurrency, Number.POSITIVE_INFINITY);
				const into = measured.get(side)!;
				into.sends.push(...result.sends);
				into.done.push(...result.done);
				into.seconds += result.seconds;
			}
		}
		const hose = measured.get('hose')!;
		const baselineDone = measured.get('baseline')!.done;
		const baselinePerSecond = baselineDone.length / measured.get('baseline')!.seconds;
		const refusalDone = measured.get('refusal')!.done;

		/** The commands of a trigger's stream that were sent, and how many of them ran once. */
		const executed = async (trigger: FirehoseTrigger, sent: SignedRequest[], sends: Array<SendResult | undefined>) => {
			const commands = sent.filter((delivery, i) => sends[i] !== undefined && delivery.kind === 'command');
			const all = commands.length > 0 ? await waitForCount(n8n, trigger.workflow.id, prefilled + commands.length, 60_000 + commands.length * 500, 2000) : await (async () => (await sleep(2000), await listAllExecutions(n8n, trigger.workflow.id)))();
			// Newest first: the prefilled commands' executions are the oldest.
			const records = await readExecutions(n8n, trigger.workflow.id, all.slice(0, all.length - prefilled));
			const commandIds = new Set(commands.map((delivery) => delivery.messageId));
			const ofCommands = records.filter((record) => record.messageId && commandIds.has(record.messageId));
			const distinct = new Set(ofCommands.map((record) => record.messageId)).size;
			if (records.length !== commands.length || distinct !== commands.length || ofCommands.length !== commands.length) {
				problems.push(`${trigger === main ? '' : 'with the chat bot\'s rules: '}commands sent ${commands.length}, executions ${records.length} (${ofCommands.length} of commands, ${distinct} distinct)`);
			}
			return { commands: commands.length, executed: ofCommands.length };
		};
		const mainRun = await executed(main, stream, hose.sends);
		log(`  firehose: ${hose.done.length} deliveries in ${hose.seconds.toFixed(1)} s, ${mainRun.commands} commands`);
		let rules: FirehoseRulesSide | undefined;
		let commandsSent = mainRun.commands;
		if (withRules) {
			const side = measured.get('rules')!;
			const rulesRun = await executed(withRules, streams[1] as SignedRequest[], side.sends);
			commandsSent += rulesRun.commands;
			rules = { perSecond: side.done.length / side.seconds, ratio: side.done.length / side.seconds / baselinePerSecond, commandsExecuted: rulesRun.executed };
			if (Object.keys(countBy(side.done, (send) => statusClass(send.status))).some((status) => status !== '200')) problems.push('with the chat bot\'s rules: answers other than 200');
		}
		const executionsAfter = await countExecutions();

		const result: FirehoseResult = {
			deliveries: hose.done.length,
			commandsSent: mainRun.commands,
			commandsExecuted: mainRun.executed,
			perSecond: hose.done.length / hose.seconds,
			baselinePerSecond,
			ratio: hose.done.length / hose.seconds / baselinePerSecond,
			nodeRefusalPerSecond: refusalDone.length / measured.get('refusal')!.seconds,
			ratioToNodeRefusal: hose.done.length / hose.seconds / (refusalDone.length / measured.get('refusal')!.seconds),
			statuses: countBy(hose.done, (send) => statusClass(send.status)),
			baselineStatuses: countBy(baselineDone, (send) => statusClass(send.status)),
			executionsAdded: executionsAfter - executionsBefore,
			rules,
			problems,
		};
		if (result.executionsAdded !== commandsSent) problems.push(`n8n's execution count grew by ${result.executionsAdded}, expected ${commandsSent} (the commands)`);
		if (Object.keys(result.statuses).some((status) => status !== '200')) problems.push(`trigger answers ${JSON.stringify(result.statuses)}`);
		if (Object.keys(result.baselineStatuses).some((status) => status !== '404')) problems.push(`baseline answers ${JSON.stringify(result.baselineStatuses)}`);
		const refusalStatuses = countBy(refusalDone, (send) => statusClass(send.status));
		if (Object.keys(refusalStatuses).some((status) => status !== '403')) problems.push(`Webhook node refusal answers ${JSON.stringify(refusalStatuses)}`);
		return result;
	} finally {
		sender.close();
		await unpublish(n8n, refusing, ...triggers.map((trigger) => trigger.workflow));
		for (const trigger of triggers) await trigger.bed.close();
	}
}

// ---------------------------------------------------------------------------------------------
// d. Chat under the emulator's rate limit: N messages through the Kick node in one run
// ---------------------------------------------------------------------------------------------

export interface ChatLimitResult {
	messages: number;
	perSecond: number;
	burst: number;
	delivered: number;
	deliveredTwice: number;
	missing: number;
	/** 429 answers the node waited out. */
	rateLimited: number;
	/** The Kick node's execution, start to finish. */
	seconds: number;
	/** First to last accepted chat POST. */
	postSpanSeconds: number;
	/** (N − burst) / perSecond. */
	minimumSeconds: number;
	/** seconds / minimumSeconds. */
	ratio: number;
	/** The same run without any limit (when measured): how fast the node posts by itself. */
	unlimitedSeconds?: number;
	problems: string[];
}

export interface ChatLimitOptions {
	messages: number;
	perSecond: number;
	burst: number;
	/** Also time the same messages with no limit, for reference. */
	measureUnlimited?: boolean;
}

async function sendChat(n8n: N8nClient, credentials: KickCredentials, texts: string[]) {
	const run = await runNode(n8n, {
		parameters: { authentication: 'userOAuth2', resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: '={{ $json.text }}', options: {} },
		credentials: { kickOAuth2Api: credentials.user },
		items: texts.map((text) => ({ text })),
	});
	const execution = await n8n.rest<{ startedAt: string; stoppedAt: string }>('GET', `/executions/${run.executionId}`);
	return { run, seconds: (Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)) / 1000 };
}

export async function runChatRateLimit(n8n: N8nClient, options: ChatLimitOptions): Promise<ChatLimitResult> {
	const { emulator, credentials, close } = await bed(n8n);
	const problems: string[] = [];
	try {
		let unlimitedSeconds: number | undefined;
		if (options.measureUnlimited) {
			const reference = randomUUID().slice(0, 8);
			unlimitedSeconds = (await sendChat(n8n, credentials, Array.from({ length: options.messages }, (_, i) => `unlimited ${reference} #${i}`))).seconds;
		}
		const tag = randomUUID().slice(0, 8);
		const texts = Array.from({ length: options.messages }, (_, i) => `rate-limited ${tag} #${i}`);
		emulator.clearRequests();
		emulator.faults.chatRateLimit = { perSecond: options.perSecond, burst: options.burst };
		const { run, seconds } = await sendChat(n8n, credentials, texts);
		emulator.resetFaults();
		if (run.error) problems.push(`the Kick node failed: ${run.error.message}`);

		const posted = countBy(emulator.state.chat.filter((message) => message.content.includes(tag)), (message) => message.content);
		const delivered = texts.filter((text) => posted[text] === 1).length;
		const deliveredTwice = texts.filter((text) => (posted[text] ?? 0) > 1).length;
		const missing = texts.filter((text) => !posted[text]).length;
		const posts = emulator.requests.filter((request) => request.method === 'POST' && request.path === '/public/v1/chat');
		const accepted = posts.filter((request) => request.status === 200);
		const minimumSeconds = (options.messages - options.burst) / options.perSecond;
		if (delivered !== options.messages) problems.push(`${delivered}/${options.messages} delivered once, ${deliveredTwice} twice, ${missing} missing`);
		if (run.items.length !== options.messages) problems.push(`the node returned ${run.items.length} items`);
		return {
			messages: options.messages,
			perSecond: options.perSecond,
			burst: options.burst,
			delivered,
			deliveredTwice,
			missing,
			rateLimited: posts.filter((request) => request.status === 429).length,
			seconds,
			postSpanSeconds: accepted.length > 1 ? ((accepted.at(-1)?.at ?? 0) - (accepted[0]?.at ?? 0)) / 1000 : 0,
			minimumSeconds,
			ratio: seconds / minimumSeconds,
			unlimitedSeconds,
			problems,
		};
	} finally {
		await close();
	}
}

// ---------------------------------------------------------------------------------------------
// g. Long run: 20,000 deliveries that all run, against a bare Webhook in the same rounds
// ---------------------------------------------------------------------------------------------

export interface LongRunRound {
	/** Kick Trigger deliveries per second in this round (first send → all executions finished). */
	kickPerSecond: number;
	webhookPerSecond: number;
	/** The Kick Trigger workflow's static data after the round, bytes. */
	staticDataBytes: number;
}

export interface LongRunResult {
	deliveries: number;
	rounds: LongRunRound[];
	/** Last round's rate / first round's, for the Kick Trigger and for the bare Webhook. */
	kickEndOverStart: number;
	webhookEndOverStart: number;
	/** Kick Trigger / bare Webhook, in the first and in the last round. */
	ratioFirst: number;
	ratioLast: number;
	staticDataBytesBefore: number;
	staticDataBytesMax: number;
	problems: string[];
}

export interface LongRunOptions {
	rounds: number;
	kickPerRound: number;
	webhookPerRound: number;
	concurrency: number;
	log?: Log;
}

/**
 * Cost must not grow with work: the Kick Trigger remembers every delivery that runs, so over a
 * long run of deliveries that all run, the last round must go about as fast as the first. A bare
 * Webhook workflow gets a share of every round, to tell the trigger's slowdown from n8n's own.
 */
export async function runLongRun(n8n: N8nClient, options: LongRunOptions): Promise<LongRunResult> {
	const log = options.log ?? (() => undefined);
	const { emulator, credentials, close } = await bed(n8n);
	const sender = new Sender(options.concurrency);
	const targets: { kick?: PublishedWorkflow; webhook?: PublishedWorkflow } = {};
	const problems: string[] = [];
	try {
		const kick = await publishKickTrigger(n8n, emulator, credentials.user, { events: ['chat.message.sent'] });
		targets.kick = kick;
		const webhook = await publishBareWebhook(n8n);
		targets.webhook = webhook;
		const subscriptionId = kick.subscriptionIds['chat.message.sent'] as string;
		const staticDataBytes = async () => Buffer.byteLength(JSON.stringify((await n8n.getWorkflow(kick.id)).staticData ?? {}));
		const staticDataBytesBefore = await staticDataBytes();
		const executed = { kick: 0, webhook: 0 };

		/** Sends `count` fresh chat deliveries; returns how long until all had finished, ms. */
		const slice = async (side: 'kick' | 'webhook', count: number, first: number): Promise<number> => {
			const target = targets[side] as PublishedWorkflow;
			const deliveries = Array.from({ length: count }, (_, n) => prepareDelivery(emulator, { event: 'chat.message.sent', body: chatEvent(first + n, false), subscriptionId }));
			const started = nowMs();
			const sends = await runPool(count, options.concurrency, async (i) => await sender.send(target.url, deliveries[i] as SignedRequest));
			const failed = sends.flatMap((send, i) => (send?.status === 200 ? [] : [`${deliveries[i]?.messageId}: ${send?.status} ${send?.error ?? ''}`]));
			if (failed.length) problems.push(`${side}: ${failed.length} deliveries not answered 200 (${failed.slice(0, 3).join('; ')})`);
			executed[side] += count;
			const deadline = Date.now() + 120_000 + count * 100;
			while ((await finishedCount(n8n, target.id)) < executed[side]) {
				if (Date.now() > deadline) throw new Error(`${side}: ${executed[side]} executions expected, n8n has ${await finishedCount(n8n, target.id)}`);
				await sleep(50);
			}
			return nowMs() - started;
		};

		// Warm-up (not counted).
		await slice('kick', 200, 9_000_000);
		await slice('webhook', 200, 9_100_000);
		// Each round in eight slices, alternating which side goes first, so drift hits both alike.
		const SLICES = 8;
		const rounds: LongRunRound[] = [];
		let sequence = 0;
		for (let r = 0; r < options.rounds; r++) {
			const time = { kick: 0, webhook: 0 };
			for (let part = 0; part < SLICES; part++) {
				for (const side of part % 2 === 0 ? (['kick', 'webhook'] as const) : (['webhook', 'kick'] as const)) {
					const count = Math.ceil((side === 'kick' ? options.kickPerRound : options.webhookPerRound) / SLICES);
					time[side] += await slice(side, count, (sequence += 10_000));
				}
			}
			const kickPerSecond = (SLICES * Math.ceil(options.kickPerRound / SLICES)) / (time.kick / 1000);
			const webhookPerSecond = (SLICES * Math.ceil(options.webhookPerRound / SLICES)) / (time.webhook / 1000);
			rounds.push({ kickPerSecond, webhookPerSecond, staticDataBytes: await staticDataBytes() });
			log(`  long run round ${r + 1}/${options.rounds}: Kick Trigger ${kickPerSecond.toFixed(1)}/s, bare Webhook ${webhookPerSecond.toFixed(1)}/s, static data ${rounds[r]!.staticDataBytes} B`);
		}
		const first = rounds[0] as LongRunRound;
		const last = rounds[rounds.length - 1] as LongRunRound;
		return {
			deliveries: options.rounds * options.kickPerRound,
			rounds,
			kickEndOverStart: last.kickPerSecond / first.kickPerSecond,
			webhookEndOverStart: last.webhookPerSecond / first.webhookPerSecond,
			ratioFirst: first.kickPerSecond / first.webhookPerSecond,
			ratioLast: last.kickPerSecond / last.webhookPerSecond,
			staticDataBytesBefore,
			staticDataBytesMax: Math.max(...rounds.map((entry) => entry.staticDataBytes)),
			problems,
		};
	} finally {
		sender.close();
		await unpublish(n8n, targets.kick, targets.webhook);
		await close();
	}
}

// ---------------------------------------------------------------------------------------------
// h. Kick's undocumented request limit: a window per app, 429 with no header
// ---------------------------------------------------------------------------------------------

export interface RateWindowResult {
	chatMessages: number;
	statusItems: number;
	limit: number;
	windowSeconds: number;
	/** API requests Kick accepted, and how many it refused (429). */
	accepted: number;
	refused: number;
	/** Items that failed in either run (must be 0). */
	failedItems: number;
	delivered: number;
	/** First to last accepted request. */
	seconds: number;
	/** The least time the accepted requests need under the limit. */
	minimumSeconds: number;
	ratio: number;
	problems: string[];
}

/**
 * Two Kick node runs at once against the emulator's window (one per Kick app, refused requests
 * counting, no header): Chat → Send Message for `chatMessages` items and Livestream → Get Status
 * for `statusItems` live channels named by slug (a channel lookup and a lookup of their users
 * per 50). The node learns the window from the 429s and paces both runs together.
 */
export async function runRateWindow(n8n: N8nClient, options: { chatMessages: number; statusItems: number; limit: number; windowMs: number }): Promise<RateWindowResult> {
	const { emulator, credentials, close } = await bed(n8n);
	const problems: string[] = [];
	try {
		const channels = emulator.addChannels(options.statusItems, { prefix: `window-${randomUUID().slice(0, 6)}`, live: true });
		const tag = randomUUID().slice(0, 8);
		const credential = { kickOAuth2Api: credentials.user };
		emulator.clearRequests();
		emulator.faults.rateWindow = { limit: options.limit, windowMs: options.windowMs };
		const timeoutMs = 30 * 60_000;
		const [chat, status] = await Promise.all([
			runNode(n8n, {
				parameters: { authentication: 'userOAuth2', resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: `={{ "window ${tag} #" + $json.n }}` },
				credentials: credential,
				items: Array.from({ length: options.chatMessages }, (_, n) => ({ n })),
				timeoutMs,
			}),
			runNode(n8n, {
				parameters: { authentication: 'userOAuth2', resource: 'livestream', operation: 'getStatus', channel: { __rl: true, mode: 'slug', value: '={{ $json.slug }}' } },
				credentials: credential,
				items: channels.map((channel) => ({ slug: channel.slug })),
				timeoutMs,
			}),
		]);
		emulator.resetFaults();
		for (const [name, run] of [['chat', chat], ['status', status]] as const) if (run.error) problems.push(`${name}: ${run.error.message}`);
		const failedItems = [...chat.items, ...status.items].filter((item) => item.json.error !== undefined).length + (options.chatMessages - chat.items.length) + (options.statusItems - status.items.length);
		const delivered = new Set(emulator.state.chat.filter((message) => message.content.startsWith(`window ${tag} #`)).map((message) => message.content)).size;
		if (delivered !== options.chatMessages) problems.push(`${delivered}/${options.chatMessages} chat messages delivered`);
		if (failedItems) problems.push(`${failedItems} items failed`);
		const api = emulator.requests.filter((request) => request.path.startsWith('/public/'));
		const accepted = api.filter((request) => request.status !== 429);
		const times = accepted.map((request) => request.at);
		const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
		const minimumSeconds = ((Math.ceil(accepted.length / options.limit) - 1) * options.windowMs) / 1000;
		return {
			chatMessages: options.chatMessages,
			statusItems: options.statusItems,
			limit: options.limit,
			windowSeconds: options.windowMs / 1000,
			accepted: accepted.length,
			refused: api.length - accepted.length,
			failedItems,
			delivered,
			seconds,
			minimumSeconds,
			ratio: seconds / minimumSeconds,
			problems,
		};
	} finally {
		await close();
	}
}
