/**
 * The Chat Trigger's parameters, read once into plain values (pure: the node passes a getter),
 * and the socket address and channel names they lead to.
 */
import type { IDataObject } from 'n8n-workflow';

import { channelRefText, SLUG_PATTERN } from '../shared/channelRef';
import type { FilterSettings } from '../events/filters';
import { ALL_EVENTS } from '../events/names';
import { readFilterOptions } from '../events/settings';
import { readDeduplicateAcrossTriggers } from '../events/description';
import { KICK_WEBSITE_BASE_URL } from '../shared/kick.constants';
import type { ParameterGetter } from '../shared/parameters';
import { ALL_LIVE_EVENTS, isLiveEventName, type LiveEventName } from './events';

/** Kick's Pusher app today (what kick.com's own chat connects to). */
export const KICK_PUSHER_HOST = 'ws-us2.pusher.com';
export const KICK_PUSHER_APP = '32cbd69e4b950bf97679';
export const KICK_PUSHER_QUERY = 'protocol=7&client=js&version=8.4.0&flash=false';

export const DEFAULT_SAMPLE_AFTER_SECONDS = 5;
/** The Hold for Kick Trigger option's value when it is added (not added: no hold). */
export const DEFAULT_HOLD_FOR_KICK_TRIGGER_SECONDS = 5;

export interface ChatTriggerSettings {
	/** The slug, as entered or taken from a kick.com URL; undefined when the entry is not one. */
	slug?: string;
	/** The channel entry as typed, for messages. */
	channelInput: string;
	events: LiveEventName[];
	filters: Omit<FilterSettings, 'events' | 'broadcasterUserIds'>;
	/** Both set, or neither: ids entered by hand instead of the website lookup. */
	manualIds?: { channelId: number; chatroomId: number };
	/** Set when only one of the two ids was entered, or one is not a number. */
	manualIdsProblem?: string;
	pusherUrl: string;
	websiteBaseUrl: string;
	sampleAfterSeconds: number;
	/** Deduplicate With Other Kick Triggers. */
	deduplicateAcrossTriggers: boolean;
	/** Hold for Kick Trigger, ms (0: run the first copy at once). */
	holdForKickTriggerMs: number;
}

/** A slug from `neonvale`, `@neonvale` or `https://kick.com/neonvale` (the website looks channels up by slug). */
export function parseSlug(value: unknown): string | undefined {
	const entry = channelRefText(value);
	return SLUG_PATTERN.test(entry) ? entry.toLowerCase() : undefined;
}

/** The Pusher address: a bare host gets wss://; ws:// and wss:// addresses are kept (proxies, tests). */
export function pusherUrl(hostInput: unknown, keyInput: unknown, queryInput: unknown): string {
	const host = String(hostInput ?? '').trim() || KICK_PUSHER_HOST;
	const key = String(keyInput ?? '').trim() || KICK_PUSHER_APP;
	const base = /^wss?:\/\//i.test(host) ? host.replace(/\/+$/, '') : `wss://${host.replace(/\/+$/, '')}`;
	const params = new URLSearchParams(String(queryInput ?? '').trim().replace(/^\?/, ''));
	// The protocol version decides the frame format this node reads.
	if (!params.has('protocol')) params.set('protocol', '7');
	return `${base}/app/${encodeURIComponent(key)}?${params.toString()}`;
}

function readId(value: unknown): number | undefined | 'invalid' {
	const entry = String(value ?? '').trim();
	if (entry === '' || entry === '0') return undefined;
	if (!/^\d+$/.test(entry)) return 'invalid';
	const id = Number(entry);
	return Number.isSafeInteger(id) ? id : 'invalid';
}

export function readChatTriggerSettings(get: ParameterGetter): ChatTriggerSettings {
	const channelInput = String(get('channel', '') ?? '').trim();
	const selected = (get('events', []) as unknown[]).map(String);
	const events = selected.includes(ALL_EVENTS) ? [...ALL_LIVE_EVENTS, ...selected.filter((event) => event === 'socket.unknown')] : selected.filter(isLiveEventName);
	const options = (get('options', {}) ?? {}) as IDataObject;
	// Kick's own addresses unless the user switched Custom Endpoints on.
	const custom = get('customEndpoints', false) === true;
	const endpoint = (name: string, fallback: string): unknown => (custom ? get(name, fallback) : fallback);

	const channelId = readId(options.channelId);
	const chatroomId = readId(options.chatroomId);
	let manualIds: ChatTriggerSettings['manualIds'];
	let manualIdsProblem: string | undefined;
	if (channelId === 'invalid' || chatroomId === 'invalid') {
		manualIdsProblem = 'Channel ID and Chatroom ID must be whole numbers';
	} else if ((channelId === undefined) !== (chatroomId === undefined)) {
		manualIdsProblem = `Only the ${channelId === undefined ? 'Chatroom' : 'Channel'} ID is set: enter both IDs, or neither to look them up`;
	} else if (channelId !== undefined && chatroomId !== undefined) {
		manualIds = { channelId, chatroomId };
	}
	const sampleAfter = Number(options.sampleAfterSeconds ?? DEFAULT_SAMPLE_AFTER_SECONDS);
	const hold = Number(options.holdForKickTriggerSeconds ?? 0);

	return {
		slug: parseSlug(channelInput),
		channelInput,
		events: [...new Set(events)],
		filters: readFilterOptions(get('filters', {})),
		manualIds,
		manualIdsProblem,
		pusherUrl: pusherUrl(endpoint('pusherHost', KICK_PUSHER_HOST), endpoint('pusherAppKey', KICK_PUSHER_APP), endpoint('pusherQuery', KICK_PUSHER_QUERY)),
		websiteBaseUrl: String(endpoint('websiteBaseUrl', KICK_WEBSITE_BASE_URL) ?? '').trim().replace(/\/+$/, '') || KICK_WEBSITE_BASE_URL,
		sampleAfterSeconds: Number.isFinite(sampleAfter) && sampleAfter >= 0 ? sampleAfter : DEFAULT_SAMPLE_AFTER_SECONDS,
		deduplicateAcrossTriggers: readDeduplicateAcrossTriggers(options),
		holdForKickTriggerMs: Number.isFinite(hold) && hold > 0 ? Math.min(hold, 60) * 1000 : 0,
	};
}

/**
 * The public channels to follow: chat on the chatroom's channels (v2 for chat, the older ones
 * for gifts, hosts and redemptions), live/offline, follows and subscriptions on the channel's.
 */
export function socketChannels(ids: { channelId: number; chatroomId: number }): string[] {
	return [
		`chatrooms.${ids.chatroomId}.v2`,
		`chatrooms.${ids.chatroomId}`,
		`chatroom_${ids.chatroomId}`,
		`channel.${ids.channelId}`,
		`channel_${ids.channelId}`,
	];
}
