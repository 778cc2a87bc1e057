import { N8nClient } from './n8nClient';

export { N8nClient, type CredentialRef } from './n8nClient';
export { runNode, type NodeRun, type RunNodeOptions } from './runNode';
export { startN8n, freePort, OWNER } from './n8nProcess';
export { connectKickCredentials, type KickCredentials } from './credentials';

/** The n8n started by the jest global setup, logged in as its owner. */
export async function sharedN8n(): Promise<N8nClient> {
	const baseUrl = process.env.KICK_N8N_BASE_URL;
	if (!baseUrl) throw new Error('No n8n for this test: run it through jest (the integration project starts one in globalSetup).');
	return await N8nClient.login(baseUrl);
}
