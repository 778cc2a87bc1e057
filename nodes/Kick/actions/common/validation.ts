import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { channelRefText, parseChannelRef, type ChannelRef } from '../../shared/channelRef';
import { splitTokens } from '../../shared/lists';
import { LIMITS } from '../../shared/kick.constants';

/** A bad parameter: the message names the field, the description says how to fix it. */
export function invalidParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${field}: ${problem}`, { itemIndex, description: fix });
}

/** Positive integer ids from "1, 2 3", a number, or an array. */
export function parseIntegerIds(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	options: { required?: boolean; max?: number } = {},
): number[] {
	const parts = splitTokens(value);
	if (options.required !== false && parts.length === 0) {
		throw invalidParameter(context, itemIndex, field, 'is empty', 'Enter at least one numeric Kick id.');
	}
	const ids = parts.map((part) => {
		if (!/^\d{1,15}$/.test(part) || Number(part) <= 0) {
			throw invalidParameter(
				context,
				itemIndex,
				field,
				`'${part.slice(0, 40)}' is not a Kick id`,
				'Kick user, broadcaster, channel and category ids are positive whole numbers, e.g. 2841377.',
			);
		}
		return Number(part);
	});
	if (options.max !== undefined && ids.length > options.max) {
		throw invalidParameter(context, itemIndex, field, `has ${ids.length} ids, more than the ${options.max} Kick accepts`, `Pass at most ${options.max} ids per item.`);
	}
	return ids;
}

export function parseIntegerId(context: IExecuteFunctions, itemIndex: number, field: string, value: unknown): number {
	const ids = parseIntegerIds(context, itemIndex, field, value);
	if (ids.length !== 1) {
		throw invalidParameter(context, itemIndex, field, 'expects exactly one id', 'Enter a single numeric Kick id.');
	}
	return ids[0];
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reward, redemption, subscription and drops ids are ULIDs (26 characters). */
export function parseUlids(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	options: { required?: boolean; max?: number } = {},
): string[] {
	const parts = splitTokens(value);
	if (options.required !== false && parts.length === 0) {
		throw invalidParameter(context, itemIndex, field, 'is empty', 'Enter at least one id (26 characters, e.g. 01KKPX9C58JEE64HKY8R8JR1RB).');
	}
	for (const part of parts) {
		if (!ULID.test(part)) {
			throw invalidParameter(context, itemIndex, field, `'${part.slice(0, 40)}' is not a valid Kick id`, 'Kick reward, redemption and subscription ids are 26 characters long, e.g. 01KKPX9C58JEE64HKY8R8JR1RB.');
		}
	}
	if (options.max !== undefined && parts.length > options.max) {
		throw invalidParameter(context, itemIndex, field, `has ${parts.length} ids, more than the ${options.max} Kick accepts per request`, `Pass at most ${options.max} ids per item.`);
	}
	if (new Set(parts).size !== parts.length) {
		throw invalidParameter(context, itemIndex, field, 'contains the same id twice', 'Remove the repeated ids.');
	}
	return parts;
}

export function parseUuid(context: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string {
	const text = String(value ?? '').trim();
	if (!UUID.test(text)) {
		throw invalidParameter(context, itemIndex, field, `'${text.slice(0, 40)}' is not a chat message id`, 'Chat message ids are UUIDs, e.g. 5f0b9c2e-8a47-4d1e-b3c6-2e9d7a41f08b (from the Kick Trigger\'s chat event, field message_id).');
	}
	return text;
}

/**
 * A channel given as a numeric broadcaster id, a slug, or a https://kick.com/<slug> URL, read by
 * the one rule every node uses (shared/channelRef); the error says which part is wrong.
 */
export function parseChannelReference(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): ChannelRef {
	const text = channelRefText(value);
	if (text === '') {
		throw invalidParameter(context, itemIndex, field, 'is empty', 'Enter a channel slug (e.g. neonvale), a broadcaster id, or a https://kick.com/<slug> URL.');
	}
	const reference = parseChannelRef(text);
	if (reference) return reference;
	if (/^\d+$/.test(text)) {
		throw invalidParameter(context, itemIndex, field, `'${text.slice(0, 40)}' is not a Kick broadcaster id`, 'Broadcaster ids are positive whole numbers, e.g. 2841377.');
	}
	throw invalidParameter(context, itemIndex, field, `'${text.slice(0, 40)}' is not a Kick channel slug`, `Slugs are up to ${LIMITS.slugMaxLength} letters, digits, '-' or '_', e.g. neonvale.`);
}

/** Kick counts message length in Unicode code points (an emoji is one character). */
export function codePointLength(text: string): number {
	return [...text].length;
}

/** Several channels (slugs, ids or kick.com URLs) separated by commas, spaces or new lines. */
export function parseChannelReferences(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): ChannelRef[] {
	const parts = splitTokens(value);
	if (parts.length === 0) {
		throw invalidParameter(context, itemIndex, field, 'is empty', 'Enter at least one channel: a slug (e.g. neonvale), a broadcaster ID, or a https://kick.com/<slug> URL.');
	}
	return parts.map((part) => parseChannelReference(context, itemIndex, field, part));
}

/** A whole number within bounds, for counts, costs and durations. */
export function parseBoundedInteger(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	bounds: { min: number; max?: number; unit?: string },
): number {
	const number = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	const range = bounds.max === undefined ? `at least ${bounds.min}` : `between ${bounds.min} and ${bounds.max}`;
	if (!Number.isInteger(number) || number < bounds.min || (bounds.max !== undefined && number > bounds.max)) {
		throw invalidParameter(
			context,
			itemIndex,
			field,
			`${String(value).slice(0, 40)} is not a whole number ${range}`,
			`Enter a whole number ${range}${bounds.unit ? ` (${bounds.unit})` : ''}.`,
		);
	}
	return number;
}

/** Text with a maximum length in Unicode code points (how Kick counts, e.g. an emoji is one). */
export function checkTextLength(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	text: string,
	limits: { max: number; required?: boolean },
): string {
	if (limits.required && text.trim() === '') {
		throw invalidParameter(context, itemIndex, field, 'is empty', `Enter the ${field.toLowerCase()}.`);
	}
	const length = codePointLength(text);
	if (length > limits.max) {
		throw invalidParameter(context, itemIndex, field, `is ${length} characters long, more than the ${limits.max} Kick accepts`, `Shorten it to at most ${limits.max} characters.`);
	}
	return text;
}
