/**
 * The load generator's side of the wire: signed Kick deliveries prepared ahead of time (so the
 * sender's RSA signing is not part of what is measured), a keep-alive HTTP sender like Kick's
 * Go client, a bounded worker pool, and percentiles.
 *
 * Headers and signature are exactly what the emulator's `deliver()` sends
 * (test/emulator/deliveries.ts); prepared requests just sign once, before the clock starts.
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { Agent } from 'node:http';

import { rfc3339Seconds, sendRequest, ulid, type KickEmulator } from '../emulator';

export interface SignedRequest {
	messageId: string;
	headers: Record<string, string>;
	body: string;
	/** Free-form tag for the scenario (e.g. 'command', 'chat'). */
	kind: string;
}

export interface PrepareOptions {
	event: string;
	body: object | string;
	subscriptionId: string;
	messageId?: string;
	timestamp?: string;
	kind?: string;
	/** Sign with this private key instead of the emulator's (a forger's key). */
	privateKey?: KeyObject;
}

/** Kick's header set for a delivery (test/emulator/deliveries.ts, non-Drops events). */
export function kickHeaders(opts: { event: string; messageId: string; timestamp: string; signature: string; subscriptionId: string; body: string }): Record<string, string> {
	return {
		'Content-Type': 'application/json',
		'User-Agent': 'Go-http-client/1.1',
		Accept: 'application/json',
		'Content-Length': String(Buffer.byteLength(opts.body)),
		'Kick-Event-Message-Id': opts.messageId,
		'Kick-Event-Subscription-Id': opts.subscriptionId,
		'Kick-Event-Signature': opts.signature,
		'Kick-Event-Message-Timestamp': opts.timestamp,
		'Kick-Event-Type': opts.event,
		'Kick-Event-Version': '1',
	};
}

/** Signs a delivery now (with the emulator's current key unless told otherwise). */
export function prepareDelivery(emulator: KickEmulator, opts: PrepareOptions): SignedRequest {
	const messageId = opts.messageId ?? ulid();
	const timestamp = opts.timestamp ?? rfc3339Seconds(new Date(emulator.webhooks.clock.now()));
	const body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
	const signature = opts.privateKey
		? sign('sha256', Buffer.concat([Buffer.from(`${messageId}.${timestamp}.`), Buffer.from(body)]), opts.privateKey).toString('base64')
		: emulator.signer.sign(messageId, timestamp, body);
	return {
		messageId,
		headers: kickHeaders({ event: opts.event, messageId, timestamp, signature, subscriptionId: opts.subscriptionId, body }),
		body,
		kind: opts.kind ?? opts.event,
	};
}

let forger: KeyObject | undefined;
/** A private key that is not Kick's (nor the emulator's): signatures made with it are forgeries. */
export function forgerKey(): KeyObject {
	forger ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
	return forger;
}

export interface SendResult {
	/** 0 when no HTTP answer arrived (refused, reset, timeout). */
	status: number;
	/** performance.now()-based, converted to epoch ms. */
	sentAt: number;
	answeredAt: number;
	error?: string;
}

const epochOffset = Date.now() - performance.now();
/** Epoch milliseconds with sub-millisecond resolution (comparable with n8n's stoppedAt). */
export const nowMs = (): number => epochOffset + performance.now();

/**
 * How long a kept-alive socket may sit idle before the sender closes it instead of reusing it.
 * Well under Node's (and so n8n's) 5 s keep-alive timeout, so a socket is rarely reused just as
 * the server closes it. That cannot be ruled out by timing (a blocked event loop lets the idle
 * timer fire late), so `sendRequest` also sends such a request again.
 */
export const IDLE_SOCKET_MS = 1000;

/** A keep-alive sender (one socket per concurrent request), like Kick's Go HTTP client. */
export class Sender {
	private readonly agent: Agent;

	constructor(concurrency: number, idleSocketMs = IDLE_SOCKET_MS) {
		// `timeout` is the idle timeout of a free socket (a request in flight has its own, below);
		// the agent destroys a free socket when it fires.
		this.agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency, timeout: idleSocketMs });
	}

	async post(url: string, headers: Record<string, string>, body: string, timeoutMs = 30_000): Promise<SendResult> {
		const sentAt = nowMs();
		try {
			const res = await sendRequest(url, { method: 'POST', headers, timeoutMs, agent: this.agent }, body);
			const status = res.statusCode ?? 0;
			await new Promise<void>((resolve, reject) => res.resume().on('end', resolve).on('error', reject));
			return { status, sentAt, answeredAt: nowMs() };
		} catch (error) {
			return { status: 0, sentAt, answeredAt: nowMs(), error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
		}
	}

	async send(url: string, delivery: SignedRequest, timeoutMs?: number): Promise<SendResult> {
		return await this.post(url, delivery.headers, delivery.body, timeoutMs);
	}

	close(): void {
		this.agent.destroy();
	}
}

/**
 * Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; stops starting new
 * tasks after `deadlineMs` (epoch ms). Returns the results in index order (undefined = not run).
 */
export async function runPool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>, deadlineMs = Infinity): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array(count);
	let next = 0;
	const worker = async () => {
		for (;;) {
			const index = next++;
			if (index >= count || Date.now() > deadlineMs) return;
			results[index] = await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return results;
}

/** Nearest-rank percentile of `values` (ms), 0 when empty. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank] as number;
}

export const unregisteredWebhookUrl = (baseUrl: string): string => `${baseUrl}/webhook/kick-load-unregistered-${randomUUID()}`;

export const sleep = async (ms: number): Promise<void> => await new Promise((resolve) => setTimeout(resolve, ms));
