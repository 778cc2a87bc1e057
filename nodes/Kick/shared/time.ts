/**
 * Kick's timestamps. The webhooks and the API send RFC 3339; the live socket sends several
 * formats, depending on the event: `2025-08-20T07:05:42+00:00`, `2025-09-15T21:12:45.000000Z`
 * (microseconds), nanosecond fractions, `2024-02-06 19:10:40` (no zone: UTC, like the website),
 * and unix seconds as numbers.
 */
import { UNCONFIRMED } from './kick.constants';

/** RFC 3339 with any number of fractional digits (Kick sends 0, 3 or 9). */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or undefined when the value is not an RFC 3339 timestamp. */
export function parseKickTimestamp(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.length > 40 || !RFC3339.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

/** RFC 3339 with second precision, like Kick's own timestamps. */
export function isoSeconds(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Kick's "no time" for offline channels is year 1; anything before UNCONFIRMED.minimumRealYear is null. */
export function realTime(value: unknown): string | null {
	if (typeof value !== 'string' || value === '') return null;
	const time = Date.parse(value);
	if (Number.isNaN(time) || new Date(time).getUTCFullYear() < UNCONFIRMED.minimumRealYear) return null;
	return value;
}

/** A date and time, with a zone or without one (UTC). */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch, or undefined when the value is not a time this module knows. */
export function socketTimeMs(value: unknown): number | undefined {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value <= 0) return undefined;
		// Kick sends seconds; a value this large can only be milliseconds.
		return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d{9,13}$/.test(text)) return socketTimeMs(Number(text));
	if (text.length > 40) return undefined;
	const parts = DATE_TIME.exec(text);
	if (!parts) return undefined;
	const [, date, time, fraction = '', zoneText] = parts;
	const millis = fraction ? fraction.slice(0, 4).padEnd(4, '0') : '';
	let zone = zoneText ?? 'Z';
	if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
	const ms = Date.parse(`${date}T${time}${millis}${zone.toUpperCase()}`);
	return Number.isFinite(ms) ? ms : undefined;
}

/** The same time as an RFC 3339 string (UTC, milliseconds), or undefined. */
export function socketTimeIso(value: unknown): string | undefined {
	const ms = socketTimeMs(value);
	return ms === undefined ? undefined : new Date(ms).toISOString();
}
