/**
 * Stream languages. Kick's official API gives a stream's language as a lowercase ISO 639-1 code
 * ("en"); the kick.com website prints the language's English name ("English"). Kick publishes
 * no list of the languages a streamer can choose (docs/kick-api.md §9.2), so this table covers
 * the widely used ISO 639-1 languages by the English names the website prints.
 */
import languages from './languageNames.json';

/** ISO 639-1 code → the English name the website prints (./languageNames.json, with other English names for some). */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = languages.names;

const CODES_BY_NAME: ReadonlyMap<string, string> = new Map([
	...Object.entries(LANGUAGE_NAMES).map(([code, name]) => [name.toLowerCase(), code] as [string, string]),
	...Object.entries(languages.aliases),
]);

/** "en", "EN", "pt-BR", "pt_br": a code, optionally with a region. */
const CODE = /^([a-z]{2})(?:[-_][a-z0-9]{2,4})?$/i;

/**
 * The ISO 639-1 code (lowercase) for a code or an English language name, or null when the
 * value is empty or a name this table does not know. A region is dropped ("pt-BR" → "pt",
 * "Portuguese (Brazil)" → "pt").
 */
export function languageCode(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '') return null;
	const code = CODE.exec(text);
	if (code) return code[1].toLowerCase();
	const name = text.toLowerCase().replace(/\s+/g, ' ');
	return CODES_BY_NAME.get(name) ?? CODES_BY_NAME.get(name.replace(/\s*\(.*\)$/, '')) ?? null;
}

/** `language` (the code) and `language_name` (null when the table does not have it) for a value the official API gives (a code). */
export function officialLanguageFields(value: unknown): { language: string | null; language_name: string | null } {
	const code = languageCode(value);
	return { language: code, language_name: code === null ? null : (LANGUAGE_NAMES[code] ?? null) };
}
