/**
 * A Kick channel as users write it: a slug (`neonvale`, `@neonvale`), a kick.com link
 * (`https://kick.com/neonvale`), or a numeric broadcaster ID. One reading for every node.
 */
import type { INodeProperties } from 'n8n-workflow';

import { LIMITS } from './kick.constants';

export type ChannelRef = { kind: 'id'; id: number } | { kind: 'slug'; slug: string };

export const SLUG_PATTERN = new RegExp(`^[a-z0-9_-]{1,${LIMITS.slugMaxLength}}$`, 'i');
const CHANNEL_URL = /^(?:https?:\/\/)?(?:www\.)?kick\.com\/([^/?#\s]+)/i;

/** The part that names the channel: the slug from a kick.com link, without a leading `@`, trimmed. */
export function channelRefText(value: unknown): string {
	let text = String(value ?? '').trim();
	const url = CHANNEL_URL.exec(text);
	if (url) text = url[1] as string;
	return text.startsWith('@') ? text.slice(1) : text;
}

/** A broadcaster ID (digits) or a slug; undefined when it is neither. `mode` 'id' accepts IDs only. */
export function parseChannelRef(value: unknown, mode?: string): ChannelRef | undefined {
	const text = channelRefText(value);
	if (/^\d+$/.test(text)) {
		const id = Number(text);
		return Number.isSafeInteger(id) && id > 0 ? { kind: 'id', id } : undefined;
	}
	if (mode === 'id' || !SLUG_PATTERN.test(text)) return undefined;
	return { kind: 'slug', slug: text.toLowerCase() };
}

const CHANNEL_URL_REGEX = '(?:https?://)?(?:www\\.)?kick\\.com/([A-Za-z0-9_-]{1,25})(?:[/?#].*)?';

/** A channel as a resource locator: searchable list, slug, URL or broadcaster id. */
export function channelLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Channel',
		name: 'channel',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Kick channel',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchChannels', searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By Slug',
				name: 'slug',
				type: 'string',
				placeholder: 'e.g. neonvale',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^@?[A-Za-z0-9_-]{1,25}$', errorMessage: 'Not a Kick channel slug (letters, digits, - or _, up to 25)' },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://kick.com/neonvale',
				extractValue: { type: 'regex', regex: CHANNEL_URL_REGEX },
				validation: [
					{ type: 'regex', properties: { regex: CHANNEL_URL_REGEX, errorMessage: 'Not a Kick channel URL (https://kick.com/<slug>)' } },
				],
			},
			{
				displayName: 'By Broadcaster ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2841377',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'Broadcaster ids are whole numbers' } }],
			},
		],
		...overrides,
	};
}
