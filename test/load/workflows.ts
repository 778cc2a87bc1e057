/**
 * The workflows the load runs publish: "Kick Trigger → No Operation" and the baseline
 * "Webhook → No Operation" (n8n's own Webhook node, answering on receipt like the trigger),
 * and reading their executions back through n8n's REST API.
 */
import { randomUUID } from 'node:crypto';

import type { KickEmulator } from '../emulator';
import type { CredentialRef, ExecutionSummary, N8nClient } from '../harness/n8nClient';

export interface PublishedWorkflow {
	id: string;
	name: string;
	/** The production URL deliveries go to. */
	url: string;
	/** Kick Trigger only: the trigger's subscription id per event (from the emulator's state). */
	subscriptionIds: Record<string, string>;
}

const noOp = (x: number) => ({ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [x, 0], parameters: {} });

export interface KickTriggerOptions {
	events: string[];
	filters?: Record<string, unknown>;
	options?: Record<string, unknown>;
	name?: string;
	/** The trigger's typeVersion (default 1.1, the current one). */
	typeVersion?: number;
	/** Where production webhooks are served, when not by the n8n the client talks to (queue mode: the load balancer). */
	webhookBaseUrl?: string;
}

/** Creates and publishes "Kick Trigger → Done" with the user credential; points the app's webhook URL at it. */
export async function publishKickTrigger(n8n: N8nClient, emulator: KickEmulator, credential: CredentialRef, options: KickTriggerOptions): Promise<PublishedWorkflow> {
	const webhookId = randomUUID();
	const name = options.name ?? `load: Kick Trigger ${webhookId.slice(0, 8)}`;
	const created = await n8n.createWorkflow({
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Kick Trigger',
				type: 'n8n-nodes-kick.kickTrigger',
				typeVersion: options.typeVersion ?? 1.1,
				position: [0, 0],
				webhookId,
				credentials: { kickOAuth2Api: { id: credential.id, name: credential.name } },
				parameters: { authentication: 'userOAuth2', events: options.events, filters: options.filters ?? {}, options: options.options ?? {} },
			},
			noOp(220),
		],
		connections: { 'Kick Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	});
	await n8n.publish(created.id);
	const url = `${options.webhookBaseUrl ?? n8n.baseUrl}/webhook/${webhookId}/webhook`;
	// The credential is the emulator's first app (connectKickCredentials' default).
	const app = emulator.apps[0];
	app.webhookUrl = url;
	return { id: created.id, name, url, subscriptionIds: subscriptionIdsOf(emulator, app.clientId) };
}

/** The emulator's subscriptions of one app, one id per event (the last one when there are several). */
export function subscriptionIdsOf(emulator: KickEmulator, clientId = emulator.apps[0].clientId): Record<string, string> {
	const ids: Record<string, string> = {};
	for (const subscription of emulator.state.subscriptions) if (subscription.appId === clientId) ids[subscription.event] = subscription.id;
	return ids;
}

/**
 * Creates and publishes n8n's bare "Webhook (POST, respond immediately) → Done". With
 * `credential`, the workflow also holds an unconnected Kick node using that credential: it never
 * runs, but n8n checks the credentials of every node before each execution (database reads),
 * as it does for a Kick Trigger workflow — a like-for-like baseline.
 */
export async function publishBareWebhook(
	n8n: N8nClient,
	options: {
		credential?: CredentialRef;
		webhookBaseUrl?: string;
		/** The Webhook node's IP Whitelist option: requests from elsewhere get n8n's 403 and start nothing. */
		ipWhitelist?: string;
	} = {},
): Promise<PublishedWorkflow> {
	const path = `kick-load-baseline-${randomUUID()}`;
	const name = `load: bare Webhook ${path.slice(-8)}`;
	const created = await n8n.createWorkflow({
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: options.ipWhitelist ? { ipWhitelist: options.ipWhitelist } : {} },
			},
			noOp(220),
			...(options.credential
				? [
						{
							id: randomUUID(),
							name: 'Kick (not connected)',
							type: 'n8n-nodes-kick.kick',
							typeVersion: 1,
							position: [0, 200],
							credentials: { kickOAuth2Api: { id: options.credential.id, name: options.credential.name } },
							parameters: { authentication: 'userOAuth2', resource: 'user', operation: 'get' },
						},
					]
				: []),
		],
		connections: { Webhook: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	});
	await n8n.publish(created.id);
	return { id: created.id, name, url: `${options.webhookBaseUrl ?? n8n.baseUrl}/webhook/${path}`, subscriptionIds: {} };
}

/** All executions in this n8n (every workflow), as n8n counts them. */
export async function totalExecutions(n8n: N8nClient): Promise<number> {
	const page = await n8n.rest<{ count: number }>('GET', `/executions?filter=${encodeURIComponent('{}')}&limit=1`);
	return page.count;
}

export interface ExecutionRecord {
	id: string;
	status: string;
	startedAt: number;
	stoppedAt: number;
	/** The Kick message id the execution ran for: the trigger's `messageId`, or the Webhook node's header. */
	messageId: string | undefined;
	/** The trigger's output item (Kick Trigger workflows). */
	item?: Record<string, any>;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			for (;;) {
				const index = next++;
				if (index >= items.length) return;
				out[index] = await task(items[index] as T);
			}
		}),
	);
	return out;
}

/**
 * All executions of a workflow, newest first (the harness pages them by start time and checks
 * the total against n8n's own count).
 */
export async function listAllExecutions(n8n: N8nClient, workflowId: string): Promise<ExecutionSummary[]> {
	return await n8n.listExecutions(workflowId);
}

/** How many finished executions the workflow has (one cheap request). */
export async function finishedCount(n8n: N8nClient, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	return (await n8n.rest<{ count: number }>('GET', `/executions?filter=${filter}&limit=1`)).count;
}

const finished = (execution: ExecutionSummary) => Boolean(execution.stoppedAt) || ['success', 'error', 'crashed', 'canceled'].includes(execution.status);

/** Every execution of the workflow with the message id it ran for (reads each execution's data). */
export async function readExecutions(n8n: N8nClient, workflowId: string, summaries?: ExecutionSummary[]): Promise<ExecutionRecord[]> {
	const list = summaries ?? (await listAllExecutions(n8n, workflowId));
	return await mapLimit(list, 6, async (summary) => {
		const { data } = await n8n.getExecution(summary.id);
		const runData = data.resultData?.runData ?? {};
		// An execution cut by a shutdown (marked crashed at the next start) has no run data of its
		// trigger, or n8n's stand-in item for it; the delivery's item still waits on the
		// execution stack, where n8n put it when it created the execution.
		const waiting = data.executionData?.nodeExecutionStack?.[0];
		const firstItem = (name: string) => {
			const ran = runData[name]?.[0]?.data?.main?.[0]?.[0]?.json;
			if (ran && !ran.isArtificialRecoveredEventItem) return ran;
			return waiting?.node?.name === name ? waiting.data?.main?.[0]?.[0]?.json : undefined;
		};
		const trigger = firstItem('Kick Trigger');
		const webhook = firstItem('Webhook');
		const messageId: string | undefined = trigger?.messageId ?? webhook?.headers?.['kick-event-message-id'];
		return {
			id: summary.id,
			status: summary.status,
			startedAt: Date.parse(summary.startedAt ?? ''),
			stoppedAt: Date.parse(summary.stoppedAt ?? ''),
			messageId,
			item: trigger,
		};
	});
}

/**
 * Reads a workflow's executions as they finish, each one's data once. `untilMessage` waits until
 * the execution of one delivery (a marker sent after everything else) has finished and returns
 * every execution so far: any delivery sent before the marker that started an execution is among
 * them, so "nothing else ran" needs no waiting and guessing.
 */
export class ExecutionReader {
	private readonly read = new Map<string, ExecutionRecord>();

	constructor(
		private readonly n8n: N8nClient,
		readonly workflowId: string,
	) {}

	async untilMessage(messageId: string, timeoutMs = 120_000): Promise<ExecutionRecord[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const summaries = await this.n8n.listExecutions(this.workflowId);
			const unread = summaries.filter((summary) => !this.read.has(summary.id) && finished(summary));
			for (const record of await readExecutions(this.n8n, this.workflowId, unread)) this.read.set(record.id, record);
			const records = summaries.map((summary) => this.read.get(summary.id) ?? { id: summary.id, status: summary.status, startedAt: Number.NaN, stoppedAt: Number.NaN, messageId: undefined });
			if (records.some((record) => record.messageId === messageId)) return records;
			if (Date.now() > deadline) {
				throw new Error(`the execution for ${messageId} did not finish within ${timeoutMs / 1000} s; executions: ${records.map((record) => `${record.messageId ?? '?'}:${record.status}`).join(', ')}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

/** How often each of `messageIds` ran among `records` (0 for the ones that did not). */
export function runsOf(records: readonly ExecutionRecord[], messageIds: readonly string[]): Record<string, number> {
	const runs: Record<string, number> = Object.fromEntries(messageIds.map((id) => [id, 0]));
	for (const record of records) if (record.messageId && record.messageId in runs) runs[record.messageId]++;
	return runs;
}

/** Waits until the workflow has `count` finished executions, and a little longer to catch extras. */
export async function waitForCount(n8n: N8nClient, workflowId: string, count: number, timeoutMs: number, settleMs = 1500): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const done = await finishedCount(n8n, workflowId);
		if (done >= count) {
			await new Promise((resolve) => setTimeout(resolve, settleMs));
			const again = await listAllExecutions(n8n, workflowId);
			if (again.every(finished)) return again;
		}
		if (Date.now() > deadline) {
			throw new Error(`expected ${count} finished executions of workflow ${workflowId}, found ${done} after ${Math.round(timeoutMs / 1000)} s`);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
