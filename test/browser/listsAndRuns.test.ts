/**
 * The Kick node used in the editor as a user uses it: "From List" offers the emulator's channels,
 * categories and rewards (what Kick would list for the connected account), and an operation
 * run from the panel with "Execute step" shows Kick's answer: one read (Channel → Get) and one
 * write (Chat → Send Message, which the emulator then holds).
 */
import { randomUUID } from 'node:crypto';

import type { Browser } from 'playwright-core';

import { startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, sharedN8n, type KickCredentials, type N8nClient } from '../harness';
import { launchChromium } from './browser';
import { capture, Editor } from './editor';
import { createKickNodeWorkflow } from './workflows';

describe('the Kick node\'s lists and runs in the n8n editor', () => {
	let n8n: N8nClient;
	let emulator: KickEmulator;
	let credentials: KickCredentials;
	let browser: Browser;
	let editor: Editor;
	let workflowId: string;

	beforeAll(async () => {
		n8n = await sharedN8n();
		emulator = await startKickEmulator();
		credentials = await connectKickCredentials(n8n, emulator);
		browser = await launchChromium();
		editor = await Editor.open(browser, n8n.baseUrl);
		workflowId = await createKickNodeWorkflow(n8n, 'Kick lists', { credentials: { kickOAuth2Api: { id: credentials.user.id, name: credentials.user.name } } });
	}, 120_000);

	afterAll(async () => {
		await editor?.close();
		await browser?.close();
		await emulator?.close();
	});

	/** The connected account's channel: the one the emulator's consent signs in. */
	const ownChannel = () => emulator.state.channels.find((channel) => channel.broadcasterUserId === emulator.state.consentUserId)!;

	/** A channel's slug as a list item names it: "<label> (<slug>)", or the bare slug. */
	const slugOf = (itemText: string) => /\(([^()]+)\)$/.exec(itemText.trim())?.[1] ?? itemText.trim();

	/** The Kick node set to an operation, with the account's own channel picked from the list; returns its slug. */
	async function chooseWithOwnChannel(resource: string, operation: string): Promise<string> {
		await editor.showNode(workflowId, 'kick');
		await editor.choose('resource', resource);
		await editor.choose('operation', operation);
		const { slug } = ownChannel();
		await editor.pickFromList('channel', (text) => slugOf(text) === slug);
		return slug;
	}

	it('From List offers the live channels and the account\'s own, the categories matching the search, and the account\'s rewards', async () => {
		await capture(editor, 'kick-lists', async () => {
			await editor.showNode(workflowId, 'kick');
			await editor.choose('resource', 'Channel');
			await editor.choose('operation', 'Get');
			const channels = (await editor.listItems('channel')).map(slugOf).sort();
			const liveOrOwn = emulator.state.channels.filter((channel) => channel.live || channel === ownChannel()).map((channel) => channel.slug);
			expect(channels).toEqual([...new Set(liveOrOwn)].sort());

			await editor.choose('resource', 'Category');
			await editor.choose('operation', 'Get');
			const categories = await editor.listItems('category', 'simulator');
			const matching = emulator.state.categories.filter((category) => category.name.toLowerCase().includes('simulator')).map((category) => category.name);
			expect(matching.length).toBeGreaterThan(1);
			expect(categories.sort()).toEqual(matching.sort());

			await editor.choose('resource', 'Channel Reward');
			await editor.choose('operation', 'Update');
			const rewards = await editor.listItems('reward');
			const own = emulator.state.rewards.filter((reward) => reward.broadcasterUserId === emulator.state.consentUserId && !reward.isDeleted);
			expect(own.length).toBeGreaterThan(1);
			expect(rewards.map((text) => text.replace(/ \(\d+ points.*\)$/, '')).sort()).toEqual(own.map((reward) => reward.title).sort());
			expect(editor.pageErrors).toEqual([]);
		});
	});

	it('Execute step on Channel → Get, the channel picked from the list, shows the channel', async () => {
		await capture(editor, 'kick-run-read', async () => {
			const slug = await chooseWithOwnChannel('Channel', 'Get');
			const output = await editor.executeStep(`https://kick.com/${slug}`);
			expect(output).toMatch(new RegExp(`"broadcaster_user_id":\\s*${ownChannel().broadcasterUserId}\\b`));
		});
	});

	it('Execute step on Chat → Send Message posts to the chat and shows Kick\'s answer', async () => {
		await capture(editor, 'kick-run-write', async () => {
			await chooseWithOwnChannel('Chat', 'Send Message');
			const content = `sent from the editor ${randomUUID().slice(0, 8)}`;
			await editor.fill('content', content);
			const output = await editor.executeStep('is_sent');
			const sent = emulator.state.chat.filter((message) => message.content === content);
			expect(sent.map((message) => ({ broadcaster: message.broadcasterUserId, type: message.type }))).toEqual([
				{ broadcaster: ownChannel().broadcasterUserId, type: 'user' },
			]);
			expect(output).toContain(sent[0]!.messageId);
		});
	});
});
