/**
 * n8n in queue mode, as a big channel's n8n would run: PostgreSQL and Redis (./services.ts), a
 * main process (editor, REST API, publishing, the live-socket and polling triggers; it serves no
 * production webhooks), webhook processes behind a round-robin proxy (the load balancer; its URL
 * is n8n's WEBHOOK_URL, so Kick is told to deliver there), and a worker that runs executions.
 * Every process has its own user folder with this package installed from its tarball, the way
 * n8n installs community packages.
 */
import fs from 'node:fs';
import http from 'node:http';

import { sendRequest } from '../emulator';
import { freePort, startN8n, type N8nProcess } from './n8nProcess';
import { ensureQueueServices, POSTGRES_DATABASE, POSTGRES_USER, startPostgres, startRedis, type Service } from './services';

type Log = (line: string) => void;

export interface RoundRobinProxy {
	url: string;
	/** Requests forwarded to each backend, in backend order. */
	forwarded: number[];
	setBackends(ports: number[]): void;
	close(): Promise<void>;
}

/** A small load balancer: each request to the next backend in turn, bodies and answers streamed. */
export async function startRoundRobinProxy(ports: number[]): Promise<RoundRobinProxy> {
	let backends = [...ports];
	let next = 0;
	const forwarded = backends.map(() => 0);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const server = http.createServer((req, res) => {
		const index = next++ % backends.length;
		forwarded[index] = (forwarded[index] ?? 0) + 1;
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			// The body is read first, so a request on an upstream socket the backend had just closed
			// can be sent again (sendRequest).
			const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
			const url = `http://127.0.0.1:${backends[index]}${req.url ?? '/'}`;
			sendRequest(url, { method: req.method ?? 'GET', headers, timeoutMs: 60_000, agent }, Buffer.concat(chunks)).then(
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
				() => {
					if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
					res.end('Bad gateway');
				},
			);
		});
	});
	server.keepAliveTimeout = 30_000;
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		forwarded,
		setBackends(ports: number[]) {
			backends = [...ports];
			while (forwarded.length < backends.length) forwarded.push(0);
		},
		close: async () => {
			agent.destroy();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

export interface QueueTopology {
	/** The main process: REST API and editor, publishing. */
	main: N8nProcess;
	webhooks: N8nProcess[];
	worker: N8nProcess;
	proxy: RoundRobinProxy;
	/** The production webhook base URL (the proxy). */
	webhookBaseUrl: string;
	redis: Service;
	postgres: Service;
	/** Stops the worker and starts a new one (same user folder). */
	restartWorker(): Promise<void>;
	stop(): Promise<void>;
}

export interface QueueOptions {
	webhookProcesses?: number;
	/** Worker concurrency (n8n's default is 10). */
	concurrency?: number;
	tarball?: string;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	log?: Log;
}

export async function startQueueTopology(options: QueueOptions = {}): Promise<QueueTopology> {
	const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
	const { redisServer, postgresBin } = ensureQueueServices(log);
	const started: Array<{ stop(): Promise<void> }> = [];
	const stopAll = async () => {
		for (const item of started.reverse()) await item.stop().catch(() => undefined);
	};
	try {
		const redis = await startRedis(redisServer);
		started.push(redis);
		const postgres = await startPostgres(postgresBin);
		started.push(postgres);
		const proxy = await startRoundRobinProxy([]);
		started.push({ stop: proxy.close });
		const env = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: POSTGRES_DATABASE,
			DB_POSTGRESDB_USER: POSTGRES_USER,
			DB_POSTGRESDB_PASSWORD: '',
			WEBHOOK_URL: `${proxy.url}/`,
			...options.env,
		};
		const quiet: Log = () => undefined;
		// Main first: it creates the database schema.
		const main = await startN8n({ tarball: options.tarball, log, env: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } });
		started.push(main);
		const webhooks: N8nProcess[] = [];
		for (let i = 0; i < (options.webhookProcesses ?? 2); i++) {
			const webhook = await startN8n({ command: 'webhook', tarball: main.tarball, log: quiet, env });
			started.push(webhook);
			webhooks.push(webhook);
		}
		proxy.setBackends(webhooks.map((webhook) => webhook.port));
		const workerOptions = { command: 'worker' as const, args: [`--concurrency=${options.concurrency ?? 10}`], tarball: main.tarball, log: quiet, env, keepUserFolder: true };
		let worker = await startN8n(workerOptions);
		const workerFolder = worker.userFolder;
		const topology: QueueTopology = {
			main,
			webhooks,
			get worker() {
				return worker;
			},
			proxy,
			webhookBaseUrl: proxy.url,
			redis,
			postgres,
			restartWorker: async () => {
				await worker.stop();
				worker = await startN8n({ ...workerOptions, userFolder: workerFolder });
			},
			stop: async () => {
				await worker.stop().catch(() => undefined);
				fs.rmSync(workerFolder, { recursive: true, force: true });
				await stopAll();
			},
		};
		return topology;
	} catch (error) {
		await stopAll();
		throw error;
	}
}
