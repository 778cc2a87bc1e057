/**
 * The connection loop against the emulator's Pusher server (a real WebSocket server): subscribe
 * after connection_established, resubscribe after every reconnect, ping after silence, give up
 * a connection whose ping goes unanswered, and honor each class of Pusher error and close code.
 */
import { startKickEmulator, type KickEmulator } from '../../emulator';
import { runLiveSocket, type CloseOutcome, type ReconnectDecision, type RunEnd } from '../../../nodes/Kick/socket/connection';
import type { PusherFrame } from '../../../nodes/Kick/socket/frames';
import { waitUntil } from '../../support/wait';
import { ManualClock, wsFactory } from './helpers';

const CHANNELS = ['chatrooms.2690417.v2', 'channel.2712044'];

let kick: KickEmulator;
beforeAll(async () => {
	kick = await startKickEmulator();
});
afterAll(async () => await kick.close());
beforeEach(() => {
	kick.pusher.clearLog();
	kick.pusher.activityTimeoutSeconds = 120;
	kick.pusher.ignorePings = false;
	kick.pusher.refuseConnections = null;
});

function start(options: { timings?: Record<string, number>; policy?: Record<string, number>; url?: string; clock?: ManualClock } = {}) {
	const stop = new AbortController();
	const frames: PusherFrame[] = [];
	const subscribed: number[] = [];
	const disconnects: Array<{ outcome: CloseOutcome; next: ReconnectDecision }> = [];
	const done: Promise<RunEnd> = runLiveSocket({
		url: options.url ?? `${kick.pusher.url}/app/${kick.pusher.key}?protocol=7&client=js&version=8.4.0&flash=false`,
		channels: CHANNELS,
		signal: stop.signal,
		createSocket: wsFactory,
		timings: options.timings,
		clock: options.clock,
		policy: { baseDelayMs: 200, maxDelayMs: 1000, ...options.policy },
		hooks: {
			onFrame: (frame) => frames.push(frame),
			onSubscribed: () => subscribed.push(Date.now()),
			onDisconnected: (outcome, next) => disconnects.push({ outcome, next }),
		},
	});
	return { stop, frames, subscribed, disconnects, done };
}

const connects = () => kick.pusher.log.filter((entry) => entry.type === 'connect').length;

describe('live socket connection', () => {
	it('subscribes to every channel after connection_established and receives channel events, double-encoded data decoded', async () => {
		const run = start();
		await waitUntil('subscription', () => run.subscribed.length === 1, 5000);
		expect(kick.pusher.log.filter((entry) => entry.type === 'subscribe').map((entry) => entry.channel)).toEqual(CHANNELS);
		expect(kick.pusher.log.find((entry) => entry.type === 'connect')?.query).toBe('?protocol=7&client=js&version=8.4.0&flash=false');
		kick.pusher.send('chatrooms.2690417.v2', 'App\\Events\\ChatMessageEvent', { id: 'm1', content: 'hi' });
		await waitUntil('the condition', () => run.frames.length === 1, 10_000);
		expect(run.frames[0]).toEqual({ event: 'App\\Events\\ChatMessageEvent', channel: 'chatrooms.2690417.v2', data: { id: 'm1', content: 'hi' } });
		run.stop.abort();
		expect(await run.done).toEqual({ reason: 'stopped' });
		await waitUntil('close', () => kick.pusher.connectionCount() === 0, 5000);
		expect(kick.pusher.log.at(-1)).toMatchObject({ type: 'close', by: 'client', code: 1000 });
	});

	it("passes on only frames of the channels it subscribed to", async () => {
		const run = start();
		await waitUntil('subscription', () => run.subscribed.length === 1, 5000);
		const frame = (channel: string | undefined, id: string) => JSON.stringify({ event: 'App\\Events\\ChatMessageEvent', channel, data: JSON.stringify({ id }) });
		// A server naming a channel this client never subscribed to, or none; then a marker.
		kick.pusher.sendPrepared(CHANNELS[0], [frame('chatrooms.1.v2', 'foreign'), frame(undefined, 'no channel'), frame(CHANNELS[0], 'marker')]);
		await waitUntil('the marker', () => run.frames.length > 0, 5000);
		expect(run.frames.map((received) => (received.data as { id: string }).id)).toEqual(['marker']);
		run.stop.abort();
		await run.done;
	});

	it('reconnects after a dropped connection and subscribes again', async () => {
		const run = start();
		await waitUntil('the condition', () => run.subscribed.length === 1, 5000);
		kick.pusher.dropConnections();
		await waitUntil('resubscription', () => run.subscribed.length === 2, 10_000);
		expect(run.disconnects[0].outcome).toMatchObject({ cause: 'closed', established: true });
		expect(run.disconnects[0].next).toMatchObject({ reconnect: true });
		expect(kick.pusher.log.filter((entry) => entry.type === 'subscribe')).toHaveLength(4);
		kick.pusher.send('channel.2712044', 'App\\Events\\StreamerIsLive', { livestream: { id: 1 } });
		await waitUntil('the condition', () => run.frames.length === 1, 10_000);
		run.stop.abort();
		await run.done;
	});

	it('pings after activity_timeout of silence, and gives the connection up when no pong comes', async () => {
		kick.pusher.activityTimeoutSeconds = 1;
		const run = start({ timings: { pongTimeoutMs: 30_000 } });
		await waitUntil('the condition', () => run.subscribed.length === 1, 5000);
		await waitUntil('a ping', () => kick.pusher.log.some((entry) => entry.type === 'ping'), 5000);
		expect(run.disconnects).toHaveLength(0);
		kick.pusher.ignorePings = true;
		// The pong wait is capped by the activity timeout (1 s here).
		await waitUntil('the pong timeout', () => run.disconnects.length === 1, 8000);
		expect(run.disconnects[0].outcome).toMatchObject({ cause: 'pong-timeout', code: 4201 });
		kick.pusher.ignorePings = false;
		await waitUntil('reconnection', () => run.subscribed.length === 2, 8000);
		run.stop.abort();
		await run.done;
	});

	it('answers the server ping with a pong', async () => {
		const run = start();
		await waitUntil('the condition', () => run.subscribed.length === 1, 5000);
		kick.pusher.pingClients();
		await waitUntil('a pong', () => kick.pusher.log.some((entry) => entry.type === 'pong'), 5000);
		run.stop.abort();
		await run.done;
	});

	it.each([
		[4001, 'error frame'],
		[4009, 'close code'],
	])('stops without reconnecting on %i (%s)', async (code, how) => {
		const run = start();
		await waitUntil('the condition', () => run.subscribed.length === 1, 5000);
		if (how === 'error frame') kick.pusher.sendError(code);
		else kick.pusher.close(code, 'go away');
		const end = await run.done;
		expect(end).toMatchObject({ reason: 'fatal', outcome: { code } });
		expect(run.disconnects[0].next).toEqual({ reconnect: false });
		// The loop has returned: nothing is left that could connect again.
		expect(connects()).toBe(1);
	});

	it('backs off at least the base delay on 4100–4199, and reconnects when it has passed', async () => {
		const clock = new ManualClock();
		const run = start({ policy: { baseDelayMs: 600 }, clock });
		await waitUntil('the condition', () => run.subscribed.length === 1, 5000);
		kick.pusher.close(4100, 'over capacity');
		await waitUntil('the disconnect', () => run.disconnects.length === 1, 5000);
		const next = run.disconnects[0].next as { reconnect: boolean; delayMs: number };
		expect(next.reconnect).toBe(true);
		expect(next.delayMs).toBeGreaterThanOrEqual(600);
		// The loop waits on the clock for exactly that delay; a millisecond short, it is still waiting.
		await waitUntil('the backoff wait', () => clock.pending().includes(next.delayMs), 5000);
		clock.advance(next.delayMs - 1);
		expect([connects(), clock.pending()]).toEqual([1, [1]]);
		clock.advance(1);
		await waitUntil('the reconnection', () => run.subscribed.length === 2, 5000);
		expect(connects()).toBe(2);
		run.stop.abort();
		await run.done;
	});

	it('reconnects at once on 4200–4299, and backs off when it happens again right away', async () => {
		const run = start({ policy: { baseDelayMs: 600, stableAfterMs: 0 } });
		await waitUntil('the condition', () => run.subscribed.length === 1, 5000);
		kick.pusher.sendError(4200);
		await waitUntil('the condition', () => run.subscribed.length === 2, 5000);
		expect(run.disconnects[0].next).toEqual({ reconnect: true, delayMs: 0 });
		run.stop.abort();
		await run.done;

		const quick = start({ policy: { baseDelayMs: 600, stableAfterMs: 60_000 } });
		await waitUntil('the condition', () => quick.subscribed.length === 1, 5000);
		kick.pusher.close(4200);
		await waitUntil('the condition', () => quick.subscribed.length === 2, 5000);
		kick.pusher.close(4202);
		await waitUntil('the condition', () => quick.subscribed.length === 3, 5000);
		expect(quick.disconnects.map((entry) => (entry.next as { delayMs: number }).delayMs)[0]).toBe(0);
		expect((quick.disconnects[1].next as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(600);
		quick.stop.abort();
		await quick.done;
	});

	it('reports a refused connection before it was established, then keeps trying on transient codes', async () => {
		kick.pusher.refuseConnections = { code: 4100 };
		const run = start({ policy: { baseDelayMs: 100, maxDelayMs: 200 } });
		await waitUntil('the condition', () => run.disconnects.length >= 2, 5000);
		expect(run.disconnects[0].outcome).toMatchObject({ code: 4100, established: false });
		kick.pusher.refuseConnections = null;
		await waitUntil('the condition', () => run.subscribed.length === 1, 5000);
		run.stop.abort();
		await run.done;
	});

	it('a wrong app key is fatal (4001), as on Pusher', async () => {
		const run = start({ url: `${kick.pusher.url}/app/wrongkey?protocol=7` });
		const end = await run.done;
		expect(end).toMatchObject({ reason: 'fatal', outcome: { code: 4001, established: false } });
	});

	it('keeps retrying a host that refuses connections, and stops for good when told to', async () => {
		const run = start({ url: 'ws://127.0.0.1:1/app/x?protocol=7', policy: { baseDelayMs: 100, maxDelayMs: 100 } });
		await waitUntil('the condition', () => run.disconnects.length >= 2, 5000);
		expect(run.disconnects[0].outcome.cause).toBe('connect-failed');
		run.stop.abort();
		expect(await run.done).toEqual({ reason: 'stopped' });
		// The loop has returned: no attempt is left to report a disconnect.
		const count = run.disconnects.length;
		await run.done;
		expect(run.disconnects.length).toBe(count);
	});
});
