/** examples/moderation-log.json: bans and timeouts → Discord mod channel. */
import { sampleEvent, SEED } from '../emulator';
import type { ImportedExample } from '../harness/examples';
import { expectSuccessfulExecutions, publishTriggerExample, setUpE2e, subscriptionsOf, type E2eContext } from './helpers';

describe('example: moderation log (bans and timeouts → Discord)', () => {
	let e2e: E2eContext;
	let workflow: ImportedExample;

	beforeAll(async () => {
		e2e = await setUpE2e();
		const discord = await e2e.discordCredential('mod-log');
		workflow = await publishTriggerExample(e2e, 'moderation-log', { credentials: { kickOAuth2Api: e2e.kick.user, discordWebhookApi: discord } });
	});
	afterAll(async () => {
		await e2e.n8n.unpublish(workflow.id).catch(() => undefined);
		await e2e.close();
	});

	it('subscribes to moderation.banned, and posts a timeout and a ban with moderator, reason and length', async () => {
		expect(subscriptionsOf(e2e.emulator)).toEqual([`moderation.banned@${SEED.broadcaster.userId}`]);

		const [timeout] = await e2e.emulator.deliverToSubscribers('moderation.banned', SEED.broadcaster.userId, sampleEvent('moderation.banned'));
		expect(timeout.status).toBe(200);
		await expectSuccessfulExecutions(e2e.n8n, workflow.id, 1);
		const [timedOut] = await e2e.sink.waitFor('mod-log', 1);
		expect(timedOut.content).toBe('spamcan_9000 was timed out for 10 minutes by pixelmoth');
		expect(timedOut.embeds).toEqual([
			expect.objectContaining({
				title: '⏳ spamcan_9000 was timed out for 10 min',
				url: 'https://kick.com/spamcan-9000',
				description: '**Moderator:** pixelmoth\n**Reason:** link spam\n**Until:** 2026-03-14T20:14:12Z',
				author: { name: 'Kick moderation · NeonVale' },
				color: 0xf39c12,
			}),
		]);

		const permanent = sampleEvent('moderation.banned.permanent');
		const [ban] = await e2e.emulator.deliverToSubscribers('moderation.banned', SEED.broadcaster.userId, permanent);
		expect(ban.status).toBe(200);
		await expectSuccessfulExecutions(e2e.n8n, workflow.id, 2);
		const [, banned] = await e2e.sink.waitFor('mod-log', 2);
		const user = (permanent.banned_user as { username: string }).username;
		expect(banned.embeds?.[0]).toMatchObject({ title: `🔨 ${user} was banned`, color: 0xe74c3c });
		expect(banned.embeds?.[0].description).not.toContain('Until');
	});
});
