import { LANGUAGE_NAMES, languageCode, officialLanguageFields } from '../../nodes/Kick/shared/languages';

describe('languageCode', () => {
	it('keeps an ISO 639-1 code, lowercase, without a region', () => {
		expect(languageCode('en')).toBe('en');
		expect(languageCode('EN')).toBe('en');
		expect(languageCode(' es ')).toBe('es');
		expect(languageCode('pt-BR')).toBe('pt');
		expect(languageCode('zh_hant')).toBe('zh');
	});

	it("maps the website's English names, whatever their case or spacing", () => {
		expect(languageCode('English')).toBe('en');
		expect(languageCode('spanish')).toBe('es');
		expect(languageCode('  Portuguese ')).toBe('pt');
		expect(languageCode('Portuguese (Brazil)')).toBe('pt');
		expect(languageCode('Bahasa  Indonesia')).toBe('id');
		expect(languageCode('Filipino')).toBe('tl');
	});

	it('gives null for nothing and for names it does not know', () => {
		for (const value of ['', '   ', null, undefined, 42, {}, 'Klingon', 'English!', 'eng']) expect(languageCode(value)).toBeNull();
	});

	it('every name in the table maps back to its own code', () => {
		for (const [code, name] of Object.entries(LANGUAGE_NAMES)) {
			expect(code).toMatch(/^[a-z]{2}$/);
			expect(languageCode(name)).toBe(code);
			expect(officialLanguageFields(code)).toEqual({ language: code, language_name: name });
		}
	});
});

describe('officialLanguageFields', () => {
	it('names known codes, null otherwise', () => {
		expect(officialLanguageFields('de')).toEqual({ language: 'de', language_name: 'German' });
		expect(officialLanguageFields('xx')).toEqual({ language: 'xx', language_name: null });
		expect(officialLanguageFields(null)).toEqual({ language: null, language_name: null });
	});
});
