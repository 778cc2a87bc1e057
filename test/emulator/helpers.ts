/** Shared test helpers for the emulator's own tests. */
import axios, { type AxiosInstance } from 'axios';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KickEmulator } from './index';

/** An axios client that never throws on status and never follows redirects. */
export function client(emulator: KickEmulator, token?: string): AxiosInstance {
	return axios.create({
		baseURL: emulator.url,
		validateStatus: () => true,
		maxRedirects: 0,
		headers: token ? { Authorization: `Bearer ${token}` } : {},
	});
}

/** Query strings with repeated keys (`id=1&id=2`), the form Kick documents (docs/kick-api.md §1.5). */
export function qs(params: Record<string, string | number | Array<string | number>>): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
	}
	return search.toString();
}

export function pkcePair(): { verifier: string; challenge: string } {
	const verifier = randomBytes(32).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

export const FORM_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded' };

export interface ReceivedDelivery {
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
}

/** A local webhook receiver that records raw bodies and answers `status` (changeable). */
export async function startSink(initialStatus = 200): Promise<{
	url: string;
	received: ReceivedDelivery[];
	setStatus(status: number): void;
	close(): Promise<void>;
}> {
	const received: ReceivedDelivery[] = [];
	let status = initialStatus;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, rawBody: Buffer.concat(chunks) });
			res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		received,
		setStatus: (next: number) => {
			status = next;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
