#!/usr/bin/env node
// `node scripts/screenshots.js [--out examples/screenshots]`: README screenshots of the n8n
// editor with this package, taken by headless Chromium.
//
// Starts a throwaway n8n (temporary user folder) with the `--demo` setup (Kick emulator, Discord
// stand-in, example workflows published), sends a stream-online event and a timeout through the
// workflows, then photographs: the stream-live workflow, its Kick Trigger, the no-public-URL chat
// bot's Kick Chat Trigger, a Kick Polling Trigger after Fetch Test Event, the Discord alert node,
// the finished execution, and the moderation log workflow.
//
// The browser and the signed-in editor are the editor suite's (test/browser/): Debian's Chromium,
// installed when missing, or CHROMIUM_PATH.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.join(__dirname, '..');

async function main() {
	const { values } = parseArgs({ options: { out: { type: 'string', default: path.join('examples', 'screenshots') } } });
	const outDir = path.resolve(ROOT, values.out);
	require('ts-node').register({ transpileOnly: true, project: path.join(ROOT, 'tsconfig.test.json') });
	require('./runtime.js').ensureRuntime();
	const { startN8n, N8nClient } = require('../test/harness');
	const { startDemo } = require('./demo.js');
	const { launchChromium } = require('../test/browser/browser');
	const { Editor } = require('../test/browser/editor');
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

		browser = await launchChromium();
		const { page } = await Editor.open(browser, n8n.baseUrl, { theme: 'light' });
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
		const socketBot = demo.workflows.socketBot;
		const chatTrigger = socketBot.workflow.nodes.find((node) => node.type === 'n8n-nodes-kick.kickChatTrigger');
		await shoot('kick-chat-trigger', `${n8n.baseUrl}/workflow/${socketBot.id}/${chatTrigger.id}`, { waitFor: ndv });
		// A Kick Polling Trigger on the demo's channel, with the account the stream-live workflow uses.
		const kickTrigger = live.workflow.nodes.find((node) => node.name === 'Kick Trigger');
		const polling = await client.createWorkflow({
			name: 'Kick Polling Trigger',
			nodes: [
				{
					id: 'polling',
					name: 'Kick Polling Trigger',
					type: 'n8n-nodes-kick.kickPollingTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, authentication: 'userOAuth2', events: ['livestream.status.updated'], channels: 'neonvale' },
					credentials: kickTrigger.credentials,
				},
			],
			connections: {},
		});
		await shoot('kick-polling-trigger', `${n8n.baseUrl}/workflow/${polling.id}/polling`, {
			waitFor: ndv,
			prepare: async () => {
				// The current state, as Fetch Test Event shows it (the editor suite's steps).
				const output = page.getByTestId('output-panel');
				await output.getByRole('button').filter({ hasText: /Test this trigger|Fetch Test Event/ }).first().click({ timeout: 5000 });
				await output.getByText('neonvale').first().waitFor({ timeout: 15_000 });
				await output.getByRole('radio', { name: 'JSON' }).click({ timeout: 5000 });
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
