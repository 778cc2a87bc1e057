/**
 * examples/chat-command-bot.json: the trigger's command filter lets only `!discord`, `!socials`
 * and `!commands` start the workflow; each gets a chat reply to the viewer's message.
 */
import { SEED } from '../emulator';
import type { ImportedExample } from '../harness/examples';
import { chatMessageEvent, postedChatMessages } from '../harness/kickEvents';
import { executionsAfterMarker, expectSuccessfulExecutions, nodeOutputs, publishTriggerExample, setUpE2e, subscriptionsOf, type E2eContext } from './helpers';

const me = SEED.broadcaster.userId;

describe('example: chat command bot', () => {
	let e2e: E2eContext;
	let workflow: ImportedExample;

	beforeAll(async () => {
		e2e = await setUpE2e();
		workflow = await publishTriggerExample(e2e, 'chat-command-bot', { credentials: { kickOAuth2Api: e2e.kick.user } });
	});
	afterAll(async () => {
		await e2e.n8n.unpublish(workflow.id).catch(() => undefined);
		await e2e.close();
	});

	it('subscribes to chat messages', () => {
		expect(subscriptionsOf(e2e.emulator)).toEqual([`chat.message.sent@${me}`]);
	});

	it('replies to each command, as a reply to the message; other chat starts no execution', async () => {
		const send = async (content: string) => {
			const body = chatMessageEvent(e2e.emulator, content);
			const [delivery] = await e2e.emulator.deliverToSubscribers('chat.message.sent', me, body);
			expect(delivery.status).toBe(200);
			return body.message_id as string;
		};
		const chatter = 'quietorbit';
		// Ordinary chat, unknown commands and a bare prefix are answered 200 by the trigger and dropped.
		for (const content of ['gg', 'that !discord was wild', '!lurk', '!']) await send(content);
		const discord = await send('!discord');
		const socials = await send('  !SOCIALS please');
		const commands = await send('!commands');

		const executions = await expectSuccessfulExecutions(e2e.n8n, workflow.id, 3);
		// A last command as the marker: once it ran, the chat above would have run too.
		const marker = await send('!commands marker');
		expect(await executionsAfterMarker(e2e.n8n, workflow.id, 4)).toHaveLength(4);
		const triggered = await Promise.all(executions.map(async (execution) => (await nodeOutputs(e2e.n8n, execution.id)).output('Kick Trigger')[0]));
		expect(triggered).toContainEqual(expect.objectContaining({ command: 'discord', commandArgs: [], message_id: discord }));
		expect(triggered).toContainEqual(expect.objectContaining({ command: 'socials', commandArgs: ['please'], message_id: socials }));

		// Executions run concurrently: compare regardless of order.
		const replies = postedChatMessages(e2e.emulator);
		expect(replies.map((reply) => reply.replyToMessageId).sort()).toEqual([discord, socials, commands, marker].sort());
		expect(replies.map((reply) => [reply.replyToMessageId, reply.content])).toEqual(expect.arrayContaining([
			[discord, `@${chatter} Join the community Discord: https://discord.gg/your-invite`],
			[socials, `@${chatter} YouTube: https://youtube.com/@your-channel | X: https://x.com/your-handle | TikTok: https://tiktok.com/@your-handle`],
			[commands, `@${chatter} Commands: !discord, !socials`],
		]));
		expect(replies.every((reply) => reply.type === 'user' && reply.broadcasterUserId === me)).toBe(true);
	});
});
