/**
 * The Kick App credential in a real n8n: n8n gets the app token by the client-credentials grant,
 * and a Kick Trigger on it subscribes for the channels it names (examples/moderation-log.json,
 * switched from the user credential to the app credential and a channel list).
 */
import { sampleEvent, SEED } from '../emulator';
import { loadExample, type ImportedExample } from '../harness/examples';
import { expectSuccessfulExecutions, publishTriggerExample, setUpE2e, subscriptionsOf, type E2eContext } from './helpers';

describe('Kick Trigger with the Kick App credential (moderation log for a named channel)', () => {
	let e2e: E2eContext;
	let workflow: ImportedExample;

	beforeAll(async () => {
		e2e = await setUpE2e();
		e2e.emulator.clearRequests();
		const discord = await e2e.discordCredential('mod-log');
		const example = loadExample('moderation-log');
		const trigger = example.nodes.find((node) => node.name === 'Kick Trigger')!;
		trigger.parameters.authentication = 'appOAuth2';
		trigger.parameters.channels = { channel: [{ channel: { __rl: true, mode: 'url', value: 'https://kick.com/neonvale' } }] };
		trigger.credentials = { kickAppOAuth2Api: { id: null, name: 'Kick app' } };
		workflow = await publishTriggerExample(e2e, example, { credentials: { kickAppOAuth2Api: e2e.kick.app, discordWebhookApi: discord } });
	});
	afterAll(async () => {
		await e2e.n8n.unpublish(workflow.id).catch(() => undefined);
		await e2e.close();
	});

	it('n8n fetched an app token with the client-credentials grant, and subscribed for the named channel', () => {
		const tokenRequests = e2e.emulator.requests.filter((request) => request.path === '/oauth/token');
		expect(tokenRequests.map((request) => [(request.body as any)?.grant_type, request.status])).toEqual([['client_credentials', 200]]);
		expect((tokenRequests[0].body as any).client_id).toBe(SEED.app.clientId);
		const create = e2e.emulator.requests.find((request) => request.method === 'POST' && request.path === '/public/v1/events/subscriptions');
		expect(create?.tokenKind).toBe('app');
		expect(create?.body).toMatchObject({ broadcaster_user_id: SEED.broadcaster.userId, events: [{ name: 'moderation.banned', version: 1 }] });
		expect(subscriptionsOf(e2e.emulator)).toEqual([`moderation.banned@${SEED.broadcaster.userId}`]);
	});

	it('events of that channel run the workflow', async () => {
		const [delivery] = await e2e.emulator.deliverToSubscribers('moderation.banned', SEED.broadcaster.userId, sampleEvent('moderation.banned'));
		expect(delivery.status).toBe(200);
		await expectSuccessfulExecutions(e2e.n8n, workflow.id, 1);
		const [message] = await e2e.sink.waitFor('mod-log', 1);
		expect(message.content).toBe('spamcan_9000 was timed out for 10 minutes by pixelmoth');
	});

	it('unpublishing removes the subscription with the app token', async () => {
		await e2e.n8n.unpublish(workflow.id);
		expect(subscriptionsOf(e2e.emulator)).toEqual([]);
		const remove = e2e.emulator.requests.find((request) => request.method === 'DELETE' && request.path === '/public/v1/events/subscriptions');
		expect(remove?.tokenKind).toBe('app');
	});
});
