/**
 * A Kick channel as users write it: a slug (`neonvale`, `@neonvale`), a kick.com link
 * (`https://kick.com/neonvale`), or a numeric broadcaster ID. One reading for every node.
 */
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
