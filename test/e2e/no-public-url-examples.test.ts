/**
 * The two examples built on the Kick Chat Trigger (Kick's live socket, no public URL, no Kick
 * app to listen), in the shared real n8n against the emulator's website and socket:
 * examples/chat-command-bot-no-public-url.json and examples/stream-live-to-discord-no-public-url.json.
 */
import { SEED } from '../emulator';
import type { ImportedExample } from '../harness/examples';
import { postedChatMessages } from '../harness/kickEvents';
import { executionsAfterMarker, expectSuccessfulExecutions, nodeOutputs, publishExample, setUpE2e, type E2eContext } from './helpers';

const ROLE_ID = '112233445566778899';
const CHAT = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;

describe('examples without a public URL (Kick Chat Trigger)', () => {
	let e2e: E2eContext;
	const published: string[] = [];

	async function publishChatExample(name: string, options: Parameters<typeof publishExample>[2]): Promise<ImportedExample> {
		const subscribers = e2e.emulator.pusher.subscriberCount(CHAT);
		const workflow = await publishExample(e2e.n8n, name, {
			...options,
			parameters: {
				'Kick Chat Trigger': {
					channel: 'neonvale',
					customEndpoints: true,
					pusherHost: e2e.emulator.pusher.url,
					websiteBaseUrl: e2e.emulator.url,
				},
			},
		});
		published.push(workflow.id);
		await e2e.emulator.pusher.waitForSubscribers(CHAT, subscribers + 1);
		return workflow;
	}

	beforeAll(async () => {
		e2e = await setUpE2e();
	});
	afterAll(async () => {
		for (const id of published) await e2e.n8n.unpublish(id).catch(() => undefined);
		await e2e.close();
	});

	it('chat command bot: commands from the live socket get a reply in chat; other chat starts no execution', async () => {
		const workflow = await publishChatExample('chat-command-bot-no-public-url', { credentials: { kickOAuth2Api: e2e.kick.user } });
		const sender = { id: SEED.users.quietorbit, username: 'quietorbit' };
		const send = (content: string) => e2e.emulator.pusher.kick.chatMessage({ content, sender }).id;
		for (const content of ['gg', 'that !discord was wild', '!lurk', '!']) send(content);
		const discord = send('!discord');
		const socials = send('  !SOCIALS please');
		const commands = send('!commands');

		const executions = await expectSuccessfulExecutions(e2e.n8n, workflow.id, 3);
		// A last command as the marker: the socket keeps order, so once it ran the chat above would have too.
		const marker = send('!commands marker');
		expect(await executionsAfterMarker(e2e.n8n, workflow.id, 4)).toHaveLength(4);
		const triggered = await Promise.all(executions.map(async (execution) => (await nodeOutputs(e2e.n8n, execution.id)).output('Kick Chat Trigger')[0]));
		expect(triggered).toContainEqual(expect.objectContaining({ source: 'live-socket', command: 'discord', message_id: discord }));
		expect(triggered).toContainEqual(expect.objectContaining({ command: 'socials', commandArgs: ['please'], message_id: socials }));

		const replies = postedChatMessages(e2e.emulator);
		expect(replies.map((reply) => [reply.replyToMessageId, reply.content])).toEqual(
			expect.arrayContaining([
				[discord, '@quietorbit Join the community Discord: https://discord.gg/your-invite'],
				[socials, '@quietorbit YouTube: https://youtube.com/@your-channel | X: https://x.com/your-handle | TikTok: https://tiktok.com/@your-handle'],
				[commands, '@quietorbit Commands: !discord, !socials'],
			]),
		);
		expect(replies.map((reply) => reply.replyToMessageId).sort()).toEqual([discord, socials, commands, marker].sort());
		expect(replies.every((reply) => reply.type === 'user' && reply.broadcasterUserId === SEED.broadcaster.userId)).toBe(true);
	});

	it('stream live → Discord: announcement with role ping, title and link; follow-up with the stream length', async () => {
		const discord = await e2e.discordCredential('announcements');
		const workflow = await publishChatExample('stream-live-to-discord-no-public-url', {
			credentials: { discordWebhookApi: discord },
			setValues: { Settings: { discordRoleId: ROLE_ID } },
		});
		const startedAt = new Date(Date.now() - 95 * 60_000);
		e2e.emulator.pusher.kick.streamStart({ livestreamId: 424242, title: 'Ranked grind to Diamond', startedAt });
		const [online] = await expectSuccessfulExecutions(e2e.n8n, workflow.id, 1);
		expect((await nodeOutputs(e2e.n8n, online.id)).output('Kick Chat Trigger')[0]).toMatchObject({ event: 'livestream.status.updated', streamStatus: 'online', source: 'live-socket' });
		const [announcement] = await e2e.sink.waitFor('announcements', 1);
		expect(announcement.content).toBe(`<@&${ROLE_ID}> 🔴 **NeonVale** is live on Kick!`);
		expect(announcement.embeds).toEqual([
			expect.objectContaining({ title: 'Ranked grind to Diamond', url: 'https://kick.com/neonvale', author: { name: 'NeonVale' }, timestamp: startedAt.toISOString() }),
		]);

		e2e.emulator.pusher.kick.streamEnd({ livestreamId: 424242 });
		await expectSuccessfulExecutions(e2e.n8n, workflow.id, 2);
		const messages = await e2e.sink.waitFor('announcements', 2);
		expect(messages[1].content).toBe('⚫ **NeonVale** has ended the stream after 1 h 35 min. Thanks for watching! Missed it? https://kick.com/neonvale/videos');
	});
});
