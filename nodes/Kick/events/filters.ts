/**
 * The filters every Kick trigger shares (webhook, live socket, polling): which events start a
 * workflow run. They are decided on the event's body in the shape of Kick's webhook payloads,
 * which is the shape every trigger hands on, so one rule serves all three.
 *
 * Chat messages also have the chat bot's rules: who may run them (Only From, read from the
 * sender's badges, per command with Command Rules), and the settings of the two rules that
 * depend on what ran before (cooldowns, Only First Message per Viewer), which the decide step
 * applies against the workflow's record (./chatRules.ts).
 */
import { KICK_EVENT_TYPES } from '../shared/kick.constants';
import { DEFAULT_COMMAND_PREFIX, parseCommand } from './command';
import { obj, str, type Json } from '../shared/json';
import { badgeTypes } from './normalize';

/**
 * The roles Only From chooses from, each a badge type Kick gives chat senders (`sender.identity.badges`
 * in the webhook and on the live socket). Other badge types (`sub_gifter`, `staff`, ones Kick adds)
 * are kept on the item (`senderBadges`) and give no role.
 */
export const CHAT_ROLES = ['broadcaster', 'moderator', 'vip', 'og', 'founder', 'subscriber', 'verified'] as const;

export type ChatRole = (typeof CHAT_ROLES)[number];

const ROLE_SET: ReadonlySet<string> = new Set(CHAT_ROLES);

/** Roles that skip cooldowns when Broadcaster and Moderators Skip Cooldowns is on. */
const COOLDOWN_EXEMPT: readonly ChatRole[] = ['broadcaster', 'moderator'];

/** Who may run a command, and how often: a command rule's, or the Filters' own for every other command. */
export interface CommandPolicy {
	/** Roles of which the sender needs one; undefined: anyone. */
	onlyFrom?: ReadonlySet<ChatRole>;
	/** Seconds after a run of the command before it runs again (0: no cooldown). */
	cooldownSeconds: number;
	/** Seconds after a viewer's run of the command before it runs again for that viewer (0: none). */
	viewerCooldownSeconds: number;
}

export interface CommandRuleSettings {
	/** Command names without the prefix. */
	commands: readonly string[];
	onlyFrom?: readonly ChatRole[];
	cooldownSeconds?: number;
	viewerCooldownSeconds?: number;
}

export type StreamStatusFilter = 'any' | 'online' | 'offline';

/** The selected events, the channels, and the Filters collection (./parameters.ts describes each filter). */
export interface FilterSettings {
	/** Empty or undefined: all ten. */
	events?: readonly string[];
	/** Empty or undefined: any channel. */
	broadcasterUserIds?: readonly number[];
	streamStatus?: StreamStatusFilter;
	commandPrefix?: string;
	/** Names with or without the prefix, any case; only read with a prefix. */
	commands?: readonly string[];
	ignoreChatUsernames?: readonly string[];
	onlyFrom?: readonly ChatRole[];
	cooldownSeconds?: number;
	viewerCooldownSeconds?: number;
	cooldownExempt?: boolean;
	/** Commands that follow their rule instead of onlyFrom and the cooldowns above. */
	commandRules?: readonly CommandRuleSettings[];
	onlyFirstMessage?: boolean;
	minKicksAmount?: number;
	rewardTitles?: readonly string[];
	redemptionStatuses?: readonly string[];
}

export type FilterReason =
	| 'filtered:event'
	| 'filtered:channel'
	| 'filtered:stream-status'
	| 'filtered:command-prefix'
	| 'filtered:command'
	| 'filtered:chat-username'
	| 'filtered:role'
	| 'filtered:first-message'
	| 'filtered:min-kicks'
	| 'filtered:reward-title'
	| 'filtered:redemption-status';

function lowerSet(values: readonly string[] | undefined): ReadonlySet<string> | undefined {
	const cleaned = (values ?? []).map((value) => value.trim().toLowerCase()).filter((value) => value !== '');
	return cleaned.length ? new Set(cleaned) : undefined;
}

function roleSet(roles: readonly ChatRole[] | undefined): ReadonlySet<ChatRole> | undefined {
	return roles?.length ? new Set(roles) : undefined;
}

function seconds(value: number | undefined): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : 0;
}

/** Command names as entered (with or without the prefix), lowercased, without the prefix. */
function commandNames(names: readonly string[] | undefined, prefix: string): ReadonlySet<string> | undefined {
	return lowerSet(names?.map((name) => (name.trim().startsWith(prefix) ? name.trim().slice(prefix.length) : name)));
}

export type CompiledFilters = Readonly<ReturnType<typeof compileFilters>>;

/** Turns settings into the lookup structures the per-delivery checks use. */
export function compileFilters(settings: FilterSettings = {}) {
	const events = settings.events?.length ? settings.events : KICK_EVENT_TYPES;
	const prefix = settings.commandPrefix ?? '';
	const ids = (settings.broadcasterUserIds ?? []).filter((id) => Number.isSafeInteger(id));
	const commandPrefix = prefix === '' ? undefined : prefix;
	const itemPrefix = commandPrefix ?? DEFAULT_COMMAND_PREFIX;
	const commands = commandPrefix ? commandNames(settings.commands, commandPrefix) : undefined;
	// Command name → its rule.
	const rules = new Map<string, CommandPolicy>();
	for (const rule of settings.commandRules ?? []) {
		const policy = { onlyFrom: roleSet(rule.onlyFrom), cooldownSeconds: seconds(rule.cooldownSeconds), viewerCooldownSeconds: seconds(rule.viewerCooldownSeconds) };
		for (const name of commandNames(rule.commands, itemPrefix) ?? []) if (!rules.has(name)) rules.set(name, policy);
	}
	const minKicks = settings.minKicksAmount;
	return {
		events: new Set(events),
		broadcasterUserIds: ids.length ? new Set(ids) : undefined,
		streamStatus: settings.streamStatus ?? 'any',
		commandPrefix,
		commands,
		ignoreChatUsernames: lowerSet(settings.ignoreChatUsernames),
		// The prefix chat items' `command` fields are read with: the Command Prefix, else `!`.
		itemPrefix,
		// Every command without a rule (and, for Only From, every chat message that is no command).
		policy: { onlyFrom: roleSet(settings.onlyFrom), cooldownSeconds: seconds(settings.cooldownSeconds), viewerCooldownSeconds: seconds(settings.viewerCooldownSeconds) },
		commandRules: rules.size ? rules : undefined,
		cooldownExempt: settings.cooldownExempt === true,
		onlyFirstMessage: settings.onlyFirstMessage === true,
		minKicksAmount: typeof minKicks === 'number' && minKicks > 0 ? minKicks : undefined,
		rewardTitles: lowerSet(settings.rewardTitles),
		redemptionStatuses: lowerSet(settings.redemptionStatuses),
	};
}

/** The rule of a command (its name without the prefix), or the Filters' own. */
export function policyFor(filters: CompiledFilters, command: string | undefined): CommandPolicy {
	return (command !== undefined && filters.commandRules?.get(command)) || filters.policy;
}

/** Whether two users are the same: by user id when both have one, else by name or channel slug. */
function sameUser(a: Json | undefined, b: Json | undefined): boolean {
	if (!a || !b) return false;
	if (typeof a.user_id === 'number' && typeof b.user_id === 'number') return a.user_id === b.user_id;
	const name = (user: Json, key: string) => str(user[key])?.toLowerCase();
	return ['username', 'channel_slug'].some((key) => name(a, key) !== undefined && name(a, key) === name(b, key));
}

/**
 * A chat sender's roles: their badges' types that are roles, `verified` also for a verified
 * account, and `broadcaster` also for the channel's owner when Kick sends no badge for them.
 * Badges missing, not a list, or of unknown types give no role.
 */
export function senderRoles(body: Json): Set<ChatRole> {
	const sender = obj(body.sender);
	const roles = new Set<ChatRole>();
	for (const type of badgeTypes(sender).map((badge) => badge.toLowerCase())) {
		if (ROLE_SET.has(type)) roles.add(type as ChatRole);
	}
	if (sender?.is_verified === true) roles.add('verified');
	if (sameUser(sender, obj(body.broadcaster))) roles.add('broadcaster');
	return roles;
}

function hasOneOf(roles: ReadonlySet<ChatRole>, wanted: Iterable<ChatRole>): boolean {
	for (const role of wanted) if (roles.has(role)) return true;
	return false;
}

/** Whether the sender skips cooldowns (Broadcaster and Moderators Skip Cooldowns). */
export function skipsCooldowns(filters: CompiledFilters, body: Json): boolean {
	return filters.cooldownExempt && hasOneOf(senderRoles(body), COOLDOWN_EXEMPT);
}

/** The first entry that is not blank, trimmed (an editor sample passes a list filter with it). */
export function firstNonEmpty(values: readonly string[] | undefined): string | undefined {
	return values?.map((value) => value.trim()).find((value) => value !== '');
}

/** An editor sample's chat message that passes Command Prefix and Command Names. */
export function sampleCommand(prefix: string, commands: readonly string[] | undefined): string {
	return `${prefix}${firstNonEmpty(commands)?.replace(prefix, '') ?? 'hello'} world`;
}

/** Whether the filters drop the event (of any name the triggers emit), and why. */
export function rejectParsed(type: string, body: Json, filters: CompiledFilters): FilterReason | undefined {
	if (!filters.events.has(type)) return 'filtered:event';
	if (filters.broadcasterUserIds) {
		const id = obj(body.broadcaster)?.user_id;
		if (typeof id !== 'number' || !filters.broadcasterUserIds.has(id)) return 'filtered:channel';
	}
	switch (type) {
		case 'chat.message.sent': {
			const content = typeof body.content === 'string' ? body.content : '';
			let command = filters.commandPrefix === undefined ? undefined : parseCommand(content, filters.commandPrefix);
			if (filters.commandPrefix !== undefined) {
				if (!command) return 'filtered:command-prefix';
				if (filters.commands && !filters.commands.has(command.command)) return 'filtered:command';
			}
			if (filters.ignoreChatUsernames) {
				const username = str(obj(body.sender)?.username)?.toLowerCase();
				if (username !== undefined && filters.ignoreChatUsernames.has(username)) return 'filtered:chat-username';
			}
			if (filters.policy.onlyFrom || filters.commandRules) {
				command ??= parseCommand(content, filters.itemPrefix);
				const { onlyFrom } = policyFor(filters, command?.command);
				if (onlyFrom && !hasOneOf(senderRoles(body), onlyFrom)) return 'filtered:role';
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
			const amount = obj(body.gift)?.amount;
			return typeof amount === 'number' && amount >= filters.minKicksAmount ? undefined : 'filtered:min-kicks';
		}
		case 'channel.reward.redemption.updated': {
			if (filters.rewardTitles) {
				const title = str(obj(body.reward)?.title)?.toLowerCase().trim();
				if (title === undefined || !filters.rewardTitles.has(title)) return 'filtered:reward-title';
			}
			if (filters.redemptionStatuses) {
				const status = str(body.status)?.toLowerCase();
				if (status === undefined || !filters.redemptionStatuses.has(status)) return 'filtered:redemption-status';
			}
			return undefined;
		}
		default:
			return undefined;
	}
}
