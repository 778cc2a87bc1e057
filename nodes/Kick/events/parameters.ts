/**
 * The node parameters every Kick trigger shares, and their readers (pure: plain values in, plain
 * values out): event names and their display names, the Filters collection (decided before an
 * execution starts, so filtering here is cheaper than an IF node after the trigger) with the chat
 * bot's rules (Only From, cooldowns, Command Rules, Only First Message per Viewer) and what is
 * wrong with them, and the Deduplicate With Other Kick Triggers option.
 *
 * The ten official webhook events keep Kick's own names; a trigger that sees the same thing
 * another way (the live socket, polling) emits it under the same name.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { KickEventType } from '../shared/kick.constants';
import { splitList } from '../shared/lists';
import { MAX_COOLDOWN_SECONDS } from './chatRules';
import { CHAT_ROLES, type ChatRole, type CommandRuleSettings, type FilterSettings, type StreamStatusFilter } from './filters';

/** The Events option that stands for all ten. */
export const ALL_EVENTS = '*';

export const EVENT_OPTIONS: Record<KickEventType, { name: string; description: string }> = {
	'chat.message.sent': { name: 'Chat Message', description: 'Someone sent a chat message' },
	'channel.followed': { name: 'New Follower', description: 'Someone followed the channel' },
	'channel.subscription.new': { name: 'New Subscription', description: 'Someone subscribed for the first time' },
	'channel.subscription.renewal': { name: 'Subscription Renewed', description: 'A subscription renewed' },
	'channel.subscription.gifts': { name: 'Subscriptions Gifted', description: 'Someone gifted subscriptions' },
	'channel.reward.redemption.updated': {
		name: 'Reward Redeemed or Updated',
		description: 'A channel points reward was redeemed, accepted or rejected',
	},
	'livestream.status.updated': { name: 'Stream Went Online or Offline', description: 'The stream started or ended' },
	'livestream.metadata.updated': {
		name: 'Stream Info Changed',
		description: 'The stream title, category, language or mature flag changed',
	},
	'moderation.banned': { name: 'User Banned or Timed Out', description: 'A moderator banned or timed out a user' },
	'kicks.gifted': { name: 'KICKs Gifted', description: 'Someone gifted KICKs' },
};

const ROLE_NAMES: Record<ChatRole, { name: string; description: string }> = {
	broadcaster: { name: 'Broadcaster', description: 'The channel owner, with or without a badge' },
	moderator: { name: 'Moderators', description: 'Senders with the moderator badge' },
	vip: { name: 'VIPs', description: 'Senders with the VIP badge' },
	og: { name: 'OGs', description: 'Senders with the OG badge' },
	founder: { name: 'Founders', description: 'Senders with the founder badge' },
	subscriber: { name: 'Subscribers', description: 'Senders with the subscriber badge' },
	verified: { name: 'Verified', description: 'Verified accounts' },
};

const roleOptions = CHAT_ROLES.map((role) => ({ value: role, ...ROLE_NAMES[role] })).sort((a, b) => a.name.localeCompare(b.name));

const FILTERS = 'Filters';
const ONLY_FROM = 'Only From';
const COOLDOWN = 'Command Cooldown (Seconds)';
const VIEWER_COOLDOWN = 'Command Cooldown per Viewer (Seconds)';
const COMMAND_RULES = 'Command Rules';

const onlyFromProperty = (description: string): INodeProperties => ({
	displayName: ONLY_FROM,
	name: 'onlyFrom',
	type: 'multiOptions',
	options: roleOptions,
	default: [],
	description,
});

const cooldownProperty = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_COOLDOWN_SECONDS },
	default: 0,
	description,
});

export const filtersProperty: INodeProperties = {
	displayName: FILTERS,
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description: 'Only start the workflow for some events. Filtering here is much cheaper than an IF node after the trigger.',
	options: [
		cooldownProperty(
			'cooldownSeconds',
			COOLDOWN,
			'Chat commands: after a command ran, the same command starts no workflow for this many seconds, from anyone (0 = no cooldown). Each command has its own cooldown; Command Rules can set another one.',
		),
		cooldownProperty(
			'viewerCooldownSeconds',
			VIEWER_COOLDOWN,
			'Chat commands: after a viewer ran a command, the same command from that viewer starts no workflow for this many seconds (0 = none)',
		),
		{
			displayName: 'Command Names',
			name: 'commands',
			type: 'string',
			default: '',
			placeholder: 'e.g. discord, socials',
			description:
				'Chat messages: only these commands (comma-separated, without the prefix, any case). Needs a command prefix.',
		},
		{
			displayName: 'Command Prefix',
			name: 'commandPrefix',
			type: 'string',
			default: '',
			placeholder: 'e.g. !',
			description:
				'Chat messages: only messages that start with this text. Every chat item has the command and its arguments (read with ! when no prefix is set).',
		},
		{
			displayName: COMMAND_RULES,
			name: 'commandRules',
			type: 'fixedCollection',
			placeholder: 'Add Command Rule',
			typeOptions: { multipleValues: true },
			default: {},
			description:
				'Chat commands with their own roles and cooldowns, e.g. title for moderators only. A command listed in a rule follows the rule instead of Only From and the cooldowns above.',
			options: [
				{
					displayName: 'Rule',
					name: 'rule',
					values: [
						{
							displayName: 'Commands',
							name: 'commands',
							type: 'string',
							default: '',
							placeholder: 'e.g. title, game',
							description: 'The commands this rule is for (comma-separated, without the prefix, any case)',
						},
						onlyFromProperty('Only senders with one of these roles may run these commands (none chosen = anyone)'),
						cooldownProperty('cooldownSeconds', 'Cooldown (Seconds)', 'After one of these commands ran, it starts no workflow for this many seconds, from anyone (0 = none)'),
						cooldownProperty(
							'viewerCooldownSeconds',
							'Cooldown per Viewer (Seconds)',
							'After a viewer ran one of these commands, it starts no workflow from that viewer for this many seconds (0 = none)',
						),
					],
				},
			],
		},
		{
			displayName: 'Ignore Chat From',
			name: 'ignoreChatUsernames',
			type: 'string',
			default: '',
			placeholder: 'e.g. MyBot, Nightbot',
			description: 'Chat messages: usernames to ignore (comma-separated, any case), such as your own bot',
		},
		{
			displayName: 'Minimum KICKs Amount',
			name: 'minKicksAmount',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'KICKs gifts: only gifts of at least this many KICKs (0 = any)',
		},
		{
			displayName: 'Only First Message per Viewer',
			name: 'onlyFirstMessage',
			type: 'boolean',
			default: true,
			description:
				"Whether to start the workflow only for a viewer's first chat message in the current stream, e.g. to welcome them. Every chat item says whether it is one (firstMessageInStream).",
		},
		onlyFromProperty(
			'Chat messages: only from senders with one of these roles, read from their chat badges (none chosen = anyone). The broadcaster is recognized without a badge.',
		),
		{
			displayName: 'Redemption Status',
			name: 'redemptionStatuses',
			type: 'multiOptions',
			options: [
				{ name: 'Accepted', value: 'accepted' },
				{ name: 'Pending', value: 'pending' },
				{ name: 'Rejected', value: 'rejected' },
			],
			default: [],
			description: 'Reward redemptions: only these statuses (none chosen = any)',
		},
		{
			displayName: 'Reward Titles',
			name: 'rewardTitles',
			type: 'string',
			default: '',
			placeholder: 'e.g. Hydrate, Pick the next map',
			description: 'Reward redemptions: only these rewards (comma-separated titles, any case)',
		},
		{
			displayName: 'Skip Cooldowns for Broadcaster and Moderators',
			name: 'cooldownExempt',
			type: 'boolean',
			default: true,
			description: 'Whether the broadcaster and moderators can run a command while it is on cooldown (their runs still start it)',
		},
		{
			displayName: 'Stream Status',
			name: 'streamStatus',
			type: 'options',
			options: [
				{ name: 'Online or Offline', value: 'any' },
				{ name: 'Went Offline', value: 'offline' },
				{ name: 'Went Online', value: 'online' },
			],
			default: 'any',
			description: 'Stream online/offline events: only when the stream started, or only when it ended',
		},
	],
};

/** "Deduplicate With Other Kick Triggers" (in each trigger's Options): ./record.ts. */
export const deduplicateAcrossTriggersOption: INodeProperties = {
	displayName: 'Deduplicate With Other Kick Triggers',
	name: 'deduplicateAcrossTriggers',
	type: 'boolean',
	default: true,
	description:
		'Whether to drop an event another Kick trigger in this workflow already ran: the same chat message, stream start or end, redemption, subscription, gift, KICKs or ban seen by the Kick Trigger, the Kick Chat Trigger or the Kick Polling Trigger runs the workflow once, from whichever saw it first',
};

/** Reads the option (on unless switched off). */
export function readDeduplicateAcrossTriggers(options: unknown): boolean {
	return (options as { deduplicateAcrossTriggers?: unknown } | undefined)?.deduplicateAcrossTriggers !== false;
}

/** What stops a trigger from working as configured: a message naming the field, and the fix. */
export interface SettingsProblem {
	message: string;
	description: string;
}

const ROLE_HELP = `Choose from ${roleOptions.map((option) => option.name).join(', ')} (in an expression: ${CHAT_ROLES.join(', ')}, separated by commas).`;

/** Only From as chosen, or as an expression gave it (a list, or names separated by commas; plurals too). */
function readRoles(value: unknown, field: string, problems: SettingsProblem[]): ChatRole[] {
	const roles: ChatRole[] = [];
	for (const entry of splitList(value)) {
		const name = entry.toLowerCase();
		const role = [name, name.replace(/s$/, '')].find((candidate) => (CHAT_ROLES as readonly string[]).includes(candidate));
		if (role) roles.push(role as ChatRole);
		else problems.push({ message: `${field}: '${entry.slice(0, 40)}' is not a role`, description: ROLE_HELP });
	}
	return [...new Set(roles)];
}

/** A cooldown in whole seconds (0 when not set). */
function readCooldown(value: unknown, field: string, problems: SettingsProblem[]): number {
	if (value === undefined || value === null || value === '') return 0;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_COOLDOWN_SECONDS) return Math.ceil(seconds);
	problems.push({
		message: `${field} is ${String(value).slice(0, 40)}`,
		description: `Enter 0 for no cooldown, or the seconds (up to ${MAX_COOLDOWN_SECONDS.toLocaleString('en-US')}, a day) before the command starts the workflow again.`,
	});
	return 0;
}

/** The Filters collection as read, with what is wrong with it (the first problem), checked before a trigger is published. */
export type FilterOptions = Omit<FilterSettings, 'events' | 'broadcasterUserIds'> & { problem?: SettingsProblem };

/** The Filters collection's values; events and channels come from each trigger's own parameters. */
export function readFilterOptions(value: unknown): FilterOptions {
	const filters = (value ?? {}) as IDataObject;
	const problems: SettingsProblem[] = [];
	const rules: CommandRuleSettings[] = [];
	const entries = ((filters.commandRules as IDataObject | undefined)?.rule ?? []) as unknown;
	const ruled = new Set<string>();
	(Array.isArray(entries) ? entries : []).forEach((entry: IDataObject, index) => {
		const field = `${FILTERS} → ${COMMAND_RULES} (rule ${index + 1})`;
		const commands = splitList(entry.commands).map((name) => name.toLowerCase());
		if (commands.length === 0) {
			problems.push({ message: `${field} names no command`, description: 'Enter the commands the rule is for (e.g. title, game), or remove the rule.' });
		}
		for (const command of commands) {
			if (ruled.has(command)) problems.push({ message: `${field}: '${command.slice(0, 40)}' is in another rule too`, description: 'Keep each command in one rule.' });
			ruled.add(command);
		}
		rules.push({
			commands,
			onlyFrom: readRoles(entry.onlyFrom, `${field} → ${ONLY_FROM}`, problems),
			cooldownSeconds: readCooldown(entry.cooldownSeconds, `${field} → Cooldown (Seconds)`, problems),
			viewerCooldownSeconds: readCooldown(entry.viewerCooldownSeconds, `${field} → Cooldown per Viewer (Seconds)`, problems),
		});
	});
	const prefix = typeof filters.commandPrefix === 'string' ? filters.commandPrefix.trim() : '';
	const names = prefix === '' ? [] : splitList(filters.commands).map((name) => (name.startsWith(prefix) ? name.slice(prefix.length) : name).toLowerCase());
	const excluded = names.length === 0 ? [] : [...ruled].filter((command) => !names.includes(command.startsWith(prefix) ? command.slice(prefix.length) : command));
	if (excluded.length > 0) {
		problems.push({
			message: `${FILTERS} → ${COMMAND_RULES}: ${excluded.map((command) => `'${command.slice(0, 40)}'`).join(', ')} not among Command Names`,
			description: 'Only the commands under Command Names start the workflow: add them there, or remove them from the rules.',
		});
	}
	const streamStatus = ['online', 'offline'].includes(String(filters.streamStatus)) ? (filters.streamStatus as StreamStatusFilter) : 'any';
	const minKicks = Number(filters.minKicksAmount ?? 0);
	return {
		streamStatus,
		commandPrefix: prefix === '' ? undefined : prefix,
		commands: splitList(filters.commands),
		ignoreChatUsernames: splitList(filters.ignoreChatUsernames),
		minKicksAmount: Number.isFinite(minKicks) && minKicks > 0 ? minKicks : undefined,
		rewardTitles: splitList(filters.rewardTitles),
		redemptionStatuses: splitList(filters.redemptionStatuses),
		onlyFrom: readRoles(filters.onlyFrom, `${FILTERS} → ${ONLY_FROM}`, problems),
		cooldownSeconds: readCooldown(filters.cooldownSeconds, `${FILTERS} → ${COOLDOWN}`, problems),
		viewerCooldownSeconds: readCooldown(filters.viewerCooldownSeconds, `${FILTERS} → ${VIEWER_COOLDOWN}`, problems),
		cooldownExempt: filters.cooldownExempt === true,
		commandRules: rules,
		onlyFirstMessage: filters.onlyFirstMessage === true,
		// Last: after every reader above has filed its problems.
		problem: problems[0],
	};
}
