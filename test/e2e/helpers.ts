/**
 * Shared pieces of the end-to-end suite: one emulator + Discord sink + credentials per test
 * file, the example workflows imported and published in the shared n8n, and assertions on
 * executions that every file makes.
 */
import { randomUUID } from 'node:crypto';

import { startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, sharedN8n, type CredentialRef, type KickCredentials, type N8nClient } from '../harness';
import { startDiscordSink, type DiscordSink } from '../harness/discordSink';
import { importExample, type ExampleWorkflow, type ImportedExample, type RewireOptions } from '../harness/examples';
import type { ExecutionSummary } from '../harness/n8nClient';
import { waitUntil } from '../support/wait';

export interface E2eContext {
	emulator: KickEmulator;
	n8n: N8nClient;
	sink: DiscordSink;
	kick: KickCredentials;
	/** Creates a Discord webhook credential whose messages arrive in `sink` tagged `name`. */
	discordCredential(name: string): Promise<CredentialRef>;
	close(): Promise<void>;
}

export async function setUpE2e(): Promise<E2eContext> {
	const emulator = await startKickEmulator();
	const sink = await startDiscordSink();
	const n8n = await sharedN8n();
	const kick = await connectKickCredentials(n8n, emulator);
	return {
		emulator,
		n8n,
		sink,
		kick,
		discordCredential: async (name) =>
			await n8n.createCredential('discordWebhookApi', { webhookUri: sink.webhookUrl(name) }, `Discord ${name} ${randomUUID().slice(0, 6)}`),
		close: async () => {
			await Promise.allSettled([emulator.close(), sink.close()]);
		},
	};
}

/** Imports an example (rewired) and publishes it. */
export async function publishExample(n8n: N8nClient, name: string | ExampleWorkflow, options: RewireOptions): Promise<ImportedExample> {
	const imported = await importExample(n8n, name, { pathSuffix: `-${randomUUID().slice(0, 8)}`, ...options });
	await n8n.publish(imported.id);
	return imported;
}

/** The run data of one execution: node name → output items of its first run (main output `output`). */
export async function nodeOutputs(n8n: N8nClient, executionId: string): Promise<{ status: string; lastNode?: string; error?: any; output(node: string, index?: number): any[]; ran(node: string): boolean }> {
	const { status, data } = await n8n.getExecution(executionId);
	const runData = data.resultData?.runData ?? {};
	return {
		status,
		lastNode: data.resultData?.lastNodeExecuted,
		error: data.resultData?.error,
		ran: (node) => Array.isArray(runData[node]) && runData[node].length > 0,
		output: (node, index = 0) => (runData[node]?.[0]?.data?.main?.[index] ?? []).map((item: any) => item.json),
	};
}

/** Waits for `count` finished executions and checks they all succeeded (with n8n's error when not). */
export async function expectSuccessfulExecutions(n8n: N8nClient, workflowId: string, count: number, timeoutMs?: number) {
	const executions = await n8n.waitForExecutions(workflowId, count, timeoutMs);
	const failed = executions.filter((execution) => execution.status !== 'success');
	if (failed.length > 0) {
		const details = await nodeOutputs(n8n, failed[0].id);
		throw new Error(`execution ${failed[0].id} of workflow ${workflowId} ended '${failed[0].status}' at '${details.lastNode}': ${JSON.stringify(details.error)?.slice(0, 800)}`);
	}
	return executions;
}

/**
 * For "and nothing else ran" checks, instead of a sleep: call it after sending a marker that does
 * run, sent last. Waits for `count` finished executions (the marker's among them) and for none
 * to be running; whatever was sent before the marker has had its execution by then.
 */
export async function executionsAfterMarker(n8n: N8nClient, workflowId: string, count: number): Promise<ExecutionSummary[]> {
	await expectSuccessfulExecutions(n8n, workflowId, count);
	return await waitUntil('the executions started before the marker to finish', async () => {
		const all = await n8n.listExecutions(workflowId);
		return all.every((execution) => execution.stoppedAt) ? all : undefined;
	});
}

/** The emulator's subscriptions of one Kick app, as `event@broadcaster` strings, sorted. */
export function subscriptionsOf(emulator: KickEmulator, clientId = emulator.apps[0].clientId): string[] {
	return emulator.state.subscriptions
		.filter((subscription) => subscription.appId === clientId)
		.map((subscription) => `${subscription.event}@${subscription.broadcasterUserId}`)
		.sort();
}

/**
 * Publishes an example whose Kick Trigger receives the app's events, and points the Kick app's
 * webhook URL at the trigger's production URL (as the user does in Kick's developer settings).
 */
export async function publishTriggerExample(e2e: E2eContext, name: string | ExampleWorkflow, options: RewireOptions, appIndex = 0): Promise<ImportedExample> {
	const imported = await publishExample(e2e.n8n, name, options);
	const url = imported.urls['Kick Trigger'];
	if (!url) throw new Error(`example ${imported.workflow.name} has no node named 'Kick Trigger'`);
	e2e.emulator.apps[appIndex].webhookUrl = url;
	return imported;
}
