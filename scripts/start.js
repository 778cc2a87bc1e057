#!/usr/bin/env node
// `npm start [-- --port 5678] [-- --demo]`: builds this package, installs the packed tarball into
// a local n8n (SQLite, user folder .n8n-local/, kept between runs) and starts it with an owner
// account. The first run installs the n8n runtime (runtime/n8n, cached afterwards).
//
// --demo also starts the Kick emulator and a Discord-webhook stand-in, creates credentials
// pointing at them, imports and publishes the example workflows, and sends a few signed Kick
// events, so you can watch events arrive and messages leave without a Kick account.
//
// Ctrl+C stops everything.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.join(__dirname, '..');
const USER_FOLDER = path.join(ROOT, '.n8n-local');

const HELP = `Usage: npm start [-- options]

Builds n8n-nodes-kick and starts a local n8n with it at http://localhost:5678.

Options:
  --port <n>     n8n's port (default 5678)
  --demo         also start the Kick emulator and a local Discord stand-in, import and publish
                 the example workflows, and send sample Kick events through them
  --fresh        start from an empty n8n (deletes .n8n-local/ first: workflows, credentials, login)
  --no-lazy-isolates
                 run n8n's expression engine with its default isolate handling instead of
                 N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (see docs/performance-and-reliability.md, "For n8n administrators")
  -h, --help     this text
`;

function log(line = '') {
	process.stdout.write(`${line}\n`);
}

function parse() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '5678' },
			demo: { type: 'boolean', default: false },
			fresh: { type: 'boolean', default: false },
			'no-lazy-isolates': { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
		allowPositionals: false,
	});
	// `npm start --demo` (without the `--`) reaches us only as npm config in the environment.
	const npmFlag = (name) => process.env[`npm_config_${name}`] === 'true' || process.env[`npm_config_${name}`] === '';
	if (npmFlag('demo')) values.demo = true;
	if (npmFlag('fresh')) values.fresh = true;
	if (npmFlag('no_lazy_isolates') || npmFlag('no-lazy-isolates')) values['no-lazy-isolates'] = true;
	if (values.port === '5678' && /^\d+$/.test(process.env.npm_config_port ?? '')) values.port = process.env.npm_config_port;
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number (1-65535), got '${values.port}'`);
	return { port, demo: values.demo, fresh: values.fresh, lazyIsolates: !values['no-lazy-isolates'], help: values.help };
}

async function portIsFree(port) {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Runs scripts/runtime.js in a child process, printing a line every 20 s while npm works. */
async function installRuntime() {
	const { spawn } = require('node:child_process');
	const began = Date.now();
	const child = spawn(process.execPath, [path.join(__dirname, 'runtime.js')], { stdio: 'inherit' });
	const timer = setInterval(() => log(`[start] ...still installing the n8n runtime (${Math.round((Date.now() - began) / 1000)} s)`), 20_000);
	const code = await new Promise((resolve) => child.once('exit', resolve));
	clearInterval(timer);
	if (code !== 0) throw new Error(`installing the n8n runtime failed (exit code ${code}); see the npm output above`);
}

async function main() {
	const options = parse();
	if (options.help) {
		log(HELP);
		return;
	}
	if (!(await portIsFree(options.port))) {
		throw new Error(`port ${options.port} is in use (another n8n?). Stop it, or pick another: npm start -- --port 5679`);
	}
	if (options.fresh && fs.existsSync(USER_FOLDER)) {
		log('[start] --fresh: deleting .n8n-local/');
		fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	}

	// The harness and the emulator are TypeScript; ts-node (a devDependency) runs them directly.
	require('ts-node').register({ transpileOnly: true, project: path.join(ROOT, 'tsconfig.test.json') });
	const runtime = require('./runtime.js');
	const packaging = require('./install-package.js');

	const started = Date.now();
	if (!runtime.isReady()) {
		log('[start] first run: installing the n8n runtime (n8n 2.41 + Node 24) into runtime/n8n — a few minutes, cached afterwards');
		await installRuntime();
	}
	// After the runtime exists: the harness reads n8n's own modules.
	const { startN8n, N8nClient, OWNER } = require('../test/harness');
	log('[start] building and packing n8n-nodes-kick...');
	const tarball = packaging.packPackage();
	// n8n keeps its isolated expression engine; an isolate is only taken when an expression is
	// evaluated, so a Kick delivery (or one the trigger filters out) needs none.
	const env = options.lazyIsolates ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } : {};
	log(`[start] starting n8n on port ${options.port} (user folder .n8n-local/, log .n8n-local/n8n.log)...`);
	log(
		options.lazyIsolates
			? '[start] with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (expression isolates only when an expression runs; --no-lazy-isolates to turn off)'
			: "[start] with n8n's default expression isolate handling (--no-lazy-isolates)",
	);
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	fs.writeFileSync(path.join(USER_FOLDER, 'n8n.log'), ''); // this run's log only
	const n8n = await startN8n({
		userFolder: USER_FOLDER,
		port: options.port,
		tarball,
		keepUserFolder: true,
		ownProcessGroup: true,
		host: 'localhost',
		env,
		log: (line) => log(line),
	});
	// Never leave n8n running behind us, whatever happens to this process.
	process.once('exit', () => {
		if (n8n.child.exitCode === null) n8n.child.kill('SIGKILL');
	});
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });

	let demo;
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		log('\n[start] stopping...');
		try {
			await demo?.stop();
		} catch (error) {
			log(`[start] demo cleanup: ${error instanceof Error ? error.message : error}`);
		}
		await n8n.stop();
		log('[start] stopped.');
		process.exit(code);
	};
	process.once('SIGINT', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));
	n8n.child.once('exit', (exitCode) => {
		if (stopping) return;
		log(`[start] n8n exited unexpectedly (code ${exitCode}); see .n8n-local/n8n.log`);
		void stop(1);
	});

	let client;
	try {
		client = await N8nClient.login(n8n.baseUrl);
	} catch (error) {
		log(`[start] could not log in as ${OWNER.email}: ${error instanceof Error ? error.message : error}`);
		log('[start] (changed the password in the UI? Use yours, or `npm start -- --fresh` for a new instance.)');
	}

	if (options.demo && client) {
		const { startDemo } = require('./demo.js');
		demo = await startDemo({ client, n8n, log });
	} else if (client) {
		// A clean instance: drop what an earlier `--demo` left (it points at an emulator that is gone).
		const { removePreviousDemo } = require('./demo.js');
		const removed = await removePreviousDemo(client);
		if (removed.workflows || removed.credentials) {
			log(`[start] removed the previous demo's ${removed.workflows} workflows and ${removed.credentials} credentials ("[demo] …")`);
		}
	}

	log('');
	log(`  n8n is ready at ${n8n.baseUrl}   (started in ${Math.round((Date.now() - started) / 1000)} s)`);
	log(`  Log in with     ${OWNER.email}  /  ${OWNER.password}`);
	log('  Kick nodes      search "Kick" in the nodes panel (Kick, Kick Trigger)');
	if (!options.demo) log('  Try the demo    npm start -- --demo   (Kick emulator, example workflows, sample events)');
	log('  Stop            Ctrl+C');
	log('');
	if (!demo) return;
	try {
		await demo.run();
	} catch (error) {
		// Ctrl+C during the walkthrough: n8n goes away under the step running then, and stop()
		// finishes the job; any other failure is the demo's.
		if (!stopping) throw error;
	}
}

main().catch((error) => {
	process.stderr.write(`[start] ${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
});
