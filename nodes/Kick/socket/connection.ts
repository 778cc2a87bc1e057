/**
 * One long-lived connection to Kick's Pusher socket, reconnecting until it is stopped.
 *
 * Per connection: wait for `pusher:connection_established`, subscribe to every channel (again
 * after each reconnect), answer the server's pings, send our own ping after `activity_timeout`
 * of silence and give the connection up when no answer comes, and treat a `pusher:error`
 * code like the close code it announces. Between connections: reconnectDecision(), a capped
 * exponential backoff with jitter, so a Kick or network outage never turns into a reconnect storm.
 *
 * Uses a WebSocket from the factory it is given (Node's built-in one in n8n) and waits on the
 * clock it is given (n8n's `sleep` with an AbortSignal in n8n, so stopping ends every wait at
 * once; a hand-driven clock in tests, so backoffs and timeouts are tested without waiting).
 */
import { sleep } from 'n8n-workflow';

import {
	activityTimeoutSeconds,
	isProtocolEvent,
	parseFrame,
	pingFrame,
	pongFrame,
	type PusherFrame,
	readPusherError,
	subscribeFrame,
} from './frames';

/** The part of the WebSocket API this module uses (Node's built-in client and `ws` both have it). */
export interface LiveSocket {
	send(data: string): void;
	close(code?: number, reason?: string): void;
	addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: unknown) => void): void;
}

export type SocketFactory = (url: string) => LiveSocket;

/** Pusher's own code for "pong not received", used when our ping goes unanswered. */
const PONG_TIMEOUT_CODE = 4201;

const DEFAULT_TIMINGS = {
	/** Upper bound for the silence before we ping (the server's activity_timeout wins when shorter). */
	activityTimeoutMs: 120_000,
	/** How long to wait for the answer to our ping (never longer than the activity timeout). */
	pongTimeoutMs: 30_000,
	/** How long to wait for `connection_established` after opening. */
	connectTimeoutMs: 15_000,
};

type CloseCause = 'closed' | 'error-frame' | 'pong-timeout' | 'connect-timeout' | 'connect-failed' | 'stopped';

export interface CloseOutcome {
	cause: CloseCause;
	/** The close code, or the code of the `pusher:error` that ended the connection. */
	code: number | null;
	reason: string;
	/** Whether `connection_established` had arrived. */
	established: boolean;
	durationMs: number;
}

interface ConnectionHooks {
	/** A Kick event (not a protocol frame) on one of the channels. */
	onFrame(frame: PusherFrame, receivedAt: number): void;
	/** Every channel confirmed its subscription on this connection. */
	onSubscribed?(): void;
	/** The connection ended; `next` says whether and when the loop reconnects. */
	onDisconnected?(outcome: CloseOutcome, next: ReconnectDecision): void;
	/** Something worth a log line that does not end the connection (e.g. a refused subscription). */
	onWarning?(message: string): void;
}

interface RunOptions {
	url: string;
	channels: readonly string[];
	signal: AbortSignal;
	createSocket: SocketFactory;
	hooks: ConnectionHooks;
	timings?: Partial<typeof DEFAULT_TIMINGS>;
	policy?: Partial<ReconnectPolicy>;
	clock?: LiveClock;
	random?: () => number;
}

export type RunEnd = { reason: 'stopped' } | { reason: 'fatal'; outcome: CloseOutcome };

/** Waits `ms`; false when the signal fired first (also on an n8n whose sleep ignores signals). */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) return false;
	if (ms > 0) {
		try {
			await sleep(ms, signal);
		} catch {
			// n8n's sleep only rejects when the signal fires.
			return false;
		}
	}
	return !signal.aborted;
}

export const DEFAULT_RECONNECT_POLICY = {
	/** First backoff delay (Pusher asks for at least 1 s on 4100–4199). */
	baseDelayMs: 1000,
	/** Longest wait between two attempts. */
	maxDelayMs: 60_000,
	/** A connection that stayed up this long resets the backoff. */
	stableAfterMs: 30_000,
};
type ReconnectPolicy = typeof DEFAULT_RECONNECT_POLICY;

export type ReconnectDecision = { reconnect: false } | { reconnect: true; delayMs: number };

const inRange = (code: number | null | undefined, low: number, high: number) => typeof code === 'number' && code >= low && code <= high;

/**
 * The wait before the next attempt after a close (or `pusher:error`) code. Pusher protocol 7:
 * 4000–4099 do not reconnect unchanged (wrong key or cluster, over quota, …); 4200–4299 reconnect
 * at once (generic, pong not received, closed for inactivity); 4100–4199 and any other close
 * (network loss 1006, a server restart 1001, …) back off. `attempt` counts failures since the last
 * stable connection (0 = the connection that just closed had been stable); `random` is in [0, 1).
 */
export function reconnectDecision(code: number | null | undefined, attempt: number, policy: ReconnectPolicy, random: number): ReconnectDecision {
	if (inRange(code, 4000, 4099)) return { reconnect: false };
	const immediate = inRange(code, 4200, 4299);
	// "Reconnect immediately" — but not in a loop: a second quick 42xx backs off like any failure.
	if (immediate && attempt === 0) return { reconnect: true, delayMs: 0 };
	const exponent = Math.max(0, immediate ? attempt - 1 : attempt);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
	// Equal jitter: half fixed, half random, never below the base delay.
	const delayMs = Math.max(policy.baseDelayMs, Math.round(ceiling / 2 + (ceiling / 2) * random));
	return { reconnect: true, delayMs };
}

export const REAL_CLOCK = { now: () => Date.now(), pause };

/** Time as the connection sees it (a hand-driven clock in tests). */
export type LiveClock = typeof REAL_CLOCK;

/** Runs connections until `signal` fires or Kick answers with a code that forbids reconnecting. */
export async function runLiveSocket(options: RunOptions): Promise<RunEnd> {
	const policy = { ...DEFAULT_RECONNECT_POLICY, ...options.policy };
	const clock = options.clock ?? REAL_CLOCK;
	const random = options.random ?? Math.random;
	let attempt = 0;
	while (!options.signal.aborted) {
		const outcome = await connectOnce(options, clock);
		if (options.signal.aborted || outcome.cause === 'stopped') return { reason: 'stopped' };
		if (outcome.established && outcome.durationMs >= policy.stableAfterMs) attempt = 0;
		const decision = reconnectDecision(outcome.code, attempt, policy, random());
		options.hooks.onDisconnected?.(outcome, decision);
		if (!decision.reconnect) return { reason: 'fatal', outcome };
		attempt++;
		if (!(await clock.pause(decision.delayMs, options.signal))) return { reason: 'stopped' };
	}
	return { reason: 'stopped' };
}

async function connectOnce(options: RunOptions, clock: LiveClock): Promise<CloseOutcome> {
	const timings = { ...DEFAULT_TIMINGS, ...options.timings };
	const { hooks, signal } = options;
	const startedAt = clock.now();
	// The watchdog sleeps until its next deadline; `nap` wakes it early when the deadline moves up.
	let nap = new AbortController();
	const subscribed = new Set<string>();
	let established = false;
	let activityTimeoutMs = timings.activityTimeoutMs;
	let lastActivity = startedAt;
	let pingSentAt: number | undefined;
	let settled = false;
	let reported = false;
	let socket: LiveSocket | undefined;

	return await new Promise<CloseOutcome>((resolve) => {
		const finish = (cause: CloseCause, code: number | null, reason: string) => {
			if (settled) return;
			settled = true;
			nap.abort();
			signal.removeEventListener('abort', onStop);
			resolve({ cause, code, reason, established, durationMs: clock.now() - startedAt });
		};
		const closeWith = (cause: CloseCause, code: number | null, reason: string) => {
			try {
				socket?.close(1000, cause === 'stopped' ? 'closed by n8n' : 'reconnecting');
			} catch {
				// Already closing or never opened: nothing left to close.
			}
			finish(cause, code, reason);
		};
		const onStop = () => closeWith('stopped', 1000, 'stopped');
		const send = (text: string) => {
			try {
				socket?.send(text);
			} catch (error) {
				closeWith('closed', null, `could not send: ${error instanceof Error ? error.message : String(error)}`);
			}
		};

		const onMessage = (event: unknown) => {
			if (settled) return;
			const receivedAt = clock.now();
			lastActivity = receivedAt;
			pingSentAt = undefined;
			const raw = (event as { data?: unknown }).data;
			const frame = typeof raw === 'string' ? parseFrame(raw) : undefined;
			if (!frame) return;
			switch (frame.event) {
				case 'pusher:connection_established': {
					established = true;
					const serverTimeout = activityTimeoutSeconds(frame.data);
					if (serverTimeout) activityTimeoutMs = Math.min(timings.activityTimeoutMs, serverTimeout * 1000);
					for (const channel of options.channels) send(subscribeFrame(channel));
					nap.abort();
					return;
				}
				case 'pusher_internal:subscription_succeeded':
				case 'pusher:subscription_succeeded':
					if (frame.channel) subscribed.add(frame.channel);
					if (!reported && options.channels.every((channel) => subscribed.has(channel))) {
						reported = true;
						hooks.onSubscribed?.();
					}
					return;
				case 'pusher:ping':
					send(pongFrame());
					return;
				case 'pusher:pong':
					return;
				case 'pusher:error': {
					const { code, message } = readPusherError(frame.data);
					// 4000–4299 announce the close that follows; the close code may be lost on the way.
					if (inRange(code, 4000, 4299)) closeWith('error-frame', code, message);
					else hooks.onWarning?.(`Pusher error${code === null ? '' : ` ${code}`}: ${message}`);
					return;
				}
				default:
					if (isProtocolEvent(frame.event)) return;
					// Only what this trigger subscribed to: a server (or a man in the middle) naming
					// another channel must not run the workflow as if it were this channel's.
					if (frame.channel === undefined || !options.channels.includes(frame.channel)) return;
					try {
						hooks.onFrame(frame, receivedAt);
					} catch (error) {
						hooks.onWarning?.(`could not handle ${frame.event}: ${error instanceof Error ? error.message : String(error)}`);
					}
			}
		};

		const watch = async () => {
			for (;;) {
				if (settled) return;
				const current = clock.now();
				let due: number;
				if (!established) due = startedAt + timings.connectTimeoutMs;
				else if (pingSentAt !== undefined) due = pingSentAt + Math.min(timings.pongTimeoutMs, activityTimeoutMs);
				else due = lastActivity + activityTimeoutMs;
				if (current >= due) {
					if (!established) return closeWith('connect-timeout', null, `no answer within ${Math.round(timings.connectTimeoutMs / 1000)} s`);
					if (pingSentAt !== undefined) return closeWith('pong-timeout', PONG_TIMEOUT_CODE, 'no answer to ping');
					pingSentAt = current;
					send(pingFrame());
					continue;
				}
				nap = new AbortController();
				await clock.pause(due - current, nap.signal);
			}
		};

		if (signal.aborted) return finish('stopped', 1000, 'stopped');
		signal.addEventListener('abort', onStop, { once: true });
		try {
			socket = options.createSocket(options.url);
		} catch (error) {
			finish('connect-failed', null, error instanceof Error ? error.message : String(error));
			return;
		}
		socket.addEventListener('message', onMessage);
		socket.addEventListener('close', (event) => {
			const { code, reason } = event as { code?: number; reason?: string };
			finish(established ? 'closed' : 'connect-failed', typeof code === 'number' ? code : null, reason || (established ? 'connection closed' : 'could not connect'));
		});
		socket.addEventListener('error', () => {
			// The close event that follows carries the code; nothing to add here.
		});
		watch().catch((error: unknown) => closeWith('closed', null, `watchdog failed: ${error instanceof Error ? error.message : String(error)}`));
	});
}
