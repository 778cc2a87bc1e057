/**
 * The chat bot's rules that depend on what ran before: cooldowns, and first words (whether a
 * message is its sender's first in the current stream, and Only First Message per Viewer). The
 * decide step (./decide.ts) applies them to the copy of a chat message that is about to run,
 * against the workflow's record (./record.ts), so:
 *
 * - every Kick trigger of the workflow applies the same ones, and a message that came by webhook
 *   and by socket is one message: the copy that runs counts, the other is dropped as a copy;
 * - they are written into the workflow's static data with the record, so they outlive a restart
 *   (as far as the record's persisted entries reach);
 * - nothing else holds them: no execution starts for a command on cooldown.
 *
 * The current stream of a channel starts at the newest stream start or end any Kick trigger of
 * the workflow saw for it (the Kick Chat Trigger sees them on the live socket whatever its Events;
 * the Kick Trigger when Stream Went Online or Offline is among its Events; the Kick Polling
 * Trigger when it polls stream status), or at a chat message that ran after STREAM_GAP_MS without
 * any chat running in the channel (the first chat after publishing is one).
 *
 * Keys in the record (its others start with `m`, or `w`, `s`, `p` and a mark: ./identity.ts):
 *
 *   lb + channel                     a stream started or ended, or chat ran after a gap
 *   la + channel + 10-minute epoch   chat ran in that epoch (filed at most once a minute)
 *   fw + channel and viewer          the viewer's first message of a stream ran
 *   cd + channel, command and length + epoch of that length     the command ran
 *   cu + the same and the viewer + epoch                        the viewer ran the command
 *
 * Cooldown keys carry the epoch of their length, so each is filed at most once and a check reads
 * two keys whatever the number of runs. Pure apart from the memory it is given: the caller
 * passes the time.
 */
import type { Json } from '../shared/json';
import type { Dropped } from './decide';
import { parseKickTimestamp } from '../shared/time';
import { policyFor, skipsCooldowns, type CompiledFilters } from './filters';
import { hashId, userKey } from './identity';
import type { SeenMemory } from './memory';
import type { KickEventItem } from './normalize';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Chat that runs after this long without any chat running in the channel starts a new stream. */
export const STREAM_GAP_MS = 6 * HOUR;
/** The longest cooldown: the record keeps what ran for a day. */
export const MAX_COOLDOWN_SECONDS = 24 * 3600;

const ACTIVITY_EPOCH_MS = 10 * MINUTE;
const ACTIVITY_EVERY_MS = MINUTE;

interface Cooldown {
	base: string;
	seconds: number;
	who: string;
}

/** 66 bits of a hash, as the record's other keys (it is persisted). */
function short(text: string): string {
	return hashId(text).slice(0, 11);
}

/** A stream start or end: the channel's stream changes at its time (never later than now). */
export function noteStreamEvent(memory: SeenMemory, body: Json, nowMs: number): void {
	const at = parseKickTimestamp(body.is_live === true ? body.started_at : body.ended_at) ?? nowMs;
	memory.add(`lb${short(userKey(body.broadcaster))}`, Math.min(at, nowMs), nowMs);
}

/** When the channel's current stream started (ms), after noting that chat runs now. */
function currentStream(memory: SeenMemory, channel: string, nowMs: number): number | undefined {
	const hash = short(channel);
	const activity = (epoch: number) => `la${hash}${epoch.toString(36)}`;
	const epoch = Math.floor(nowMs / ACTIVITY_EPOCH_MS);
	let active = false;
	for (let back = 0; back <= STREAM_GAP_MS / ACTIVITY_EPOCH_MS && !active; back++) {
		const last = memory.newest(activity(epoch - back));
		active = last !== undefined && nowMs - last < STREAM_GAP_MS;
	}
	const boundary = `lb${hash}`;
	if (!active) memory.add(boundary, nowMs, nowMs);
	const last = memory.newest(activity(epoch));
	if (last === undefined || nowMs - last >= ACTIVITY_EVERY_MS) memory.add(activity(epoch), nowMs, nowMs);
	return memory.newest(boundary);
}

function cooldownsOf(filters: CompiledFilters, channel: string, command: string, viewer: string): Cooldown[] {
	const { cooldownSeconds, viewerCooldownSeconds } = policyFor(filters, command);
	const cooldowns: Cooldown[] = [];
	if (cooldownSeconds > 0) cooldowns.push({ base: `cd${short(`${channel}:${command}:${cooldownSeconds}`)}`, seconds: cooldownSeconds, who: 'everyone' });
	if (viewerCooldownSeconds > 0) {
		cooldowns.push({ base: `cu${short(`${channel}:${command}:${viewerCooldownSeconds}:${viewer}`)}`, seconds: viewerCooldownSeconds, who: 'this viewer' });
	}
	return cooldowns;
}

function epochKey(cooldown: Cooldown, atMs: number): string {
	return `${cooldown.base}${Math.floor(atMs / SECOND / cooldown.seconds).toString(36)}`;
}

/** When the command last ran within its cooldown, if it did: in this epoch of the cooldown's length, or the one before. */
function ranWithin(memory: SeenMemory, cooldown: Cooldown, nowMs: number): number | undefined {
	for (const atMs of [nowMs, nowMs - cooldown.seconds * SECOND]) {
		const ranAt = memory.near(epochKey(cooldown, atMs), nowMs, cooldown.seconds * SECOND);
		if (ranAt !== undefined) return ranAt;
	}
	return undefined;
}

/** The item's command when it is one with a name (a bare prefix is not). */
function commandOf(item: KickEventItem): string | undefined {
	return typeof item.command === 'string' && item.command !== '' ? item.command : undefined;
}

/** Whether the item's run started a cooldown (which its trigger writes into the static data at once). */
export function startsCooldown(filters: CompiledFilters, item: KickEventItem): boolean {
	const command = item.event === 'chat.message.sent' ? commandOf(item) : undefined;
	if (command === undefined) return false;
	const { cooldownSeconds, viewerCooldownSeconds } = policyFor(filters, command);
	return cooldownSeconds > 0 || viewerCooldownSeconds > 0;
}

/**
 * Decides a chat message that is about to run, at `nowMs`: sets the item's
 * `firstMessageInStream`, drops it when Only First Message per Viewer or a cooldown holds it
 * back, and otherwise (undefined) files what its run means (the viewer spoke in this stream; the command ran).
 */
export function decideChat(memory: SeenMemory, filters: CompiledFilters, body: Json, item: KickEventItem, nowMs: number): Dropped | undefined {
	const channel = userKey(body.broadcaster);
	const viewer = userKey(body.sender);
	const start = currentStream(memory, channel, nowMs);
	const firstWords = `fw${short(`${channel}:${viewer}`)}`;
	const spoke = memory.newest(firstWords);
	const first = spoke === undefined || (start !== undefined && spoke < start);
	item.firstMessageInStream = first;
	if (filters.onlyFirstMessage && !first) {
		return { status: 'dropped', reason: 'filtered:first-message', detail: 'not the sender\'s first message in this stream' };
	}

	const command = commandOf(item);
	const cooldowns = command === undefined ? [] : cooldownsOf(filters, channel, command, viewer);
	if (cooldowns.length > 0 && !skipsCooldowns(filters, body)) {
		for (const cooldown of cooldowns) {
			const ranAt = ranWithin(memory, cooldown, nowMs);
			if (ranAt === undefined) continue;
			const left = Math.max(1, cooldown.seconds - Math.floor((nowMs - ranAt) / SECOND));
			const detail = `${filters.itemPrefix}${command} is on cooldown for ${cooldown.who} (${left} s left)`;
			return { status: 'dropped', reason: 'cooldown', detail };
		}
	}
	if (first) memory.add(firstWords, nowMs, nowMs);
	for (const cooldown of cooldowns) memory.add(epochKey(cooldown, nowMs), nowMs, nowMs);
	return undefined;
}
