/** Parameter checks that answer like Kick: 400 with a short description of what is wrong. */
import { badRequest, type Ctx, type Query } from '../http';
import { codePointLength, isPlainObject } from '../util';

const INTEGER = /^-?\d+$/;

/** All values of a query key; `commaJoined` also splits `a,b` (categories v2, docs/kick-api.md §1.5). */
export function many(query: Query, key: string, commaJoined = false): string[] {
	const raw = query[key];
	const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
	return (commaJoined ? values.flatMap((v) => v.split(',')) : values)
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

/** The single value of a query key (the first one when repeated). */
export function one(query: Query, key: string): string | undefined {
	return many(query, key)[0];
}

export function intList(
	query: Query,
	key: string,
	opts: { max: number; commaJoined?: boolean },
): number[] {
	const values = many(query, key, opts.commaJoined);
	if (values.length > opts.max) throw badRequest(`${key}: at most ${opts.max} values`);
	return values.map((v) => {
		if (!INTEGER.test(v) || Number(v) <= 0) throw badRequest(`${key}: must be positive integers`);
		return Number(v);
	});
}

export function queryInt(
	query: Query,
	key: string,
	opts: { min: number; max: number; default: number },
): number {
	const value = one(query, key);
	if (value === undefined) return opts.default;
	const n = Number(value);
	if (!INTEGER.test(value) || n < opts.min || n > opts.max) {
		throw badRequest(`${key}: must be an integer between ${opts.min} and ${opts.max}`);
	}
	return n;
}

export function jsonBody(ctx: Ctx): Record<string, unknown> {
	if (!isPlainObject(ctx.body)) throw badRequest('body: a JSON object is required');
	return ctx.body;
}

export function bodyInt(
	body: Record<string, unknown>,
	key: string,
	range: { min?: number; max?: number } = {},
): number | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	const min = range.min ?? 1;
	const max = range.max ?? Number.MAX_SAFE_INTEGER;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw badRequest(`${key}: must be an integer between ${min} and ${max}`);
	}
	return value;
}

export function requiredBodyInt(
	body: Record<string, unknown>,
	key: string,
	range: { min?: number; max?: number } = {},
): number {
	const value = bodyInt(body, key, range);
	if (value === undefined) throw badRequest(`${key}: required`);
	return value;
}

export function bodyString(
	body: Record<string, unknown>,
	key: string,
	opts: { max?: number; countCodePoints?: boolean } = {},
): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest(`${key}: must be a string`);
	const length = opts.countCodePoints ? codePointLength(value) : value.length;
	if (opts.max !== undefined && length > opts.max) {
		throw badRequest(`${key}: at most ${opts.max} characters`);
	}
	return value;
}

export function bodyBool(body: Record<string, unknown>, key: string): boolean | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw badRequest(`${key}: must be a boolean`);
	return value;
}
