/**
 * A pass-through HTTP proxy in front of the Kick emulator that can lose an answer: the request
 * reaches Kick (which acts on it), but the connection is cut before the answer gets back — the
 * one failure after which a client cannot know whether a POST took effect. The emulator's own
 * `dropConnections` cuts before routing, so it cannot show this case.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AnswerDroppingProxy {
	url: string;
	/** Lose the answers of the next `count` requests matching method and path. */
	dropAnswers(method: string, path: RegExp, count?: number): void;
	/** Requests whose answer was lost, as "METHOD path?query". */
	dropped: string[];
	close(): Promise<void>;
}

export async function startAnswerDroppingProxy(upstream: string): Promise<AnswerDroppingProxy> {
	const rules: Array<{ method: string; path: RegExp; count: number }> = [];
	const dropped: string[] = [];
	const target = new URL(upstream);
	const server: Server = createServer((req: IncomingMessage, res) => {
		const url = req.url ?? '/';
		const pathname = url.split('?')[0] as string;
		const rule = rules.find((entry) => entry.count > 0 && entry.method === req.method && entry.path.test(pathname));
		const upstreamRequest = request(
			{ host: target.hostname, port: target.port, method: req.method, path: url, headers: { ...req.headers, host: target.host } },
			(upstreamResponse) => {
				if (rule) {
					rule.count--;
					dropped.push(`${req.method} ${url}`);
					upstreamResponse.resume();
					upstreamResponse.on('end', () => req.socket.destroy());
					return;
				}
				res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
				upstreamResponse.pipe(res);
			},
		);
		upstreamRequest.on('error', () => req.socket.destroy());
		req.pipe(upstreamRequest);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		dropAnswers: (method, path, count = 1) => {
			rules.push({ method, path, count });
		},
		dropped,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
