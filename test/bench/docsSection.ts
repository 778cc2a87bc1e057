/**
 * Where the benchmarks write their tables: the sections of docs/performance-and-reliability.md
 * between `<!-- name:start -->` and `<!-- name:end -->`, so the page never carries hand-typed
 * figures. `npm run bench` writes `performance`; `npm run bench:e2e` writes `reliability`,
 * `queue` and `two-triggers`.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The page, relative to the repository. */
export const PERFORMANCE_PAGE = 'docs/performance-and-reliability.md';

/** Writes the measured sections into the page. */
export const WRITE_DOCS = '--write-docs';

/** Prints the sections without writing them. */
export const PRINT_DOCS = '--print-docs';

const ROOT = path.join(__dirname, '..', '..');

/** Refuses the options' old names, which wrote into the README: they would now do nothing. */
export function refuseRenamedOptions(args: readonly string[]): void {
	for (const [old, now] of [
		['--write-readme', WRITE_DOCS],
		['--print-readme', PRINT_DOCS],
	]) {
		if (args.includes(old)) throw new Error(`${old} is now ${now}: the measured tables live in ${PERFORMANCE_PAGE}`);
	}
}

/** Replaces the page's text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function writeDocsSection(name: string, section: string): void {
	const page = path.join(ROOT, PERFORMANCE_PAGE);
	const text = fs.readFileSync(page, 'utf8');
	const pattern = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`);
	if (!pattern.test(text)) throw new Error(`${PERFORMANCE_PAGE} has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`);
	fs.writeFileSync(page, text.replace(pattern, () => `<!-- ${name}:start -->\n${section}\n<!-- ${name}:end -->`));
	process.stdout.write(`${PERFORMANCE_PAGE} ${name} section updated.\n`);
}
