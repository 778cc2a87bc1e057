/**
 * Headless Chromium for the editor tests: Debian's `chromium` (installed with apt-get when
 * missing, like PostgreSQL and Redis for the queue-mode suite) driven by playwright-core.
 */
import fs from 'node:fs';

import { chromium, selectors, type Browser } from 'playwright-core';

import { aptInstall } from '../harness/services';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function findChromium(): string | undefined {
	return CANDIDATES.find((candidate): candidate is string => !!candidate && fs.existsSync(candidate));
}

/** Chromium's path, installing Debian's package first when there is none. */
export function ensureChromium(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
	const found = findChromium();
	if (found) return found;
	aptInstall(['chromium'], log);
	const installed = findChromium();
	if (!installed) throw new Error('Chromium is still missing after installing it: set CHROMIUM_PATH to a Chromium or Chrome binary');
	return installed;
}

/**
 * Launches headless Chromium. The flags keep it off the network it would call by itself (this
 * machine's closed network refuses those connections, and a test must not depend on them).
 */
export async function launchChromium(): Promise<Browser> {
	// n8n marks its elements with data-test-id.
	selectors.setTestIdAttribute('data-test-id');
	return await chromium.launch({
		executablePath: ensureChromium(),
		args: [
			'--no-sandbox',
			'--disable-dev-shm-usage',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}
