/**
 * What the trigger remembers between polls (the workflow's static data, node scope; when n8n
 * saves it: ../KickPollingTrigger.node.ts), and what one poll sees. Everything an emitted event
 * depends on is stored with it, and the state is replaced as a whole, at the end of a successful
 * poll only: n8n notices a change only when a top-level key is assigned, and a failed poll must
 * leave the previous state as it was.
 */
import type { IDataObject } from 'n8n-workflow';

export const STATE_KEY = 'kickPoll';
export const STATE_VERSION = 1;

/** Redemption ids remembered at most; older ones are covered by the memory's floor (../events/memory.ts). */
export const MAX_SEEN_REDEMPTIONS = 500;

/** A broadcaster's public name and picture (from GET /public/v1/users). */
export interface Identity {
	username: string | null;
	profilePicture: string | null;
}

/** One channel as one poll saw it (GET /public/v1/channels). */
export interface ChannelSnapshot {
	broadcasterUserId: number;
	slug: string;
	live: boolean;
	/** The live stream's start; for an offline channel only when Kick shows the last one. */
	startedAt: string | null;
	title: string;
	category: { id: number; name: string; thumbnail: string } | null;
	language: string;
	mature: boolean;
	viewerCount: number | null;
	thumbnail: string | null;
	customTags: string[];
}

export interface ChannelState extends ChannelSnapshot {
	identity: Identity | null;
	/** Highest viewer count seen during the current (or last) stream. */
	peakViewerCount: number | null;
	/** How many title or category changes were reported, for stable message ids. */
	metadataChanges: number;
}

export interface RedemptionSnapshot {
	id: string;
	status: string;
	redeemedAt: string;
	userInput: string;
	reward: { id: string; title: string; cost: number | null; description: string };
	redeemerUserId: number | null;
}

export interface LeaderboardEntry {
	rank: number;
	user_id: number;
	username: string;
	gifted_amount: number;
}

export interface RedemptionState {
	broadcasterUserId: number;
	/** Which statuses were listed: a different choice starts over. */
	statuses: string;
	/** The redemption ids seen, by time, as ../events/memory.ts serializes them (earlier versions: id → time, with `floorMs`). */
	seen: string | Record<string, number>;
	floorMs?: number;
}

export interface LeaderboardState {
	broadcasterUserId: number;
	period: string;
	size: number;
	entries: LeaderboardEntry[];
}

export interface PollState {
	version: typeof STATE_VERSION;
	/** When the poll that wrote this state ran (ms). */
	observedAt: number;
	/** By broadcaster user id. */
	channels: Record<string, ChannelState>;
	/** Channel names already resolved to broadcaster ids (a name lookup costs a request). */
	slugs: Record<string, number>;
	redemptions?: RedemptionState;
	leaderboard?: LeaderboardState;
}

/** Everything one poll fetched. */
export interface PollSnapshot {
	/** When the poll ran (ms). */
	observedAt: number;
	channels: ChannelSnapshot[];
	/** Identities of broadcasters the state has none for yet. */
	identities: Map<number, Identity>;
	slugs: Record<string, number>;
	/** Configured channels Kick did not return this time: their state is kept as it was. */
	missingBroadcasterUserIds: number[];
	/** User credential: the connected account's channel. */
	ownBroadcasterUserId?: number;
	/** Listed when redemptions are watched; `statuses` says which lists. */
	redemptions?: { statuses: string; items: RedemptionSnapshot[] };
	leaderboard?: { period: string; size: number; entries: LeaderboardEntry[] };
}

/** The stored state, or undefined when there is none (or it is from another version). */
export function readPollState(staticData: IDataObject): PollState | undefined {
	const stored = staticData[STATE_KEY] as unknown as PollState | undefined;
	if (!stored || typeof stored !== 'object' || stored.version !== STATE_VERSION || typeof stored.channels !== 'object') return undefined;
	return stored;
}

/** Replaces the stored state (a top-level assignment, so n8n knows to save it). */
export function writePollState(staticData: IDataObject, state: PollState): void {
	staticData[STATE_KEY] = JSON.parse(JSON.stringify(state)) as IDataObject;
}
