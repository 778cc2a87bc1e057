/**
 * Codex files (X.node.json beside X.node.ts): every node package.json registers with n8n has one
 * (n8n's loader reads `<compiled node>.json`, n8n-core nodes-loader/directory-loader.ts), and it
 * agrees with its node. `node` is `<package>.<name>`; `nodeVersion` holds the node's `version`
 * as n8n's codex docs ask ("the same value as the version parameter in your main node file",
 * written like "1.0"), and for a node with several versions the current one: its
 * `defaultVersion`, else the last of its `version` list (as n8n-workflow's VersionedNodeType
 * picks `currentVersion`; the loader registers a node with the last of its list).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const registered: string[] = manifest.n8n.nodes;

/** The node a dist/ path in package.json names (the class named like its file, as n8n's loader finds it), from its TypeScript source. */
function loadNode(distPath: string): { source: string; node: INodeType | IVersionedNodeType } {
	const source = distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');
	const className = path.basename(source, '.node.ts');
	const Class = (require(path.join(ROOT, source)) as Record<string, new () => INodeType | IVersionedNodeType>)[className];
	expect(typeof Class).toBe('function');
	return { source, node: new (Class as new () => INodeType | IVersionedNodeType)() };
}

function currentVersion(node: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in node) return node.currentVersion;
	const { version, defaultVersion } = node.description;
	return defaultVersion ?? (Array.isArray(version) ? version[version.length - 1] : version);
}

describe('codex files', () => {
	it.each(registered)('%s has a codex file that agrees with the node', (distPath) => {
		const { source, node } = loadNode(distPath);
		const codexPath = path.join(ROOT, source.replace(/\.ts$/, '.json'));
		expect(fs.existsSync(codexPath)).toBe(true);
		const codex = JSON.parse(fs.readFileSync(codexPath, 'utf8'));

		expect(codex.node).toBe(`${manifest.name}.${node.description.name}`);
		expect(codex.nodeVersion).toMatch(/^\d+\.\d+$/);
		expect({ source, nodeVersion: Number(codex.nodeVersion) }).toEqual({ source, nodeVersion: currentVersion(node) });
	});
});
