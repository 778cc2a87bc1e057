/**
 * Jest global setup for the compatibility suite: every pinned n8n runtime installed (first run
 * only, cached afterwards) and the package packed once, before any test starts its own n8n.
 */
const runtime = require('../../scripts/runtime.js') as { LINES: string[]; ensureRuntime(log?: (line: string) => void, line?: string): unknown };
const packaging = require('../../scripts/install-package.js') as { packPackage(options?: { build?: boolean }): string };

export default async function globalSetup(): Promise<void> {
	for (const line of runtime.LINES) runtime.ensureRuntime(undefined, line);
	process.env.KICK_PACKAGE_TARBALL ??= packaging.packPackage();
}
