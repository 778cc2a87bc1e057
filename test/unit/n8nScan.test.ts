/**
 * n8n's verification scan (scripts/n8n-scan.mjs, run by `npm run lint` over this package): on a
 * throwaway package it reports what n8n's scanner reports, in both of its lint legs: the source
 * (package.json, nodes/, credentials/) and the tarball `npm pack` makes (its .js files and
 * package.json). An eslint-disable comment does not hide a finding, and files outside those legs
 * are not scanned.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'n8n-scan.mjs');
const HIDDEN_LOG = "// eslint-disable-next-line no-console\nconsole.log('shipped');\n";

function writeFiles(root: string, files: Record<string, string>) {
	for (const [relative, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
		fs.writeFileSync(path.join(root, relative), text);
	}
}

/** Rule ids reported per file, for each leg of the scan's output. */
function findings(output: string): Record<string, Record<string, string[]>> {
	const legs: Record<string, Record<string, string[]>> = {};
	let leg: Record<string, string[]> = {};
	let file = '';
	for (const raw of output.split('\n')) {
		const line = raw.replace(/\u001b\[[0-9;]*m/g, '');
		const header = /^n8n scan, (\w+):/.exec(line);
		if (header) {
			leg = legs[header[1]] = {};
			file = '';
		} else if (line.startsWith('/')) {
			file = line.trim();
			leg[file] = [];
		} else if (file && /^\s+\d+:\d+\s+error\s/.test(line)) {
			leg[file].push(line.trim().split(/\s+/).pop()!);
		}
	}
	return legs;
}

const rulesFor = (leg: Record<string, string[]>, suffix: string) =>
	Object.entries(leg)
		.filter(([file]) => file.endsWith(suffix))
		.flatMap(([, rules]) => rules);

describe("n8n's verification scan", () => {
	let dir: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kick-scan-fixture-'));
		writeFiles(dir, {
			'package.json': JSON.stringify({
				name: 'n8n-nodes-scan-fixture',
				version: '1.0.0',
				private: true,
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: { n8nNodesApiVersion: 1, nodes: ['dist/nodes/Fixture/Fixture.node.js'] },
				dependencies: { 'left-pad': '1.3.0' },
				peerDependencies: { 'n8n-workflow': '*' },
			}),
			'nodes/Fixture/Fixture.node.ts': HIDDEN_LOG,
			'dist/nodes/Fixture/Fixture.node.js': HIDDEN_LOG,
			// Neither in nodes/ or credentials/ nor in the tarball: not scanned.
			'test/helper.js': HIDDEN_LOG,
			'unshipped.js': HIDDEN_LOG,
		});
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('fails on the source and on the packed tarball, whatever eslint-disable comments say', () => {
		const result = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
		expect(result.stderr).toBe('');
		expect(result.status).toBe(1);
		const { source, tarball } = findings(result.stdout);

		expect(rulesFor(source, '/nodes/Fixture/Fixture.node.ts')).toContain('no-console');
		expect(rulesFor(source, '/package.json')).toContain('@n8n/community-nodes/no-runtime-dependencies');
		expect(rulesFor(tarball, '/dist/nodes/Fixture/Fixture.node.js')).toContain('no-console');
		expect(rulesFor(tarball, '/package.json')).toContain('@n8n/community-nodes/no-runtime-dependencies');

		const scanned = [...Object.keys(source), ...Object.keys(tarball)];
		expect(scanned.filter((file) => /\/(test\/helper|unshipped)\.js$/.test(file))).toEqual([]);
		// The tarball leg reads what npm packed, not the source folder.
		expect(Object.keys(tarball).filter((file) => file.startsWith(`${dir}/`))).toEqual([]);
		expect(result.stdout).toMatch(/verification scan \(@n8n\/scan-community-package \d+\.\d+\.\d+: .*\) failed/);
	});

	it('refuses a tarball that lacks the files package.json registers with n8n (not built), instead of passing it empty', () => {
		const unbuilt = fs.mkdtempSync(path.join(os.tmpdir(), 'kick-scan-unbuilt-'));
		try {
			const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
			writeFiles(unbuilt, { 'package.json': JSON.stringify({ ...manifest, dependencies: undefined }) });
			const result = spawnSync(process.execPath, [SCRIPT, unbuilt], { encoding: 'utf8' });
			expect(result.status).toBe(1);
			expect(result.stderr).toMatch(/lacks dist\/nodes\/Fixture\/Fixture\.node\.js .*npm run build/);
		} finally {
			fs.rmSync(unbuilt, { recursive: true, force: true });
		}
	});
});
