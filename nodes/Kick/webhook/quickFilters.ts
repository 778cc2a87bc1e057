/**
 * The Kick Trigger's first filter stage, on the raw delivery bytes (a busy channel's chat must
 * not cost a parse per dropped message). `quickReject` looks only at the event-type header and
 * a few bytes of the raw body (the broadcaster id, the start of a chat message). It answers
 * "drop" only when the bytes prove the full check (`rejectParsed` in ../events/filters) would
 * drop too; when unsure it answers nothing and the full parse decides. The property test in
 * test/unit/webhook/filters.test.ts checks exactly that implication.
 */
import { hasCommandPrefix } from '../events/command';
import type { CompiledFilters, FilterReason } from '../events/filters';
import { decodeStringAt, memberValueOffset, memberValueOffsets, rawStringStartsWith, readInteger, rootOffset } from './rawJson';

const BROADCASTER_KEY = Buffer.from('broadcaster');
const USER_ID_KEY = Buffer.from('user_id');
const CONTENT_KEY = Buffer.from('content');

/** `broadcaster.user_id` of the object whose `broadcaster` value starts at `offset`, when certain. */
function userIdAt(raw: Buffer, offset: number): number | undefined {
	if (offset < 0) return undefined;
	const userId = memberValueOffset(raw, offset, USER_ID_KEY);
	return userId < 0 ? undefined : readInteger(raw, userId);
}

/** Whether the JSON string at `offset` starts with the prefix: true/false when certain, else undefined. */
function stringHasPrefixAt(raw: Buffer, offset: number, prefix: string, prefixBytes: Buffer): boolean | undefined {
	if (offset < 0) return undefined;
	const quick = rawStringStartsWith(raw, offset, prefixBytes);
	if (quick !== undefined) return quick;
	// An escape (e.g. `\u0021` for `!`) or a non-ASCII prefix: decode just this string.
	const decoded = decodeStringAt(raw, offset);
	return decoded === undefined ? undefined : hasCommandPrefix(decoded, prefix);
}

/** The top-level `broadcaster.user_id` read from the raw bytes, or undefined when not certain. */
export function rawBroadcasterUserId(raw: Buffer): number | undefined {
	return userIdAt(raw, memberValueOffset(raw, rootOffset(raw), BROADCASTER_KEY));
}

/**
 * Whether the chat message's top-level `content` starts with the prefix, from the raw bytes:
 * true/false when certain, undefined when the body must be parsed to know.
 */
export function rawContentHasPrefix(raw: Buffer, prefix: string, prefixBytes: Buffer): boolean | undefined {
	return stringHasPrefixAt(raw, memberValueOffset(raw, rootOffset(raw), CONTENT_KEY), prefix, prefixBytes);
}

/**
 * Stage 1: a drop decided from the type header and the raw bytes, or undefined ("parse and
 * check fully"). Only ever drops what `rejectParsed` would drop.
 */
export function quickReject(type: string, raw: Buffer, filters: CompiledFilters): FilterReason | undefined {
	if (!filters.events.has(type)) return 'filtered:event';
	const checkChannel = filters.broadcasterUserIds !== undefined;
	const checkPrefix =
		type === 'chat.message.sent' && filters.commandPrefix !== undefined && filters.commandPrefixBytes !== undefined;
	if (!checkChannel && !checkPrefix) return undefined;
	// One pass over the body finds both top-level values.
	const [broadcaster, content] = memberValueOffsets(raw, rootOffset(raw), [BROADCASTER_KEY, CONTENT_KEY]) as [number, number];
	if (checkChannel) {
		const id = userIdAt(raw, broadcaster);
		if (id !== undefined && !filters.broadcasterUserIds?.has(id)) return 'filtered:channel';
	}
	if (checkPrefix) {
		const startsWith = stringHasPrefixAt(raw, content, filters.commandPrefix as string, filters.commandPrefixBytes as Buffer);
		if (startsWith === false) return 'filtered:command-prefix';
	}
	return undefined;
}
