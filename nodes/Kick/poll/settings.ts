/**
 * The polling trigger's parameters, read once into plain values and checked. Pure: the node
 * passes a getter, and a problem comes back as a message and a fix, not as an n8n error.
 */
import { APP_CREDENTIAL, LIMITS, USER_CREDENTIAL } from '../shared/kick.constants';
import type { KickCredentialType } from '../transport';
import type { FilterSettings } from '../events/filters';
import { readDeduplicateAcrossTriggers } from '../events/description';
import { readFilterOptions } from '../events/settings';
import { splitList } from '../shared/lists';
import { parseChannelRef, type ChannelRef } from '../shared/channelRef';
import type { ParameterGetter } from '../shared/parameters';
import { isPollEvent, POLL_EVENT_OPTIONS, USER_ONLY_EVENTS, type PollEventType } from './events';

export type RedemptionScope = 'pending' | 'any';
export type LeaderboardPeriod = 'lifetime' | 'month' | 'week';

/** More channels than this is almost certainly a mistake (20 requests every poll). */
export const MAX_CHANNELS = 1000;

export interface PollSettings {
	authentication: 'userOAuth2' | 'appOAuth2';
	credentialType: KickCredentialType;
	events: PollEventType[];
	/** App credential: the channels as entered; user credential: none (its own channel). */
	channels: ChannelRef[];
	/** Entries that are neither a broadcaster ID, a channel name nor a kick.com link. */
	invalidChannels: string[];
	/** Which redemptions to report: new pending ones, or new ones in any status. */
	redemptionScope: RedemptionScope;
	leaderboardPeriod: LeaderboardPeriod;
	/** How many gifters of the leaderboard to compare. */
	leaderboardSize: number;
	filters: Omit<FilterSettings, 'events' | 'broadcasterUserIds'>;
	/** Deduplicate With Other Kick Triggers. */
	deduplicateAcrossTriggers: boolean;
}

export function readPollSettings(get: ParameterGetter): PollSettings {
	const authentication = get('authentication', 'appOAuth2') === 'userOAuth2' ? 'userOAuth2' : 'appOAuth2';
	const selected = (get('events', []) as unknown[]).map(String).filter(isPollEvent);
	const channels: ChannelRef[] = [];
	const invalidChannels: string[] = [];
	if (authentication === 'appOAuth2') {
		for (const entry of splitList(get('channels', ''))) {
			const ref = parseChannelRef(entry);
			if (ref) channels.push(ref);
			else invalidChannels.push(entry.slice(0, 60));
		}
	}
	const period = String(get('leaderboardPeriod', 'lifetime'));
	return {
		authentication,
		credentialType: authentication === 'appOAuth2' ? APP_CREDENTIAL : USER_CREDENTIAL,
		events: [...new Set(selected)],
		channels: dedupeChannels(channels),
		invalidChannels,
		redemptionScope: get('redemptionScope', 'pending') === 'any' ? 'any' : 'pending',
		leaderboardPeriod: period === 'month' || period === 'week' ? period : 'lifetime',
		leaderboardSize: LIMITS.leaderboardTopMax,
		filters: readFilterOptions(get('filters', {})),
		deduplicateAcrossTriggers: readDeduplicateAcrossTriggers(get('options', {})),
	};
}

function dedupeChannels(channels: ChannelRef[]): ChannelRef[] {
	const seen = new Set<string>();
	return channels.filter((ref) => {
		const key = ref.kind === 'id' ? `id:${ref.id}` : `slug:${ref.slug}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

export interface SettingsProblem {
	message: string;
	description: string;
}

/** What stops the trigger from working as configured, or undefined when nothing does. */
export function settingsProblem(settings: PollSettings): SettingsProblem | undefined {
	if (settings.events.length === 0) {
		return { message: 'No events selected', description: 'Choose at least one event under Events.' };
	}
	const userOnly = settings.events.filter((event) => USER_ONLY_EVENTS.includes(event));
	if (settings.credentialType === APP_CREDENTIAL && userOnly.length > 0) {
		return {
			message: `${userOnly.map((event) => `'${POLL_EVENT_OPTIONS[event].name}'`).join(' and ')} needs the Kick OAuth2 API credential`,
			description:
				'Kick only shows reward redemptions and the KICKs leaderboard to the account of the channel. Set Authentication to Kick OAuth2 API and connect that account.',
		};
	}
	if (settings.invalidChannels.length > 0) {
		return {
			message: `Not a Kick channel: ${settings.invalidChannels.map((value) => `'${value}'`).join(', ')}`,
			description: 'Under Channels, enter channel names (e.g. neonvale), https://kick.com/<name> links or broadcaster IDs, separated by commas or new lines.',
		};
	}
	if (settings.credentialType === APP_CREDENTIAL && settings.channels.length === 0) {
		return {
			message: 'No channels to watch',
			description:
				"A Kick app can watch any channel, so it needs to know which: add at least one under Channels. To watch your own channel's redemptions and KICKs leaderboard, set Authentication to Kick OAuth2 API.",
		};
	}
	if (settings.channels.length > MAX_CHANNELS) {
		return {
			message: `Too many channels (${settings.channels.length})`,
			description: `One trigger watches at most ${MAX_CHANNELS} channels. Split them over several workflows.`,
		};
	}
	const statuses = settings.filters.redemptionStatuses ?? [];
	if (
		settings.events.includes('channel.reward.redemption.updated') &&
		settings.redemptionScope === 'pending' &&
		statuses.length > 0 &&
		!statuses.map((status) => status.toLowerCase()).includes('pending')
	) {
		return {
			message: 'The Redemption Status filter excludes every redemption this trigger reports',
			description:
				"Redemptions To Report is 'New Pending Redemptions', but the Redemption Status filter does not include Pending. Choose 'New Redemptions in Any Status', or add Pending to the filter.",
		};
	}
	return undefined;
}

/** The redemption statuses to list each poll: only what can pass the filter. */
export function redemptionStatusesToList(settings: PollSettings): Array<'pending' | 'accepted' | 'rejected'> {
	if (settings.redemptionScope === 'pending') return ['pending'];
	const wanted = new Set((settings.filters.redemptionStatuses ?? []).map((status) => status.toLowerCase()));
	const all = ['pending', 'accepted', 'rejected'] as const;
	return wanted.size === 0 ? [...all] : all.filter((status) => wanted.has(status));
}
