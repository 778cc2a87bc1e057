/** The emulator's Kick live socket: Pusher protocol 7 as Kick's cluster speaks it, and its test knobs. */
import { WebSocket } from 'ws';

import { waitUntil } from '../support/wait';
import { type KickEmulator, PUSHER_APP_KEY, SEED, startKickEmulator } from './index';

let kick: KickEmulator;
beforeAll(async () => {
	kick = await startKickEmulator();
});
afterAll(() => kick.close());
const clients: WebSocket[] = [];
beforeEach(async () => {
	// Earlier tests' clients are gone (and logged) before this one starts.
	for (const ws of clients.splice(0)) ws.terminate();
	const deadline = Date.now() + 5000;
	// The emulator logs a close as it forgets the connection: none left means all are logged.
	while (kick.pusher.connectionCount() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
	kick.pusher.clearLog();
	kick.pusher.ignorePings = false;
	kick.pusher.refuseConnections = null;
	kick.pusher.activityTimeoutSeconds = 120;
});

interface Client {
	ws: WebSocket;
	frames: Array<{ event: string; data: any; channel?: string }>;
	closed: Promise<{ code: number; reason: string }>;
	next(event: string, count?: number): Promise<{ event: string; data: any; channel?: string }>;
	send(frame: unknown): void;
}

async function connect(path = `/app/${PUSHER_APP_KEY}?protocol=7&client=js&version=8.4.0&flash=false`): Promise<Client> {
	const ws = new WebSocket(`${kick.pusher.url}${path}`);
	clients.push(ws);
	const frames: Client['frames'] = [];
	ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
	const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
	ws.on('error', () => undefined);
	const client: Client = {
		ws,
		frames,
		closed,
		send: (frame) => ws.send(JSON.stringify(frame)),
		next: async (event, count = 1) => {
			const deadline = Date.now() + 5000;
			for (;;) {
				const matching = frames.filter((frame) => frame.event === event);
				if (matching.length >= count) return matching[count - 1];
				if (Date.now() > deadline) throw new Error(`no ${event} (#${count}); got ${frames.map((frame) => frame.event).join(', ')}`);
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
		},
	};
	return client;
}

async function subscribed(channels: string[]): Promise<Client> {
	const client = await connect();
	await client.next('pusher:connection_established');
	for (const channel of channels) client.send({ event: 'pusher:subscribe', data: { auth: '', channel } });
	await client.next('pusher_internal:subscription_succeeded', channels.length);
	return client;
}

const RID = SEED.broadcaster.chatroomId;
const CID = SEED.broadcaster.channelId;

describe('Pusher protocol', () => {
	it('greets with connection_established (data double-encoded, activity timeout), confirms subscriptions', async () => {
		kick.pusher.activityTimeoutSeconds = 7;
		const client = await connect();
		const hello = await client.next('pusher:connection_established');
		expect(typeof hello.data).toBe('string');
		expect(JSON.parse(hello.data)).toMatchObject({ socket_id: expect.stringMatching(/^\d+\.\d+$/), activity_timeout: 7 });
		client.send({ event: 'pusher:subscribe', data: { auth: '', channel: `chatrooms.${RID}.v2` } });
		expect(await client.next('pusher_internal:subscription_succeeded')).toEqual({ event: 'pusher_internal:subscription_succeeded', data: '{}', channel: `chatrooms.${RID}.v2` });
		expect(kick.pusher.subscriberCount(`chatrooms.${RID}.v2`)).toBe(1);
		expect(kick.pusher.log.map((entry) => entry.type)).toEqual(['connect', 'subscribe']);
		client.send({ event: 'pusher:subscribe', data: { channel: 'private-channel_1' } });
		expect((await client.next('pusher:error')).data).toEqual({ code: null, message: 'Private channel private-channel_1 needs auth' });
		client.ws.close();
		await client.closed;
	});

	it('answers pings, unless told not to; pings clients on request', async () => {
		const client = await connect();
		await client.next('pusher:connection_established');
		client.send({ event: 'pusher:ping', data: {} });
		await client.next('pusher:pong');
		kick.pusher.ignorePings = true;
		client.send({ event: 'pusher:ping', data: {} });
		// The server answers frames in order: once it confirmed a subscription sent after the
		// ping, it has handled the ping, without a pong.
		client.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'marker' } });
		await client.next('pusher_internal:subscription_succeeded');
		expect(client.frames.filter((frame) => frame.event === 'pusher:pong')).toHaveLength(1);
		expect(kick.pusher.log.filter((entry) => entry.type === 'ping')).toHaveLength(2);
		expect(kick.pusher.pingClients()).toBe(1);
		await client.next('pusher:ping');
		client.ws.close();
	});

	it('sends channel events double-encoded to subscribers only, and duplicates the next frame on request', async () => {
		const chat = await subscribed([`chatrooms.${RID}.v2`]);
		const other = await subscribed([`channel.${CID}`]);
		expect(kick.pusher.send(`chatrooms.${RID}.v2`, 'App\\Events\\ChatMessageEvent', { id: 'x' })).toBe(1);
		const frame = await chat.next('App\\Events\\ChatMessageEvent');
		expect(frame).toEqual({ event: 'App\\Events\\ChatMessageEvent', data: '{"id":"x"}', channel: `chatrooms.${RID}.v2` });
		kick.pusher.duplicateNextFrame = true;
		expect(kick.pusher.send(`chatrooms.${RID}.v2`, 'App\\Events\\ChatMessageEvent', { id: 'y' })).toBe(2);
		expect(kick.pusher.duplicateNextFrame).toBe(false);
		await chat.next('App\\Events\\ChatMessageEvent', 3);
		expect(other.frames.filter((entry) => entry.event.startsWith('App'))).toHaveLength(0);
		chat.ws.close();
		other.ws.close();
	});

	it('refuses a wrong key (4001) and a missing protocol (4008) with pusher:error and the close code', async () => {
		const wrong = await connect('/app/nokey?protocol=7');
		expect((await wrong.next('pusher:error')).data).toEqual({ code: 4001, message: 'App key nokey does not exist in this cluster' });
		expect((await wrong.closed).code).toBe(4001);
		const bare = await connect(`/app/${PUSHER_APP_KEY}`);
		expect((await bare.closed).code).toBe(4008);
		expect(kick.pusher.log.filter((entry) => entry.type === 'refused').map((entry) => entry.code)).toEqual([4001, 4008]);
	});

	it('knobs: drop (no close frame), error code, close code, refuse new connections — all logged', async () => {
		const dropped = await subscribed([`chatrooms.${RID}.v2`]);
		expect(kick.pusher.dropConnections()).toBe(1);
		expect((await dropped.closed).code).toBe(1006);

		const errored = await subscribed([`chatrooms.${RID}.v2`]);
		kick.pusher.sendError(4200);
		expect((await errored.next('pusher:error')).data).toEqual({ code: 4200, message: 'Please reconnect immediately' });
		expect(await errored.closed).toEqual({ code: 4200, reason: 'Please reconnect immediately' });

		const closed = await subscribed([`chatrooms.${RID}.v2`]);
		kick.pusher.close(4100, 'Over capacity');
		expect(await closed.closed).toEqual({ code: 4100, reason: 'Over capacity' });

		kick.pusher.refuseConnections = { code: 4004 };
		const refused = await connect();
		expect((await refused.closed).code).toBe(4004);

		const deadline = Date.now() + 5000;
		while (kick.pusher.log.filter((entry) => entry.type === 'close').length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
		const closes = kick.pusher.log.filter((entry) => entry.type === 'close');
		expect(closes.map((entry) => [entry.code, entry.by])).toEqual([
			[1006, 'server'],
			[4200, 'server'],
			[4100, 'server'],
			[4004, 'server'],
		]);
		expect(kick.pusher.connectionCount()).toBe(0);
	});

	it('logs a client that closes on its own', async () => {
		const client = await connect();
		await client.next('pusher:connection_established');
		client.ws.close(1000, 'bye');
		await client.closed;
		await waitUntil('the server to log the close', () => kick.pusher.log.at(-1)?.type === 'close', 5000);
		expect(kick.pusher.log.at(-1)).toMatchObject({ type: 'close', code: 1000, by: 'client' });
	});
});

describe('Kick-shaped events', () => {
	it('chat message: ChatMessageEvent on chatrooms.<chatroom id>.v2, with a known id and send time', async () => {
		const client = await subscribed([`chatrooms.${RID}.v2`]);
		const before = Date.now();
		const sent = kick.pusher.kick.chatMessage({ id: 'bench-1', content: '!discord', replyTo: { id: 'orig', content: 'hi', sender: { id: 1, username: 'a' } } });
		expect(sent).toMatchObject({ id: 'bench-1', channel: `chatrooms.${RID}.v2`, frames: 1 });
		expect(sent.sentAt).toBeGreaterThanOrEqual(before);
		const frame = await client.next('App\\Events\\ChatMessageEvent');
		const data = JSON.parse(frame.data);
		expect(data).toMatchObject({
			id: 'bench-1',
			chatroom_id: RID,
			content: '!discord',
			type: 'reply',
			created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/),
			sender: { id: SEED.users.pixelmoth, username: 'pixelmoth', slug: 'pixelmoth', identity: { color: expect.any(String), badges: [{ type: 'moderator', text: 'Moderator' }] } },
			metadata: { original_message: { id: 'orig', content: 'hi' }, original_sender: { id: 1, username: 'a' } },
		});
		client.ws.close();
	});

	it('a prepared burst: the same frames as chatMessage, all of them, in order, to subscribers only', async () => {
		const client = await subscribed([`chatrooms.${RID}.v2`]);
		const other = await subscribed([`channel.${CID}`]);
		const single = kick.pusher.kick.chatMessage({ id: 'single', content: 'one' });
		const prepared = Array.from({ length: 500 }, (_, n) => kick.pusher.kick.prepareChatMessage({ id: `burst-${n}`, content: `message ${n}` }));
		expect(prepared[0]).toMatchObject({ id: 'burst-0', channel: `chatrooms.${RID}.v2` });
		expect(kick.state.chat.some((message) => message.messageId === 'burst-499')).toBe(true);
		expect(kick.pusher.sendPrepared(`chatrooms.${RID}.v2`, prepared.map((message) => message.text))).toBe(500);
		await client.next('App\\Events\\ChatMessageEvent', 501);
		const chat = client.frames.filter((frame) => frame.event === 'App\\Events\\ChatMessageEvent');
		expect(chat.map((frame) => JSON.parse(frame.data).id)).toEqual(['single', ...prepared.map((message) => message.id)]);
		// Byte for byte what `send` writes, apart from the message's own fields.
		const shape = (frame: { data: string }) => Object.keys(JSON.parse(frame.data));
		expect(shape(chat[1])).toEqual(shape(chat[0]));
		expect(chat[1]).toEqual({ event: 'App\\Events\\ChatMessageEvent', data: JSON.stringify(prepared[0].data), channel: `chatrooms.${RID}.v2` });
		expect(single.frames).toBe(1);
		expect(other.frames.filter((entry) => entry.event.startsWith('App'))).toHaveLength(0);
		client.ws.close();
		other.ws.close();
	});

	it('a subscription on two channels, a gift on three, a host twice, as Kick announces them', async () => {
		const client = await subscribed([`chatrooms.${RID}.v2`, `chatrooms.${RID}`, `chatroom_${RID}`, `channel.${CID}`]);
		expect(kick.pusher.kick.subscription({ username: 'mintcondition', months: 2 })).toBe(2);
		expect(kick.pusher.kick.gift({ gifter: 'pixelmoth', giftees: ['sable_fern', 'hexhound'] })).toBe(3);
		expect(kick.pusher.kick.host({ hostUsername: 'quietorbit', viewers: 12 })).toBe(2);
		expect(kick.pusher.kick.streamStart() + kick.pusher.kick.streamEnd() + kick.pusher.kick.ban({ username: 'spamcan_9000', minutes: 10 }) + kick.pusher.kick.messageDeleted({ messageId: 'm' })).toBe(4);
		await client.next('App\\Events\\MessageDeletedEvent');
		expect(client.frames.filter((frame) => !frame.event.startsWith('pusher')).map((frame) => [frame.event, frame.channel])).toEqual([
			['App\\Events\\SubscriptionEvent', `chatrooms.${RID}.v2`],
			['App\\Events\\ChannelSubscriptionEvent', `channel.${CID}`],
			['GiftedSubscriptionsEvent', `chatroom_${RID}`],
			['App\\Events\\LuckyUsersWhoGotGiftSubscriptionsEvent', `channel.${CID}`],
			['App\\Events\\ChannelSubscriptionEvent', `channel.${CID}`],
			['App\\Events\\StreamHostedEvent', `chatrooms.${RID}`],
			['App\\Events\\StreamHostEvent', `chatrooms.${RID}.v2`],
			['App\\Events\\StreamerIsLive', `channel.${CID}`],
			['App\\Events\\StopStreamBroadcast', `channel.${CID}`],
			['App\\Events\\UserBannedEvent', `chatrooms.${RID}.v2`],
			['App\\Events\\MessageDeletedEvent', `chatrooms.${RID}.v2`],
		]);
		client.ws.close();
	});
});
