#!/usr/bin/env node
// `node scripts/screenshots.js [--out examples/screenshots]`: the README's screenshots of the n8n
// editor with this package, taken by headless Chromium.
//
// Starts a throwaway n8n (temporary user folder) whose public address is set to
// https://n8n.example.com/ (WEBHOOK_URL), so the Kick Trigger's production URL reads as a real
// one, with the `--demo` setup (Kick emulator, Discord stand-in, example workflows published).
// It sends a stream-online event through the workflows, then photographs: the Kick Trigger with
// its production URL and a sample event, a Kick Chat Trigger as a user sets it up (Kick's own
// endpoints, Custom Endpoints off), a Kick Polling Trigger after Fetch Test Event, the
// stream-live workflow and its finished execution, and the announcement n8n sent to Discord,
// drawn from the message the Discord stand-in received (it is not a screenshot of Discord).
//
// The browser and the signed-in editor are the editor suite's (test/browser/): Debian's Chromium,
// installed when missing, or CHROMIUM_PATH.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.join(__dirname, '..');

/** The public address the screenshots show (the demo itself talks to n8n on 127.0.0.1). */
const PUBLIC_URL = 'https://n8n.example.com/';

const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]);

/**
 * Discord's Markdown as far as the examples use it: **bold**, role mentions, and the round emoji
 * (drawn as dots: Discord shows its own emoji images, and this machine may have no emoji font).
 */
function discordText(text) {
	const dots = { '🔴': '#f23f43', '⚫': '#1e1f22', '🟢': '#23a55a' };
	return escapeHtml(text)
		.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
		.replace(/&lt;@&amp;\d+&gt;/g, '<span class="mention">@role</span>')
		.replace(/🔴|⚫|🟢/gu, (emoji) => `<span class="dot" style="background:${dots[emoji]}"></span>`)
		.replace(/\n/g, '<br>');
}

/** A Discord webhook message as Discord lays it out (dark theme), from the JSON n8n posted. */
function discordMessageHtml(message) {
	const embed = message.embeds?.[0] ?? {};
	const color = typeof embed.color === 'number' ? `#${embed.color.toString(16).padStart(6, '0')}` : '#1e1f22';
	const picture = (label, url, cls) => (url ? `<div class="${cls}" title="${escapeHtml(url)}">${label}</div>` : '');
	const when = embed.timestamp ? new Date(embed.timestamp).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '';
	return `<!doctype html><html><head><meta charset="utf-8"><style>
		body { margin: 0; background: #313338; font-family: 'DejaVu Sans', sans-serif; color: #dbdee1; }
		.message { display: flex; gap: 16px; padding: 24px 24px 12px; width: 760px; }
		.avatar { width: 40px; height: 40px; border-radius: 50%; background: #5865f2; flex: none; }
		.name { color: #f2f3f5; font-weight: bold; } .tag { background: #5865f2; color: #fff; font-size: 10px; padding: 1px 4px;
			border-radius: 3px; margin-left: 4px; vertical-align: 2px; }
		.content { margin: 4px 0 8px; font-size: 15px; line-height: 1.4; } strong { color: #f2f3f5; }
		.mention { background: rgba(88,101,242,.3); color: #c9cdfb; border-radius: 3px; padding: 0 2px; }
		.dot { display: inline-block; width: 14px; height: 14px; border-radius: 50%; vertical-align: -2px; margin-right: 2px; }
		.embed { background: #2b2d31; border-left: 4px solid ${color}; border-radius: 4px; padding: 12px 16px 14px; max-width: 520px;
			display: grid; grid-template-columns: 1fr auto; gap: 0 16px; font-size: 14px; }
		.author { color: #f2f3f5; font-weight: bold; margin-bottom: 6px; } .title { color: #00a8fc; font-weight: bold; margin-bottom: 6px; }
		.image, .thumbnail { background: #1e1f22; color: #949ba4; font-size: 12px; display: flex; align-items: center;
			justify-content: center; text-align: center; border-radius: 4px; }
		.thumbnail { width: 80px; height: 80px; grid-row: 1 / span 3; grid-column: 2; }
		.image { grid-column: 1 / span 2; height: 200px; margin-top: 12px; } .footer { grid-column: 1 / span 2; font-size: 12px;
			color: #b5bac1; margin-top: 8px; }
		.caption { color: #949ba4; font-size: 12px; padding: 8px 24px 20px 80px; width: 700px; }
	</style></head><body><div class="message"><div class="avatar"></div><div>
		<div><span class="name">${escapeHtml(message.username || 'Your Discord webhook')}</span><span class="tag">APP</span></div>
		<div class="content">${discordText(message.content ?? '')}</div>
		<div class="embed">
			${embed.author?.name ? `<div class="author">${escapeHtml(embed.author.name)}</div>` : ''}
			${embed.title ? `<div class="title">${escapeHtml(embed.title)}</div>` : ''}
			${embed.description ? `<div>${discordText(embed.description)}</div>` : ''}
			${picture('profile picture (from Kick)', embed.thumbnail?.url, 'thumbnail')}
			${picture('stream thumbnail (from Kick)', embed.image?.url, 'image')}
			${when ? `<div class="footer">${when}</div>` : ''}
		</div></div></div>
		<div class="caption">The message the <em>Stream live → Discord</em> example sent when the stream went live, drawn from what the
		demo's Discord stand-in received: the name and picture are your webhook's, images come from Kick.</div>
	</body></html>`;
}

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

	const n8n = await startN8n({ env: { WEBHOOK_URL: PUBLIC_URL }, log: (line) => process.stderr.write(`${line}\n`) });
	let demo;
	let browser;
	try {
		const client = await N8nClient.login(n8n.baseUrl);
		demo = await startDemo({ client, n8n, log: quiet, prefix: '' });
		await demo.step('l'); // stream online → announcement
		const live = demo.workflows.live;
		const [execution] = await client.waitForExecutions(live.id, 1);
		const [announcement] = await demo.discord.waitFor('announcements', 1);

		browser = await launchChromium();
		const { page } = await Editor.open(browser, n8n.baseUrl, { theme: 'light' });
		fs.mkdirSync(outDir, { recursive: true });

		const nodeId = (workflow, name) => workflow.workflow.nodes.find((node) => node.name === name).id;
		const dismissToasts = async () => {
			for (const selector of ['.el-notification__closeBtn', '[data-test-id="close-button"]']) {
				for (const button of await page.locator(selector).all()) await button.click({ timeout: 500, force: true }).catch(() => undefined);
			}
			// n8n's toasts (such as "Node executed successfully") would cover the output.
			await page.locator('.el-notification').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
		};
		const settle = async () => {
			await page.waitForLoadState('networkidle').catch(() => undefined);
			await page.waitForTimeout(1500);
			// Dismiss first-run toasts and callouts that would cover the canvas.
			await dismissToasts();
		};
		const save = async (name, what = page) => {
			if (what === page) await dismissToasts();
			const file = path.join(outDir, `${name}.png`);
			await what.screenshot({ path: file });
			process.stdout.write(`[screenshots] ${path.relative(ROOT, file)}\n`);
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
			await save(name);
		};

		const canvas = '[data-test-id="canvas-node"]';
		const ndv = '[data-test-id="ndv"]';
		await shoot('kick-trigger', `${n8n.baseUrl}/workflow/${live.id}/${nodeId(live, 'Kick Trigger')}`, {
			waitFor: ndv,
			prepare: async () => {
				// Show the Production URL users paste into Kick, and sample output: listen for a test
				// event and open the Test URL, as the node's notice tells users to.
				await page.getByText('Webhook URLs', { exact: true }).click({ timeout: 5000 });
				await page.getByText('Production URL', { exact: true }).click({ timeout: 5000 }).catch(() => undefined);
				await page.getByText(`${PUBLIC_URL}webhook/`).first().waitFor({ timeout: 5000 });
				await page.getByRole('button', { name: /Test this trigger|Listen for test event/ }).first().click({ timeout: 5000 });
				await page.waitForTimeout(1500);
				const webhookId = live.workflow.nodes.find((node) => node.name === 'Kick Trigger').webhookId;
				await fetch(`${n8n.baseUrl}/webhook-test/${webhookId}/webhook?event=livestream.status.updated`);
				await page.getByText('livestream.status.updated', { exact: true }).first().waitFor({ timeout: 15_000 });
				await page.getByText('JSON', { exact: true }).last().click({ timeout: 5000 });
				await page.mouse.move(5, 5);
			},
		});
		// A Kick Chat Trigger as a user sets it up: Kick's own endpoints (Custom Endpoints off). It is
		// not started: this machine cannot reach Kick, and the demo's chat bot uses the emulator's.
		const chat = await client.createWorkflow({
			name: 'Kick chat command bot',
			nodes: [
				{
					id: 'chat',
					name: 'Kick Chat Trigger',
					type: 'n8n-nodes-kick.kickChatTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						channel: 'neonvale',
						events: ['chat.message.sent'],
						filters: { commandPrefix: '!', commands: 'discord, socials, commands' },
						options: {},
					},
				},
			],
			connections: {},
		});
		await shoot('kick-chat-trigger', `${n8n.baseUrl}/workflow/${chat.id}/chat`, { waitFor: ndv });
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
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						authentication: 'userOAuth2',
						events: ['livestream.status.updated'],
						channels: 'neonvale',
					},
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
		await shoot('stream-live-workflow', `${n8n.baseUrl}/workflow/${live.id}`, { waitFor: canvas });
		await shoot('stream-live-execution', `${n8n.baseUrl}/workflow/${live.id}/executions/${execution.id}`, { waitFor: 'iframe, ' + canvas });

		// The alert as the Discord channel shows it, from the JSON n8n posted to the stand-in.
		await page.setViewportSize({ width: 820, height: 600 });
		await page.setContent(discordMessageHtml(announcement.body));
		await save('discord-alert', page.locator('body'));
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
