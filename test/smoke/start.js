#!/usr/bin/env node
// The README's `npm start` as a newcomer uses it, checked from the outside (CI runs this after
// `npm test`):
//
//   node test/smoke/start.js           npm start on a free port: it answers, the login it prints
//                                      works, every node of this package is listed, Ctrl+C stops
//                                      it, and nothing it started is left running
//   node test/smoke/start.js --demo    the same with `-- --demo`: at least one message reaches
//                                      the Discord stand-in, and a chat command on the live
//                                      socket gets its reply in Kick chat
//
// It drives `npm start` through npm in its own process group and stops it with SIGINT to that
// group, which is what Ctrl+C in a terminal does. Exit code 0 when everything held.
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const demo = process.argv.includes('--demo');
const START_TIMEOUT_MS = 15 * 60_000; // includes a first-run runtime install
const DEMO_TIMEOUT_MS = 3 * 60_000;
const STOP_TIMEOUT_MS = 60_000;

const log = (line) => process.stdout.write(`[smoke${demo ? ' --demo' : ''}] ${line}\n`);

async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function listening(port) {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** pid → command line of every process, to tell afterwards what this run started. */
function processes() {
	const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
	const table = new Map();
	for (const line of out.split('\n')) {
		const match = /^\s*(\d+)\s+(.*)$/.exec(line);
		if (match) table.set(Number(match[1]), match[2]);
	}
	return table;
}

/** The node type names this package declares (dist/nodes/Kick/KickTrigger.node.js → n8n-nodes-kick.kickTrigger). */
function expectedNodeTypes() {
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return manifest.n8n.nodes.map((file) => {
		const base = path.basename(file, '.node.js');
		return `${manifest.name}.${base[0].toLowerCase()}${base.slice(1)}`;
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
	const port = await freePort();
	const before = processes();
	const args = ['start', '--', '--port', String(port), ...(demo ? ['--demo'] : [])];
	log(`npm ${args.join(' ')}`);
	const child = spawn('npm', args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const onData = (chunk) => {
		const text = chunk.toString();
		output += text;
		for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`    | ${line}\n`);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	let childExit;
	void exited.then((result) => (childExit = result));

	const problems = [];
	const waitFor = async (pattern, timeoutMs, what) => {
		for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
			const match = pattern.exec(output);
			if (match) return match;
			if (childExit) throw new Error(`npm start exited (${JSON.stringify(childExit)}) before ${what}`);
			await sleep(250);
		}
		throw new Error(`no ${what} within ${Math.round(timeoutMs / 1000)} s`);
	};

	try {
		const ready = await waitFor(/n8n is ready at (http:\/\/\S+)/, START_TIMEOUT_MS, '"n8n is ready" line');
		const baseUrl = ready[1];
		const [, email, password] = await waitFor(/Log in with\s+(\S+@\S+)\s+\/\s+(\S+)/, 10_000, 'login line');
		const health = await fetch(`${baseUrl}/healthz`);
		if (!health.ok) problems.push(`GET /healthz answered ${health.status}`);

		const login = await fetch(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'kick-smoke' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (!login.ok) throw new Error(`logging in with the printed credentials failed: ${login.status}`);
		const cookie = (login.headers.getSetCookie?.() ?? []).find((value) => value.startsWith('n8n-auth='))?.split(';')[0] ?? '';
		log(`logged in as ${email}`);

		const types = await fetch(`${baseUrl}/types/nodes.json`, { headers: { cookie, 'browser-id': 'kick-smoke' } });
		if (!types.ok) throw new Error(`GET /types/nodes.json answered ${types.status}`);
		const listed = new Set((await types.json()).map((type) => type.name));
		for (const name of expectedNodeTypes()) {
			if (listed.has(name)) log(`node type listed: ${name}`);
			else problems.push(`node type ${name} is not listed by n8n`);
		}

		if (demo) {
			const message = await waitFor(/← Discord #(\S+): (.*)/, DEMO_TIMEOUT_MS, 'message reaching the Discord stand-in');
			log(`Discord stand-in received a message in #${message[1]}`);
			const reply = await waitFor(/← Kick chat \(as NeonVale\): (@quietorbit YouTube: .*)/, DEMO_TIMEOUT_MS, 'reply to the live-socket chat command');
			log(`Kick Chat Trigger workflow replied in chat: ${reply[1].slice(0, 60)}…`);
		}
	} catch (error) {
		problems.push(error instanceof Error ? error.message : String(error));
	}

	// Ctrl+C: SIGINT to the whole foreground group (npm, its shell, start.js).
	log('stopping (SIGINT to the process group, like Ctrl+C)');
	try {
		process.kill(-child.pid, 'SIGINT');
	} catch {
		// already gone
	}
	const stopped = await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => undefined)]);
	if (!stopped) {
		problems.push(`npm start did not exit within ${STOP_TIMEOUT_MS / 1000} s of Ctrl+C`);
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// gone
		}
	} else if (!/\[start\] stopped\./.test(output)) {
		problems.push('npm start exited without "[start] stopped."');
	}

	// Nothing left behind: the port is closed and no process started since then runs from this project.
	await sleep(1000);
	if (await listening(port)) problems.push(`port ${port} still accepts connections after stopping`);
	const left = [...processes()].filter(([pid, args]) => !before.has(pid) && pid !== process.pid && args.includes(ROOT) && !args.startsWith('ps '));
	for (const [pid, args] of left) {
		problems.push(`left running: ${pid} ${args.slice(0, 160)}`);
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// gone
		}
	}

	if (problems.length) {
		for (const problem of problems) log(`FAILED: ${problem}`);
		process.exit(1);
	}
	log('passed: started, answered, logged in, nodes listed, stopped cleanly, nothing left running');
}

main().catch((error) => {
	log(`FAILED: ${error instanceof Error ? error.stack : error}`);
	process.exit(1);
});
