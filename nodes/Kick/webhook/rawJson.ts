/**
 * Reading one or two values straight from the raw body bytes, without `JSON.parse`, so the
 * trigger can drop deliveries it does not need before paying for a full parse.
 *
 * The rules that make this safe on valid JSON:
 * - Every unescaped `"` is a string delimiter; a `"` is escaped when an odd number of
 *   backslashes precede it. Strings are skipped with the native `Buffer.indexOf`.
 * - Brackets outside strings give the nesting depth, so a key is only matched at the level
 *   asked for (a reply's `content` is never mistaken for the message's `content`).
 * - Anything unexpected (escapes inside a key, a non-integer id, a truncated body) makes the
 *   reader answer "unknown" — the caller then falls back to the full parse. The reader never
 *   claims a value it has not seen.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const SPACE = 0x20;

function isJsonWhitespace(code: number | undefined): boolean {
	return code === SPACE || code === 0x09 || code === 0x0a || code === 0x0d;
}

function skipWhitespace(raw: Buffer, index: number): number {
	let i = index;
	while (i < raw.length && isJsonWhitespace(raw[i])) i++;
	return i;
}

/** Index of the quote closing the string that opens at `start`, or -1 when unterminated. */
export function stringEnd(raw: Buffer, start: number): number {
	let from = start + 1;
	for (;;) {
		const quote = raw.indexOf(QUOTE, from);
		if (quote < 0) return -1;
		let backslashes = 0;
		for (let k = quote - 1; k > start && raw[k] === BACKSLASH; k--) backslashes++;
		if ((backslashes & 1) === 0) return quote;
		from = quote + 1;
	}
}

/** Offset of the first non-whitespace byte (where the top-level value starts). */
export function rootOffset(raw: Buffer): number {
	return skipWhitespace(raw, 0);
}

/**
 * Offsets of the values of `keys` among the direct members of the object that opens at
 * `objectStart`, in one pass. An entry is -1 when its key is not there, appears twice
 * (JSON.parse would keep the last one), or the bytes are not what valid JSON would be. Keys
 * are UTF-8 bytes without quotes; keys written with escapes are not matched (Kick writes its
 * keys plainly).
 */
export function memberValueOffsets(raw: Buffer, objectStart: number, keys: readonly Buffer[]): number[] {
	const found = keys.map(() => -1);
	const missing = () => keys.map(() => -1);
	if (raw[objectStart] !== LBRACE) return missing();
	const length = raw.length;
	let depth = 0;
	for (let i = objectStart; i < length; i++) {
		const code = raw[i];
		if (code === QUOTE) {
			const end = stringEnd(raw, i);
			if (end < 0) return missing();
			if (depth === 1) {
				const keyLength = end - i - 1;
				for (let k = 0; k < keys.length; k++) {
					const key = keys[k] as Buffer;
					if (key.length !== keyLength || raw.compare(key, 0, keyLength, i + 1, end) !== 0) continue;
					const colon = skipWhitespace(raw, end + 1);
					if (raw[colon] !== COLON) break;
					const value = skipWhitespace(raw, colon + 1);
					// A repeated key: JSON.parse keeps the last one, so neither is certain.
					found[k] = found[k] === -1 && value < length ? value : -2;
					break;
				}
			}
			i = end;
		} else if (code === LBRACE || code === LBRACKET) {
			depth++;
		} else if (code === RBRACE || code === RBRACKET) {
			depth--;
			if (depth === 0) return found.map((offset) => (offset >= 0 ? offset : -1));
			if (depth < 0) return missing();
		}
	}
	return missing();
}

/** `memberValueOffsets` for one key. */
export function memberValueOffset(raw: Buffer, objectStart: number, key: Buffer): number {
	return memberValueOffsets(raw, objectStart, [key])[0] as number;
}

/**
 * The integer written at `offset` (e.g. `2841377`), or undefined for anything else (`null`,
 * `1.5`, `1e3`, a string, a number too large to be exact).
 */
export function readInteger(raw: Buffer, offset: number): number | undefined {
	let i = offset;
	if (raw[i] === MINUS) i++;
	const digitsStart = i;
	let value = 0;
	while (i < raw.length) {
		const code = raw[i] as number;
		if (code < DIGIT_0 || code > DIGIT_9) break;
		value = value * 10 + (code - DIGIT_0);
		i++;
	}
	const digits = i - digitsStart;
	if (digits === 0 || digits > 15) return undefined;
	const next = raw[i];
	if (next !== undefined && next !== 0x2c && next !== RBRACE && next !== RBRACKET && !isJsonWhitespace(next)) {
		return undefined;
	}
	return raw[offset] === MINUS ? -value : value;
}

/**
 * Whether the JSON string at `offset` starts — after leading ASCII spaces — with the ASCII
 * bytes of `prefix`: true or false when the bytes decide it, undefined when an escape
 * sequence (or a non-ASCII prefix byte) gets in the way before the answer is known.
 */
export function rawStringStartsWith(raw: Buffer, offset: number, prefix: Buffer): boolean | undefined {
	if (raw[offset] !== QUOTE) return undefined;
	let i = offset + 1;
	while (raw[i] === SPACE) i++;
	for (let k = 0; k < prefix.length; k++, i++) {
		const code = raw[i];
		const expected = prefix[k] as number;
		if (code === undefined || code === BACKSLASH || expected >= 0x80) return undefined;
		if (code !== expected) return false;
	}
	return true;
}

/** Decodes the JSON string at `offset` on its own, or undefined when it is not a valid string. */
export function decodeStringAt(raw: Buffer, offset: number): string | undefined {
	if (raw[offset] !== QUOTE) return undefined;
	const end = stringEnd(raw, offset);
	if (end < 0) return undefined;
	try {
		const value: unknown = JSON.parse(raw.toString('utf8', offset, end + 1));
		return typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}
