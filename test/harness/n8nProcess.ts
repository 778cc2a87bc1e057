/**
 * Starts a real n8n (the runtime in runtime/n8n, Node 24, SQLite) in a fresh user folder with
 * this package installed from its npm tarball, and an owner account. Used by the integration
 * and end-to-end tests and by `npm start`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const runtime = require('../../scripts/runtime.js') as {
	ensureRuntime(log?: (line: string) => void, line?: string): { nodeBin: string; n8nBin: string; n8nVersion: string; label: string };
};
const packaging = require('../../scripts/install-package.js') as {
	packPackage(options?: { build?: boolean }): string;
	installPackage(userFolder: string, tarball: string): void;
};

export const OWNER = { email: 'owner@kick-nodes.test', password: 'KickNodes-2026!', firstName: 'Kick', lastName: 'Owner' };

export interface N8nProcess {
	/** n8n's version, e.g. 2.41.1. */
	version: string;
	baseUrl: string;
	port: number;
	userFolder: string;
	logFile: string;
	/** The package tarball installed in this n8n. */
	tarball: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface StartOptions {
	/** The n8n release line to run: '2' (default, n8n 2.x) or '1' (the 1.x LTS line). */
	line?: string;
	userFolder?: string;
	/** The host n8n is reached at (its base URL): '127.0.0.1' (default) or 'localhost'. */
	host?: '127.0.0.1' | 'localhost';
	port?: number;
	/** Reuse an already packed tarball instead of building and packing again. */
	tarball?: string;
	env?: Record<string, string>;
	log?: (line: string) => void;
	/** Keep the user folder (and its database) when stopping. */
	keepUserFolder?: boolean;
	/**
	 * Run n8n in its own process group, so a Ctrl+C in the terminal reaches only the caller, which
	 * then stops n8n itself (after cleaning up through n8n's API). `npm start` uses it.
	 */
	ownProcessGroup?: boolean;
	/**
	 * Which n8n process to run: 'start' (the main process, default), or in queue mode 'webhook'
	 * (serves production webhooks) or 'worker' (runs executions; `healthPort` is its health check).
	 */
	command?: 'start' | 'webhook' | 'worker';
	/** Extra command-line arguments (e.g. `--concurrency=10` for a worker). */
	args?: string[];
}

/**
 * Whether `url` answers 2xx, on a connection of its own that is closed afterwards. fetch() would
 * keep it in the process's pool: jest runs the tests in the process that ran this set-up, which
 * can then block its event loop for minutes (installing the other n8n line synchronously), long
 * past n8n's keep-alive timeout, and a test's first request would go out on that dead socket
 * (EPIPE).
 */
function probe(url: string): Promise<boolean> {
	return new Promise((resolve) => {
		const request = http.get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
			response.resume();
			response.on('end', () => resolve((response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300));
		});
		request.on('error', () => resolve(false));
		request.setTimeout(5000, () => request.destroy());
	});
}

export async function startN8n(options: StartOptions = {}): Promise<N8nProcess> {
	const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
	const installed = runtime.ensureRuntime(log, options.line);
	const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kick-n8n-'));
	// One tarball per test run (packed by globalSetup): a later build must not change what runs.
	const tarball = options.tarball ?? process.env.KICK_PACKAGE_TARBALL ?? packaging.packPackage();
	packaging.installPackage(userFolder, tarball);

	const port = options.port ?? (await freePort());
	const brokerPort = await freePort();
	// 127.0.0.1 by default, as many self-hosted instances are opened: Kick's login page has a
	// quirk with such redirect URLs that the Kick credential must get through.
	const baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
	const logFile = path.join(userFolder, 'n8n.log');
	const out = fs.openSync(logFile, 'a');
	const command = options.command ?? 'start';
	// A worker serves no HTTP but its health check, on its own port.
	const healthPort = command === 'worker' ? await freePort() : undefined;
	const child = spawn(installed.nodeBin, [installed.n8nBin, command, ...(options.args ?? [])], {
		env: {
			// n8n's own children (the task runner) run on the runtime's Node too.
			PATH: `${path.dirname(installed.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
			// As users deploy n8n: no stack traces in HTTP answers.
			NODE_ENV: 'production',
			HOME: userFolder,
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_ENCRYPTION_KEY: 'kick-nodes-test-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: process.env.KICK_N8N_LOG_LEVEL ?? 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_PUBLIC_API_DISABLED: 'false',
			// Publish synchronously, so a workflow's webhooks are live when the publish call returns.
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
			N8N_RUNNERS_TASK_TIMEOUT: '300',
			...(healthPort ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
			...options.env,
		},
		stdio: ['ignore', out, out],
		detached: options.ownProcessGroup === true,
	});
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null) {
			throw new Error(`n8n exited with code ${child.exitCode} while starting; log: ${logFile}\n${tail(logFile)}`);
		}
		try {
			// n8n 1.x reports ready before its REST routes are mounted: the main process waits for both.
			if ((await probe(`http://127.0.0.1:${healthPort ?? port}/healthz/readiness`)) && (command !== 'start' || (await probe(`${baseUrl}/rest/settings`)))) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`n8n did not become ready within 180 s; log: ${logFile}\n${tail(logFile)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const loadFailure = /Failed to load package "n8n-nodes-kick"[\s\S]{0,400}/.exec(fs.readFileSync(logFile, 'utf8'));
	if (loadFailure) {
		child.kill('SIGKILL');
		throw new Error(`n8n could not load n8n-nodes-kick:\n${loadFailure[0]}`);
	}

	return {
		version: installed.n8nVersion,
		baseUrl,
		port,
		userFolder,
		logFile,
		tarball,
		child,
		stop: async () => {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
				await exited;
				clearTimeout(timer);
			}
			fs.closeSync(out);
			if (!options.keepUserFolder && !options.userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

export function tail(file: string, lines = 40): string {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}
