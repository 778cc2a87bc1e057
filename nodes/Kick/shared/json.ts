/**
 * Defensive readers for Kick's JSON (webhook bodies, API answers, live-socket frames): Kick's
 * shapes drift, so nothing is assumed. One of each, for every module.
 */

export type Json = Record<string, unknown>;

/** Whether the value is a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON text parsed, or the text itself when it is not JSON; any other value as it is. */
export function parseJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

/** The value as a JSON object, else undefined. */
export function obj(value: unknown): Json | undefined {
	return isObject(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** A non-empty string, else undefined. */
export function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A finite number; numeric strings too (Kick sends some ids as either). */
export function num(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
	return undefined;
}

/**
 * The value with everything nested deeper than `maxDepth` replaced by a marker string, and
 * whether anything was. Deep values break JSON.stringify and n8n's copies of an item
 * ("Maximum call stack size exceeded"); this walk stops at `maxDepth`, so it cannot.
 */
export function limitDepth(value: unknown, maxDepth: number): { value: unknown; truncated: boolean } {
	let truncated = false;
	const walk = (current: unknown, depth: number): unknown => {
		if (typeof current !== 'object' || current === null) return current;
		if (depth >= maxDepth) {
			truncated = true;
			return DEPTH_MARKER;
		}
		if (Array.isArray(current)) return current.map((entry) => walk(entry, depth + 1));
		const copy: Json = {};
		for (const [key, entry] of Object.entries(current)) copy[key] = walk(entry, depth + 1);
		return copy;
	};
	const limited = walk(value, 0);
	return truncated ? { value: limited, truncated } : { value, truncated };
}

/** What stands in for a value cut by limitDepth. */
export const DEPTH_MARKER = '[nested too deep: removed]';

export function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** `data` without the given keys: Kick's remaining fields, kept in the item as they came. */
export function without(data: Json, keys: readonly string[]): Json {
	const rest: Json = {};
	for (const [key, value] of Object.entries(data)) if (!keys.includes(key)) rest[key] = value;
	return rest;
}

/** A user in the webhook payloads' shape, from what the socket knows (unknown values are null). */
export function person(fields: { userId?: unknown; username?: unknown; slug?: unknown; verified?: boolean | null; identity?: Json | null }): Json {
	const userId = num(fields.userId);
	return {
		is_anonymous: false,
		// Kick sends 0 when it does not say who (e.g. a ban from the web UI).
		user_id: userId === undefined || userId === 0 ? null : userId,
		username: text(fields.username) ?? null,
		is_verified: fields.verified ?? null,
		profile_picture: null,
		channel_slug: text(fields.slug) ?? null,
		identity: fields.identity ?? null,
	};
}
