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
}

/** Creates and publishes "Kick Trigger → Done" with the user credential; points the app's webhook URL at it. */
export async function publishKickTrigger(n8n: N8nClient, emulator: KickEmulator, credential: CredentialRef, options: KickTriggerOptions): Promise<PublishedWorkflow> {
	const webhookId = randomUUID();
	const created = await n8n.createWorkflow({
		name: options.name ?? `load: Kick Trigger ${webhookId.slice(0, 8)}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Kick Trigger',
				type: 'n8n-nodes-kick.kickTrigger',
				typeVersion: 1,
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
	const url = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
	// The credential is the emulator's first app (connectKickCredentials' default).
	const app = emulator.apps[0];
	app.webhookUrl = url;
	return { id: created.id, url, subscriptionIds: subscriptionIdsOf(emulator, app.clientId) };
}

/** The emulator's subscriptions of one app, one id per event (the last one when there are several). */
export function subscriptionIdsOf(emulator: KickEmulator, clientId = emulator.apps[0].clientId): Record<string, string> {
	const ids: Record<string, string> = {};
	for (const subscription of emulator.state.subscriptions) if (subscription.appId === clientId) ids[subscription.event] = subscription.id;
	return ids;
}

/** Creates and publishes n8n's bare "Webhook (POST, respond immediately) → Done". */
export async function publishBareWebhook(n8n: N8nClient): Promise<PublishedWorkflow> {
	const path = `kick-load-baseline-${randomUUID()}`;
	const created = await n8n.createWorkflow({
		name: `load: bare Webhook ${path.slice(-8)}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			noOp(220),
		],
		connections: { Webhook: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	});
	await n8n.publish(created.id);
	return { id: created.id, url: `${n8n.baseUrl}/webhook/${path}`, subscriptionIds: {} };
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
 * All executions of a workflow, newest first. n8n 2.41 lists executions by start time and pages
 * with an id cursor, which can skip an execution whose start order differs from its id order
 * (concurrent webhook executions); and the harness's `listExecutions` still sends `lastId`,
 * which n8n 2.41 refuses (400) past 100 executions. So page by start time instead
 * (`startedBefore` is inclusive; overlaps are de-duplicated) and check the total against
 * n8n's own count.
 */
export async function listAllExecutions(n8n: N8nClient, workflowId: string): Promise<ExecutionSummary[]> {
	const byId = new Map<string, ExecutionSummary>();
	let before: string | undefined;
	let completedCount: number | undefined;
	for (let page = 0; page < 10_000; page++) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, ...(before ? { startedBefore: before } : {}) }));
		const response: { results: ExecutionSummary[]; count: number } = await n8n.rest('GET', `/executions?filter=${filter}&limit=100`);
		completedCount ??= response.count;
		const sizeBefore = byId.size;
		for (const execution of response.results) byId.set(String(execution.id), execution);
		const completed = response.results.filter((execution) => execution.startedAt && finished(execution));
		if (completed.length < 100) break;
		if (byId.size === sizeBefore) throw new Error(`more than 100 executions of workflow ${workflowId} started in the same millisecond; cannot page`);
		before = completed.reduce((oldest, execution) => (Date.parse(execution.startedAt as string) < Date.parse(oldest) ? (execution.startedAt as string) : oldest), completed[0]!.startedAt as string);
	}
	const all = [...byId.values()].sort((a, b) => Number(b.id) - Number(a.id));
	const completedSeen = all.filter(finished).length;
	if (completedCount !== undefined && completedSeen < completedCount) {
		throw new Error(`listed ${completedSeen} finished executions of workflow ${workflowId}, n8n counts ${completedCount}`);
	}
	return all;
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
		const trigger = runData['Kick Trigger']?.[0]?.data?.main?.[0]?.[0]?.json;
		const webhook = runData.Webhook?.[0]?.data?.main?.[0]?.[0]?.json;
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
