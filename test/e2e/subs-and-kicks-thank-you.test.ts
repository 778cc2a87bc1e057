/** examples/subs-and-kicks-thank-you.json: every kind of support → Discord thank-you + Kick chat thank-you. */
import { sampleEvent, SEED } from '../emulator';
import type { ImportedExample } from '../harness/examples';
import { postedChatMessages } from '../harness/kickEvents';
import { expectSuccessfulExecutions, publishTriggerExample, setUpE2e, subscriptionsOf, type E2eContext } from './helpers';

const me = SEED.broadcaster.userId;

describe('example: subs, gifted subs and KICKs → thank-you on Discord and in Kick chat', () => {
	let e2e: E2eContext;
	let workflow: ImportedExample;
	let executions = 0;

	beforeAll(async () => {
		e2e = await setUpE2e();
		const discord = await e2e.discordCredential('thanks');
		workflow = await publishTriggerExample(e2e, 'subs-and-kicks-thank-you', {
			credentials: { kickOAuth2Api: e2e.kick.user, discordWebhookApi: discord },
		});
	});
	afterAll(async () => {
		await e2e.n8n.unpublish(workflow.id).catch(() => undefined);
		await e2e.close();
	});
	beforeEach(() => e2e.sink.clear());

	it('publishing subscribed to the four support events', () => {
		expect(subscriptionsOf(e2e.emulator)).toEqual(
			['channel.subscription.gifts', 'channel.subscription.new', 'channel.subscription.renewal', 'kicks.gifted'].map((event) => `${event}@${me}`),
		);
	});

	const cases: Array<[string, string, Record<string, unknown>, string, string]> = [
		['new subscription', 'channel.subscription.new', sampleEvent('channel.subscription.new'), '🎉 **mintcondition** just subscribed! Welcome to the club 💚', 'Thank you for the sub, @mintcondition! Welcome to the club!'],
		['renewal', 'channel.subscription.renewal', sampleEvent('channel.subscription.renewal'), '🔁 **mintcondition** renewed their sub: 7 months! Thank you!', 'Thanks for 7 months, @mintcondition!'],
		['gifted subs', 'channel.subscription.gifts', sampleEvent('channel.subscription.gifts'), '🎁 **pixelmoth** gifted 3 subs to sable_fern, grainofrice, hexhound!', 'Thank you @pixelmoth for 3 gifted subs!'],
		['anonymous gifted sub', 'channel.subscription.gifts', sampleEvent('channel.subscription.gifts.anonymous'), '🎁 **An anonymous gifter** gifted 1 sub to grainofrice!', 'Thank you anonymous gifter for 1 gifted sub!'],
		['KICKs', 'kicks.gifted', sampleEvent('kicks.gifted'), '💚 **mintcondition** sent 100 KICKs: "for the clutch"', 'Thank you for the 100 KICKs, @mintcondition!'],
	];

	it.each(cases)('%s → Discord and Kick chat', async (_name, event, body, discordText, chatText) => {
		const chatBefore = postedChatMessages(e2e.emulator).length;
		const [delivery] = await e2e.emulator.deliverToSubscribers(event, me, body);
		expect(delivery.status).toBe(200);
		await expectSuccessfulExecutions(e2e.n8n, workflow.id, ++executions);
		const [message] = await e2e.sink.waitFor('thanks', 1);
		expect(message.content).toBe(discordText);
		const posted = postedChatMessages(e2e.emulator).slice(chatBefore);
		expect(posted).toEqual([expect.objectContaining({ content: chatText, type: 'user', broadcasterUserId: me, clientId: SEED.app.clientId })]);
	});
});
