/**
 * Stream languages. Kick's official API gives a stream's language as a lowercase ISO 639-1 code
 * ("en"); the kick.com website prints the language's English name ("English"). Kick publishes
 * no list of the languages a streamer can choose (docs/kick-api.md §9.2), so this table covers
 * the widely used ISO 639-1 languages by the English names the website prints.
 */

/** ISO 639-1 code → the English name the website prints. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
	af: 'Afrikaans',
	ar: 'Arabic',
	az: 'Azerbaijani',
	be: 'Belarusian',
	bg: 'Bulgarian',
	bn: 'Bengali',
	bs: 'Bosnian',
	ca: 'Catalan',
	cs: 'Czech',
	cy: 'Welsh',
	da: 'Danish',
	de: 'German',
	el: 'Greek',
	en: 'English',
	es: 'Spanish',
	et: 'Estonian',
	eu: 'Basque',
	fa: 'Persian',
	fi: 'Finnish',
	fr: 'French',
	ga: 'Irish',
	gl: 'Galician',
	he: 'Hebrew',
	hi: 'Hindi',
	hr: 'Croatian',
	hu: 'Hungarian',
	hy: 'Armenian',
	id: 'Indonesian',
	is: 'Icelandic',
	it: 'Italian',
	ja: 'Japanese',
	ka: 'Georgian',
	kk: 'Kazakh',
	ko: 'Korean',
	lt: 'Lithuanian',
	lv: 'Latvian',
	mk: 'Macedonian',
	mn: 'Mongolian',
	ms: 'Malay',
	mt: 'Maltese',
	nl: 'Dutch',
	no: 'Norwegian',
	pa: 'Punjabi',
	pl: 'Polish',
	pt: 'Portuguese',
	ro: 'Romanian',
	ru: 'Russian',
	sk: 'Slovak',
	sl: 'Slovenian',
	sq: 'Albanian',
	sr: 'Serbian',
	sv: 'Swedish',
	sw: 'Swahili',
	ta: 'Tamil',
	te: 'Telugu',
	th: 'Thai',
	tl: 'Tagalog',
	tr: 'Turkish',
	uk: 'Ukrainian',
	ur: 'Urdu',
	uz: 'Uzbek',
	vi: 'Vietnamese',
	zh: 'Chinese',
};

/** Other English names for the same languages. */
const ALIASES: Readonly<Record<string, string>> = {
	farsi: 'fa',
	filipino: 'tl',
	flemish: 'nl',
	mandarin: 'zh',
	cantonese: 'zh',
	'bahasa indonesia': 'id',
	'bahasa melayu': 'ms',
	'norwegian bokmål': 'no',
	'norwegian bokmal': 'no',
	moldovan: 'ro',
};

const CODES_BY_NAME: ReadonlyMap<string, string> = new Map([
	...Object.entries(LANGUAGE_NAMES).map(([code, name]) => [name.toLowerCase(), code] as [string, string]),
	...Object.entries(ALIASES),
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

/** The English name for an ISO 639-1 code, or null when the table does not have it. */
export function languageName(code: string | null): string | null {
	return code === null ? null : (LANGUAGE_NAMES[code] ?? null);
}

/** `language` (the code) and `language_name` for a value the official API gives (a code). */
export function officialLanguageFields(value: unknown): { language: string | null; language_name: string | null } {
	const code = languageCode(value);
	return { language: code, language_name: languageName(code) };
}
