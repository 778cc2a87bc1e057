/**
 * The trigger's parameters, read once into plain values. Pure: the node passes a getter.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseChannelRef, type ChannelRef } from '../../shared/channelRef';
import type { ParameterGetter } from '../../shared/parameters';
import { APP_CREDENTIAL, KICK_EVENT_TYPES, USER_CREDENTIAL, type KickEventType } from '../../shared/kick.constants';
import type { KickCredentialType } from '../../transport';
import type { FilterSettings } from '../../events/filters';
import { readFilterOptions } from '../../events/settings';
import { readDeduplicateAcrossTriggers } from '../../events/description';

import { readDuplicatePayloads, type DuplicatePayloads } from '../dedup';
import { lateLimitMs } from '../lateness';
import { isKickEventType } from '../schemas';
import { ALL_EVENTS } from './description';

export interface TriggerSettings {
	authentication: 'userOAuth2' | 'appOAuth2';
	credentialType: KickCredentialType;
	/** Selected events (all ten for "All Events"); empty when none is selected. */
	events: KickEventType[];
	/** App credential: the channels as entered (resolved to broadcaster ids at publish time). */
	channels: ChannelRef[];
	/** Channel entries that are neither an id, a slug nor a kick.com link. */
	invalidChannels: string[];
	/** Filters, without events and channels (those come from `events` and the resolved ids). */
	filters: Omit<FilterSettings, 'events' | 'broadcasterUserIds'>;
	/** The Late Delivery Limit, ms: later deliveries are acknowledged without a run. */
	lateLimitMs: number;
	/** The Ignore Deliveries Older Than filter, ms (undefined: off). */
	ignoreOlderThanMs?: number;
	/** Which duplicate bodies are dropped (the Ignore Duplicate Payloads option). */
	duplicatePayloads: DuplicatePayloads;
	onlyOwnSubscriptions: boolean;
	manageSubscriptions: boolean;
	/** Deduplicate With Other Kick Triggers. */
	deduplicateAcrossTriggers: boolean;
}

function channelEntries(channels: unknown): Array<{ value: unknown; mode?: string }> {
	const list = (channels as IDataObject | undefined)?.channel;
	if (!Array.isArray(list)) return [];
	return list.map((entry) => {
		const locator = (entry as IDataObject).channel;
		if (locator && typeof locator === 'object') {
			const { value, mode } = locator as { value?: unknown; mode?: string };
			return { value, mode };
		}
		return { value: locator };
	});
}

export function readTriggerSettings(get: ParameterGetter): TriggerSettings {
	const authentication = get('authentication', 'userOAuth2') === 'appOAuth2' ? 'appOAuth2' : 'userOAuth2';
	const selected = (get('events', []) as unknown[]).map(String);
	const events = selected.includes(ALL_EVENTS) ? [...KICK_EVENT_TYPES] : [...new Set(selected.filter(isKickEventType))];

	const channels: ChannelRef[] = [];
	const invalidChannels: string[] = [];
	if (authentication === 'appOAuth2') {
		for (const entry of channelEntries(get('channels', {}))) {
			if (String(entry.value ?? '').trim() === '') continue;
			const ref = parseChannelRef(entry.value, entry.mode);
			if (ref) channels.push(ref);
			else invalidChannels.push(String(entry.value).slice(0, 60));
		}
	}

	const options = (get('options', {}) ?? {}) as IDataObject;
	const filters = (get('filters', {}) ?? {}) as IDataObject;
	const olderThanMinutes = Number(filters.ignoreOlderThanMinutes ?? 0);

	return {
		authentication,
		credentialType: authentication === 'appOAuth2' ? APP_CREDENTIAL : USER_CREDENTIAL,
		events,
		channels,
		invalidChannels,
		filters: readFilterOptions(filters),
		lateLimitMs: lateLimitMs(options.lateDeliveryLimitHours),
		ignoreOlderThanMs: Number.isFinite(olderThanMinutes) && olderThanMinutes > 0 ? olderThanMinutes * 60_000 : undefined,
		duplicatePayloads: readDuplicatePayloads(options.ignoreDuplicatePayloads),
		onlyOwnSubscriptions: options.onlyOwnSubscriptions !== false,
		manageSubscriptions: options.manageSubscriptions !== false,
		deduplicateAcrossTriggers: readDeduplicateAcrossTriggers(options),
	};
}

/** The trigger's state in the workflow's static data (node scope). */
export interface TriggerState {
	/** Subscriptions the published workflow created or adopted. */
	subscriptionIds?: string[];
	/** Subscriptions created during an editor test, deleted when the test ends. */
	testSubscriptionIds?: string[];
	/** Channels whose events run the workflow (app: the resolved channels; user: the own channel). */
	broadcasterUserIds?: number[];
	/** The user credential's broadcaster id, learned from its subscriptions. */
	selfBroadcasterId?: number;
	/** The credential's API base URL, so a delivery needs no credential read. */
	apiBaseUrl?: string;
}

export function readState(staticData: IDataObject): TriggerState {
	return staticData as TriggerState;
}
