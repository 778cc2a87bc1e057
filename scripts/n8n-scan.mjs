#!/usr/bin/env node
// n8n's verification scan, run over this package as n8n runs it. n8n verifies a community
// package with @n8n/scan-community-package; this runs that scanner's own code and ESLint config
// (the pinned devDependency, with the rule-set versions it pins) over the two things it lints:
//
//   source   package.json + {nodes,credentials}/**/*.{js,ts,json} of the repository
//   tarball  every **/*.js + package.json of what `npm pack` makes, with `private` removed as the
//            Publish workflow removes it before publishing
//
// ESLint runs with allowInlineConfig: false there, so eslint-disable comments do not count.
// The scanner's other steps need the version on the npm registry: the provenance gate (npm's
// provenance attestation for that version) and the download of the source from the commit the
// attestation names. They cannot run before a release is published.
//
// Usage: node scripts/n8n-scan.mjs [package folder]   (default: this repository, built)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const SCANNER = '@n8n/scan-community-package';
// What the scanner lints in the published tarball (analyzePackageByName in its scanner.mjs).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const scannerEntry = createRequire(import.meta.url).resolve(`${SCANNER}/scanner/scanner.mjs`);
const requireFromScanner = createRequire(scannerEntry);
// The scanner makes a temporary folder for registry downloads when it loads; remove it on exit.
requireFromScanner('tmp').setGracefulCleanup();

/** The installed version of a package the scanner itself resolves. */
function versionOf(name) {
	let dir = path.dirname(name === SCANNER ? scannerEntry : requireFromScanner.resolve(name));
	while (dir !== path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (fs.existsSync(manifest)) {
			const { name: found, version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
			if (found === name) return version;
		}
		dir = path.dirname(dir);
	}
	return '?';
}

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${(result.stderr || result.error?.message || '').trim()}`);
	}
	return result.stdout;
}

/** Packs the package as npm publish would and unpacks the tarball into a new folder. */
function packAndUnpack(packageDir, workDir) {
	const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', workDir], packageDir));
	const unpacked = path.join(workDir, 'package');
	fs.mkdirSync(unpacked);
	run('tar', ['-xzf', path.join(workDir, path.basename(filename)), '-C', unpacked, '--strip-components=1'], workDir);
	const manifestPath = path.join(unpacked, 'package.json');
	const { private: _private, ...published } = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	fs.writeFileSync(manifestPath, `${JSON.stringify(published, null, 2)}\n`);
	// A tarball without the built files would pass the scan with nothing in it to lint.
	const registered = [...(published.n8n?.nodes ?? []), ...(published.n8n?.credentials ?? [])];
	const missing = registered.filter((file) => !fs.existsSync(path.join(unpacked, file)));
	if (missing.length) throw new Error(`the packed tarball lacks ${missing.join(', ')} (package.json "n8n"): run \`npm run build\` first`);
	return unpacked;
}

/** Both lint legs of the scan; each result is the scanner's own { passed, message, details }. */
export async function scan(packageDir) {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	try {
		const tarballDir = packAndUnpack(packageDir, workDir);
		return {
			source: await analyzePackage(packageDir, SOURCE_FILE_PATTERNS),
			tarball: await analyzePackage(tarballDir, TARBALL_FILE_PATTERNS),
		};
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const packageDir = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
	const rules = `${SCANNER} ${versionOf(SCANNER)}: @n8n/eslint-plugin-community-nodes ${versionOf('@n8n/eslint-plugin-community-nodes')}, ` +
		`eslint-plugin-n8n-nodes-base ${versionOf('eslint-plugin-n8n-nodes-base')}`;
	let legs;
	try {
		legs = await scan(packageDir);
	} catch (error) {
		process.stderr.write(`n8n scan: ${error instanceof Error ? error.message : error}\n`);
		process.exit(1);
	}
	let failed = false;
	for (const [leg, result] of Object.entries(legs)) {
		process.stdout.write(`n8n scan, ${leg}: ${result.passed ? 'passed' : `failed (${result.message})`}\n`);
		if (!result.passed) {
			failed = true;
			process.stdout.write(`${result.details ?? ''}\n`);
		}
	}
	const summary = Object.entries(legs).map(([leg, result]) => `${leg} ${result.passed ? 'passed' : 'failed'}`).join(', ');
	process.stdout.write(`n8n's verification scan (${rules}) ${failed ? 'failed' : 'passed'}: ${summary}.\n`);
	process.exitCode = failed ? 1 : 0;
}
