/**
 * The Kick Chat Trigger node in-process, against the emulator (website lookup and Pusher
 * socket), with a stand-in for n8n's trigger context. The real-n8n runs are in
 * test/integration/chatTrigger.test.ts.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { WebSocket as WsClient } from 'ws';

import { KickChatTrigger } from '../../../nodes/Kick/KickChatTrigger.node';
import { SEED, startKickEmulator, type KickEmulator } from '../../emulator';
import { fakeN8nContext } from '../../support/n8nContext';
import { waitUntil } from '../../support/wait';

const node = new KickChatTrigger();
const RID = SEED.broadcaster.chatroomId;

let kick: KickEmulator;
beforeAll(async () => {
	kick = await startKickEmulator();
	(globalThis as any).WebSocket = WsClient;
});
afterAll(async () => {
	delete (globalThis as any).WebSocket;
	await kick.close();
});
beforeEach(() => {
	kick.pusher.clearLog();
	kick.resetFaults();
	kick.clearRequests();
	kick.pusher.refuseConnections = null;
});

let workflowCounter = 0;

function context(parameters: IDataObject, options: { mode?: 'trigger' | 'manual'; staticData?: IDataObject } = {}) {
	const fake = fakeN8nContext({
		emulator: kick,
		node: { id: 'chat-node', name: 'Kick Chat Trigger', type: 'n8n-nodes-kick.kickChatTrigger' },
		parameters,
		mode: options.mode ?? 'trigger',
		staticData: options.staticData,
		workflowId: `wf-${++workflowCounter}`,
	});
	return { ctx: fake.context, emitted: fake.emitted, errors: fake.errors, logs: fake.logs, staticData: fake.staticData };
}

const baseParameters = (overrides: IDataObject = {}): IDataObject => ({
	channel: 'https://kick.com/neonvale',
	events: ['chat.message.sent', 'channel.subscription.new', 'channel.subscription.renewal'],
	filters: {},
	customEndpoints: true,
	pusherHost: kick.pusher.url,
	websiteBaseUrl: kick.url,
	options: {},
	...overrides,
});

/**
 * Frames reach the trigger in order on one socket: once it has answered a ping the emulator sent
 * after them, it has handled them. The marker that proves a frame did not emit, without a sleep.
 */
async function framesHandled(): Promise<void> {
	const pongs = () => kick.pusher.log.filter((entry) => entry.type === 'pong').length;
	const before = pongs();
	expect(kick.pusher.pingClients()).toBe(1);
	await waitUntil('the pong after the frames', () => pongs() > before, 5000);
}

const connectCount = () => kick.pusher.log.filter((entry) => entry.type === 'connect').length;

const websiteCalls = () => kick.requests.filter((request) => request.path.startsWith('/api/v2/channels/'));

describe('Kick Chat Trigger in-process', () => {
	it('description: a trigger with the unofficial notice, no credentials, the shared filters', () => {
		const d = node.description;
		expect(d).toMatchObject({ name: 'kickChatTrigger', displayName: 'Kick Chat Trigger', version: 1, group: ['trigger'], inputs: [] });
		expect(d.icon).toEqual({ light: 'file:kick.svg', dark: 'file:kick.dark.svg' });
		expect(d.credentials).toBeUndefined();
		expect(d.description).toMatch(/unofficial/);
		const notice = d.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/not part of Kick's official API/);
		expect(notice?.displayName).toMatch(/no public URL/);
		expect(notice?.displayName).toMatch(/not sent again/);
		expect(d.properties.map((property) => property.name)).toEqual(['unofficialNotice', 'channel', 'events', 'filters', 'options', 'customEndpoints', 'pusherHost', 'pusherAppKey', 'pusherQuery', 'websiteBaseUrl']);
		// The endpoints are for proxies and Kick moving its socket: shown only behind the switch.
		const endpoints = d.properties.filter((property) => ['pusherHost', 'pusherAppKey', 'pusherQuery', 'websiteBaseUrl'].includes(property.name));
		expect(endpoints.map((property) => property.displayOptions)).toEqual(endpoints.map(() => ({ show: { customEndpoints: [true] } })));
	});

	it('publish: looks the ids up once, saves them, subscribes, emits chat as items; close ends it for good', async () => {
		const { ctx, emitted, staticData } = context(baseParameters());
		const response = await node.trigger.call(ctx);
		expect(websiteCalls()).toHaveLength(1);
		expect(staticData.liveSocketChannels).toMatchObject({ neonvale: { channelId: SEED.broadcaster.channelId, chatroomId: RID } });
		expect(kick.pusher.subscriberCount(`chatrooms.${RID}.v2`)).toBe(1);
		expect(kick.pusher.subscriberCount(`channel.${SEED.broadcaster.channelId}`)).toBe(1);

		const sent = kick.pusher.kick.chatMessage({ content: 'hello from the socket' });
		kick.pusher.kick.subscription({ username: 'mintcondition', months: 4 });
		await waitUntil('two executions', () => emitted.length === 2, 5000);
		expect(emitted[0]).toHaveLength(1);
		expect(emitted[0][0]).toMatchObject({
			event: 'chat.message.sent',
			source: 'live-socket',
			messageId: sent.id,
			content: 'hello from the socket',
			broadcaster: { user_id: SEED.broadcaster.userId, username: 'NeonVale', channel_slug: 'neonvale', channel_id: SEED.broadcaster.channelId, chatroom_id: RID },
			sender: { username: 'pixelmoth' },
		});
		expect(emitted[1][0]).toMatchObject({ event: 'channel.subscription.renewal', subscriber: { username: 'mintcondition', user_id: SEED.users.mintcondition }, duration: 4 });

		// closeFunction returns once the connection loop has ended (not at its time limit: the
		// socket is already closed), so nothing is left that could reconnect.
		const closing = response.closeFunction!();
		await waitUntil('close', () => kick.pusher.connectionCount() === 0, 5000);
		await closing;
		expect(kick.pusher.log.filter((entry) => entry.type === 'close').at(-1)).toMatchObject({ by: 'client', code: 1000 });
		expect(connectCount()).toBe(1);
	});

	it('uses the saved ids when the website refuses (n8n restart), and says how to enter them when nothing is saved', async () => {
		const first = context(baseParameters());
		await (await node.trigger.call(first.ctx)).closeFunction!();
		kick.faults.cloudflare = 'website';
		kick.clearRequests();
		const restarted = context(baseParameters(), { staticData: first.staticData });
		const response = await node.trigger.call(restarted.ctx);
		expect(websiteCalls()).toHaveLength(0);
		expect(kick.pusher.subscriberCount(`chatrooms.${RID}.v2`)).toBe(1);
		await response.closeFunction!();

		const fresh = context(baseParameters());
		const error = await node.trigger.call(fresh.ctx).then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe("Kick's website refused to look up 'neonvale' from this server (Cloudflare bot protection)");
		expect((error as NodeOperationError).description).toMatch(/Options → Channel ID and Chatroom ID/);
		expect((error as NodeOperationError).description).toMatch(/https:\/\/kick\.com\/api\/v2\/channels\/<slug>/);
	});

	it('ids entered by hand: no website call at all', async () => {
		kick.faults.cloudflare = 'website';
		const { ctx, emitted } = context(baseParameters({ options: { channelId: String(SEED.broadcaster.channelId), chatroomId: String(RID) } }));
		const response = await node.trigger.call(ctx);
		expect(websiteCalls()).toHaveLength(0);
		kick.pusher.kick.chatMessage({ content: 'manual ids' });
		await waitUntil('the condition', () => emitted.length === 1, 5000);
		expect(emitted[0][0]).toMatchObject({ content: 'manual ids', broadcaster: { channel_slug: 'neonvale', user_id: null, channel_id: SEED.broadcaster.channelId, chatroom_id: RID } });
		await response.closeFunction!();
	});

	it('refuses bad input before connecting', async () => {
		const cases: Array<[IDataObject, RegExp]> = [
			[baseParameters({ channel: 'https://twitch.tv/x y' }), /is not a Kick channel/],
			[baseParameters({ channel: 'no-such-channel' }), /Kick has no channel 'no-such-channel'/],
			[baseParameters({ options: { channelId: '1' } }), /Only the Channel ID is set/],
			[baseParameters({ events: [] }), /No events selected/],
		];
		for (const [parameters, message] of cases) {
			await expect(node.trigger.call(context(parameters).ctx)).rejects.toThrow(message);
		}
		expect(kick.pusher.log.filter((entry) => entry.type === 'connect')).toHaveLength(0);
	});

	it('a refused app key fails the publish with what to check', async () => {
		const error = await node.trigger.call(context(baseParameters({ pusherAppKey: 'wrong' })).ctx).then(
			() => undefined,
			(thrown: unknown) => thrown as NodeOperationError,
		);
		expect(error?.message).toMatch(/Kick's live socket refused the connection \(Pusher code 4001/);
		expect(error?.description).toMatch(/Pusher App Key/);
	});

	it('at run time: a transient drop reconnects with one warning; a 4000–4099 code is reported with emitError and not retried', async () => {
		const { ctx, emitted, errors, logs } = context(baseParameters());
		const response = await node.trigger.call(ctx);
		kick.pusher.dropConnections();
		await waitUntil('reconnection', () => kick.pusher.subscriberCount(`chatrooms.${RID}.v2`) === 1 && kick.pusher.log.filter((entry) => entry.type === 'connect').length === 2, 10_000);
		await waitUntil('the condition', () => logs.some((line) => line.level === 'info' && /reconnected/.test(line.message)), 5000);
		expect(logs.filter((line) => line.level === 'warn')).toHaveLength(1);
		expect(logs.find((line) => line.level === 'warn')?.message).toMatch(/lost the connection/);
		kick.pusher.kick.chatMessage({ content: 'after the drop' });
		await waitUntil('the condition', () => emitted.length === 1, 5000);

		kick.pusher.sendError(4004);
		await waitUntil('emitError', () => errors.length === 1, 5000);
		expect(errors[0].message).toMatch(/Pusher code 4004/);
		// emitError is called when the connection loop has ended, so no reconnect can follow it.
		expect(connectCount()).toBe(2);
		expect(kick.pusher.connectionCount()).toBe(0);
		expect(errors).toHaveLength(1);
		await response.closeFunction!();
	});

	it('publish while the socket refuses for now: the trigger keeps trying, and a later 4000–4099 code is reported with emitError', async () => {
		kick.pusher.refuseConnections = { code: 4100 };
		const { ctx, errors, logs } = context(baseParameters());
		const response = await node.trigger.call(ctx);
		expect(logs.some((line) => line.level === 'warn' && /keeps trying in the background/.test(line.message))).toBe(true);
		kick.pusher.refuseConnections = { code: 4003 };
		await waitUntil('emitError', () => errors.length === 1, 10_000);
		expect(errors[0].message).toMatch(/Pusher code 4003/);
		await response.closeFunction!();
	});

	it('"Listen for test event": the next real event once, held until n8n is ready', async () => {
		const { ctx, emitted } = context(baseParameters({ options: { sampleAfterSeconds: 30 } }), { mode: 'manual' });
		const response = await node.trigger.call(ctx);
		kick.pusher.kick.chatMessage({ content: 'first' });
		await framesHandled();
		expect(emitted).toHaveLength(0);
		await response.manualTriggerFunction!();
		expect(emitted).toHaveLength(1);
		kick.pusher.kick.chatMessage({ content: 'second' });
		await framesHandled();
		expect(emitted.map((items) => items.map((item) => item.content))).toEqual([['first']]);
		await response.closeFunction!();
	});

	it('"Listen for test event" on a quiet channel: samples after a few seconds', async () => {
		const { ctx, emitted } = context(baseParameters({ options: { sampleAfterSeconds: 1 } }), { mode: 'manual' });
		const response = await node.trigger.call(ctx);
		await response.manualTriggerFunction!();
		await waitUntil('samples', () => emitted.length === 1, 5000);
		expect(emitted[0].map((item) => item.event)).toEqual(['chat.message.sent', 'channel.subscription.new', 'channel.subscription.renewal']);
		expect(emitted[0].every((item) => item.isSample === true)).toBe(true);
		await response.closeFunction!();
	});

	it('"Listen for test event" that cannot connect says so', async () => {
		await expect(node.trigger.call(context(baseParameters({ pusherHost: 'ws://127.0.0.1:1' }), { mode: 'manual' }).ctx)).rejects.toThrow(
			/Could not connect to Kick's live socket/,
		);
	});

	it('on a Node.js without a built-in WebSocket: a clear error', async () => {
		const saved = (globalThis as any).WebSocket;
		delete (globalThis as any).WebSocket;
		try {
			await expect(node.trigger.call(context(baseParameters()).ctx)).rejects.toThrow(/Node\.js version without a built-in WebSocket client/);
		} finally {
			(globalThis as any).WebSocket = saved;
		}
	});
});
