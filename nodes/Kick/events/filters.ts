/**
 * The filters every Kick trigger shares (webhook, live socket, polling): which events start a
 * workflow run. They are decided on the event's body in the shape of Kick's webhook payloads,
 * which is the shape every trigger hands on, so one rule serves all three.
 */
import { KICK_EVENT_TYPES, type KickEventType } from '../shared/kick.constants';
import { parseCommand } from './command';
import type { Json } from '../shared/json';

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
		commands,
		ignoreChatUsernames: lowerSet(settings.ignoreChatUsernames),
		minKicksAmount: typeof minKicks === 'number' && minKicks > 0 ? minKicks : undefined,
		rewardTitles: lowerSet(settings.rewardTitles),
		redemptionStatuses: lowerSet(settings.redemptionStatuses),
	};
}


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
