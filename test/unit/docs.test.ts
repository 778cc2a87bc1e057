/**
 * The repository's own text: every section of docs/kick-api.md that a source comment cites
 * exists, the text users and reviewers read is written in American English, and the README
 * (also the package's page on npm, where only the published files exist) links to the repository
 * with absolute URLs that point at files that exist.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
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
	const repository = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
	const slug = repository.replace('https://github.com/', '');
	const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);

	it("links only absolutely (npm shows the README without the repository's files), except to its own headings", () => {
		expect(links.filter((link) => !/^(https?:\/\/|#)/.test(link))).toEqual([]);
	});

	it("links into the repository package.json names, to files and folders that exist", () => {
		const missing: string[] = [];
		for (const link of links) {
			const inRepo = new RegExp(`^(?:https://github\\.com/${slug}/(?:blob|tree)/main|https://raw\\.githubusercontent\\.com/${slug}/main)/(.+)$`).exec(link);
			if (link.includes('n8n-nodes-kick/n8n-nodes-kick') && !inRepo && link !== repository) missing.push(`not this repository: ${link}`);
			if (inRepo && !fs.existsSync(path.join(ROOT, inRepo[1] as string))) missing.push(link);
		}
		expect(missing).toEqual([]);
		expect(manifest.homepage.startsWith(repository)).toBe(true);
	});

	it('links to its own headings that exist', () => {
		const anchors = new Set(
			[...readme.matchAll(/^#{1,4} (.+)$/gm)].map((match) =>
				(match[1] as string)
					.toLowerCase()
					.replace(/[^a-z0-9 -]/g, '')
					.replace(/ /g, '-'),
			),
		);
		expect(links.filter((link) => link.startsWith('#') && !anchors.has(link.slice(1)))).toEqual([]);
	});
});
