import {
	decodeStringAt,
	memberValueOffset,
	memberValueOffsets,
	rawStringStartsWith,
	readInteger,
	rootOffset,
	stringEnd,
} from '../../../nodes/Kick/webhook/rawJson';

const b = (text: string) => Buffer.from(text, 'utf8');

describe('stringEnd', () => {
	it('skips escaped quotes, not escaped backslashes', () => {
		expect(stringEnd(b('"abc"'), 0)).toBe(4);
		expect(stringEnd(b('"a\\"c"'), 0)).toBe(5);
		expect(stringEnd(b('"a\\\\"c"'), 0)).toBe(4);
		expect(stringEnd(b('"a\\\\\\"c"'), 0)).toBe(7);
		expect(stringEnd(b('"unterminated'), 0)).toBe(-1);
	});
});

describe('memberValueOffset(s)', () => {
	const raw = b('{"replies_to":{"content":"nested","broadcaster":{"user_id":1}},"broadcaster":{"user_id":2},"content":"top"}');
	it('finds members of the object asked for, not nested ones', () => {
		const content = memberValueOffset(raw, rootOffset(raw), b('content'));
		expect(decodeStringAt(raw, content)).toBe('top');
		const broadcaster = memberValueOffset(raw, rootOffset(raw), b('broadcaster'));
		expect(readInteger(raw, memberValueOffset(raw, broadcaster, b('user_id')))).toBe(2);
	});

	it('finds several keys in one pass', () => {
		const [broadcaster, content, missing] = memberValueOffsets(raw, 0, [b('broadcaster'), b('content'), b('nope')]);
		expect(raw[broadcaster as number]).toBe(0x7b);
		expect(decodeStringAt(raw, content as number)).toBe('top');
		expect(missing).toBe(-1);
	});

	it('is not fooled by keys inside strings', () => {
		const tricky = b('{"a":"\\"content\\":\\"fake\\"","content":"real"}');
		expect(decodeStringAt(tricky, memberValueOffset(tricky, 0, b('content')))).toBe('real');
	});

	it('gives up on repeated keys, escaped keys, truncated or non-object input', () => {
		expect(memberValueOffset(b('{"content":"a","content":"b"}'), 0, b('content'))).toBe(-1);
		expect(memberValueOffset(b('{"cont\\u0065nt":"a"}'), 0, b('content'))).toBe(-1);
		expect(memberValueOffset(b('{"content":"a"'), 0, b('content'))).toBe(-1);
		expect(memberValueOffset(b('["content","a"]'), 0, b('content'))).toBe(-1);
		expect(memberValueOffset(b('  \n{ "content" :\t"a" }'), rootOffset(b('  \n{ "content" :\t"a" }')), b('content'))).toBeGreaterThan(0);
	});
});

describe('readInteger', () => {
	it('reads plain integers only', () => {
		const at = (text: string) => readInteger(b(text), 0);
		expect(at('2841377,')).toBe(2841377);
		expect(at('2841377}')).toBe(2841377);
		expect(at('-5 ')).toBe(-5);
		expect(at('12')).toBe(12);
		for (const text of ['null,', '1.5,', '1e3,', '"12",', '-,', '1234567890123456,']) expect(at(text)).toBeUndefined();
	});
});

describe('rawStringStartsWith', () => {
	const prefix = b('!');
	it('decides from literal bytes, skipping leading spaces', () => {
		expect(rawStringStartsWith(b('"!so x"'), 0, prefix)).toBe(true);
		expect(rawStringStartsWith(b('"   !so"'), 0, prefix)).toBe(true);
		expect(rawStringStartsWith(b('"hello"'), 0, prefix)).toBe(false);
		expect(rawStringStartsWith(b('""'), 0, prefix)).toBe(false);
		expect(rawStringStartsWith(b('"é!"'), 0, prefix)).toBe(false);
	});

	it('is unsure at an escape, a non-ASCII prefix or a non-string', () => {
		expect(rawStringStartsWith(b('"\\u0021so"'), 0, prefix)).toBeUndefined();
		expect(rawStringStartsWith(b('"\\t!so"'), 0, prefix)).toBeUndefined();
		expect(rawStringStartsWith(b('"éa"'), 0, b('é'))).toBeUndefined();
		expect(rawStringStartsWith(b('null'), 0, prefix)).toBeUndefined();
	});
});
