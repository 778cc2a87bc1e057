/**
 * Redis and PostgreSQL for n8n's queue mode, from Debian's packages: installed with apt-get when
 * missing (the test machines run as root), each started on a free loopback port with its data in
 * a temporary folder, and stopped (folder removed) after the run. Nothing system-wide is started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './n8nProcess';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

type Log = (line: string) => void;

function which(binary: string): string | undefined {
	const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** PostgreSQL's server binaries (Debian keeps them under /usr/lib/postgresql/<version>/bin). */
function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((entry) => fs.existsSync(path.join(root, entry, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** Installs Debian packages a test layer needs (the test machines run as root). */
export function aptInstall(packages: string[], log: Log): void {
	if (process.getuid?.() !== 0) {
		throw new Error(`these tests need ${packages.join(' and ')}: install them (apt-get install ${packages.join(' ')}), or run as root so the tests can`);
	}
	log(`[services] installing ${packages.join(', ')} from Debian's packages...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env, encoding: 'utf8' });
	let result = install();
	if (result.status !== 0) {
		// Package lists can be missing or stale on a fresh machine.
		spawnSync('apt-get', ['update'], { env, encoding: 'utf8' });
		result = install();
	}
	if (result.status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed: ${(result.stderr || result.stdout).slice(-500)}`);
}

/** Installs what is missing. Returns the Redis binary and PostgreSQL's bin folder. */
export function ensureQueueServices(log: Log = (line) => process.stderr.write(`${line}\n`)): { redisServer: string; postgresBin: string } {
	const missing = [...(which('redis-server') ? [] : ['redis-server']), ...(postgresBin() ? [] : ['postgresql'])];
	if (missing.length) aptInstall(missing, log);
	const redisServer = which('redis-server');
	const bin = postgresBin();
	if (!redisServer || !bin) throw new Error('Redis or PostgreSQL is still missing after installing them');
	return { redisServer, postgresBin: bin };
}

async function waitUntil(check: () => boolean, what: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
		if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

export async function startRedis(redisServer: string): Promise<Service> {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kick-redis-'));
	const child = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await waitUntil(() => output.includes('Ready to accept connections'), 'redis-server', child);
	return {
		port,
		stop: async () => {
			await stopChild(child);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export const POSTGRES_USER = 'n8n';
export const POSTGRES_DATABASE = 'postgres';

export async function startPostgres(bin: string): Promise<Service> {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kick-postgres-'));
	if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', dir]);
	const [initCommand, initArgs] = asPostgres(path.join(bin, 'initdb'), ['-D', path.join(dir, 'data'), '-U', POSTGRES_USER, '--auth=trust', '--no-sync', '-E', 'UTF8']);
	const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed: ${(init.stderr || init.stdout).slice(-500)}`);
	const [command, args] = asPostgres(path.join(bin, 'postgres'), [
		'-D', path.join(dir, 'data'),
		'-p', String(port),
		'-k', dir,
		'-c', 'listen_addresses=127.0.0.1',
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'max_connections=200',
	]);
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await waitUntil(() => output.includes('ready to accept connections'), 'postgres', child);
	return {
		port,
		stop: async () => {
			// postgres runs as a child of runuser: a fast shutdown of the server itself.
			spawnSync('pkill', ['-INT', '-f', `postgres -D ${path.join(dir, 'data')}`]);
			await stopChild(child, 'SIGINT');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}
