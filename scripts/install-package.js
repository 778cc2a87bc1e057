// Installs this package into an n8n user folder the way n8n installs a community package:
// the `npm pack` tarball, unpacked into <userFolder>/.n8n/nodes/node_modules. Peer
// dependencies are not installed, so the nodes resolve n8n-workflow to n8n's own copy.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

/** Builds (unless told not to) and packs the package; returns the tarball path. */
function packPackage({ build = true } = {}) {
	if (build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'kick-pack-'));
	const output = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: ROOT, encoding: 'utf8' });
	return path.join(destination, output.trim().split('\n').pop());
}

function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	execFileSync('npm', ['install', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
		cwd: nodesDir,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

module.exports = { packPackage, installPackage };
