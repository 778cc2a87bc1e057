/**
 * examples/subscription-health-check.json: the scheduled Reconcile repairs what Kick dropped
 * behind a published Kick Trigger's back (and removes duplicates), and alerts Discord only then.
 */
import { SEED } from '../emulator';
import type { ImportedExample } from '../harness/examples';
import { streamOnlineEvent } from '../harness/kickEvents';
import { expectSuccessfulExecutions, nodeOutputs, publishExample, publishTriggerExample, setUpE2e, subscriptionsOf, type E2eContext } from './helpers';

const me = SEED.broadcaster.userId;
const STATUS = `livestream.status.updated@${me}`;

describe('example: subscription health check (schedule → Reconcile → Discord alert)', () => {
	let e2e: E2eContext;
	let check: ImportedExample;
	let alerts: ImportedExample;

	const runCheck = async () => {
		const executionId = await e2e.n8n.runManually(check.id, 'Every hour');
		const run = await nodeOutputs(e2e.n8n, executionId);
		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		return run.output('Reconcile Kick subscriptions')[0];
	};

	beforeAll(async () => {
		e2e = await setUpE2e();
		const announcements = await e2e.discordCredential('announcements');
		const botAlerts = await e2e.discordCredential('bot-alerts');
		// The workflow the health check protects: same Kick app, same user credential.
		alerts = await publishTriggerExample(e2e, 'stream-live-to-discord', { credentials: { kickOAuth2Api: e2e.kick.user, discordWebhookApi: announcements } });
		check = await publishExample(e2e.n8n, 'subscription-health-check', { credentials: { kickOAuth2Api: e2e.kick.user, discordWebhookApi: botAlerts } });
	});
	afterAll(async () => {
		for (const workflow of [check, alerts]) await e2e.n8n.unpublish(workflow.id).catch(() => undefined);
		await e2e.close();
	});

	it('all in place: reports in sync and sends no alert', async () => {
		expect(subscriptionsOf(e2e.emulator)).toEqual([STATUS]);
		const report = await runCheck();
		expect(report).toMatchObject({ inSyncBefore: true, created: [], duplicatesDeleted: [] });
		expect(subscriptionsOf(e2e.emulator)).toEqual([STATUS]);
		// The check's execution has finished: an alert would have been posted within it.
		expect(e2e.sink.messagesFor('bot-alerts')).toEqual([]);
	});

	it('Kick dropped the subscription: re-created, and Discord is told', async () => {
		e2e.emulator.state.subscriptions = [];
		const report = await runCheck();
		expect(report).toMatchObject({ inSyncBefore: false, complete: true, created: [expect.objectContaining({ event: 'livestream.status.updated' })] });
		expect(subscriptionsOf(e2e.emulator)).toEqual([STATUS]);
		const [alert] = await e2e.sink.waitFor('bot-alerts', 1);
		expect(alert.content).toBe(
			'🩺 Kick subscriptions repaired: 1 re-created (livestream.status.updated), 0 duplicate(s) removed. Kick drops subscriptions after failed deliveries: was n8n unreachable?',
		);
	});

	it('a duplicate subscription (every event twice) is removed and reported', async () => {
		e2e.sink.clear();
		const [existing] = e2e.emulator.state.subscriptions;
		e2e.emulator.state.subscriptions.push({ ...existing, id: `${existing.id.slice(0, -4)}DUPE`, createdAt: new Date().toISOString() });
		const report = await runCheck();
		expect(report).toMatchObject({ inSyncBefore: false, created: [], duplicatesDeleted: [expect.any(String)] });
		expect(subscriptionsOf(e2e.emulator)).toEqual([STATUS]);
		const [alert] = await e2e.sink.waitFor('bot-alerts', 1);
		expect(alert.content).toContain('0 re-created, 1 duplicate(s) removed');
	});

	// The repaired subscription was made by Reconcile, not by the trigger: the trigger asks Kick
	// about the unknown subscription id and accepts it because it matches what it listens to.
	it('after the repair, stream events reach the protected workflow again', async () => {
		const before = (await e2e.n8n.listExecutions(alerts.id)).length;
		const [delivery] = await e2e.emulator.deliverToSubscribers('livestream.status.updated', me, streamOnlineEvent());
		expect(delivery.status).toBe(200);
		await expectSuccessfulExecutions(e2e.n8n, alerts.id, before + 1, 5000);
	});
});
