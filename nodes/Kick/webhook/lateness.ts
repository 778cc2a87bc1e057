/**
 * How late a delivery may be. Kick's deliveries regularly arrive minutes late, and on bad days
 * hours late ("9–16 minutes behind", KickDevDocs#165; "received hours later", #162; also #131,
 * #233, #255), and Kick never sends a delivery again (docs/kick-api.md §6.5). So lateness never
 * refuses a delivery: an authentic one runs (flagged `late`) up to the Late Delivery Limit, and
 * past it is acknowledged without a run. The limit is also how long the trigger must remember a
 * delivery to stop its replays (./memory.ts).
 */

/** Default Late Delivery Limit: a day covers every delay reported on Kick's tracker (hours). */
export const DEFAULT_LATE_DELIVERY_LIMIT_HOURS = 24;

const HOUR = 3_600_000;

/** The Late Delivery Limit option (hours) in ms; anything not a positive number is the default. */
export function lateLimitMs(hours: unknown): number {
	const value = Number(hours ?? DEFAULT_LATE_DELIVERY_LIMIT_HOURS);
	return (Number.isFinite(value) && value > 0 ? value : DEFAULT_LATE_DELIVERY_LIMIT_HOURS) * HOUR;
}
