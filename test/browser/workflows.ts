/** Workflows the editor suites open: a manual start and one Kick node (id `kick`) after it. */
import type { N8nClient } from '../harness';

export async function createKickNodeWorkflow(
	n8n: N8nClient,
	name: string,
	kick: { parameters?: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> } = {},
): Promise<string> {
	const workflow = await n8n.createWorkflow({
		name: `browser: ${name} ${Date.now()}`,
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'kick', name: 'Kick', type: 'n8n-nodes-kick.kick', typeVersion: 1, position: [300, 0], parameters: kick.parameters ?? {}, ...(kick.credentials ? { credentials: kick.credentials } : {}) },
		],
		connections: { Start: { main: [[{ node: 'Kick', type: 'main', index: 0 }]] } },
	});
	return workflow.id;
}
