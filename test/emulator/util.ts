import { createHash, randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeBase32(value: bigint, length: number): string {
	let out = '';
	for (let i = 0; i < length; i++) {
		out = CROCKFORD[Number(value & 31n)] + out;
		value >>= 5n;
	}
	return out;
}

/**
 * A ULID (26 chars, Crockford base32: 48-bit millisecond time + 80 random bits) — the id
 * format Kick uses for rewards, redemptions, subscriptions, webhook messages and drops.
 * `seed` replaces the random part with a fixed number so seeded data is deterministic.
 */
export function ulid(time: number = Date.now(), seed?: number): string {
	const random =
		seed === undefined ? BigInt('0x' + randomBytes(10).toString('hex')) : BigInt(seed);
	return encodeBase32(BigInt(time), 10) + encodeBase32(random, 16);
}

export const uuid = (): string => randomUUID();

/** RFC 3339, UTC, second precision — the `Kick-Event-Message-Timestamp` format. */
export function rfc3339Seconds(date: Date = new Date()): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const epochSeconds = (ms: number = Date.now()): number => Math.floor(ms / 1000);

export const base64url = (buf: Buffer): string => buf.toString('base64url');

export const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Kick's limits count characters; gokick counts Unicode code points, so do we. */
export const codePointLength = (text: string): number => [...text].length;

/** Opaque tokens shaped like Kick's (48 uppercase base64 chars). */
export function opaqueToken(): string {
	return Buffer.from(randomUUID()).toString('base64').toUpperCase().replace(/=+$/, '');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Recursively merges plain objects; arrays and scalars in `patch` replace. */
export function deepMerge<T>(base: T, patch: unknown): T {
	if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
	const out: Record<string, unknown> = { ...base };
	for (const [key, value] of Object.entries(patch)) out[key] = deepMerge(out[key], value);
	return out as T;
}

export const sleep = (ms: number): Promise<void> =>
	new Promise((resolve) => setTimeout(resolve, ms));
