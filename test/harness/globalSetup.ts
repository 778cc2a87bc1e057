/**
 * Jest global setup for the integration and end-to-end tests: one real n8n for the whole run,
 * with this package installed from its tarball. Test files reach it through
 * KICK_N8N_BASE_URL and create their own emulator and credentials.
 */
import { startN8n } from './n8nProcess';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const n8n = await startN8n();
	(globalThis as any).__kickN8n = n8n;
	process.env.KICK_N8N_BASE_URL = n8n.baseUrl;
	process.env.KICK_PACKAGE_TARBALL = n8n.tarball;
	process.env.KICK_N8N_USER_FOLDER = n8n.userFolder;
	process.env.KICK_N8N_LOG_FILE = n8n.logFile;
	process.stderr.write(`\n[harness] n8n ready at ${n8n.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
