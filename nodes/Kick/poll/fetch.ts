/**
 * One poll's requests to Kick, through the shared transport (token, refresh, retries on 429
 * honoring Retry-After, error messages), in the fewest calls Kick allows:
 *
 * - channels: GET /public/v1/channels, 50 broadcaster ids per call (200 channels = 4
 *   requests). Channel names are looked up by name once, 50 per call, and remembered as ids.
 *   A user token without channels reads its own channel (no parameters, 1 request).
 * - names and pictures of broadcasters seen for the first time: GET /public/v1/users, 50 per
 *   call, once per channel.
 * - redemptions (user token): GET /public/v1/channels/rewards/redemptions per listed status,
 *   following cursors.
 * - KICKs leaderboard (user token): GET /public/v1/kicks/leaderboard, 1 request.
 *
 * Any failure throws (a NodeApiError from the transport, or a NodeOperationError for a
 * configuration problem) before the caller touches the stored state.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { channelKey, lookupChannels, unknownChannelsError, type ChannelKey } from '../client/channelLookup';
import { bindKickClient, type KickClient } from '../client/client';
import { flattenRedemptionPage } from '../client/redemptions';
import { lookupUsers } from '../client/users';
import { LIMITS, USER_CREDENTIAL, type KickScope } from '../shared/kick.constants';
import { realTime } from '../shared/time';
import { getGrantedScopes, missingScopeError } from '../transport';
import { LEADERBOARD_EVENT, redemptionStatusesToList, type PollSettings } from './pollingTriggerParameters';
import type { PollChange } from './diff';
import type { ChannelSnapshot, Identity, LeaderboardEntry, PollSnapshot, PollState, RedemptionSnapshot } from './state';
import { list, str } from '../shared/json';

/** Redemptions listed per status and poll at most (Kick's page size is about 25). */
const MAX_REDEMPTIONS_PER_STATUS = 1000;

function numberOrNull(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A channel object of GET /public/v1/channels as the poll compares it. */
function channelSnapshot(channel: IDataObject): ChannelSnapshot {
	const stream = (channel.stream as IDataObject | undefined) ?? {};
	const category = (channel.category as IDataObject | undefined) ?? {};
	const live = stream.is_live === true;
	const categoryId = numberOrNull(category.id);
	return {
		broadcasterUserId: channel.broadcaster_user_id as number,
		slug: str(channel.slug) ?? '',
		live,
		// Kick's offline "no time" (year 1) becomes null.
		startedAt: realTime(stream.start_time),
		title: str(channel.stream_title) ?? '',
		category: categoryId ? { id: categoryId, name: str(category.name) ?? '', thumbnail: str(category.thumbnail) ?? '' } : null,
		language: str(stream.language) ?? '',
		mature: stream.is_mature === true,
		viewerCount: live ? numberOrNull(stream.viewer_count) : null,
		thumbnail: (live && str(stream.thumbnail)) || null,
		customTags: Array.isArray(stream.custom_tags) ? stream.custom_tags.map(String) : [],
	};
}

function redemptionSnapshot(entry: IDataObject): RedemptionSnapshot {
	const reward = (entry.reward as IDataObject | undefined) ?? {};
	return {
		id: str(entry.id) ?? '',
		status: str(entry.status) ?? '',
		redeemedAt: str(entry.redeemed_at) ?? '',
		userInput: str(entry.user_input) ?? '',
		reward: { id: str(reward.id) ?? '', title: str(reward.title) ?? '', cost: numberOrNull(reward.cost), description: str(reward.description) ?? '' },
		redeemerUserId: numberOrNull(entry.redeemer_user_id),
	};
}

function leaderboardEntries(value: unknown): LeaderboardEntry[] {
	return (list(value) as IDataObject[])
		.filter((entry) => typeof entry.user_id === 'number')
		.map((entry) => ({
			rank: numberOrNull(entry.rank) ?? 0,
			user_id: entry.user_id as number,
			username: str(entry.username) ?? '',
			gifted_amount: numberOrNull(entry.gifted_amount) ?? 0,
		}));
}

/** Refuses before any request when the user credential lacks a scope this trigger needs. */
async function checkScopes(this: IPollFunctions, settings: PollSettings): Promise<{ canReadUsers: boolean }> {
	const granted = await getGrantedScopes.call(this, settings.credentialType);
	if (!granted) return { canReadUsers: true };
	const needs: Array<{ any: KickScope[]; why: string }> = [{ any: ['channel:read'], why: 'read the channel' }];
	if (settings.events.includes('channel.reward.redemption.updated')) {
		needs.push({ any: ['channel:rewards:read', 'channel:rewards:write'], why: 'list reward redemptions' });
	}
	if (settings.events.includes(LEADERBOARD_EVENT)) needs.push({ any: ['kicks:read'], why: 'read the KICKs leaderboard' });
	for (const need of needs) {
		if (!need.any.some((scope) => granted.includes(scope))) {
			throw missingScopeError(this.getNode(), need.any, `The trigger needs it to ${need.why}. `);
		}
	}
	return { canReadUsers: granted.includes('user:read') };
}

/** The configured channels, by id, in the order entered; names resolved (and remembered). */
async function fetchChannels(
	this: IPollFunctions,
	context: KickClient,
	settings: PollSettings,
	previous: PollState | undefined,
	knownSlugs: Record<string, number>,
): Promise<{ channels: ChannelSnapshot[]; missing: number[]; slugs: Record<string, number>; own?: number }> {
	if (settings.credentialType === USER_CREDENTIAL) {
		const body = await context.request(0, { method: 'GET', path: '/public/v1/channels', requiredScope: 'channel:read' });
		const own = Array.isArray(body.data) ? (body.data as IDataObject[])[0] : undefined;
		if (!own || typeof own.broadcaster_user_id !== 'number') {
			throw new NodeOperationError(this.getNode(), 'Kick returned no channel for the connected account', {
				description: 'Reconnect the Kick OAuth2 API credential with the account of the channel to watch.',
			});
		}
		const channel = channelSnapshot(own);
		return { channels: [channel], missing: [], slugs: {}, own: channel.broadcasterUserId };
	}

	const slugs: Record<string, number> = {};
	const keys: ChannelKey[] = [];
	for (const ref of settings.channels) {
		if (ref.kind === 'slug' && knownSlugs[ref.slug] !== undefined) {
			slugs[ref.slug] = knownSlugs[ref.slug];
			keys.push(`id:${knownSlugs[ref.slug]}`);
		} else keys.push(channelKey(ref));
	}
	const found = await lookupChannels(context, keys, 'channel:read');

	const unknownNames = keys.filter((key) => key.startsWith('slug:') && !found.has(key)).map((key) => key.slice(5));
	if (unknownNames.length > 0) throw unknownChannelsError(this.getNode(), unknownNames);
	const channels: ChannelSnapshot[] = [];
	const missing: number[] = [];
	const neverSeen: number[] = [];
	const added = new Set<number>();
	for (const key of keys) {
		const channel = found.get(key);
		const id = channel ? (channel.broadcaster_user_id as number) : Number(key.slice(3));
		if (key.startsWith('slug:') && channel) slugs[key.slice(5)] = id;
		if (added.has(id)) continue;
		added.add(id);
		if (channel) channels.push(channelSnapshot(channel));
		else if (previous?.channels[String(id)]) missing.push(id);
		else neverSeen.push(id);
	}
	if (neverSeen.length > 0) {
		throw new NodeOperationError(this.getNode(), `Kick has no channel with broadcaster ID ${neverSeen.join(', ')}`, {
			description: 'Check the IDs under Channels, or enter the channel names (the part after kick.com/ in the channel link) instead.',
		});
	}
	return { channels, missing, slugs };
}

/** Names and pictures of these users (all null for an unknown one, or without the user:read scope). */
async function fetchIdentities(context: KickClient, ids: number[], canReadUsers: boolean): Promise<Map<number, Identity>> {
	const identities = new Map<number, Identity>();
	const users = canReadUsers ? await lookupUsers(context, ids) : new Map<number, IDataObject>();
	for (const id of ids) {
		const user = users.get(id);
		identities.set(id, { username: str(user?.name) || null, profilePicture: str(user?.profile_picture) || null });
	}
	return identities;
}

type FetchedSnapshot = PollSnapshot & { canReadUsers: boolean; context: KickClient };

/** Everything this poll compares. `previous` decides which broadcasters still need a name. */
export async function fetchSnapshot(
	this: IPollFunctions,
	settings: PollSettings,
	previous: PollState | undefined,
	knownSlugs: Record<string, number>,
	observedAt: number,
): Promise<FetchedSnapshot> {
	const { canReadUsers } = await checkScopes.call(this, settings);
	const context = bindKickClient(this, { credentialType: settings.credentialType });
	const { channels, missing, slugs, own } = await fetchChannels.call(this, context, settings, previous, knownSlugs);
	const nameless = channels
		.map((channel) => channel.broadcasterUserId)
		.filter((id) => !previous?.channels[String(id)]?.identity);
	const snapshot: FetchedSnapshot = {
		observedAt,
		channels,
		// Remembered even when unknown, so a missing name never costs a request every poll.
		identities: await fetchIdentities(context, nameless, canReadUsers),
		slugs,
		missingBroadcasterUserIds: missing,
		ownBroadcasterUserId: own,
		canReadUsers,
		context,
	};

	if (own !== undefined && settings.events.includes('channel.reward.redemption.updated')) {
		const statuses = redemptionStatusesToList(settings);
		const items: RedemptionSnapshot[] = [];
		for (const status of statuses) {
			const listed = await context.requestPages(
				0,
				{ method: 'GET', path: '/public/v1/channels/rewards/redemptions', qs: { status }, requiredScope: 'channel:rewards:read' },
				{ returnAll: false, limit: MAX_REDEMPTIONS_PER_STATUS, read: flattenRedemptionPage },
			);
			items.push(...listed.map(redemptionSnapshot).filter((redemption) => redemption.id !== ''));
		}
		snapshot.redemptions = { statuses: statuses.join(','), items };
	}
	if (own !== undefined && settings.events.includes(LEADERBOARD_EVENT)) {
		const body = await context.request(0, {
			method: 'GET',
			path: '/public/v1/kicks/leaderboard',
			qs: { top: LIMITS.leaderboardTopMax },
			requiredScope: 'kicks:read',
		});
		const data = (body.data as IDataObject | undefined) ?? {};
		const entries = leaderboardEntries(data[settings.leaderboardPeriod]);
		snapshot.leaderboard = { period: settings.leaderboardPeriod, size: LIMITS.leaderboardTopMax, entries };
	}
	return snapshot;
}

/** Fills in the names and pictures of the redeemers of these changes (one lookup for all of them). */
export async function identifyRedeemers(snapshot: FetchedSnapshot, changes: PollChange[]): Promise<void> {
	const redeemers = changes
		.filter((change) => change.event === 'channel.reward.redemption.updated')
		.map((change) => change.body.redeemer as Record<string, unknown> | undefined)
		.filter((redeemer) => typeof redeemer?.user_id === 'number') as Array<Record<string, unknown>>;
	if (redeemers.length === 0 || !snapshot.canReadUsers) return;
	const ids = [...new Set(redeemers.map((redeemer) => redeemer.user_id as number))];
	const identities = await fetchIdentities(snapshot.context, ids, true);
	for (const redeemer of redeemers) {
		const identity = identities.get(redeemer.user_id as number);
		redeemer.username = identity?.username ?? null;
		redeemer.profile_picture = identity?.profilePicture ?? null;
	}
}
