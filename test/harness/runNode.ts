/**
 * Runs one Kick node inside the real n8n: a workflow "Webhook → Split Out → Kick" is created
 * and published, the input items are POSTed to its webhook, and the Kick node's output items
 * (with pairedItem) or its error are read back from the saved execution.
 */
import { randomUUID } from 'node:crypto';

import type { CredentialRef, N8nClient } from './n8nClient';

export interface RunNodeOptions {
	parameters: Record<string, unknown>;
	credentials?: Partial<Record<'kickOAuth2Api' | 'kickAppOAuth2Api', CredentialRef>>;
	/** Input items for the Kick node (their json). Defaults to one empty item. */
	items?: Array<Record<string, unknown>>;
	/** Node setting "On Error: Continue" (n8n's continueOnFail). */
	continueOnFail?: boolean;
	nodeType?: string;
	/** How long the run may take (default 20 s). */
	timeoutMs?: number;
}

export interface NodeRun {
	executionId: string;
	status: string;
	items: Array<{ json: Record<string, any>; pairedItem?: any }>;
	error?: { message: string; description?: string; httpCode?: string; name?: string };
}

export async function runNode(client: N8nClient, options: RunNodeOptions): Promise<NodeRun> {
	const path = `kick-test-${randomUUID()}`;
	const credentials = Object.fromEntries(
		Object.entries(options.credentials ?? {}).map(([type, ref]) => [type, { id: ref!.id, name: ref!.name }]),
	);
	const workflow = await client.createWorkflow({
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Kick',
				type: options.nodeType ?? 'n8n-nodes-kick.kick',
				typeVersion: 1,
				position: [400, 0],
				parameters: options.parameters,
				credentials,
				...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Kick', type: 'main', index: 0 }]] },
		},
	});
	await client.publish(workflow.id);
	try {
		const response = await fetch(`${client.baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ items: options.items ?? [{}] }),
		});
		await response.text();
		const [execution] = await client.waitForExecutions(workflow.id, 1, options.timeoutMs);
		const { status, data } = await client.getExecution(execution.id);
		const runs = data.resultData?.runData?.Kick ?? [];
		const run = runs[0];
		const items = (run?.data?.main?.[0] ?? []) as NodeRun['items'];
		const error = run?.error ?? data.resultData?.error;
		return {
			executionId: execution.id,
			status,
			items,
			error: error ? { message: error.message, description: error.description ?? undefined, httpCode: error.httpCode ?? undefined, name: error.name } : undefined,
		};
	} finally {
		await client.unpublish(workflow.id).catch(() => undefined);
	}
}
