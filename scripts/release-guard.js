#!/usr/bin/env node
// prepublishOnly: n8n-nodes-kick is published only by the Publish workflow
// (.github/workflows/publish.yml), on GitHub Actions, from a tag that matches the version, in the
// repository package.json names, through npm's trusted publishing (the job's OIDC identity, no
// npm token) and with npm provenance. n8n's verification checks that provenance; a package
// published from a laptop would not pass it. (package.json is also `private`, which stops a
// plain `npm publish` even where install scripts are turned off.)
//
// npm runs prepublishOnly before it exchanges the OIDC token (lib/commands/publish.js in npm's
// CLI), so the guard sees what the job asked for, not the result: --provenance, a job that may
// request an OIDC token, an npm that can use it, and no token of its own.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// https://docs.npmjs.com/trusted-publishers: "npm CLI version 11.5.1 or later and Node version 22.14.0 or higher".
const TRUSTED_PUBLISHING = { npm: [11, 5, 1], node: [22, 14, 0] };

/** [major, minor, patch] of `<name>/v?1.2.3` in npm's user agent, or undefined. */
function versionIn(userAgent, name) {
	const match = new RegExp(`(?:^|\\s)${name}/v?(\\d+)\\.(\\d+)\\.(\\d+)`).exec(userAgent ?? '');
	return match ? match.slice(1).map(Number) : undefined;
}

function atLeast(version, minimum) {
	for (let i = 0; i < minimum.length; i++) {
		if (version[i] !== minimum[i]) return version[i] > minimum[i];
	}
	return true;
}

function problems(env, manifest) {
	const found = [];
	if (env.GITHUB_ACTIONS !== 'true') found.push('it is not running on GitHub Actions');
	if (env.GITHUB_WORKFLOW_REF && !/\/\.github\/workflows\/publish\.yml@/.test(env.GITHUB_WORKFLOW_REF)) found.push(`it is not the Publish workflow (${env.GITHUB_WORKFLOW_REF})`);
	if (env.npm_config_provenance !== 'true') found.push('npm publish was not run with --provenance');
	if (!env.ACTIONS_ID_TOKEN_REQUEST_URL) {
		found.push('the job cannot request an OIDC token for trusted publishing (it needs `permissions: id-token: write`)');
	}
	// setup-node before v7 exported a dummy value when given a registry-url.
	if (env.NODE_AUTH_TOKEN && env.NODE_AUTH_TOKEN !== 'XXXXX-XXXXX-XXXXX-XXXXX') {
		found.push('NODE_AUTH_TOKEN is set: releases are published through trusted publishing, with no npm token');
	}
	const npm = versionIn(env.npm_config_user_agent, 'npm');
	const node = versionIn(env.npm_config_user_agent, 'node');
	if (!npm || !node || !atLeast(npm, TRUSTED_PUBLISHING.npm) || !atLeast(node, TRUSTED_PUBLISHING.node)) {
		const running = npm && node ? `npm ${npm.join('.')} on Node ${node.join('.')}` : 'an npm whose version is unknown';
		const needed = `npm ${TRUSTED_PUBLISHING.npm.join('.')} or later on Node ${TRUSTED_PUBLISHING.node.join('.')} or later`;
		found.push(`it runs ${running}: trusted publishing needs ${needed}`);
	}
	const tag = `v${manifest.version}`;
	if (env.GITHUB_REF_TYPE !== 'tag' || env.GITHUB_REF_NAME !== tag) found.push(`it is not running for the tag ${tag} (package.json version ${manifest.version})`);
	const repository = String(manifest.repository?.url ?? manifest.repository ?? '')
		.replace(/^git\+/, '')
		.replace(/\.git$/, '');
	const expected = `https://github.com/${env.GITHUB_REPOSITORY ?? '?'}`;
	if (repository.toLowerCase() !== expected.toLowerCase()) found.push(`package.json's repository (${repository || 'none'}) is not the repository publishing it (${expected})`);
	return found;
}

module.exports = { problems };

if (require.main === module) {
	const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
	const found = problems(process.env, manifest);
	if (found.length) {
		process.stderr.write(
			`Refusing to publish ${manifest.name}@${manifest.version}:\n${found.map((problem) => `- ${problem}`).join('\n')}\n` +
				'Releases are published by the Publish workflow: push a tag v<version> (see CONTRIBUTING.md, "Releasing").\n',
		);
		process.exit(1);
	}
}
