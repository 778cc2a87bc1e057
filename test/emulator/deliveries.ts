/** Webhook deliveries, sent the way Kick sends them (docs/kick-api.md §6.2, §6.3, §6.5). */
import { request as httpRequest, type Agent, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { EmulatorSigner } from './signer';
import type { DeliveryOptions, DeliveryResult } from './types';
import { rfc3339Seconds, ulid } from './util';

/** Drops claim webhooks use their own header names (§5). */
const DROPS_EVENT = 'drops.claim';

function tamperBody(rawBody: string): string {
	// A real change of content (not just whitespace), still valid JSON when it was.
	return rawBody.endsWith('}') ? `${rawBody.slice(0, -1)},"tampered":true}` : `${rawBody}x`;
}

function tamperSignature(signature: string): string {
	const bytes = Buffer.from(signature, 'base64');
	bytes[0] ^= 0xff;
	return bytes.toString('base64');
}

function headersFor(opts: {
	event: string;
	messageId: string;
	timestamp: string;
	signature: string;
	subscriptionId: string;
	version: string;
	contentLength: number;
}): Record<string, string> {
	const common = {
		'Content-Type': 'application/json',
		'User-Agent': 'Go-http-client/1.1',
		Accept: 'application/json',
		'Content-Length': String(opts.contentLength),
	};
	if (opts.event === DROPS_EVENT) {
		return {
			...common,
			'Kick-Event-Message-ID': opts.messageId,
			'Kick-Event-Timestamp': opts.timestamp,
			'Kick-Event-Signature': opts.signature,
		};
	}
	return {
		...common,
		'Kick-Event-Message-Id': opts.messageId,
		'Kick-Event-Subscription-Id': opts.subscriptionId,
		'Kick-Event-Signature': opts.signature,
		'Kick-Event-Message-Timestamp': opts.timestamp,
		'Kick-Event-Type': opts.event,
		'Kick-Event-Version': opts.version,
	};
}

/**
 * One HTTP request, resolved with the answer's head (its body still to read). Kick's Go client
 * keeps connections alive and sends a request again when the connection it reused turns out to
 * have been closed by the server before the request was read; this does the same: a request on
 * a reused socket that is reset (ECONNRESET, EPIPE) is sent once more on a new socket, the case
 * Node's documentation gives for a retry (`request.reusedSocket`). Any other failure rejects.
 */
export async function sendRequest(
	url: string,
	options: { method: string; headers: OutgoingHttpHeaders; timeoutMs: number; agent?: Agent },
	body: string | Buffer,
): Promise<IncomingMessage> {
	const target = new URL(url);
	const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
	const attempt = (retried: boolean): Promise<IncomingMessage> =>
		new Promise<IncomingMessage>((resolve, reject) => {
			const req = send(target, { method: options.method, headers: options.headers, agent: options.agent, timeout: options.timeoutMs }, resolve);
			req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs} ms`)));
			req.on('error', (error: NodeJS.ErrnoException) => {
				const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE';
				if (!retried && req.reusedSocket && reset) resolve(attempt(true));
				else reject(error);
			});
			req.end(body);
		});
	return await attempt(false);
}

async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; body: string }> {
	try {
		const res = await sendRequest(url, { method: 'POST', headers, timeoutMs }, body);
		const chunks: Buffer[] = [];
		for await (const chunk of res) chunks.push(chunk as Buffer);
		return { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') };
	} catch (error) {
		return { status: 0, body: (error as Error).message };
	}
}

export async function deliver(signer: EmulatorSigner, opts: DeliveryOptions): Promise<DeliveryResult> {
	const signedId = opts.messageId ?? ulid();
	const timestamp =
		opts.timestamp ?? rfc3339Seconds(new Date(Date.now() - (opts.staleSeconds ?? 0) * 1000));
	// Compact JSON, exactly what gets signed; a string is kept byte-for-byte.
	const signedBody = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
	let signature = signer.signWith(opts.signWith ?? 'current', signedId, timestamp, signedBody);

	let rawBody = signedBody;
	let messageId = signedId;
	if (opts.tamper === 'body') rawBody = tamperBody(rawBody);
	if (opts.tamper === 'signature') signature = tamperSignature(signature);
	if (opts.tamper === 'messageId') messageId = ulid();

	const omit = new Set((opts.omitHeaders ?? []).map((h) => h.toLowerCase()));
	const headers = Object.fromEntries(
		Object.entries(
			headersFor({
				event: opts.event,
				messageId,
				timestamp,
				signature,
				subscriptionId: opts.subscriptionId ?? ulid(),
				version: opts.version ?? '1',
				contentLength: Buffer.byteLength(rawBody),
			}),
		).filter(([name]) => !omit.has(name.toLowerCase())),
	);
	const response = await post(opts.url, headers, rawBody, opts.timeoutMs ?? 10_000);
	return { ...response, messageId, timestamp, rawBody, headers };
}
