/** Webhook deliveries, sent the way Kick sends them (docs/kick-api.md §6.2, §6.3, §6.5). */
import { request as httpRequest } from 'node:http';
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

function post(
	url: string,
	headers: Record<string, string>,
	body: string,
	timeoutMs: number,
): Promise<{ status: number; body: string }> {
	return new Promise((resolve) => {
		const target = new URL(url);
		const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
		const req = send(target, { method: 'POST', headers, timeout: timeoutMs }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
			);
			res.on('error', (error) => resolve({ status: 0, body: error.message }));
		});
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		req.on('error', (error) => resolve({ status: 0, body: error.message }));
		req.end(body);
	});
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
