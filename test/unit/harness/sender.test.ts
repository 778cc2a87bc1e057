/**
 * The load sender never reuses a kept-alive socket that sat idle long enough for the server to
 * be closing it (an ECONNRESET that says nothing about the product), still keeps sockets alive
 * within a burst, and sends a request again when the server closed its reused socket anyway.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Sender } from '../../load/http';

describe('load Sender', () => {
	let server: Server;
	let url: string;
	let connections = 0;

	beforeAll(async () => {
		server = createServer((req, res) => {
			// `?close=1`: the server closes a kept-alive socket as the next request arrives on it,
			// as a server whose keep-alive timeout fired while the client's event loop was blocked.
			const requests = ((req.socket as { served?: number }).served ?? 0) + 1;
			(req.socket as { served?: number }).served = requests;
			if (requests > 1 && req.url?.includes('close=1')) {
				req.socket.destroy();
				return;
			}
			const delay = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('delay') ?? 0);
			req.resume();
			req.on('end', () => setTimeout(() => res.end('ok'), delay));
		});
		server.keepAliveTimeout = 60_000;
		server.on('connection', () => connections++);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	});

	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	it('reuses a socket within a burst and opens a new one after the idle limit', async () => {
		const sender = new Sender(1, 100);
		try {
			const before = connections;
			for (let i = 0; i < 5; i++) expect((await sender.post(url, {}, 'x')).status).toBe(200);
			expect(connections - before).toBe(1);
			await new Promise((resolve) => setTimeout(resolve, 400));
			expect((await sender.post(url, {}, 'x')).status).toBe(200);
			expect(connections - before).toBe(2);
		} finally {
			sender.close();
		}
	});

	it('does not apply the idle limit to a request waiting for its answer', async () => {
		const sender = new Sender(1, 100);
		try {
			const result = await sender.post(`${url}?delay=400`, {}, 'x');
			expect({ status: result.status, error: result.error }).toEqual({ status: 200, error: undefined });
		} finally {
			sender.close();
		}
	});

	it('sends a request again on a new socket when its reused socket was closed by the server', async () => {
		const sender = new Sender(1, 60_000);
		try {
			const before = connections;
			const first = await sender.post(`${url}?close=1`, {}, 'x');
			const second = await sender.post(`${url}?close=1`, {}, 'x');
			expect([first, second].map((result) => ({ status: result.status, error: result.error }))).toEqual([
				{ status: 200, error: undefined },
				{ status: 200, error: undefined },
			]);
			expect(connections - before).toBe(2);
		} finally {
			sender.close();
		}
	});
});
