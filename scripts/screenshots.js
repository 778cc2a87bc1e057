#!/usr/bin/env node
// `node scripts/screenshots.js [--out examples/screenshots]`: README screenshots of the n8n
// editor with this package, taken by headless Chromium.
//
// Starts a throwaway n8n (temporary user folder) with the `--demo` setup (Kick emulator, Discord
// stand-in, example workflows published), sends a stream-online event and a timeout through the
// workflows, then photographs: the stream-live workflow, its Kick Trigger, its Discord alert
// node, the finished execution, and the moderation log workflow.
//
// Needs: playwright-core (npm) and a Chromium (Debian: `apt-get install chromium`; or set
// CHROMIUM_PATH).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.join(__dirname, '..');

function findChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
	const found = candidates.find((candidate) => candidate && fs.existsSync(candidate));
	if (!found) throw new Error('no Chromium found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH');
	return found;
}

function loadPlaywright() {
	try {
		return require('playwright-core');
	} catch {
		throw new Error('playwright-core is not installed: npm install --no-save playwright-core');
	}
}

async function main() {
	const { values } = parseArgs({ options: { out: { type: 'string', default: path.join('examples', 'screenshots') } } });
	const outDir = path.resolve(ROOT, values.out);
	const { chromium } = loadPlaywright();
	const executablePath = findChromium();

	require('ts-node').register({ transpileOnly: true, project: path.join(ROOT, 'tsconfig.test.json') });
	require('./runtime.js').ensureRuntime();
	const { startN8n, N8nClient, OWNER } = require('../test/harness');
	const { startDemo } = require('./demo.js');
	const quiet = () => undefined;

	const n8n = await startN8n({ log: (line) => process.stderr.write(`${line}\n`) });
	let demo;
	let browser;
	try {
		const client = await N8nClient.login(n8n.baseUrl);
		demo = await startDemo({ client, n8n, log: quiet, prefix: '' });
		await demo.step('l'); // stream online → announcement
		await demo.step('b'); // timeout → mod log
		const live = demo.workflows.live;
		const modlog = demo.workflows.modlog;
		const [execution] = await client.waitForExecutions(live.id, 1);

		browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
		const page = await context.newPage();
		// Sign in through the form: n8n binds its session cookie to the browser's own id.
		await page.goto(`${n8n.baseUrl}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });
		fs.mkdirSync(outDir, { recursive: true });

		const nodeId = (workflow, name) => workflow.workflow.nodes.find((node) => node.name === name).id;
		const settle = async () => {
			await page.waitForLoadState('networkidle').catch(() => undefined);
			await page.waitForTimeout(1500);
			// Dismiss first-run toasts and callouts that would cover the canvas.
			for (const selector of ['.el-notification__closeBtn', '[data-test-id="close-button"]']) {
				for (const button of await page.locator(selector).all()) await button.click({ timeout: 500 }).catch(() => undefined);
			}
		};
		const shoot = async (name, url, { waitFor, prepare } = {}) => {
			await page.goto(url);
			if (waitFor) {
				await page.waitForSelector(waitFor, { timeout: 30_000 }).catch(async (error) => {
					await page.screenshot({ path: path.join(outDir, `${name}.failed.png`) });
					throw error;
				});
			}
			await settle();
			if (prepare) {
				await prepare().catch((error) => process.stderr.write(`[screenshots] ${name}: ${error.message.split('\n')[0]} (taking it as it is)\n`));
				await settle();
			}
			const file = path.join(outDir, `${name}.png`);
			await page.screenshot({ path: file });
			process.stdout.write(`[screenshots] ${path.relative(ROOT, file)}\n`);
		};

		const canvas = '[data-test-id="canvas-node"]';
		const ndv = '[data-test-id="ndv"]';
		await shoot('stream-live-workflow', `${n8n.baseUrl}/workflow/${live.id}`, { waitFor: canvas });
		await shoot('kick-trigger', `${n8n.baseUrl}/workflow/${live.id}/${nodeId(live, 'Kick Trigger')}`, {
			waitFor: ndv,
			prepare: async () => {
				// Show the Production URL users paste into Kick, and sample output: listen for a test
				// event and open the Test URL, as the node's notice tells users to.
				await page.getByText('Webhook URLs', { exact: true }).click({ timeout: 5000 });
				await page.getByText('Production URL', { exact: true }).click({ timeout: 5000 }).catch(() => undefined);
				await page.getByRole('button', { name: /Test this trigger|Listen for test event/ }).first().click({ timeout: 5000 });
				await page.waitForTimeout(1500);
				const webhookId = live.workflow.nodes.find((node) => node.name === 'Kick Trigger').webhookId;
				await fetch(`${n8n.baseUrl}/webhook-test/${webhookId}/webhook?event=livestream.status.updated`);
				await page.getByText('livestream.status.updated', { exact: true }).first().waitFor({ timeout: 15_000 });
				await page.getByText('JSON', { exact: true }).last().click({ timeout: 5000 });
				await page.mouse.move(5, 5);
			},
		});
		await shoot('discord-announcement-node', `${n8n.baseUrl}/workflow/${live.id}/${nodeId(live, 'Announce stream')}`, { waitFor: ndv });
		await shoot('stream-live-execution', `${n8n.baseUrl}/workflow/${live.id}/executions/${execution.id}`, { waitFor: 'iframe, ' + canvas });
		await shoot('moderation-log-workflow', `${n8n.baseUrl}/workflow/${modlog.id}`, { waitFor: canvas });
	} finally {
		await browser?.close().catch(() => undefined);
		await demo?.stop().catch(() => undefined);
		await n8n.stop();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`[screenshots] ${error instanceof Error ? error.stack : error}\n`);
		process.exit(1);
	},
);
