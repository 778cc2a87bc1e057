/**
 * The repository's Markdown as GitHub shows it: the anchors GitHub gives headings, the links a
 * page holds, and where a link into this repository leads (a file and, maybe, a heading). Used by
 * the docs checks (test/unit/docs.test.ts) and by the editor suite's check of the nodes' Docs
 * links (test/browser/docsLinks.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };

/** The repository package.json names, e.g. `https://github.com/owner/name`. */
export const REPOSITORY = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

const SLUG = REPOSITORY.replace('https://github.com/', '');

/** A page's text without its fenced code blocks (a `#` there is a comment, not a heading). */
function withoutCodeBlocks(markdown: string): string {
	return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** A heading's text as GitHub renders it: code, links and emphasis reduced to their words. */
function headingText(markdown: string): string {
	return markdown
		.replace(/`([^`]*)`/g, '$1')
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\*\*|\*/g, '')
		.trim();
}

/**
 * GitHub's anchor for a heading (as github-slugger makes it): lower case, every character that is
 * not a letter, digit, space, hyphen or underscore removed, spaces turned into hyphens.
 */
export function githubSlug(heading: string): string {
	return headingText(heading)
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

/** Every heading anchor of a page, with GitHub's `-1`, `-2` … for repeated headings. */
export function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const match of withoutCodeBlocks(markdown).matchAll(/^#{1,6} (.+?)#*$/gm)) {
		const slug = githubSlug(match[1] as string);
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

/** The first heading of a page (its title), as written. */
export function title(markdown: string): string | undefined {
	return /^# (.+)$/m.exec(withoutCodeBlocks(markdown))?.[1]?.trim();
}

/** Every link and image target of a page, outside code blocks and inline code. */
export function links(markdown: string): string[] {
	const text = withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
}

export interface RepositoryTarget {
	/** The file, relative to the repository. */
	file: string;
	/** The heading anchor after `#`, if any. */
	anchor?: string;
}

/**
 * Where a link leads in this repository: an absolute GitHub address of a file on `main`
 * (`github.com/<repo>/blob|tree/main/…`, `raw.githubusercontent.com/<repo>/main/…`), a path
 * relative to the page that holds it, or a heading of that page. Undefined for other sites.
 * A query (n8n adds `?utm_source=…` to a node's Docs link) is not part of the file.
 */
export function repositoryTarget(link: string, fromFile = 'README.md'): RepositoryTarget | undefined {
	const split = (address: string): RepositoryTarget => {
		const [file = '', anchor] = address.split('#');
		return anchor === undefined ? { file } : { file, anchor: decodeURIComponent(anchor) };
	};
	if (/^https?:\/\//.test(link)) {
		const url = new URL(link);
		const match = new RegExp(`^(?:https://github\\.com/${SLUG}/(?:blob|tree)/main|https://raw\\.githubusercontent\\.com/${SLUG}/main)/(.+)$`).exec(
			`${url.origin}${url.pathname}`,
		);
		if (!match) return undefined;
		return { file: decodeURIComponent(match[1] as string), ...(url.hash ? { anchor: decodeURIComponent(url.hash.slice(1)) } : {}) };
	}
	if (/^[a-z]+:/i.test(link)) return undefined;
	if (link.startsWith('#')) return { file: fromFile, anchor: decodeURIComponent(link.slice(1)) };
	const target = split(link);
	return { ...target, file: path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target.file)) };
}

/** What is wrong with a link into the repository: a missing file or heading, or nothing. */
export function brokenTarget(target: RepositoryTarget): string | undefined {
	const file = path.join(ROOT, target.file);
	if (!fs.existsSync(file)) return `no file ${target.file}`;
	if (target.anchor === undefined) return undefined;
	if (!target.file.endsWith('.md')) return `#${target.anchor} on ${target.file}, which has no headings`;
	if (!headingAnchors(fs.readFileSync(file, 'utf8')).has(target.anchor)) return `no heading #${target.anchor} in ${target.file}`;
	return undefined;
}
