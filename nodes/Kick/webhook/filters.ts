/**
 * The trigger's filters: which deliveries start a workflow run.
 *
 * Two stages decide the same thing (issue 8: a busy channel's chat must not cost a parse per
 * dropped message):
 * 1. `quickReject` looks only at the event-type header and a few bytes of the raw body (the
 *    broadcaster id, the start of a chat message). It answers "drop" only when the bytes prove
 *    the full check would drop too; when unsure it answers nothing and the full parse decides.
 * 2. `rejectParsed` is the full, authoritative check on the parsed body.
 * So `quickReject(...) !== undefined` implies `rejectParsed(...) !== undefined` for the same
 * delivery — the property test in test/unit/webhook/filters.test.ts checks exactly that.
 */
import { KICK_EVENT_TYPES, type KickEventType } from '../shared/kick.constants';
import { hasCommandPrefix, parseCommand } from './command';
import { decodeStringAt, memberValueOffset, memberValueOffsets, rawStringStartsWith, readInteger, rootOffset } from './rawJson';

export type StreamStatusFilter = 'any' | 'online' | 'offline';

export interface FilterSettings {
	/** Events that run the workflow; empty or undefined = all ten. */
	events?: readonly string[];
	/** Broadcaster user ids whose events run the workflow; empty or undefined = any channel. */
	broadcasterUserIds?: readonly number[];
	/** `livestream.status.updated`: only when the stream went online, or offline. */
	streamStatus?: StreamStatusFilter;
	/** `chat.message.sent`: only messages starting with this prefix (e.g. `!`). */
	commandPrefix?: string;
	/** `chat.message.sent`: only these commands (names without the prefix, any case). Needs a prefix. */
	commands?: readonly string[];
	/** `chat.message.sent`: ignore messages from these usernames (any case), e.g. your own bot. */
	ignoreChatUsernames?: readonly string[];
	/** `kicks.gifted`: only gifts of at least this many KICKs. */
	minKicksAmount?: number;
	/** `channel.reward.redemption.updated`: only these reward titles (any case). */
	rewardTitles?: readonly string[];
	/** `channel.reward.redemption.updated`: only these statuses (pending, accepted, rejected). */
	redemptionStatuses?: readonly string[];
}

export interface CompiledFilters {
	readonly events: ReadonlySet<string>;
	readonly broadcasterUserIds?: ReadonlySet<number>;
	readonly streamStatus: StreamStatusFilter;
	readonly commandPrefix?: string;
	readonly commandPrefixBytes?: Buffer;
	readonly commands?: ReadonlySet<string>;
	readonly ignoreChatUsernames?: ReadonlySet<string>;
	readonly minKicksAmount?: number;
	readonly rewardTitles?: ReadonlySet<string>;
	readonly redemptionStatuses?: ReadonlySet<string>;
}

export type FilterReason =
	| 'filtered:event'
	| 'filtered:channel'
	| 'filtered:stream-status'
	| 'filtered:command-prefix'
	| 'filtered:command'
	| 'filtered:chat-username'
	| 'filtered:min-kicks'
	| 'filtered:reward-title'
	| 'filtered:redemption-status';

function lowerSet(values: readonly string[] | undefined): ReadonlySet<string> | undefined {
	const cleaned = (values ?? []).map((value) => value.trim().toLowerCase()).filter((value) => value !== '');
	return cleaned.length ? new Set(cleaned) : undefined;
}

/** Turns settings into the lookup structures the per-delivery checks use. */
export function compileFilters(settings: FilterSettings = {}): CompiledFilters {
	const events = settings.events?.length ? settings.events : KICK_EVENT_TYPES;
	const prefix = settings.commandPrefix ?? '';
	const ids = (settings.broadcasterUserIds ?? []).filter((id) => Number.isSafeInteger(id));
	const commandPrefix = prefix === '' ? undefined : prefix;
	const commands = commandPrefix
		? lowerSet(settings.commands?.map((name) => (name.trim().startsWith(commandPrefix) ? name.trim().slice(commandPrefix.length) : name)))
		: undefined;
	const minKicks = settings.minKicksAmount;
	return {
		events: new Set(events),
		broadcasterUserIds: ids.length ? new Set(ids) : undefined,
		streamStatus: settings.streamStatus ?? 'any',
		commandPrefix,
		commandPrefixBytes: commandPrefix === undefined ? undefined : Buffer.from(commandPrefix, 'utf8'),
		commands,
		ignoreChatUsernames: lowerSet(settings.ignoreChatUsernames),
		minKicksAmount: typeof minKicks === 'number' && minKicks > 0 ? minKicks : undefined,
		rewardTitles: lowerSet(settings.rewardTitles),
		redemptionStatuses: lowerSet(settings.redemptionStatuses),
	};
}

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

type Json = Record<string, unknown>;

function field(value: unknown, key: string): unknown {
	return typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
}

function lower(value: unknown): string | undefined {
	return typeof value === 'string' ? value.toLowerCase() : undefined;
}

/** Stage 2: the authoritative decision on the parsed body. */
export function rejectParsed(type: KickEventType, body: Json, filters: CompiledFilters): FilterReason | undefined {
	if (!filters.events.has(type)) return 'filtered:event';
	if (filters.broadcasterUserIds) {
		const id = field(body.broadcaster, 'user_id');
		if (typeof id !== 'number' || !filters.broadcasterUserIds.has(id)) return 'filtered:channel';
	}
	switch (type) {
		case 'chat.message.sent': {
			if (filters.commandPrefix !== undefined) {
				const content = typeof body.content === 'string' ? body.content : '';
				const command = parseCommand(content, filters.commandPrefix);
				if (!command) return 'filtered:command-prefix';
				if (filters.commands && !filters.commands.has(command.command)) return 'filtered:command';
			}
			if (filters.ignoreChatUsernames) {
				const username = lower(field(body.sender, 'username'));
				if (username !== undefined && filters.ignoreChatUsernames.has(username)) return 'filtered:chat-username';
			}
			return undefined;
		}
		case 'livestream.status.updated': {
			if (filters.streamStatus === 'any') return undefined;
			const wanted = filters.streamStatus === 'online';
			return body.is_live === wanted ? undefined : 'filtered:stream-status';
		}
		case 'kicks.gifted': {
			if (filters.minKicksAmount === undefined) return undefined;
			const amount = field(body.gift, 'amount');
			return typeof amount === 'number' && amount >= filters.minKicksAmount ? undefined : 'filtered:min-kicks';
		}
		case 'channel.reward.redemption.updated': {
			if (filters.rewardTitles) {
				const title = lower(field(body.reward, 'title'))?.trim();
				if (title === undefined || !filters.rewardTitles.has(title)) return 'filtered:reward-title';
			}
			if (filters.redemptionStatuses) {
				const status = lower(body.status);
				if (status === undefined || !filters.redemptionStatuses.has(status)) return 'filtered:redemption-status';
			}
			return undefined;
		}
		default:
			return undefined;
	}
}
