/**
 * Kick's live socket: a Pusher protocol 7 server on the emulator's port (ws://<emulator>/app/<key>),
 * as ws-us2.pusher.com serves it to kick.com — connection_established with an activity
 * timeout, public-channel subscriptions, ping/pong, pusher:error — sending Kick-shaped events
 * (see ./pusherEvents). Knobs for tests: drop every connection, send an error code, close with a
 * code, refuse new connections, stop answering pings, duplicate the next frame. Every
 * connection, subscription, ping and close is logged.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

import { KickFrames } from './pusherEvents';
import type { EmulatorState } from './state/model';

/** The app key kick.com uses today; the node's default, so it connects without options. */
export const PUSHER_APP_KEY = '32cbd69e4b950bf97679';

export type PusherLogType = 'connect' | 'subscribe' | 'unsubscribe' | 'ping' | 'pong' | 'error-sent' | 'refused' | 'close';

export interface PusherLogEntry {
	type: PusherLogType;
	connectionId: number;
	/** Epoch ms. */
	at: number;
	channel?: string;
	code?: number;
	reason?: string;
	/** For 'close': who closed it ('server' for knobs, 'client' otherwise). */
	by?: 'client' | 'server';
	/** For 'connect': the request's query string. */
	query?: string;
}

interface Connection {
	id: number;
	ws: WebSocket;
	channels: Set<string>;
	closingByServer: boolean;
	open: boolean;
}

export interface PusherEmulator {
	/** Base address for the node's Pusher Host option, e.g. ws://127.0.0.1:4567. */
	url: string;
	key: string;
	/** Sent in connection_established (seconds; Kick's server sends 120). */
	activityTimeoutSeconds: number;
	/** Stop answering the client's pusher:ping. */
	ignorePings: boolean;
	/** The next frame sent (to each subscriber) goes out twice. */
	duplicateNextFrame: boolean;
	/** Every new connection gets pusher:error with this code and is closed with it. */
	refuseConnections: { code: number; message?: string } | null;
	readonly log: PusherLogEntry[];
	clearLog(): void;
	/** Kick-shaped events (chat messages, subscriptions, gifts, stream start/end, bans, …). */
	readonly kick: KickFrames;
	/** Open connections. */
	connectionCount(): number;
	subscriberCount(channel: string): number;
	waitForSubscribers(channel: string, count?: number, timeoutMs?: number): Promise<void>;
	/** Sends one channel event to every subscriber (`data` objects are JSON-encoded into a string, as Pusher does). */
	send(channel: string, event: string, data: unknown): number;
	/**
	 * Writes frames serialized ahead (`frameText` in ./pusherEvents) to every subscriber in one
	 * burst, the socket corked so they leave in as few writes as it takes: a busy chat as fast as
	 * the socket takes it, with none of the sender's own work in between. Does not apply
	 * `duplicateNextFrame`. Returns the frames written.
	 */
	sendPrepared(channel: string, texts: readonly string[]): number;
	/** Destroys every connection without a close frame, as a network failure does. */
	dropConnections(): number;
	/** pusher:ping to every connection (the client must answer pusher:pong). */
	pingClients(): number;
	/** pusher:error {code, message} to every connection, then a close with that code. */
	sendError(code: number, message?: string): number;
	/** Closes every connection with this code. */
	close(code: number, reason?: string): number;
	shutdown(): Promise<void>;
}

const ERROR_MESSAGES: Record<number, string> = {
	4001: 'App key 32cbd69e4b950bf97679 does not exist in this cluster',
	4003: 'Application is disabled',
	4004: 'Application is over connection quota',
	4005: 'Path not found',
	4007: 'Unsupported protocol version',
	4008: 'No protocol version supplied',
	4009: 'Connection is unauthorized',
	4100: 'Over capacity',
	4200: 'Please reconnect immediately',
	4201: 'Pong reply not received',
	4202: 'Closed after inactivity',
};

export class PusherServer implements PusherEmulator {
	url = '';
	key = PUSHER_APP_KEY;
	activityTimeoutSeconds = 120;
	ignorePings = false;
	duplicateNextFrame = false;
	refuseConnections: { code: number; message?: string } | null = null;
	readonly log: PusherLogEntry[] = [];
	readonly kick: KickFrames;
	private readonly wss = new WebSocketServer({ noServer: true });
	private readonly connections = new Map<number, Connection>();
	private nextId = 1;

	constructor(state: EmulatorState) {
		this.kick = new KickFrames(state, this);
	}

	/** Takes the emulator server's WebSocket upgrades for /app/<key>. */
	attach(server: Server): void {
		server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			const url = new URL(req.url ?? '/', 'http://emulator.invalid');
			if (!url.pathname.startsWith('/app/')) {
				socket.destroy();
				return;
			}
			this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url));
		});
	}

	private record(entry: Omit<PusherLogEntry, 'at'>): void {
		this.log.push({ ...entry, at: Date.now() });
	}

	private accept(ws: WebSocket, url: URL): void {
		const connection: Connection = { id: this.nextId++, ws, channels: new Set(), closingByServer: false, open: true };
		this.connections.set(connection.id, connection);
		this.record({ type: 'connect', connectionId: connection.id, query: url.search });
		ws.on('close', (code, reason) => {
			connection.open = false;
			this.connections.delete(connection.id);
			this.record({ type: 'close', connectionId: connection.id, code, reason: reason.toString(), by: connection.closingByServer ? 'server' : 'client' });
		});
		ws.on('error', () => undefined);

		const key = decodeURIComponent(url.pathname.slice('/app/'.length));
		const protocol = url.searchParams.get('protocol');
		const refusal =
			this.refuseConnections ??
			(key !== this.key
				? { code: 4001, message: `App key ${key} does not exist in this cluster` }
				: protocol === null
					? { code: 4008 }
					: protocol !== '7'
						? { code: 4007 }
						: null);
		if (refusal) {
			this.record({ type: 'refused', connectionId: connection.id, code: refusal.code });
			this.errorAndClose(connection, refusal.code, refusal.message);
			return;
		}

		ws.on('message', (raw) => this.receive(connection, raw.toString()));
		const socketId = `${100000 + connection.id}.${Math.floor(Math.random() * 1e7)}`;
		this.write(connection, { event: 'pusher:connection_established', data: JSON.stringify({ socket_id: socketId, activity_timeout: this.activityTimeoutSeconds }) });
	}

	private receive(connection: Connection, text: string): void {
		let frame: { event?: unknown; data?: any };
		try {
			frame = JSON.parse(text);
		} catch {
			return;
		}
		const data = typeof frame.data === 'string' ? safeParse(frame.data) : frame.data;
		switch (frame.event) {
			case 'pusher:subscribe': {
				const channel = String(data?.channel ?? '');
				if (channel.startsWith('private-') || channel.startsWith('presence-')) {
					this.write(connection, { event: 'pusher:error', data: { code: null, message: `Private channel ${channel} needs auth` } });
					return;
				}
				connection.channels.add(channel);
				this.record({ type: 'subscribe', connectionId: connection.id, channel });
				this.write(connection, { event: 'pusher_internal:subscription_succeeded', data: '{}', channel });
				return;
			}
			case 'pusher:unsubscribe': {
				const channel = String(data?.channel ?? '');
				connection.channels.delete(channel);
				this.record({ type: 'unsubscribe', connectionId: connection.id, channel });
				return;
			}
			case 'pusher:ping':
				this.record({ type: 'ping', connectionId: connection.id });
				if (!this.ignorePings) this.write(connection, { event: 'pusher:pong', data: '{}' });
				return;
			case 'pusher:pong':
				this.record({ type: 'pong', connectionId: connection.id });
				return;
			default:
				return;
		}
	}

	private write(connection: Connection, frame: Record<string, unknown>): boolean {
		if (!connection.open || connection.ws.readyState !== WebSocket.OPEN) return false;
		connection.ws.send(JSON.stringify(frame));
		return true;
	}

	private errorAndClose(connection: Connection, code: number, message?: string): void {
		const text = message ?? ERROR_MESSAGES[code] ?? 'Error';
		this.record({ type: 'error-sent', connectionId: connection.id, code });
		this.write(connection, { event: 'pusher:error', data: { code, message: text } });
		connection.closingByServer = true;
		connection.ws.close(code, text);
	}

	clearLog(): void {
		this.log.length = 0;
	}

	connectionCount(): number {
		return [...this.connections.values()].filter((connection) => connection.open).length;
	}

	subscriberCount(channel: string): number {
		return [...this.connections.values()].filter((connection) => connection.open && connection.channels.has(channel)).length;
	}

	async waitForSubscribers(channel: string, count = 1, timeoutMs = 15_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (this.subscriberCount(channel) < count) {
			if (Date.now() > deadline) throw new Error(`expected ${count} subscriber(s) of ${channel} within ${timeoutMs} ms, have ${this.subscriberCount(channel)}`);
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}

	send(channel: string, event: string, data: unknown): number {
		const frame = { event, data: typeof data === 'string' ? data : JSON.stringify(data), channel };
		const copies = this.duplicateNextFrame ? 2 : 1;
		this.duplicateNextFrame = false;
		let sent = 0;
		for (const connection of this.connections.values()) {
			if (!connection.channels.has(channel)) continue;
			for (let copy = 0; copy < copies; copy++) if (this.write(connection, frame)) sent++;
		}
		return sent;
	}

	sendPrepared(channel: string, texts: readonly string[]): number {
		let sent = 0;
		for (const connection of this.connections.values()) {
			if (!connection.channels.has(channel) || !connection.open || connection.ws.readyState !== WebSocket.OPEN) continue;
			// `ws` keeps its net.Socket private; corking it batches the burst into large writes.
			const socket = (connection.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
			socket?.cork();
			try {
				for (const text of texts) {
					connection.ws.send(text);
					sent++;
				}
			} finally {
				socket?.uncork();
			}
		}
		return sent;
	}

	pingClients(): number {
		let sent = 0;
		for (const connection of this.connections.values()) if (this.write(connection, { event: 'pusher:ping', data: '{}' })) sent++;
		return sent;
	}

	dropConnections(): number {
		const all = [...this.connections.values()];
		for (const connection of all) {
			connection.closingByServer = true;
			connection.ws.terminate();
		}
		return all.length;
	}

	sendError(code: number, message?: string): number {
		const all = [...this.connections.values()];
		for (const connection of all) this.errorAndClose(connection, code, message);
		return all.length;
	}

	close(code: number, reason = ''): number {
		const all = [...this.connections.values()];
		for (const connection of all) {
			connection.closingByServer = true;
			connection.ws.close(code, reason);
		}
		return all.length;
	}

	async shutdown(): Promise<void> {
		for (const connection of this.connections.values()) connection.ws.terminate();
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
	}
}

function safeParse(text: string): any {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
