/**
 * The two examples that start one workflow with two Kick triggers, in a real n8n against the
 * emulator playing each Kick event on every source, each copy sent, lost or late:
 *
 * - examples/stream-live-to-discord-never-missed.json (Kick Trigger + Kick Polling Trigger, a
 *   poll every 5 seconds instead of a minute): one announcement per stream and one follow-up per
 *   end, whether the webhook copy came first, never, or ten minutes after the poll's.
 * - examples/chat-command-bot-with-fallback.json (Kick Trigger + Kick Chat Trigger): one reply
 *   per command whichever copies arrive.
 *
 * One Kick app receives one workflow's webhooks, so the two run one after the other.
 */
import { SEED } from '../emulator';
import type { ImportedExample } from '../harness/examples';
import { postedChatMessages } from '../harness/kickEvents';
import { EVERY_5_SECONDS } from '../harness/polling';
import { waitUntil } from '../support/wait';
import { executionsAfterMarker, publishTriggerExample, setUpE2e, type E2eContext } from './helpers';

const NEONVALE = SEED.broadcaster.userId;
const MINUTE = 60_000;
const CHAT = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;

describe('examples with two Kick triggers: each event runs once, from whichever trigger sees it first', () => {
	let e2e: E2eContext;
	let workflow: ImportedExample | undefined;

	beforeAll(async () => {
		e2e = await setUpE2e();
	});
	afterEach(async () => {
		e2e.emulator.webhooks.clock.reset();
		if (workflow) await e2e.n8n.unpublish(workflow.id).catch(() => undefined);
		workflow = undefined;
	});
	afterAll(async () => {
		await e2e.close();
	});

	it('stream live → Discord, never missed: one announcement per stream and one follow-up per end, whatever the webhook copy did', async () => {
		const polls = () => e2e.emulator.requests.filter((request) => request.path === '/public/v1/channels' && request.tokenKind === 'user' && request.status === 200).length;
		const afterPolls = async (count = 2) => {
			const target = polls() + count;
			await waitUntil(`${count} more polls`, () => polls() >= target, 20_000 + count * 10_000);
		};
		const announcements = () => e2e.sink.messagesFor('announcements').filter((message) => (message.content ?? '').includes('is live on Kick'));
		const ends = () => e2e.sink.messagesFor('announcements').filter((message) => (message.content ?? '').includes('has ended the stream'));
		const expectMessages = async (live: number, ended: number) => {
			await waitUntil(`${live} announcements and ${ended} follow-ups`, () => announcements().length >= live && ends().length >= ended, 40_000);
			// Two polls later (the poll's own copy, when it was dropped, came in one of them) nothing more arrived.
			await afterPolls(2);
			expect([announcements().length, ends().length]).toEqual([live, ended]);
		};

		// NeonVale is live in the seed; the story starts with the stream offline.
		e2e.emulator.endStream(NEONVALE);
		const discord = await e2e.discordCredential('announcements');
		workflow = await publishTriggerExample(e2e, 'stream-live-to-discord-never-missed', {
			credentials: { kickOAuth2Api: e2e.kick.user, discordWebhookApi: discord },
			parameters: { 'Kick Polling Trigger': { pollTimes: EVERY_5_SECONDS } },
		});
		await afterPolls(1);

		// The webhook first: it announces; the poll's copy is dropped.
		const first = await e2e.emulator.sources.streamStart(NEONVALE, { title: 'webhook first' }, { socket: 'lost' });
		expect(first.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		await expectMessages(1, 0);

		// The webhook copy lost: the poll sees the end.
		await e2e.emulator.sources.streamEnd(NEONVALE, { webhook: 'lost', socket: 'lost' });
		await expectMessages(1, 1);

		// The webhook copy ten minutes late: the poll announces, the late copy is acknowledged and dropped.
		e2e.emulator.webhooks.clock.set(Date.now() - 10 * MINUTE);
		await e2e.emulator.sources.streamStart(NEONVALE, { title: 'late webhook' }, { webhook: { delayMs: 10 * MINUTE }, socket: 'lost' });
		await waitUntil('the poll to announce', () => announcements().length >= 2, 40_000);
		const late = await e2e.emulator.webhooks.advance(10 * MINUTE);
		expect(late.map((delivery) => [delivery.status, delivery.body])).toEqual([[200, expect.stringContaining('already run by another Kick trigger')]]);
		e2e.emulator.webhooks.clock.reset();
		await expectMessages(2, 1);

		// Both copies of the end: one follow-up.
		await e2e.emulator.sources.streamEnd(NEONVALE, { socket: 'lost' });
		await expectMessages(2, 2);
	}, 240_000);

	it('chat command bot with a fallback: one reply per command, whichever copies arrive', async () => {
		const subscribers = e2e.emulator.pusher.subscriberCount(CHAT);
		workflow = await publishTriggerExample(e2e, 'chat-command-bot-with-fallback', {
			credentials: { kickOAuth2Api: e2e.kick.user },
			parameters: { 'Kick Chat Trigger': { channel: 'neonvale', customEndpoints: true, pusherHost: e2e.emulator.pusher.url, websiteBaseUrl: e2e.emulator.url } },
		});
		await e2e.emulator.pusher.waitForSubscribers(CHAT, subscribers + 1);
		const before = postedChatMessages(e2e.emulator).length;

		const send = async (content: string, fates: Parameters<typeof e2e.emulator.sources.chatMessage>[1]) =>
			(await e2e.emulator.sources.chatMessage({ broadcasterUserId: NEONVALE, content, senderUserId: SEED.users.quietorbit }, fates)).messageId;
		const sent = [
			await send('!discord', {}),
			await send('!socials', { socket: 'lost' }),
			await send('!commands', { webhook: 'lost' }),
			await send('!discord again', {}),
			await send('gg', {}),
		];
		// The last command doubles as the marker: its socket copy runs after the hold, after everything before it.
		const marker = await send('!commands marker', { webhook: 'lost' });
		await waitUntil('the marker reply', () => postedChatMessages(e2e.emulator).some((reply) => reply.replyToMessageId === marker), 40_000);
		await executionsAfterMarker(e2e.n8n, workflow.id, 5);

		const replies = postedChatMessages(e2e.emulator).slice(before);
		const counts = [...sent, marker].map((id) => replies.filter((reply) => reply.replyToMessageId === id).length);
		// One reply per command; ordinary chat none.
		expect(counts).toEqual([1, 1, 1, 1, 0, 1]);
	}, 180_000);
});
