// The `npm start -- --demo` walkthrough (loaded by scripts/start.js, which registers ts-node for
// the TypeScript emulator and harness). It starts the Kick emulator and a local stand-in for
// Discord's webhook endpoint, creates credentials pointing at them, imports and publishes the
// example workflows, then sends signed Kick events (and chat on the emulator's live socket) and
// prints what reaches Discord and Kick chat.
//
// Everything it creates in n8n is named "[demo] …" and replaced at the next demo start.
'use strict';

const { startKickEmulator, sampleEvent, SEED } = require('../test/emulator');
const { startDiscordSink } = require('../test/harness/discordSink');
const { ensureDataTable, importExample, loadExample } = require('../test/harness/examples');
const { chatMessageEvent, streamOfflineEvent, streamOnlineEvent } = require('../test/harness/kickEvents');

const PREFIX = '[demo] ';
const DISCORD_ID = '284137711122233344';
const ROLE_ID = '112233445566778899';
const ME = SEED.broadcaster.userId;

/** One Kick app per receiving workflow: Kick delivers each app's events to one URL. */
const WORKFLOWS = [
	{ key: 'live', example: 'stream-live-to-discord', app: 'demo-stream-alerts', discord: 'announcements', setValues: { Settings: { discordRoleId: ROLE_ID } } },
	{ key: 'thanks', example: 'subs-and-kicks-thank-you', app: 'demo-thank-yous', discord: 'thank-yous' },
	{ key: 'modlog', example: 'moderation-log', app: 'demo-mod-log', discord: 'mod-log' },
	{ key: 'bot', example: 'chat-command-bot', app: 'demo-chat-bot' },
	// Protects the stream alerts: same Kick app and account.
	{ key: 'health', example: 'subscription-health-check', app: 'demo-stream-alerts', discord: 'bot-alerts' },
	{ key: 'linking', example: 'account-linking', app: 'demo-account-linking', discord: 'account-links', appCredential: true },
	// No Kick app to listen: the Kick Chat Trigger reads the emulator's live socket (its replies use the account).
	{ key: 'socketBot', example: 'chat-command-bot-no-public-url', app: 'demo-chat-bot', liveSocket: true },
];

/** The live socket every Kick Chat Trigger of the demo listens to. */
const chatroomChannel = () => `chatrooms.${SEED.broadcaster.chatroomId}.v2`;

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const color = (code) => (text) => (process.stdout.isTTY ? `\x1b[${code}m${text}\x1b[0m` : text);
const dim = color('2');
const kickGreen = color('32');
const discordBlue = color('34');
const bold = color('1');

async function list(client, route) {
	const body = await client.rest('GET', route);
	return Array.isArray(body) ? body : (body.data ?? []);
}

/**
 * Removes what an earlier demo left (its workflows, unpublished first, and its credentials): they
 * point at an emulator that is gone. Returns how many of each.
 */
async function removePreviousDemo(client) {
	let workflows = 0;
	let credentials = 0;
	for (const workflow of await list(client, '/workflows?take=500')) {
		if (!workflow.name?.startsWith(PREFIX)) continue;
		if (workflow.active || workflow.activeVersionId) await client.unpublish(workflow.id).catch(() => undefined);
		await client.rest('POST', `/workflows/${workflow.id}/archive`, {}).catch(() => undefined);
		await client.rest('DELETE', `/workflows/${workflow.id}`).then(() => workflows++, () => undefined);
	}
	for (const credential of await list(client, '/credentials?take=500')) {
		if (credential.name?.startsWith(PREFIX)) await client.rest('DELETE', `/credentials/${credential.id}`).then(() => credentials++, () => undefined);
	}
	return { workflows, credentials };
}

async function startDemo({ client, n8n, log, prefix = PREFIX }) {
	log('[demo] setting up: Kick emulator, Discord stand-in, credentials, example workflows...');
	await removePreviousDemo(client);

	const emulator = await startKickEmulator();
	const sink = await startDiscordSink({
		onMessage: (message) => {
			log(discordBlue(`  ← Discord #${message.webhook}: ${message.content || ''}`));
			for (const embed of message.embeds ?? []) {
				log(discordBlue(`      ┃ ${[embed.author?.name, embed.title].filter(Boolean).join(' · ')}`));
				if (embed.description) for (const line of String(embed.description).split('\n')) log(discordBlue(`      ┃ ${line}`));
				if (embed.url) log(discordBlue(`      ┃ ${embed.url}`));
			}
		},
	});

	// Kick apps, each with n8n's OAuth callback registered, and credentials in n8n.
	const callback = `${n8n.baseUrl}/rest/oauth2-credential/callback`;
	const credentials = {};
	for (const clientId of [...new Set(WORKFLOWS.map((workflow) => workflow.app))]) {
		emulator.apps.push({ clientId, clientSecret: `${clientId}-secret`, redirectUris: [callback], name: clientId, isOrganization: false, botEnabled: true });
		const common = { clientId, clientSecret: `${clientId}-secret`, useCustomEndpoints: true, apiBaseUrl: emulator.url, oauthServerUrl: emulator.url };
		const user = await client.createCredential('kickOAuth2Api', common, `${prefix}Kick account (app ${clientId})`);
		await client.connectOAuth2(user); // n8n's real OAuth2 + PKCE flow, approved by the emulator as NeonVale
		const app = await client.createCredential('kickAppOAuth2Api', common, `${prefix}Kick app (${clientId})`);
		credentials[clientId] = { user, app };
	}
	await ensureDataTable(client, 'kick_account_links');

	const imported = {};
	for (const spec of WORKFLOWS) {
		const kick = credentials[spec.app];
		const discord = spec.discord
			? await client.createCredential('discordWebhookApi', { webhookUri: sink.webhookUrl(spec.discord) }, `${prefix}Discord #${spec.discord}`)
			: undefined;
		const workflow = await importExample(client, spec.example, {
			name: `${prefix}${loadExample(spec.example).name}`,
			credentials: { kickOAuth2Api: kick.user, kickAppOAuth2Api: kick.app, ...(discord ? { discordWebhookApi: discord } : {}) },
			replace: { 'https://n8n.example.com': n8n.baseUrl },
			setValues: spec.setValues,
			// Kick's website and live socket are the emulator's here (the node's Custom Endpoints, for when Kick moves them).
			parameters: spec.liveSocket
				? { 'Kick Chat Trigger': { channel: 'neonvale', customEndpoints: true, pusherHost: emulator.pusher.url, websiteBaseUrl: emulator.url } }
				: undefined,
		});
		const listeners = spec.liveSocket ? emulator.pusher.subscriberCount(chatroomChannel()) : 0;
		await client.publish(workflow.id);
		const trigger = workflow.urls['Kick Trigger'];
		if (trigger) emulator.apps.find((app) => app.clientId === spec.app).webhookUrl = trigger;
		if (workflow.urls['Kick callback']) emulator.apps.find((app) => app.clientId === spec.app).redirectUris.push(workflow.urls['Kick callback']);
		if (spec.liveSocket) await emulator.pusher.waitForSubscribers(chatroomChannel(), listeners + 1);
		imported[spec.key] = { ...workflow, name: workflow.workflow.name, spec };
	}

	// Workflow runs and Kick chat posts, printed as they happen.
	const seenExecutions = new Set();
	const seenChat = new Set(emulator.state.chat.map((message) => message.messageId));
	let watching = true;
	const watcher = (async () => {
		while (watching) {
			for (const message of emulator.state.chat) {
				if (seenChat.has(message.messageId)) continue;
				seenChat.add(message.messageId);
				if (message.clientId) log(kickGreen(`  ← Kick chat (${message.type === 'bot' ? 'bot' : 'as NeonVale'}): ${message.content}`));
			}
			for (const workflow of Object.values(imported)) {
				const executions = await client.listExecutions(workflow.id).catch(() => []);
				for (const execution of executions.reverse()) {
					if (seenExecutions.has(execution.id) || !execution.stoppedAt) continue;
					seenExecutions.add(execution.id);
					const mark = execution.status === 'success' ? '✓' : '✗';
					log(dim(`  ${mark} n8n ran "${workflow.name}" (execution ${execution.id}: ${execution.status})`));
				}
			}
			await wait(400);
		}
	})();

	const subscriptions = emulator.state.subscriptions.map((subscription) => `${subscription.event} (app ${subscription.appId})`);
	log(`[demo] Kick emulator at ${emulator.url}; Discord stand-in at ${sink.url}`);
	log(`[demo] published ${Object.keys(imported).length} example workflows; the Kick Triggers created ${subscriptions.length} event subscriptions:`);
	for (const line of subscriptions) log(dim(`         ${line}`));
	log(`[demo] the Kick Chat Trigger of "${imported.socketBot.name}" is connected to the emulator's live socket (no public URL, no webhook)`);

	const send = async (workflowKey, event, body, what) => {
		const results = await emulator.deliverToSubscribers(event, ME, body);
		const target = imported[workflowKey]?.name ?? '?';
		const status = results.map((result) => result.status).join(', ') || 'no subscriber';
		log(`${bold('→ Kick sends')} ${event} ${dim(`(${what})`)} to "${target}" … ${status}`);
		await wait(1500);
	};

	const sendOnSocket = async (content) => {
		emulator.pusher.kick.chatMessage({ content, sender: { id: SEED.users.quietorbit, username: 'quietorbit' } });
		log(`${bold('→ Kick\'s live socket carries')} chat.message.sent ${dim(`(quietorbit: ${content})`)} to "${imported.socketBot.name}"`);
		await wait(1500);
	};

	const steps = {
		l: ['stream goes live', () => send('live', 'livestream.status.updated', streamOnlineEvent(), 'NeonVale went live')],
		s: ['new subscriber', () => send('thanks', 'channel.subscription.new', sampleEvent('channel.subscription.new'), 'mintcondition subscribed')],
		g: ['gifted subs', () => send('thanks', 'channel.subscription.gifts', sampleEvent('channel.subscription.gifts'), 'pixelmoth gifted 3 subs')],
		k: ['KICKs', () => send('thanks', 'kicks.gifted', sampleEvent('kicks.gifted'), 'mintcondition sent 100 KICKs')],
		b: ['timeout', () => send('modlog', 'moderation.banned', sampleEvent('moderation.banned'), 'pixelmoth timed out spamcan_9000')],
		c: ['chat "!discord"', () => send('bot', 'chat.message.sent', chatMessageEvent(emulator, '!discord'), 'quietorbit: !discord')],
		n: ['chat "gg" (filtered out by the trigger)', () => send('bot', 'chat.message.sent', chatMessageEvent(emulator, 'gg'), 'quietorbit: gg — no execution')],
		w: ['chat "!socials" on the live socket (Kick Chat Trigger)', () => sendOnSocket('!socials')],
		o: ['stream ends', () => send('live', 'livestream.status.updated', streamOfflineEvent(), 'NeonVale went offline')],
		a: ['link a Discord member to their Kick account', () => linkAccount()],
		h: ['Kick drops a subscription; health check repairs it', () => healthCheck()],
	};

	const linkAccount = async () => {
		const url = `${imported.linking.urls['Link page']}?discord_id=${DISCORD_ID}`;
		log(`${bold('→ A Discord member opens')} ${url}`);
		const toKick = await fetch(url, { redirect: 'manual' });
		const authorize = toKick.headers.get('location');
		log(dim(`    n8n redirects to Kick's login (${toKick.status}): ${authorize?.split('?')[0]}?client_id=…&code_challenge=…&state=…`));
		const back = await fetch(authorize, { redirect: 'manual' });
		log(dim(`    Kick (the emulator) approves as NeonVale and sends them back to n8n with a code (${back.status})`));
		const page = await fetch(back.headers.get('location'));
		const html = await page.text();
		const text = (/<p>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? html).replace(/<[^>]+>/g, '').trim();
		log(dim(`    n8n answers (${page.status}): ${text.slice(0, 120)}`));
		await wait(1500);
	};

	const healthCheck = async () => {
		const appId = WORKFLOWS.find((workflow) => workflow.key === 'health').app;
		const before = emulator.state.subscriptions.length;
		emulator.state.subscriptions = emulator.state.subscriptions.filter((subscription) => subscription.appId !== appId);
		log(`${bold('→ Kick drops')} the stream alerts' subscription ${dim(`(${before - emulator.state.subscriptions.length} removed, as after a day of failed deliveries)`)}`);
		log(dim('    running the hourly health check now...'));
		await client.runManually(imported.health.id, 'Every hour');
		await wait(1000);
	};

	return {
		/** The imported workflows by key (live, thanks, modlog, bot, health, linking, socketBot): id, urls, name. */
		workflows: imported,
		/** The Discord stand-in: every message the workflows sent to Discord (`messagesFor(channel)`). */
		discord: sink,
		/** Runs one step of the walkthrough by its key (see `steps`). */
		step: async (key) => await steps[key][1](),
		run: async ({ interactive = true } = {}) => {
			log(bold('[demo] sending sample Kick events (signed like Kick signs them) to the published workflows:'));
			log('');
			for (const key of ['l', 's', 'g', 'k', 'b', 'c', 'n', 'w', 'a', 'h', 'o']) {
				if (!watching) return; // stopped (Ctrl+C) during the walkthrough
				await steps[key][1]();
			}
			log('');
			log(`[demo] try it yourself: open ${bold(`${imported.linking.urls['Link page']}?discord_id=${DISCORD_ID}`)} in a browser`);
			log('[demo] (account linking), and the "[demo] …" workflows and their executions in the n8n editor.');
			if (interactive && process.stdin.isTTY) {
				log(`[demo] send more events by pressing a key:`);
				for (const [key, [label]] of Object.entries(steps)) log(dim(`         ${key}  ${label}`));
				log(dim('         Ctrl+C  stop'));
				const readline = require('node:readline');
				readline.emitKeypressEvents(process.stdin);
				process.stdin.setRawMode(true);
				let busy = false;
				process.stdin.on('keypress', (_text, key) => {
					if (key?.ctrl && key.name === 'c') {
						process.kill(process.pid, 'SIGINT');
						return;
					}
					const step = steps[key?.name];
					if (!step || busy) return;
					busy = true;
					step[1]().then(
						() => (busy = false),
						(error) => {
							busy = false;
							log(`[demo] ${error.message}`);
						},
					);
				});
			}
		},
		stop: async () => {
			watching = false;
			if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
			await watcher.catch(() => undefined);
			// Unpublish while the emulator still answers, so the triggers delete their subscriptions
			// and the next n8n start does not try to reach an emulator that is gone.
			for (const workflow of Object.values(imported)) await client.unpublish(workflow.id).catch(() => undefined);
			await Promise.allSettled([emulator.close(), sink.close()]);
		},
	};
}

module.exports = { startDemo, removePreviousDemo };
