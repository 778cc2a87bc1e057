/**
 * The layering docs/ARCHITECTURE.md states, checked on every import of the shipped code: a
 * module imports only from its own folder, from a layer below it, or from shared/.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const KICK = path.join(ROOT, 'nodes', 'Kick');

/** Layers from the bottom up, as docs/ARCHITECTURE.md draws them. */
const LAYERS: string[][] = [
	['shared'],
	['transport'],
	['client'],
	['events', 'subscriptions'],
	['actions', 'webhook', 'socket', 'poll', 'methods'],
	['.'],
];

function layerOf(file: string): { folder: string; layer: number } {
	const relative = path.relative(KICK, file);
	if (relative.startsWith('..')) return { folder: 'credentials', layer: LAYERS.length };
	// A file of the node's own folder is the top layer; an import of a folder (its index) names that folder.
	const isFolder = fs.existsSync(file) && fs.statSync(file).isDirectory();
	const folder = relative.includes(path.sep) || isFolder ? (relative.split(path.sep)[0] as string) : '.';
	const layer = LAYERS.findIndex((names) => names.includes(folder));
	if (layer === -1) throw new Error(`${relative}: its folder is not in docs/ARCHITECTURE.md's layers`);
	return { folder, layer };
}

function sources(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

describe('layering', () => {
	it('has no import that goes up a layer or across to a sibling folder of its layer', () => {
		const files = [...sources(KICK), ...sources(path.join(ROOT, 'credentials'))];
		const wrong: string[] = [];
		for (const file of files) {
			const from = layerOf(file);
			for (const match of fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
				const target = path.resolve(path.dirname(file), match[1] as string);
				if (target.startsWith(path.join(ROOT, 'credentials'))) continue;
				const to = layerOf(target);
				const allowed = to.folder === from.folder || to.layer < from.layer;
				if (!allowed) wrong.push(`${path.relative(ROOT, file)} → ${match[1]}`);
			}
		}
		expect(wrong).toEqual([]);
	});
});
