/** Kick's timestamps. */
import { UNCONFIRMED } from './kick.constants';

/** RFC 3339 with any number of fractional digits (Kick sends 0, 3 or 9). */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or undefined when the text is not an RFC 3339 timestamp. */
export function parseKickTimestamp(value: string): number | undefined {
	if (value.length > 40 || !RFC3339.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

/** Kick's "no time" for offline channels is year 1; anything before UNCONFIRMED.minimumRealYear is null. */
export function realTime(value: unknown): string | null {
	if (typeof value !== 'string' || value === '') return null;
	const time = Date.parse(value);
	if (Number.isNaN(time) || new Date(time).getUTCFullYear() < UNCONFIRMED.minimumRealYear) return null;
	return value;
}
