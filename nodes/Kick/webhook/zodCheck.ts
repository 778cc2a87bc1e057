/**
 * A fast yes/no check compiled from a zod 3 schema.
 *
 * `safeParse` builds a result object, a context and several small objects per field; for a
 * chat message that is most of the trigger's own cost per delivery. Most
 * deliveries conform, and for those only the yes/no answer matters. So the schemas are
 * compiled once into plain predicates that give exactly `safeParse(value).success`, and zod
 * itself runs only when the answer is no (to say what differs).
 *
 * The zod schemas stay the only definition. The compiler knows the node kinds the event
 * schemas use (object, string with regex checks, number with int checks, boolean, null,
 * undefined, unknown/any, optional, nullable, array, union) and gives up — returns undefined, so the
 * caller uses safeParse — on anything else, including a future zod whose internals differ.
 * test/unit/webhook/zodCheck.test.ts checks the predicates agree with safeParse on thousands
 * of mutated bodies.
 */
import type { ZodTypeAny } from 'zod';

export type FastCheck = (value: unknown) => boolean;

interface Def {
	typeName?: string;
	options?: readonly ZodTypeAny[];
	checks?: Array<{ kind: string; regex?: RegExp }>;
	coerce?: boolean;
	innerType?: ZodTypeAny;
	type?: ZodTypeAny;
	shape?: () => Record<string, ZodTypeAny>;
	catchall?: ZodTypeAny;
	unknownKeys?: string;
	exactLength?: unknown;
	minLength?: unknown;
	maxLength?: unknown;
}

function defOf(schema: ZodTypeAny): Def | undefined {
	const def = (schema as unknown as { _def?: Def })._def;
	return def && typeof def === 'object' ? def : undefined;
}

/** What zod 3 counts as an object (`getParsedType(value) === 'object'`). */
function isZodObjectValue(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const candidate = value as { then?: unknown; catch?: unknown };
	if (typeof candidate.then === 'function' && typeof candidate.catch === 'function') return false;
	return !(value instanceof Map || value instanceof Set || value instanceof Date);
}

/** The predicate for `schema`, or undefined when it uses something this compiler does not know. */
export function compileZodCheck(schema: ZodTypeAny): FastCheck | undefined {
	const def = defOf(schema);
	if (!def) return undefined;
	switch (def.typeName) {
		case 'ZodString': {
			if (def.coerce) return undefined;
			const regexes: RegExp[] = [];
			for (const check of def.checks ?? []) {
				if (check.kind !== 'regex' || !(check.regex instanceof RegExp)) return undefined;
				regexes.push(check.regex);
			}
			if (regexes.length === 0) return (value) => typeof value === 'string';
			return (value) =>
				typeof value === 'string' &&
				regexes.every((regex) => {
					regex.lastIndex = 0;
					return regex.test(value);
				});
		}
		case 'ZodNumber': {
			if (def.coerce) return undefined;
			let integer = false;
			for (const check of def.checks ?? []) {
				if (check.kind !== 'int') return undefined;
				integer = true;
			}
			return integer
				? (value) => typeof value === 'number' && Number.isInteger(value)
				: (value) => typeof value === 'number' && !Number.isNaN(value);
		}
		case 'ZodBoolean':
			return def.coerce ? undefined : (value) => typeof value === 'boolean';
		case 'ZodNull':
			return (value) => value === null;
		case 'ZodUndefined':
			return (value) => value === undefined;
		case 'ZodUnknown':
		case 'ZodAny':
			return () => true;
		case 'ZodOptional': {
			const inner = def.innerType && compileZodCheck(def.innerType);
			return inner ? (value) => value === undefined || inner(value) : undefined;
		}
		case 'ZodNullable': {
			const inner = def.innerType && compileZodCheck(def.innerType);
			return inner ? (value) => value === null || inner(value) : undefined;
		}
		case 'ZodUnion': {
			const options = (def.options ?? []).map((option) => compileZodCheck(option));
			if (options.length === 0 || options.some((option) => option === undefined)) return undefined;
			const checks = options as FastCheck[];
			return (value) => checks.some((check) => check(value));
		}
		case 'ZodArray': {
			if (def.exactLength != null || def.minLength != null || def.maxLength != null) return undefined;
			const element = def.type && compileZodCheck(def.type);
			if (!element) return undefined;
			return (value) => {
				if (!Array.isArray(value)) return false;
				// An index loop, not every(): holes count as undefined, as in zod.
				for (let i = 0; i < value.length; i++) if (!element(value[i])) return false;
				return true;
			};
		}
		case 'ZodObject': {
			// Unknown keys are fine (strip/passthrough); strict objects and catch-alls are not compiled.
			if (defOf(def.catchall as ZodTypeAny)?.typeName !== 'ZodNever' || def.unknownKeys === 'strict' || !def.shape) {
				return undefined;
			}
			const fields: Array<[string, FastCheck]> = [];
			for (const [key, fieldSchema] of Object.entries(def.shape())) {
				const check = compileZodCheck(fieldSchema);
				if (!check) return undefined;
				fields.push([key, check]);
			}
			return (value) => {
				if (!isZodObjectValue(value)) return false;
				for (const [key, check] of fields) if (!check(value[key])) return false;
				return true;
			};
		}
		default:
			return undefined;
	}
}
