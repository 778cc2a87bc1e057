/**
 * A local stand-in for Discord's webhook endpoint (`POST /api/webhooks/{id}/{token}`), for the
 * end-to-end tests and `npm start -- --demo`. n8n's own Discord node (Connection Type
 * "Webhook") posts to whatever Webhook URL its credential holds; point that credential at
 * `sink.webhookUrl(name)` and every message lands in `sink.messages`.
 *
 * Answers like Discord: 204 without `?wait=true`, the created message (200) with it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DiscordEmbed {
	title?: string;
	description?: string;
	url?: string;
	color?: number;
	timestamp?: string;
	author?: { name?: string };
	thumbnail?: { url?: string };
	image?: { url?: string };
	[key: string]: unknown;
}

export interface DiscordMessage {
	/** The `{id}` part of the webhook URL (one per `webhookUrl(name)`). */
	webhook: string;
	content?: string;
	username?: string;
	avatar_url?: string;
	embeds?: DiscordEmbed[];
	/** The whole JSON body as received. */
	body: Record<string, any>;
	at: number;
}

export interface DiscordSink {
	url: string;
	messages: DiscordMessage[];
	/** A Discord-style webhook URL whose messages are tagged with `name`. */
	webhookUrl(name: string): string;
	/** Messages sent to the webhook `name`. */
	messagesFor(name: string): DiscordMessage[];
	/** Resolves when `name` has received at least `count` messages (all of them, oldest first). */
	waitFor(name: string, count: number, timeoutMs?: number): Promise<DiscordMessage[]>;
	clear(): void;
	close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function startDiscordSink(
	options: { port?: number; host?: string; onMessage?: (message: DiscordMessage) => void } = {},
): Promise<DiscordSink> {
	const messages: DiscordMessage[] = [];
	const waiters = new Set<() => void>();
	const server: Server = createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://sink');
			const match = /^\/api\/webhooks\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
			if (req.method !== 'POST' || !match) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: 'Unknown Webhook', code: 10015 }));
				return;
			}
			const text = await readBody(req);
			let body: Record<string, any>;
			try {
				body = text ? (JSON.parse(text) as Record<string, any>) : {};
			} catch {
				res.writeHead(400, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: 'Cannot send an empty message', code: 50006 }));
				return;
			}
			const message: DiscordMessage = {
				webhook: decodeURIComponent(match[1]),
				content: body.content,
				username: body.username,
				avatar_url: body.avatar_url,
				embeds: body.embeds,
				body,
				at: Date.now(),
			};
			messages.push(message);
			options.onMessage?.(message);
			for (const wake of [...waiters]) wake();
			const headers = { 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '1' };
			if (url.searchParams.get('wait') === 'true') {
				res.writeHead(200, { ...headers, 'content-type': 'application/json' });
				res.end(JSON.stringify({ id: String(Date.now()), channel_id: '1', webhook_id: message.webhook, ...body }));
			} else {
				res.writeHead(204, headers);
				res.end();
			}
		})();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	const messagesFor = (name: string) => messages.filter((message) => message.webhook === name);

	return {
		url,
		messages,
		webhookUrl: (name) => `${url}/api/webhooks/${encodeURIComponent(name)}/${randomUUID().replace(/-/g, '')}`,
		messagesFor,
		waitFor: async (name, count, timeoutMs = 20_000) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = messagesFor(name);
				if (found.length >= count) return found;
				const left = deadline - Date.now();
				if (left <= 0) {
					throw new Error(`Discord sink: expected ${count} messages on '${name}', got ${found.length}: ${JSON.stringify(found.map((m) => m.body))}`);
				}
				await new Promise<void>((resolve) => {
					const wake = () => {
						waiters.delete(wake);
						clearTimeout(timer);
						resolve();
					};
					const timer = setTimeout(wake, Math.min(left, 250));
					waiters.add(wake);
				});
			}
		},
		clear: () => {
			messages.length = 0;
		},
		close: async () =>
			await new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
