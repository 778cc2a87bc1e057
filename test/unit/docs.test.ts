/**
 * The repository's own text: every section of docs/kick-api.md that a source comment cites
 * exists, the text users and reviewers read is written in American English, the README (also
 * the package's page on npm, where only the published files exist) is a short front door that
 * links to the repository with absolute URLs that point at files and headings that exist, and
 * the manual's pages link only to files and headings that exist.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Kick } from '../../nodes/Kick/Kick.node';
import { brokenTarget, links, REPOSITORY, repositoryTarget, ROOT } from '../support/markdown';
const DOC = 'docs/kick-api.md';

function filesUnder(folder: string, extensions: readonly string[]): string[] {
	const found: string[] = [];
	const walk = (relative: string) => {
		for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
			const child = path.posix.join(relative, entry.name);
			if (entry.isDirectory()) {
				if (entry.name !== 'node_modules') walk(child);
			} else if (extensions.some((extension) => entry.name.endsWith(extension))) {
				found.push(child);
			}
		}
	};
	if (fs.existsSync(path.join(ROOT, folder))) walk(folder);
	return found;
}

const read = (relative: string) => fs.readFileSync(path.join(ROOT, relative), 'utf8');

describe(DOC, () => {
	const doc = read(DOC);
	const sections = new Set([...doc.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((match) => match[1]));

	it('numbers its sections', () => {
		expect(sections.size).toBeGreaterThan(40);
		for (const section of ['1.6', '2.2', '3.2', '4.10', '6.3', '6.5', '8', '9.2', '10.2', '11.1']) expect(sections).toContain(section);
	});

	it('has every section a source file cites', () => {
		const missing: string[] = [];
		for (const file of ['nodes', 'credentials', 'test', 'scripts'].flatMap((folder) => filesUnder(folder, ['.ts', '.js']))) {
			const text = read(file);
			if (!text.includes(DOC)) continue;
			// In a file that points at the doc, every other § is the doc's too (RFC sections aside).
			for (const match of text.matchAll(/§(\d+(?:\.\d+)?)/g)) {
				const before = text.slice(Math.max(0, match.index - 12), match.index);
				if (/RFC \d+ $|DESIGN\.md $/.test(before)) continue;
				if (!sections.has(match[1])) missing.push(`${file}: §${match[1]}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('speaks only of Kick and this project', () => {
		expect(doc).not.toMatch(/REFERENCE\.md|NOTES\.md|kick-live\/|payloads\//);
	});
});

describe('American English', () => {
	/** British spellings (and word stems) that have crept in before. */
	const BRITISH = /authoris|organis|colour|behaviour|recognis|normalis|serialis|initialis|favourit|cancelled|honour|labelled|flavour|neighbour|capitalis|analys(e|ing)\b|customis|optimis|licence|catalogue/i;

	it('in node, credential and example text, docs and tests', () => {
		const files = [
			...filesUnder('nodes', ['.ts', '.json']),
			...filesUnder('credentials', ['.ts']),
			...filesUnder('examples', ['.json', '.md']),
			...filesUnder('docs', ['.md']),
			'CONTRIBUTING.md',
			...filesUnder('test/unit', ['.ts']),
			...filesUnder('test/emulator', ['.ts']),
			...filesUnder('test/integration', ['.ts']),
			...filesUnder('test/e2e', ['.ts']),
			'README.md',
		].filter((file) => file !== 'test/unit/docs.test.ts');
		const found: string[] = [];
		for (const file of files) {
			read(file)
				.split('\n')
				.forEach((line, index) => {
					const match = BRITISH.exec(line);
					if (match) found.push(`${file}:${index + 1}: ${match[0]}`);
				});
		}
		expect(found).toEqual([]);
	});
});

describe('README.md', () => {
	const readme = read('README.md');
	const manifest = JSON.parse(read('package.json')) as { repository: { url: string }; homepage: string; bugs?: { url: string } };
	const readmeLinks = links(readme);

	it('is the front door: at most 250 lines, the rest in docs/', () => {
		expect(readme.split('\n').length).toBeLessThanOrEqual(250);
	});

	it("links only absolutely (npm shows the README without the repository's files), except to its own headings", () => {
		expect(readmeLinks.filter((link) => !/^(https?:\/\/|#)/.test(link))).toEqual([]);
	});

	it('links into the repository package.json names, to files and headings that exist', () => {
		const broken: string[] = [];
		for (const link of readmeLinks) {
			const target = repositoryTarget(link);
			if (link.includes('n8n-nodes-kick/n8n-nodes-kick') && !target && link !== REPOSITORY) broken.push(`not this repository: ${link}`);
			const problem = target && brokenTarget(target);
			if (problem) broken.push(`${link}: ${problem}`);
		}
		expect(broken).toEqual([]);
		expect(manifest.homepage.startsWith(REPOSITORY)).toBe(true);
	});

	it('links to every page of the manual', () => {
		const linked = new Set(readmeLinks.map((link) => repositoryTarget(link)?.file));
		const pages = [...filesUnder('docs', ['.md']), 'CONTRIBUTING.md'];
		expect(pages.filter((page) => !linked.has(page))).toEqual([]);
	});

	it('shows every screenshot, and `npm run screenshots` takes each of them', () => {
		const shown = new Set(readmeLinks.map((link) => repositoryTarget(link)?.file).filter((file) => file?.startsWith('examples/screenshots/')));
		const files = fs.readdirSync(path.join(ROOT, 'examples', 'screenshots')).filter((file) => file.endsWith('.png'));
		const script = read('scripts/screenshots.js');
		expect(files.filter((file) => !shown.has(`examples/screenshots/${file}`))).toEqual([]);
		expect(files.filter((file) => !script.includes(`'${file.replace(/\.png$/, '')}'`))).toEqual([]);
		expect([...shown].filter((file) => !files.includes(path.basename(file as string)))).toEqual([]);
	});
});

describe('the manual (docs/ and CONTRIBUTING.md)', () => {
	const pages = [...filesUnder('docs', ['.md']), 'CONTRIBUTING.md'];

	it.each(pages)('%s links to files and headings that exist', (page) => {
		const broken: string[] = [];
		for (const link of links(read(page))) {
			const target = repositoryTarget(link, page);
			const problem = target && brokenTarget(target);
			if (problem) broken.push(`${link}: ${problem}`);
		}
		expect(broken).toEqual([]);
	});

	it('docs/kick-node.md names every operation of the Kick node and each of its parameters', () => {
		const doc = read('docs/kick-node.md');
		const { properties } = new Kick().description;
		const section = (resource: string) => doc.split(/^### /m).find((part) => part.startsWith(`${resource}\n`)) ?? '';
		const missing: string[] = [];
		for (const resource of (properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[]) {
			const operations = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value));
			for (const operation of (operations?.options ?? []) as INodePropertyOptions[]) {
				const line = section(resource.name).split('\n- ').find((entry) => entry.startsWith(`**${operation.name}**`));
				if (!line) {
					missing.push(`${resource.name} → ${operation.name}`);
					continue;
				}
				const shown = properties.filter(
					(property) =>
						property.type !== 'notice' &&
						property.displayOptions?.show?.resource?.includes(resource.value) &&
						property.displayOptions?.show?.operation?.includes(operation.value),
				);
				const names = shown.flatMap((property) =>
					property.type === 'collection' ? ((property.options ?? []) as INodeProperties[]).map((option) => option.displayName) : [property.displayName],
				);
				const flat = line.replace(/\s+/g, ' ');
				for (const name of names) if (!flat.includes(name)) missing.push(`${resource.name} → ${operation.name}: ${name}`);
			}
		}
		expect(missing).toEqual([]);
	});
});
