/** Realistic webhook bodies, from fixtures/events (copied from the shared Kick payloads). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deepMerge } from './util';

const FIXTURES = join(__dirname, 'fixtures', 'events');

/** Event types and variants (e.g. 'moderation.banned.permanent'), by file name. */
export const SAMPLE_EVENT_NAMES: string[] = readdirSync(FIXTURES)
	.filter((f) => f.endsWith('.json'))
	.map((f) => f.slice(0, -'.json'.length));

/**
 * A fresh copy of the sample body for an event type (or a variant such as
 * 'chat.message.sent.plain'), with `overrides` deep-merged in (arrays replace).
 */
export function sampleEvent(event: string, overrides?: object): Record<string, unknown> {
	if (!SAMPLE_EVENT_NAMES.includes(event)) {
		throw new Error(`Kick emulator: no sample for "${event}" (have: ${SAMPLE_EVENT_NAMES.join(', ')})`);
	}
	const body = JSON.parse(readFileSync(join(FIXTURES, `${event}.json`), 'utf8')) as Record<string, unknown>;
	return deepMerge(body, overrides);
}
