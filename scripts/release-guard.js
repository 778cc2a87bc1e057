#!/usr/bin/env node
// prepublishOnly: n8n-nodes-kick is published only by the Publish workflow
// (.github/workflows/publish.yml), on GitHub Actions, with npm provenance, from a tag that
// matches the version, in the repository package.json names. n8n's verification checks that
// provenance; a package published from a laptop would not pass it. (package.json is also
// `private`, which stops a plain `npm publish` even where install scripts are turned off.)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function problems(env, manifest) {
	const found = [];
	if (env.GITHUB_ACTIONS !== 'true') found.push('it is not running on GitHub Actions');
	if (env.GITHUB_WORKFLOW_REF && !/\/\.github\/workflows\/publish\.yml@/.test(env.GITHUB_WORKFLOW_REF)) found.push(`it is not the Publish workflow (${env.GITHUB_WORKFLOW_REF})`);
	if (env.npm_config_provenance !== 'true') found.push('npm publish was not run with --provenance');
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
