/**
 * The chat bot examples, in the shared real n8n against the emulator:
 *
 * - examples/mod-commands-with-cooldowns.json (Kick Trigger): a moderator's `!title …` sets the
 *   stream title through the Kick node and is confirmed in chat, a viewer's does nothing; a
 *   viewer's `!discord` is answered once per 30 seconds, a moderator's any time.
 * - examples/welcome-first-time-chatters.json (Kick Chat Trigger): one welcome per viewer per
 *   stream, over two streams.
 */
import { SEED } from '../emulator';
import type { ChatBadge } from '../emulator/pusherEvents';
import type { CopyFates } from '../emulator/sources';
import { postedChatMessages } from '../harness/kickEvents';
import { waitUntil } from '../support/wait';
import { executionsAfterMarker, publishExample, publishTriggerExample, setUpE2e, type E2eContext } from './helpers';

const NEONVALE = SEED.broadcaster.userId;
const CHAT = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;
const MODERATOR: ChatBadge[] = [{ type: 'moderator', text: 'Moderator' }];
const DISCORD_REPLY = 'Join the community Discord: https://discord.gg/your-invite';

describe('chat bot examples', () => {
	let e2e: E2eContext;
	const published: string[] = [];

	beforeAll(async () => {
		e2e = await setUpE2e();
	});
	afterAll(async () => {
		for (const id of published) await e2e.n8n.unpublish(id).catch(() => undefined);
		await e2e.close();
	});

	const send = async (content: string, senderUserId: number, fates: CopyFates, badges: ChatBadge[] = []) =>
		(await e2e.emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content, senderUserId, badges }, fates));
	const repliesTo = (messageId: string) => postedChatMessages(e2e.emulator).filter((reply) => reply.replyToMessageId === messageId).map((reply) => reply.content);

	it("mod-only commands with cooldowns: a moderator's !title sets the title, a viewer's does not; !discord at most once per 30 s", async () => {
		const workflow = await publishTriggerExample(e2e, 'mod-commands-with-cooldowns', { credentials: { kickOAuth2Api: e2e.kick.user } });
		published.push(workflow.id);
		const webhookOnly: CopyFates = { socket: 'lost' };
		const channel = () => e2e.emulator.state.channels.find((entry) => entry.broadcasterUserId === NEONVALE);
		const titleBefore = channel()?.streamTitle;

		const viewerTitle = await send('!title hacked by a viewer', SEED.users.quietorbit, webhookOnly);
		const modTitle = await send('!title Ranked grind to Diamond', SEED.users.pixelmoth, webhookOnly, MODERATOR);
		const discords = [];
		for (const viewer of [SEED.users.hexhound, SEED.users.mintcondition, SEED.users.spamcan]) discords.push(await send('!discord', viewer, webhookOnly));
		// A moderator skips the cooldown: the marker, sent last.
		const marker = await send('!discord', SEED.users.pixelmoth, webhookOnly, MODERATOR);
		await executionsAfterMarker(e2e.n8n, workflow.id, 3);

		expect(titleBefore).not.toBe('Ranked grind to Diamond');
		expect(channel()?.streamTitle).toBe('Ranked grind to Diamond');
		expect([viewerTitle, ...discords].map((sent) => sent.deliveries.map((delivery) => delivery.body))).toEqual([
			[expect.stringContaining('filtered out')],
			[expect.not.stringContaining('on cooldown')],
			[expect.stringContaining('command on cooldown')],
			[expect.stringContaining('command on cooldown')],
		]);
		expect([modTitle, viewerTitle, ...discords, marker].map((sent) => repliesTo(sent.messageId))).toEqual([
			['@pixelmoth Title set: Ranked grind to Diamond'],
			[],
			[`@hexhound ${DISCORD_REPLY}`],
			[],
			[],
			[`@pixelmoth ${DISCORD_REPLY}`],
		]);
	});

	it('welcome first-time chatters: one welcome per viewer per stream', async () => {
		const subscribers = e2e.emulator.pusher.subscriberCount(CHAT);
		const workflow = await publishExample(e2e.n8n, 'welcome-first-time-chatters', {
			credentials: { kickOAuth2Api: e2e.kick.user },
			replace: { 'your-channel': 'neonvale' },
			parameters: { 'Kick Chat Trigger': { channel: 'neonvale', customEndpoints: true, pusherHost: e2e.emulator.pusher.url, websiteBaseUrl: e2e.emulator.url } },
		});
		published.push(workflow.id);
		await e2e.emulator.pusher.waitForSubscribers(CHAT, subscribers + 1);
		const socketOnly: CopyFates = { webhook: 'lost' };
		const { quietorbit, hexhound, mintcondition, spamcan } = SEED.users;
		// The record counts whole seconds: the next stream starts in a later second than the last message that ran.
		const nextSecond = async () => {
			const second = Math.floor(Date.now() / 1000);
			await waitUntil('the next second', () => Math.floor(Date.now() / 1000) > second, 2_000);
		};

		if (e2e.emulator.state.channels.find((entry) => entry.broadcasterUserId === NEONVALE)?.live) await e2e.emulator.sources.streamEnd(NEONVALE, socketOnly);
		await nextSecond();
		await e2e.emulator.sources.streamStart(NEONVALE, { title: 'Welcome stream' }, socketOnly);
		const first = [await send('hi chat', quietorbit, socketOnly), await send('anyone here?', quietorbit, socketOnly), await send('hello!', hexhound, socketOnly)];
		// A viewer's first words, sent last, as the marker.
		const marker = await send('first time here', mintcondition, socketOnly);
		await executionsAfterMarker(e2e.n8n, workflow.id, 3);

		await nextSecond();
		await e2e.emulator.sources.streamEnd(NEONVALE, socketOnly);
		await e2e.emulator.sources.streamStart(NEONVALE, { title: 'The next stream' }, socketOnly);
		const second = [await send('back again', quietorbit, socketOnly), await send('still here', quietorbit, socketOnly)];
		const nextMarker = await send('hey', spamcan, socketOnly);
		await executionsAfterMarker(e2e.n8n, workflow.id, 5);

		const welcome = (name: string) => [`Welcome to the stream, @${name}! Glad you're here.`];
		expect([...first, marker, ...second, nextMarker].map((sent) => repliesTo(sent.messageId))).toEqual([
			welcome('quietorbit'),
			[],
			welcome('hexhound'),
			welcome('mintcondition'),
			welcome('quietorbit'),
			[],
			welcome('spamcan_9000'),
		]);
	});
});
