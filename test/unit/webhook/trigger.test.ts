/**
 * The Kick Trigger node end to end in-process: webhookMethods against the Kick emulator, and
 * webhook() with signed deliveries, in the shared n8n context stand-in. (test/e2e runs the same
 * in a real n8n.)
 */
import { NodeOperationError, type IDataObject, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { KickTrigger } from '../../../nodes/Kick/KickTrigger.node';
import { PRODUCTION_GET_MESSAGE } from '../../../nodes/Kick/KickTrigger.node';
import { SEED, startKickEmulator, type KickEmulator } from '../../emulator';
import { fakeN8nContext, n8nAnswer, type ContextOptions, type WebhookRequest } from '../../support/n8nContext';
import { fixture, makeKeys, signedDelivery } from './helpers';

const node = new KickTrigger();
const methods = node.webhookMethods.default;
const keys = makeKeys();
const NEONVALE = SEED.broadcaster.userId;
const PIXELMOTH = SEED.users.pixelmoth;
const SUBSCRIPTIONS = '/public/v1/events/subscriptions';
let workflowCounter = 0;

/** How many requests Kick received with this method and path. */
function requestCount(kick: KickEmulator, method: string, path = SUBSCRIPTIONS): number {
	return kick.requests.filter((request) => request.method === method && request.path === path).length;
}

/** A subscription made before, by the same Kick app (another tool, or an earlier publish). */
function addSubscription(kick: KickEmulator, event: string, broadcasterUserId: number) {
	const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	const record = { id: `01KJSUB${String(kick.state.subscriptions.length + 1).padStart(19, '0')}`, appId: SEED.app.clientId, broadcasterUserId, event, version: 1, method: 'webhook' as const, createdAt: now, updatedAt: now };
	kick.state.subscriptions.push(record);
	return record;
}

const emulators: KickEmulator[] = [];
afterEach(async () => {
	for (const emulator of emulators.splice(0)) await emulator.close();
});

/** A Kick emulator of its own per test (its own API base URL keeps the process-wide key cache apart), signing with `keys`. */
async function setup(params: IDataObject, extra: Partial<ContextOptions> = {}) {
	const kick = await startKickEmulator();
	emulators.push(kick);
	kick.signer.useKeyPair(keys.privateKey, keys.publicPem);
	const options: ContextOptions = {
		emulator: kick,
		node: { name: 'Kick Trigger', type: 'n8n-nodes-kick.kickTrigger' },
		parameters: params,
		staticData: {},
		workflowId: `wf-${++workflowCounter}`,
		...extra,
	};
	const hook = (mode?: 'manual') => fakeN8nContext({ ...options, mode: mode ?? 'trigger', activation: mode === 'manual' ? 'manual' : 'activate' }).context as IHookFunctions;
	const publish = async () => {
		if (!(await methods.checkExists.call(hook()))) await methods.create.call(hook());
	};
	return { kick, options, hook, publish, state: options.staticData as IDataObject };
}

/** The context of one request to the trigger's URL. */
function webhook(options: ContextOptions, request: WebhookRequest, mode: 'webhook' | 'manual' = 'webhook') {
	const fake = fakeN8nContext({ ...options, mode, request });
	return { ...fake, context: fake.context as IWebhookFunctions };
}

const appParams = (events: string[] = ['chat.message.sent', 'channel.followed']): IDataObject => ({
	authentication: 'appOAuth2',
	events,
	channels: {
		channel: [{ channel: { __rl: true, mode: 'url', value: 'https://kick.com/neonvale' } }, { channel: { __rl: true, mode: 'id', value: String(PIXELMOTH) } }],
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
		const { kick, publish, hook, state } = await setup(appParams());
		expect(await methods.checkExists.call(hook())).toBe(false);
		await methods.create.call(hook());
		expect(kick.state.subscriptions).toHaveLength(4);
		expect(kick.requests.filter((c) => c.method === 'GET' && c.path === '/public/v1/channels')).toHaveLength(1);
		expect(state.subscriptionIds).toHaveLength(4);
		expect(state.broadcasterUserIds).toEqual([PIXELMOTH, NEONVALE]);
		expect(state.apiBaseUrl).toBe(kick.url);

		await publish();
		expect(requestCount(kick, 'POST')).toBe(2);
		expect(await methods.checkExists.call(hook())).toBe(true);
	});

	it('a subscription Kick deleted behind our back comes back at the next check', async () => {
		const { kick, publish, state } = await setup(appParams());
		await publish();
		const gone = kick.state.subscriptions[1]?.id;
		kick.state.subscriptions.splice(1, 1);
		await publish();
		expect(kick.state.subscriptions).toHaveLength(4);
		expect(state.subscriptionIds).not.toContain(gone);
		expect(requestCount(kick, 'POST')).toBe(3);
	});

	it('adopts a pre-existing identical subscription instead of duplicating it', async () => {
		const { kick, publish, state } = await setup(appParams(['chat.message.sent']));
		const existing = addSubscription(kick, 'chat.message.sent', NEONVALE);
		await publish();
		expect(kick.state.subscriptions.filter((s) => s.event === 'chat.message.sent' && s.broadcasterUserId === NEONVALE)).toHaveLength(1);
		expect(state.subscriptionIds).toContain(existing.id);
		expect(kick.state.subscriptions).toHaveLength(2);
	});

	it('unpublish deletes exactly what the trigger owns', async () => {
		const { kick, publish, hook, state } = await setup(appParams(['chat.message.sent']));
		const foreign = addSubscription(kick, 'kicks.gifted', NEONVALE);
		await publish();
		expect(await methods.delete.call(hook())).toBe(true);
		expect(kick.state.subscriptions.map((s) => s.id)).toEqual([foreign.id]);
		expect(state.subscriptionIds).toBeUndefined();
		// Nothing owned: a second unpublish makes no calls.
		const calls = kick.requests.length;
		await methods.delete.call(hook());
		expect(kick.requests.length).toBe(calls);
	});

	it('user credential: subscribes for its own channel and learns it', async () => {
		const { kick, publish, state } = await setup({ authentication: 'userOAuth2', events: ['*'], filters: {}, options: {} });
		await publish();
		expect(kick.state.subscriptions).toHaveLength(10);
		expect(kick.requests.find((c) => c.method === 'POST' && c.path === SUBSCRIPTIONS)?.body).not.toHaveProperty('broadcaster_user_id');
		expect(state.selfBroadcasterId).toBe(NEONVALE);
		expect(state.broadcasterUserIds).toEqual([NEONVALE]);
	});

	it('an editor test never removes the published subscriptions', async () => {
		const { kick, publish, hook, state } = await setup(appParams(['chat.message.sent']));
		await publish();
		const published = [...(state.subscriptionIds as string[])];
		expect(await methods.checkExists.call(hook('manual'))).toBe(true);
		await methods.delete.call(hook('manual'));
		expect(kick.state.subscriptions.map((s) => s.id).sort()).toEqual(published.sort());
		expect(state.subscriptionIds).toEqual(published);
	});

	it('an editor test creates what is missing and deletes only that afterwards', async () => {
		const { kick, hook, state } = await setup(appParams(['chat.message.sent']));
		const foreign = addSubscription(kick, 'chat.message.sent', NEONVALE);
		expect(await methods.checkExists.call(hook('manual'))).toBe(false);
		await methods.create.call(hook('manual'));
		expect(state.subscriptionIds).toBeUndefined();
		expect(state.testSubscriptionIds).toHaveLength(1);
		await methods.delete.call(hook('manual'));
		expect(kick.state.subscriptions.map((s) => s.id)).toEqual([foreign.id]);
	});

	it('with Manage Subscriptions off, touches nothing', async () => {
		const { kick, publish, hook, state } = await setup({ ...appParams(), options: { manageSubscriptions: false } });
		await publish();
		await methods.delete.call(hook());
		expect(requestCount(kick, 'POST') + requestCount(kick, 'DELETE') + requestCount(kick, 'GET')).toBe(0);
		expect(state.broadcasterUserIds).toEqual([PIXELMOTH, NEONVALE]);
	});

	it('warms the public key cache at publish time', async () => {
		const { kick, publish } = await setup(appParams(['chat.message.sent']));
		await publish();
		expect(requestCount(kick, 'GET', '/public/v1/public-key')).toBe(1);
	});

	describe('errors say what to fix', () => {
		it('app credential without channels', async () => {
			const { hook } = await setup({ ...appParams(), channels: {} });
			const error = await methods.checkExists.call(hook()).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).message).toBe('No channels chosen for the Kick app credential');
			expect((error as NodeOperationError).description).toMatch(/add at least one under Channels/);
		});

		it('no events', async () => {
			const { hook } = await setup({ ...appParams(), events: [] });
			await expect(methods.checkExists.call(hook())).rejects.toThrow('No events selected');
		});

		it('unknown channel name', async () => {
			const { hook } = await setup({ ...appParams(), channels: { channel: [{ channel: { __rl: true, mode: 'slug', value: 'nobody_here' } }] } });
			await expect(methods.checkExists.call(hook())).rejects.toThrow("Kick has no channel named 'nobody_here'");
		});

		it('not a channel at all', async () => {
			const { hook } = await setup({ ...appParams(), channels: { channel: [{ channel: { __rl: true, mode: 'slug', value: 'not a slug!' } }] } });
			await expect(methods.checkExists.call(hook())).rejects.toThrow("Not a Kick channel: 'not a slug!'");
		});

		it('subscription limit on some events: keeps the rest, remembers them, says what to do', async () => {
			const { kick, hook, state } = await setup(appParams());
			// The app already holds as many channel.followed subscriptions as Kick allows (elsewhere).
			kick.state.subscriptionLimit = 2;
			kick.state.subscriptionLimitMode = 'item';
			for (const other of [SEED.users.hexhound, SEED.users.quietorbit]) addSubscription(kick, 'channel.followed', other);
			const error = await methods.create.call(hook()).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).description).toMatch(/subscription limit/);
			expect(state.subscriptionIds).toHaveLength(2);
		});

		it('missing events:subscribe scope on a user credential', async () => {
			const { hook } = await setup({ authentication: 'userOAuth2', events: ['chat.message.sent'], filters: {}, options: {} }, { grantedScopes: ['user:read', 'chat:write'] });
			await expect(methods.create.call(hook())).rejects.toMatchObject({ description: expect.stringMatching(/events:subscribe/) });
		});
	});
});

describe('webhook(): deliveries', () => {
	async function published(params: IDataObject) {
		const s = await setup(params);
		await s.publish();
		const deliver = async (request: WebhookRequest, mode: 'webhook' | 'manual' = 'webhook') => {
			const fake = webhook(s.options, request, mode);
			const result = await node.webhook.call(fake.context);
			return { result, response: fake.response, logs: fake.logs };
		};
		return { ...s, deliver };
	}

	it('runs an authentic delivery of its own subscription with the normalized item', async () => {
		const { kick, deliver, state } = await published(appParams(['chat.message.sent']));
		const subscription = kick.state.subscriptions.find((s) => s.broadcasterUserId === NEONVALE);
		const d = signedDelivery(keys, fixture('chat.message.sent'), { subscriptionId: subscription?.id });
		const { result, response } = await deliver({ headers: d.headers, rawBody: d.rawBody });
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData?.[0]?.[0]?.json).toMatchObject({ event: 'chat.message.sent', subscriptionId: subscription?.id, isReply: true });
		expect(state.subscriptionIds).toContain(subscription?.id);
	});

	it('reads the raw body itself when n8n has not', async () => {
		const { kick, deliver } = await published(appParams(['chat.message.sent']));
		const d = signedDelivery(keys, fixture('chat.message.sent'), { subscriptionId: kick.state.subscriptions[0]?.id });
		const { result } = await deliver({ headers: d.headers, rawBody: d.rawBody });
		expect(result.workflowData).toHaveLength(1);
	});

	it('answers forgeries 401 without a run, and logs the reason without secrets', async () => {
		const { kick, deliver } = await published(appParams(['chat.message.sent']));
		const forged = signedDelivery(makeKeys(), fixture('chat.message.sent'), { subscriptionId: kick.state.subscriptions[0]?.id });
		const { result, response, logs } = await deliver({ headers: forged.headers, rawBody: forged.rawBody });
		expect(n8nAnswer(result, response)).toEqual({ status: 401, body: { message: 'Invalid signature' } });
		expect(logs.map((l) => l.message).join('\n')).toMatch(/bad-signature/);
		expect(logs.map((l) => l.message).join('\n')).not.toMatch(/secret-value|BEGIN|squad/);
	});

	it('acknowledges deliveries of subscriptions it does not own, without a run', async () => {
		const { deliver } = await published(appParams(['chat.message.sent']));
		const d = signedDelivery(keys, fixture('chat.message.sent'), { subscriptionId: '01KJSOMEONEELSE000000000000' });
		const { result, response } = await deliver({ headers: d.headers, rawBody: d.rawBody });
		expect(n8nAnswer(result, response)).toEqual({ status: 200, body: { message: expect.stringMatching(/^Received; /) } });
	});

	it('applies the filters: other channels and non-commands are acknowledged, not run', async () => {
		const params = { ...appParams(['chat.message.sent']), filters: { commandPrefix: '!' }, options: { onlyOwnSubscriptions: false } };
		const { deliver } = await published(params);
		const otherChannel = signedDelivery(keys, { ...fixture('chat.message.sent'), content: '!x', broadcaster: { user_id: 5, username: 'x' } });
		const answerTo = async (delivery: { headers: Record<string, string>; rawBody: Buffer }) => {
			const { result, response } = await deliver({ headers: delivery.headers, rawBody: delivery.rawBody });
			return n8nAnswer(result, response);
		};
		expect(await answerTo(otherChannel)).toEqual({ status: 200, body: { message: 'Received; filtered out' } });
		const chatter = signedDelivery(keys, fixture('chat.message.sent'));
		expect(await answerTo(chatter)).toEqual({ status: 200, body: { message: 'Received; filtered out' } });
		const command = signedDelivery(keys, { ...fixture('chat.message.sent'), content: '!discord please' });
		const { result } = await deliver({ headers: command.headers, rawBody: command.rawBody });
		expect(result.workflowData?.[0]?.[0]?.json).toMatchObject({ command: 'discord', commandArgs: ['please'] });
	});

	it('production GET answers with a short text and never runs', async () => {
		const { deliver } = await published(appParams());
		const { result, response } = await deliver({ method: 'GET' });
		expect(n8nAnswer(result, response)).toEqual({ status: 200, body: { message: PRODUCTION_GET_MESSAGE } });
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
		const s = await setup(params);
		const { context } = webhook(s.options, { method: 'GET' }, 'manual');
		const result = await node.webhook.call(context);
		const items = result.workflowData?.[0]?.map((item) => item.json) ?? [];
		expect(items.map((item) => item.event)).toEqual(['chat.message.sent', 'livestream.status.updated']);
		expect(items[0]).toMatchObject({ isSample: true, command: 'hello', content: '!hello world' });
		expect(items[1]).toMatchObject({ isSample: true, streamStatus: 'offline' });
	});

	it('an unsigned POST to the test URL picks one sample; a signed one is verified as usual', async () => {
		const s = await setup({ authentication: 'userOAuth2', events: ['*'], filters: {}, options: {} });
		const unsigned = webhook(s.options, { headers: {}, rawBody: Buffer.from('{"sample":"kicks.gifted"}'), body: { sample: 'kicks.gifted' } }, 'manual');
		const result = await node.webhook.call(unsigned.context);
		expect(result.workflowData?.[0]?.map((item) => item.json.event)).toEqual(['kicks.gifted']);

		const forged = signedDelivery(makeKeys(), fixture('kicks.gifted'), { type: 'kicks.gifted' });
		const signed = webhook(s.options, { headers: forged.headers, rawBody: forged.rawBody }, 'manual');
		await node.webhook.call(signed.context);
		expect(signed.response.statusCode).toBe(401);
	});
});

describe('webhook(): never a 5xx', () => {
	it('acknowledges and logs when something unexpected fails', async () => {
		const s = await setup(appParams());
		const { context, response, logs } = webhook(s.options, { headers: {}, rawBody: Buffer.from('{}') });
		(context as unknown as { getNodeParameter: () => never }).getNodeParameter = () => {
			throw new Error('parameter store unavailable');
		};
		const result = await node.webhook.call(context);
		expect(n8nAnswer(result, response)).toEqual({ status: 200, body: { message: expect.stringMatching(/^Received; /) } });
		expect(logs.some((line) => line.level === 'error' && /parameter store unavailable/.test(line.message))).toBe(true);
	});
});
