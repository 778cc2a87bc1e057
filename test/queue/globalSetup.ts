/**
 * Jest global setup for the queue-mode suite: the n8n runtime, Redis and PostgreSQL installed
 * (first run only), and the package packed once.
 */
import { ensureQueueServices } from '../harness/services';

const runtime = require('../../scripts/runtime.js') as { ensureRuntime(log?: (line: string) => void, line?: string): unknown };
const packaging = require('../../scripts/install-package.js') as { packPackage(options?: { build?: boolean }): string };

export default async function globalSetup(): Promise<void> {
	runtime.ensureRuntime();
	ensureQueueServices();
	process.env.KICK_PACKAGE_TARBALL ??= packaging.packPackage();
}
