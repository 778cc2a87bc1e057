import { z } from 'zod';

import { eventSchemas, validateEventBody } from '../../../nodes/Kick/webhook/schemas';
import { compileZodCheck } from '../../../nodes/Kick/webhook/zodCheck';
import type { KickEventType } from '../../../nodes/Kick/shared/kick.constants';
import { eventFixtures, typeOfFixture } from './helpers';
import { seededRandom } from '../../support/random';

describe('compileZodCheck', () => {
	it('compiles every event schema', () => {
		for (const schema of Object.values(eventSchemas)) expect(compileZodCheck(schema)).toBeInstanceOf(Function);
	});

	it('gives up on what it does not know, so zod decides', () => {
		expect(compileZodCheck(z.string().email())).toBeUndefined();
		expect(compileZodCheck(z.number().min(1))).toBeUndefined();
		expect(compileZodCheck(z.object({ a: z.string() }).strict())).toBeUndefined();
		expect(compileZodCheck(z.object({ a: z.string() }).catchall(z.number()))).toBeUndefined();
		expect(compileZodCheck(z.string().transform((s) => s.length))).toBeUndefined();
		expect(compileZodCheck(z.array(z.string()).min(1))).toBeUndefined();
		expect(compileZodCheck(z.coerce.string())).toBeUndefined();
		expect(compileZodCheck({} as z.ZodTypeAny)).toBeUndefined();
	});

	it('matches safeParse on basic values', () => {
		const schema = z.object({
			s: z.string().regex(/^a/),
			n: z.number().int().nullish(),
			f: z.number(),
			b: z.boolean().optional(),
			u: z.union([z.string(), z.number()]),
			l: z.array(z.object({ x: z.null() })),
			any: z.unknown(),
		});
		const check = compileZodCheck(schema) as (value: unknown) => boolean;
		const values: unknown[] = [
			{ s: 'abc', n: 1, f: 1.5, u: 'x', l: [{ x: null }] },
			{ s: 'abc', n: null, f: 1, b: true, u: 3, l: [], any: { deep: 1 } },
			{ s: 'bcd', f: 1, u: 'x', l: [] },
			{ s: 'abc', n: 1.5, f: 1, u: 'x', l: [] },
			{ s: 'abc', f: Number.NaN, u: 'x', l: [] },
			{ s: 'abc', f: 1, u: true, l: [] },
			{ s: 'abc', f: 1, u: 'x', l: [{ x: 0 }] },
			{ s: 'abc', f: 1, u: 'x', l: {} },
			[],
			null,
			new Date(),
			'str',
		];
		for (const value of values) expect(check(value)).toBe(schema.safeParse(value).success);
	});
});

// ---------------------------------------------------------------------------------------------
// Property: on mutated real payloads the compiled check and zod agree.
// ---------------------------------------------------------------------------------------------

const rng = seededRandom;

const REPLACEMENTS: unknown[] = [
	undefined,
	null,
	'',
	'text',
	'2026-03-14T19:02:12Z',
	'2026-03-14T19:02:12.123456789Z',
	'2026-03-14 19:02',
	0,
	7,
	-3,
	1.5,
	Number.NaN,
	true,
	false,
	[],
	[1],
	[{}],
	{},
	{ text: 'x', type: 'y' },
];

function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
	if (value && typeof value === 'object') {
		for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
			out.push([...prefix, key]);
			paths(child, [...prefix, key], out);
		}
	}
	return out;
}

function mutate(body: unknown, random: () => number): unknown {
	const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
	const all = paths(copy);
	const changes = 1 + Math.floor(random() * 3);
	for (let i = 0; i < changes && all.length > 0; i++) {
		const path = all[Math.floor(random() * all.length)] as string[];
		let parent: Record<string, unknown> = copy;
		for (const key of path.slice(0, -1)) {
			const next = parent[key];
			if (!next || typeof next !== 'object') break;
			parent = next as Record<string, unknown>;
		}
		const key = path[path.length - 1] as string;
		if (random() < 0.2) delete parent[key];
		else parent[key] = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
	}
	return copy;
}

describe('property: compiled checks agree with zod on mutated payloads', () => {
	it('for 8000 mutations of every reference payload', () => {
		const random = rng(0xc0ffee);
		const fixtures = [...eventFixtures()];
		let valid = 0;
		let invalid = 0;
		for (let run = 0; run < 8000; run++) {
			const [name, body] = fixtures[run % fixtures.length] as [string, Record<string, unknown>];
			const type = typeOfFixture(name) as KickEventType;
			const schema = eventSchemas[type];
			const check = compileZodCheck(schema) as (value: unknown) => boolean;
			const candidate = mutate(body, random);
			const expected = schema.safeParse(candidate).success;
			if (check(candidate) !== expected) {
				throw new Error(`disagreement on ${name}: zod says ${expected}\n${JSON.stringify(candidate)}`);
			}
			// And validateEventBody (fast check first, zod for the issues) gives the same verdict.
			expect(validateEventBody(type, candidate).ok).toBe(expected);
			if (expected) valid++;
			else invalid++;
		}
		expect(valid).toBeGreaterThan(800);
		expect(invalid).toBeGreaterThan(800);
	});
});
