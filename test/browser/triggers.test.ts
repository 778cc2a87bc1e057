/**
 * The three Kick triggers' test runs in the editor, as the node panels tell users to do them:
 * the Kick Trigger listens and its Test URL opened in a browser sends sample events; the Kick
 * Chat Trigger listens and shows a message Kick's live socket (the emulator's) sends; the Kick
 * Polling Trigger fetches a test event that shows the channel's current state.
 */
import { randomUUID } from 'node:crypto';

import type { Browser } from 'playwright-core';

import { SEED, startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, sharedN8n, type KickCredentials, type N8nClient } from '../harness';
import { launchChromium } from './browser';
import { inEditor, settle, type Editor } from './editor';

const CHAT_CHANNEL = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;

describe('the Kick triggers tested in the n8n editor', () => {
	let n8n: N8nClient;
	let emulator: KickEmulator;
	let credentials: KickCredentials;
	let browser: Browser;

	beforeAll(async () => {
		n8n = await sharedN8n();
		emulator = await startKickEmulator();
		credentials = await connectKickCredentials(n8n, emulator);
		browser = await launchChromium();
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
		await emulator?.close();
	});

	async function triggerWorkflow(node: Record<string, unknown>): Promise<string> {
		const workflow = await n8n.createWorkflow({
			name: `browser: ${String(node.name)} ${Date.now()}`,
			nodes: [
				{ id: 'trigger', typeVersion: 1, position: [0, 0], ...node },
				{ id: 'done', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [260, 0], parameters: {} },
			],
			connections: { [String(node.name)]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		});
		return workflow.id;
	}

	/** The output panel's own button: "Test this trigger" (n8n 2.x), "Listen for test event" or "Fetch Test Event" (1.x). */
	const testTrigger = async (editor: Editor) =>
		await editor.page
			.getByTestId('output-panel')
			.getByRole('button')
			.filter({ hasText: /Test this trigger|Listen for test event|Fetch Test Event/ })
			.first()
			.click();

	it('Kick Trigger: Listen for Test Event, then its Test URL opened, shows sample events', async () => {
		const webhookId = randomUUID();
		const workflowId = await triggerWorkflow({
			name: 'Kick Trigger',
			type: 'n8n-nodes-kick.kickTrigger',
			typeVersion: 1.1,
			webhookId,
			parameters: { authentication: 'userOAuth2', events: ['livestream.status.updated', 'chat.message.sent'] },
			credentials: { kickOAuth2Api: { id: credentials.user.id, name: credentials.user.name } },
		});
		await inEditor(browser, n8n.baseUrl, 'trigger-kick-webhook', async (editor) => {
			await editor.openNode(workflowId, 'trigger');
			await testTrigger(editor);
			// What a user does next: open the Test URL the panel shows, in a browser tab.
			const testUrl = `${n8n.baseUrl}/webhook-test/${webhookId}/webhook?event=livestream.status.updated`;
			const opened = await settle(async () => (await editor.page.request.get(testUrl)).status(), 200, 30_000);
			expect(opened).toBe(200);
			const json = await editor.outputShowing('livestream.status.updated');
			expect(json).toContain('"broadcaster"');
		});
	});

	it('Kick Chat Trigger: listening, shows the message the live socket sends', async () => {
		const workflowId = await triggerWorkflow({
			name: 'Kick Chat Trigger',
			type: 'n8n-nodes-kick.kickChatTrigger',
			parameters: {
				channel: 'https://kick.com/neonvale',
				events: ['chat.message.sent'],
				filters: {},
				customEndpoints: true,
				pusherHost: emulator.pusher.url,
				websiteBaseUrl: emulator.url,
				options: {},
			},
		});
		const content = `hello from the editor test ${randomUUID().slice(0, 8)}`;
		await inEditor(browser, n8n.baseUrl, 'trigger-kick-chat', async (editor) => {
			await editor.openNode(workflowId, 'trigger');
			await testTrigger(editor);
			expect(await settle(async () => emulator.pusher.subscriberCount(CHAT_CHANNEL), 1, 30_000)).toBe(1);
			emulator.pusher.kick.chatMessage({ content });
			const json = await editor.outputShowing(content);
			expect(json).toContain('"chat.message.sent"');
			expect(json).toContain('"live-socket"');
		});
	});

	it('Kick Chat Trigger: listening on a quiet channel, shows sample events after Sample After', async () => {
		// A channel nobody chats in during the test.
		const quiet = 'quietorbit';
		const workflowId = await triggerWorkflow({
			name: 'Kick Chat Trigger',
			type: 'n8n-nodes-kick.kickChatTrigger',
			parameters: {
				channel: `https://kick.com/${quiet}`,
				events: ['chat.message.sent', 'livestream.status.updated'],
				filters: {},
				customEndpoints: true,
				pusherHost: emulator.pusher.url,
				websiteBaseUrl: emulator.url,
				options: { sampleAfterSeconds: 2 },
			},
		});
		await inEditor(browser, n8n.baseUrl, 'trigger-kick-chat-quiet', async (editor) => {
			await editor.openNode(workflowId, 'trigger');
			await testTrigger(editor);
			const json = await editor.outputShowing(quiet);
			expect(json).toContain('"chat.message.sent"');
			expect(await editor.outputColumn('event')).toEqual(['chat.message.sent', 'livestream.status.updated']);
			expect(await editor.outputColumn('isSample')).toEqual(['true', 'true']);
		});
	});

	it('Kick Polling Trigger: Fetch Test Event shows the current state', async () => {
		const workflowId = await triggerWorkflow({
			name: 'Kick Polling Trigger',
			type: 'n8n-nodes-kick.kickPollingTrigger',
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, authentication: 'appOAuth2', events: ['livestream.status.updated'], channels: 'neonvale' },
			credentials: { kickAppOAuth2Api: { id: credentials.app.id, name: credentials.app.name } },
		});
		await inEditor(browser, n8n.baseUrl, 'trigger-kick-polling', async (editor) => {
			await editor.openNode(workflowId, 'trigger');
			await testTrigger(editor);
			const json = await editor.outputShowing('neonvale');
			expect(json).toContain('"poll"');
		});
	});
});
