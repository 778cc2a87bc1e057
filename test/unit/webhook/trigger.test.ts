/**
 * The Kick Trigger node end to end in-process: webhookMethods against an in-memory Kick, and
 * webhook() with signed deliveries. (test/e2e runs the same against a real n8n.)
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { KickTrigger } from '../../../nodes/Kick/KickTrigger.node';
import { PRODUCTION_GET_MESSAGE } from '../../../nodes/Kick/webhook/trigger/receive';
import { FakeKick, hookContext, webhookContext, type ContextOptions, type LogLine } from './fakes';
import { fixture, makeKeys, signedDelivery } from './helpers';

const node = new KickTrigger();
const methods = node.webhookMethods.default;
const keys = makeKeys();
let apiCounter = 0;

/** A fresh API base URL per test keeps the process-wide key cache apart. */
function setup(params: IDataObject, extra: Partial<ContextOptions> = {}) {
	const kick = new FakeKick();
	kick.publicPem = keys.publicPem;
	apiCounter++;
	const options: ContextOptions = {
		kick,
		params,
		staticData: {},
		apiBaseUrl: `https://api${apiCounter}.kick.test`,
		workflowId: `wf-${apiCounter}`,
		...extra,
	};
	const hook = (mode?: ContextOptions['mode']) => hookContext({ ...options, mode, activation: mode === 'manual' ? 'manual' : 'activate' });
	const publish = async () => {
		if (!(await methods.checkExists.call(hook()))) await methods.create.call(hook());
	};
	return { kick, options, hook, publish, state: options.staticData as IDataObject };
}

const appParams = (events: string[] = ['chat.message.sent', 'channel.followed']): IDataObject => ({
	authentication: 'appOAuth2',
	events,
	channels: {
		channel: [{ channel: { __rl: true, mode: 'url', value: 'https://kick.com/neonvale' } }, { channel: { __rl: true, mode: 'id', value: '61530248' } }],
	},
	filters: {},
	options: {},
});

describe('Kick Trigger description', () => {
	it('follows the trigger conventions', () => {
		const d = node.description;
		expect(d).toMatchObject({ name: 'kickTrigger', displayName: 'Kick Trigger', inputs: [], group: ['trigger'] });
		expect(d.icon).toEqual({ light: 'file:kick.svg', dark: 'file:kick.dark.svg' });
		expect(d.subtitle).toBeTruthy();
		expect(d.webhooks?.[0]).toEqual({ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook', responseData: 'noData' });
		expect(d.credentials?.map((c) => c.name)).toEqual(['kickOAuth2Api', 'kickAppOAuth2Api']);
		const names = d.properties.map((p) => p.name);
		expect(names).toEqual(expect.arrayContaining(['authentication', 'setupNotice', 'events', 'channels', 'filters', 'options']));
		const notice = d.properties.find((p) => p.name === 'setupNotice');
		expect(notice?.displayName).toMatch(/Production URL/);
		expect(notice?.displayName).toMatch(/kick\.com\/settings\/developer/);
		expect(notice?.displayName).toMatch(/one URL/);
	});
});

describe('webhookMethods: publishing keeps Kick in step', () => {
	it('publish creates exactly the needed subscriptions; publishing again creates nothing', async () => {
		const { kick, publish, hook, state } = setup(appParams());
		expect(await methods.checkExists.call(hook())).toBe(false);
		await methods.create.call(hook());
		expect(kick.subscriptions).toHaveLength(4);
		expect(kick.calls.filter((c) => c.method === 'GET' && c.path === '/public/v1/channels')).toHaveLength(1);
		expect(state.subscriptionIds).toHaveLength(4);
		expect(state.broadcasterUserIds).toEqual([61530248, 2841377]);
		expect(state.apiBaseUrl).toMatch(/^https:\/\/api\d+\.kick\.test$/);

		await publish();
		expect(kick.count('POST')).toBe(2);
		expect(await methods.checkExists.call(hook())).toBe(true);
	});

	it('a subscription Kick deleted behind our back comes back at the next check', async () => {
		const { kick, publish, state } = setup(appParams());
		await publish();
		const gone = kick.subscriptions[1]?.id;
		kick.subscriptions.splice(1, 1);
		await publish();
		expect(kick.subscriptions).toHaveLength(4);
		expect(state.subscriptionIds).not.toContain(gone);
		expect(kick.count('POST')).toBe(3);
	});

	it('adopts a pre-existing identical subscription instead of duplicating it', async () => {
		const { kick, publish, state } = setup(appParams(['chat.message.sent']));
		const existing = kick.add('chat.message.sent', 2841377);
		await publish();
		expect(kick.subscriptions.filter((s) => s.event === 'chat.message.sent' && s.broadcaster_user_id === 2841377)).toHaveLength(1);
		expect(state.subscriptionIds).toContain(existing.id);
		expect(kick.subscriptions).toHaveLength(2);
	});

	it('unpublish deletes exactly what the trigger owns', async () => {
		const { kick, publish, hook, state } = setup(appParams(['chat.message.sent']));
		const foreign = kick.add('kicks.gifted', 2841377);
		await publish();
		expect(await methods.delete.call(hook())).toBe(true);
		expect(kick.subscriptions.map((s) => s.id)).toEqual([foreign.id]);
		expect(state.subscriptionIds).toBeUndefined();
		// Nothing owned: a second unpublish makes no calls.
		const calls = kick.calls.length;
		await methods.delete.call(hook());
		expect(kick.calls.length).toBe(calls);
	});

	it('user credential: subscribes for its own channel and learns it', async () => {
		const { kick, publish, state } = setup({ authentication: 'userOAuth2', events: ['*'], filters: {}, options: {} });
		await publish();
		expect(kick.subscriptions).toHaveLength(10);
		expect(kick.calls.find((c) => c.method === 'POST')?.body).not.toHaveProperty('broadcaster_user_id');
		expect(state.selfBroadcasterId).toBe(kick.selfId);
		expect(state.broadcasterUserIds).toEqual([kick.selfId]);
	});

	it('an editor test never removes the published subscriptions', async () => {
		const { kick, publish, hook, state } = setup(appParams(['chat.message.sent']));
		await publish();
		const published = [...(state.subscriptionIds as string[])];
		expect(await methods.checkExists.call(hook('manual'))).toBe(true);
		await methods.delete.call(hook('manual'));
		expect(kick.subscriptions.map((s) => s.id).sort()).toEqual(published.sort());
		expect(state.subscriptionIds).toEqual(published);
	});

	it('an editor test creates what is missing and deletes only that afterwards', async () => {
		const { kick, hook, state } = setup(appParams(['chat.message.sent']));
		const foreign = kick.add('chat.message.sent', 2841377);
		expect(await methods.checkExists.call(hook('manual'))).toBe(false);
		await methods.create.call(hook('manual'));
		expect(state.subscriptionIds).toBeUndefined();
		expect(state.testSubscriptionIds).toHaveLength(1);
		await methods.delete.call(hook('manual'));
		expect(kick.subscriptions.map((s) => s.id)).toEqual([foreign.id]);
	});

	it('with Manage Subscriptions off, touches nothing', async () => {
		const { kick, publish, hook, state } = setup({ ...appParams(), options: { manageSubscriptions: false } });
		await publish();
		await methods.delete.call(hook());
		expect(kick.count('POST') + kick.count('DELETE') + kick.count('GET')).toBe(0);
		expect(state.broadcasterUserIds).toEqual([61530248, 2841377]);
	});

	it('warms the public key cache at publish time', async () => {
		const { kick, publish } = setup(appParams(['chat.message.sent']));
		await publish();
		expect(kick.count('GET', '/public/v1/public-key')).toBe(1);
	});

	describe('errors say what to fix', () => {
		it('app credential without channels', async () => {
			const { hook } = setup({ ...appParams(), channels: {} });
			const error = await methods.checkExists.call(hook()).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).message).toBe('No channels chosen for the Kick app credential');
			expect((error as NodeOperationError).description).toMatch(/add at least one under Channels/);
		});

		it('no events', async () => {
			const { hook } = setup({ ...appParams(), events: [] });
			await expect(methods.checkExists.call(hook())).rejects.toThrow('No events selected');
		});

		it('unknown channel name', async () => {
			const { hook } = setup({ ...appParams(), channels: { channel: [{ channel: { __rl: true, mode: 'slug', value: 'nobody_here' } }] } });
			await expect(methods.checkExists.call(hook())).rejects.toThrow("Kick has no channel named 'nobody_here'");
		});

		it('not a channel at all', async () => {
			const { hook } = setup({ ...appParams(), channels: { channel: [{ channel: { __rl: true, mode: 'slug', value: 'not a slug!' } }] } });
			await expect(methods.checkExists.call(hook())).rejects.toThrow("Not a Kick channel: 'not a slug!'");
		});

		it('subscription limit on some events: keeps the rest, remembers them, says what to do', async () => {
			const { kick, hook, state } = setup(appParams());
			kick.itemErrors['channel.followed'] = 'event subscription limit reached';
			const error = await methods.create.call(hook()).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).description).toMatch(/subscription limit/);
			expect(state.subscriptionIds).toHaveLength(2);
		});

		it('missing events:subscribe scope on a user credential', async () => {
			const { kick, hook } = setup({ authentication: 'userOAuth2', events: ['chat.message.sent'], filters: {}, options: {} });
			kick.postFailure = { status: 403, data: { data: {}, message: 'Forbidden' } };
			await expect(methods.create.call(hook())).rejects.toMatchObject({ description: expect.stringMatching(/events:subscribe/) });
		});
	});
});

describe('webhook(): deliveries', () => {
	async function published(params: IDataObject) {
		const s = setup(params);
		await s.publish();
		const deliver = async (request: Parameters<typeof webhookContext>[1], mode?: ContextOptions['mode'], logs?: LogLine[]) => {
			const { context, response } = webhookContext({ ...s.options, mode, logs }, request);
			const result = await node.webhook.call(context);
			return { result, response };
		};
		return { ...s, deliver };
	}

	it('runs an authentic delivery of its own subscription with the normalized item', async () => {
		const { kick, deliver, state } = await published(appParams(['chat.message.sent']));
		const subscription = kick.subscriptions.find((s) => s.broadcaster_user_id === 2841377);
		const d = signedDelivery(keys, fixture('chat.message.sent'), { subscriptionId: subscription?.id });
		const { result, response } = await deliver({ headers: d.headers, rawBody: d.rawBody });
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0]?.[0]?.json).toMatchObject({ event: 'chat.message.sent', subscriptionId: subscription?.id, isReply: true });
		expect(state.subscriptionIds).toContain(subscription?.id);
	});

	it('reads the raw body itself when n8n has not', async () => {
		const { kick, deliver } = await published(appParams(['chat.message.sent']));
		const d = signedDelivery(keys, fixture('chat.message.sent'), { subscriptionId: kick.subscriptions[0]?.id });
		const { result } = await deliver({ headers: d.headers, rawBody: d.rawBody });
		expect(result.workflowData).toHaveLength(1);
	});

	it('answers forgeries 401 without a run, and logs the reason without secrets', async () => {
		const { kick, deliver } = await published(appParams(['chat.message.sent']));
		const logs: LogLine[] = [];
		const forged = signedDelivery(makeKeys(), fixture('chat.message.sent'), { subscriptionId: kick.subscriptions[0]?.id });
		const { result, response } = await deliver({ headers: forged.headers, rawBody: forged.rawBody }, undefined, logs);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 401, body: { message: 'Invalid signature' }, ended: true });
		expect(logs.map((l) => l.message).join('\n')).toMatch(/bad-signature/);
		expect(logs.map((l) => l.message).join('\n')).not.toMatch(/secret-value|BEGIN|squad/);
	});

	it('acknowledges deliveries of subscriptions it does not own, without a run', async () => {
		const { deliver } = await published(appParams(['chat.message.sent']));
		const d = signedDelivery(keys, fixture('chat.message.sent'), { subscriptionId: '01KJSOMEONEELSE000000000000' });
		const { result, response } = await deliver({ headers: d.headers, rawBody: d.rawBody });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(200);
	});

	it('applies the filters: other channels and non-commands are acknowledged, not run', async () => {
		const params = { ...appParams(['chat.message.sent']), filters: { commandPrefix: '!' }, options: { onlyOwnSubscriptions: false } };
		const { deliver } = await published(params);
		const otherChannel = signedDelivery(keys, { ...fixture('chat.message.sent'), content: '!x', broadcaster: { user_id: 5, username: 'x' } });
		expect((await deliver({ headers: otherChannel.headers, rawBody: otherChannel.rawBody })).response).toMatchObject({ statusCode: 200 });
		const chatter = signedDelivery(keys, fixture('chat.message.sent'));
		expect((await deliver({ headers: chatter.headers, rawBody: chatter.rawBody })).response).toMatchObject({ statusCode: 200 });
		const command = signedDelivery(keys, { ...fixture('chat.message.sent'), content: '!discord please' });
		const { result } = await deliver({ headers: command.headers, rawBody: command.rawBody });
		expect(result.workflowData?.[0]?.[0]?.json).toMatchObject({ command: 'discord', commandArgs: ['please'] });
	});

	it('production GET answers with a short text and never runs', async () => {
		const { deliver } = await published(appParams());
		const { result, response } = await deliver({ method: 'GET' });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 200, body: { message: PRODUCTION_GET_MESSAGE } });
	});

	it('production POST without a signature is refused, even with a sample request', async () => {
		const { deliver } = await published(appParams());
		const { response } = await deliver({ headers: {}, rawBody: Buffer.from('{"sample":"chat.message.sent"}'), body: { sample: 'chat.message.sent' } });
		expect(response.statusCode).toBe(401);
	});
});

describe('webhook(): editor test samples', () => {
	it('a GET on the test URL emits one normalized sample per selected event, shaped by the filters', async () => {
		const params = { ...appParams(['chat.message.sent', 'livestream.status.updated']), filters: { commandPrefix: '!', streamStatus: 'offline' } };
		const s = setup(params);
		const { context } = webhookContext({ ...s.options, mode: 'manual' }, { method: 'GET' });
		const result = await node.webhook.call(context);
		const items = result.workflowData?.[0]?.map((item) => item.json) ?? [];
		expect(items.map((item) => item.event)).toEqual(['chat.message.sent', 'livestream.status.updated']);
		expect(items[0]).toMatchObject({ isSample: true, command: 'hello', content: '!hello world' });
		expect(items[1]).toMatchObject({ isSample: true, streamStatus: 'offline' });
	});

	it('an unsigned POST to the test URL picks one sample; a signed one is verified as usual', async () => {
		const s = setup({ authentication: 'userOAuth2', events: ['*'], filters: {}, options: {} });
		const unsigned = webhookContext({ ...s.options, mode: 'manual' }, { headers: {}, rawBody: Buffer.from('{"sample":"kicks.gifted"}'), body: { sample: 'kicks.gifted' } });
		const result = await node.webhook.call(unsigned.context);
		expect(result.workflowData?.[0]?.map((item) => item.json.event)).toEqual(['kicks.gifted']);

		const forged = signedDelivery(makeKeys(), fixture('kicks.gifted'), { type: 'kicks.gifted' });
		const signed = webhookContext({ ...s.options, mode: 'manual' }, { headers: forged.headers, rawBody: forged.rawBody });
		await node.webhook.call(signed.context);
		expect(signed.response.statusCode).toBe(401);
	});
});

describe('webhook(): never a 5xx', () => {
	it('acknowledges and logs when something unexpected fails', async () => {
		const s = setup(appParams());
		const logs: LogLine[] = [];
		const { context, response } = webhookContext({ ...s.options, logs }, { headers: {}, rawBody: Buffer.from('{}') });
		(context as unknown as { getNodeParameter: () => never }).getNodeParameter = () => {
			throw new Error('parameter store unavailable');
		};
		const result = await node.webhook.call(context);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(200);
		expect(logs.some((line) => line.level === 'error' && /parameter store unavailable/.test(line.message))).toBe(true);
	});
});
