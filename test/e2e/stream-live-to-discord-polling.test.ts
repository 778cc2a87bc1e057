/**
 * examples/stream-live-to-discord-polling.json in a real n8n: a Kick app's client ID and
 * secret, no public URL (nothing ever calls n8n), a poll every 5 seconds instead of the
 * example's minute. Going live posts exactly one Discord announcement within a poll interval;
 * ending posts one follow-up with the stream length.
 */
import { rfc3339Seconds, SEED } from '../emulator';
import type { ImportedExample } from '../harness/examples';
import { EVERY_5_SECONDS } from '../harness/polling';
import { expectSuccessfulExecutions, publishExample, setUpE2e, type E2eContext } from './helpers';
import { waitUntil } from '../support/wait';

const ROLE_ID = '112233445566778899';
const NEONVALE = SEED.broadcaster.userId;

describe('example: stream live → Discord announcement (polling, no public URL)', () => {
	let e2e: E2eContext;
	let workflow: ImportedExample;
	const polls = () => e2e.emulator.requests.filter((request) => request.path === '/public/v1/channels' && request.tokenKind === 'app' && request.status === 200).length;
	async function waitForPolls(count: number): Promise<void> {
		const target = polls() + count;
		await waitUntil(`${count} more polls`, () => polls() >= target, 20_000 + count * 10_000);
	}

	beforeAll(async () => {
		e2e = await setUpE2e();
		// NeonVale is live in the seed; the story starts with the stream offline.
		e2e.emulator.endStream(NEONVALE);
		const discord = await e2e.discordCredential('announcements');
		workflow = await publishExample(e2e.n8n, 'stream-live-to-discord-polling', {
			credentials: { kickAppOAuth2Api: e2e.kick.app, discordWebhookApi: discord },
			replace: { 'your-channel': 'neonvale' },
			setValues: { Settings: { discordRoleId: ROLE_ID } },
			parameters: { 'Kick Polling Trigger': { pollTimes: EVERY_5_SECONDS } },
		});
	});
	afterAll(async () => {
		await e2e.n8n.unpublish(workflow.id).catch(() => undefined);
		await e2e.close();
	});

	it('publishing checks the channel with the app token and posts nothing', async () => {
		await waitForPolls(2);
		expect(e2e.sink.messages).toEqual([]);
		expect(await e2e.n8n.listExecutions(workflow.id)).toEqual([]);
		// Only the app token was used: no user account, no subscription, no webhook.
		expect(new Set(e2e.emulator.requests.filter((request) => request.path.startsWith('/public/')).map((request) => request.tokenKind))).toEqual(new Set(['app']));
		expect(e2e.emulator.state.subscriptions).toEqual([]);
	}, 60_000);

	it('going live posts exactly one announcement, within a poll interval', async () => {
		const startedAt = rfc3339Seconds(new Date(Date.now() - 134 * 60_000));
		const live = e2e.emulator.startStream(NEONVALE, { title: 'Ranked grind to Diamond | !discord', categoryId: 18, viewerCount: 321, startedAt });
		const wentLiveAt = Date.now();
		const [message] = await e2e.sink.waitFor('announcements', 1, 30_000);
		// One poll interval is 5 s here; allow for a busy machine.
		expect(message.at - wentLiveAt).toBeLessThan(20_000);
		expect(message.content).toBe(`<@&${ROLE_ID}> 🔴 **NeonVale** is live on Kick!`);
		expect(message.embeds).toEqual([
			expect.objectContaining({
				title: 'Ranked grind to Diamond | !discord',
				url: 'https://kick.com/neonvale',
				description: 'Streaming **Counter-Strike 2** — come hang out!',
				author: { name: 'NeonVale' },
				color: 0x53fc18,
				image: { url: live.thumbnail },
				thumbnail: { url: expect.stringContaining('files.kick.com/images/user/2841377') },
				timestamp: expect.stringContaining(startedAt.slice(0, 16)),
			}),
		]);
		await expectSuccessfulExecutions(e2e.n8n, workflow.id, 1);

		// Later polls see the same stream: no second announcement.
		await waitForPolls(2);
		expect(e2e.sink.messagesFor('announcements')).toHaveLength(1);
		expect(await e2e.n8n.listExecutions(workflow.id)).toHaveLength(1);
	}, 90_000);

	it('ending the stream posts one follow-up with the stream length', async () => {
		e2e.emulator.endStream(NEONVALE);
		const messages = await e2e.sink.waitFor('announcements', 2, 30_000);
		expect(messages[1].content).toMatch(/^⚫ \*\*NeonVale\*\* has ended the stream after 2 h 1[45] min\. Thanks for watching! Missed it\? https:\/\/kick\.com\/neonvale\/videos$/);
		await expectSuccessfulExecutions(e2e.n8n, workflow.id, 2);
		await waitForPolls(2);
		expect(e2e.sink.messagesFor('announcements')).toHaveLength(2);
	}, 90_000);
});
