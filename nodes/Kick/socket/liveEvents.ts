/**
 * The Chat Trigger's admit step (mapped by ./mapping.ts, merged by ./groups.ts, then decided by
 * ../events/decide.ts), all before an execution starts: an event that is not selected, does not
 * pass the filters or was seen before never reaches n8n.
 */
import { createHash, randomUUID } from 'node:crypto';

import { decide, type EventCopy, type HoldRule } from '../events/decide';
import type { CompiledFilters } from '../events/filters';
import { SeenMemory } from '../events/memory';
import type { KickEventItem } from '../events/normalize';
import type { WorkflowRecord } from '../events/record';
import type { Json } from '../shared/json';
import { eventBaseName, type PusherFrame } from './frames';
import { buildGroupItem, GroupBuffer, GROUP_WINDOW_MS } from './groups';
import { UNKNOWN_SOCKET_EVENT } from './chatTriggerParameters';
import { mapSocketFrame, type StreamMemory } from './mapping';

/** How long an event with Kick's own id (chat messages, bans, stream start/end) is remembered to drop its repeats. */
export const ID_REPEAT_MS = 30 * 60_000;
/** An event without an id, by its content: identical content later can be a new event. */
export const CONTENT_REPEAT_MS = 10_000;
/** Entries the trigger's memory holds at most (oldest out first). */
const SOCKET_MEMORY_ENTRIES = 20_000;

/** An event without Kick's id is known by its name (an unknown event's as sent, others without `App\Events\`) and data. */
function contentKey(frame: PusherFrame, unknown: boolean): string {
	const name = unknown ? frame.event : eventBaseName(frame.event);
	return `${name}:${createHash('sha1').update(JSON.stringify(frame.data ?? null)).digest('base64')}`;
}

/**
 * What a Chat Trigger keeps in an n8n process (../events/registry.ts finds it): the frames it
 * took, the groups it is collecting, the streams it saw start. It spans reconnects.
 */
export class SocketRuntime {
	readonly memory = new SeenMemory({ horizonMs: ID_REPEAT_MS, maxEntries: SOCKET_MEMORY_ENTRIES });

	readonly groups = new GroupBuffer(this.memory);

	/** Streams seen going live, so the offline event can say when it started (a few kept). */
	readonly streams: StreamMemory = new Map();
}

export interface LiveRules {
	broadcaster: Json;
	filters: CompiledFilters;
	runtime: SocketRuntime;
	/** Deduplicate With Other Kick Triggers. */
	record?: WorkflowRecord;
	/** The workflow's record's memory: streams, cooldowns and first words (../events/chatRules.ts). */
	shared?: SeenMemory;
	hold?: Omit<HoldRule, 'schedule' | 'clock'>;
	emit(item: KickEventItem): void;
	/** Calls back after `ms` unless the trigger stopped (closes a group, ends a hold). */
	schedule(ms: number, run: () => void): void;
	now(): number;
	/** Why an event did not run (for debug logs): the trigger that ran it instead, or what held it back. */
	dropped?(reason: string, event: string, detail?: string): void;
	/** Fields every item gets (an editor sample's isSample). */
	extra?: Json;
}

/** One frame from the socket. */
export function handleFrame(frame: PusherFrame, receivedAt: number, rules: LiveRules): void {
	const { runtime } = rules;
	const mapped = mapSocketFrame(frame, { broadcaster: rules.broadcaster, receivedAt, streams: runtime.streams });
	if (mapped.kind === 'ignore') {
		rules.dropped?.(mapped.reason, frame.event);
		return;
	}
	if (mapped.kind === 'item') {
		const key = mapped.idKey ? mapped.idKey : contentKey(frame, mapped.event === UNKNOWN_SOCKET_EVENT);
		const repeatKeys = [{ key, atMs: receivedAt, windowMs: mapped.idKey ? ID_REPEAT_MS : CONTENT_REPEAT_MS }];
		offer({ ...mapped, repeatKeys }, receivedAt, rules);
		return;
	}
	const added = runtime.groups.add(mapped.part, receivedAt);
	if (added.status === 'duplicate') rules.dropped?.('repeat', frame.event);
	if (added.status !== 'opened') return;
	rules.schedule(GROUP_WINDOW_MS, () => {
		const group = runtime.groups.take(added.key, rules.now());
		if (!group) return;
		offer({ ...buildGroupItem(group, rules.broadcaster, new Date(receivedAt).toISOString()), repeatKeys: [] }, receivedAt, rules);
	});
}

/** A mapped or merged event to the decide step: its time is Kick's when the socket sent one, else when it arrived. */
function offer(
	item: Pick<EventCopy, 'event' | 'body' | 'repeatKeys'> & { messageId?: string; kickTimeMs?: number },
	receivedAt: number,
	rules: LiveRules,
): void {
	const kickTimestampMs = item.kickTimeMs ?? receivedAt;
	const copy: EventCopy = {
		source: 'live-socket',
		event: item.event,
		body: item.body,
		messageId: item.messageId ?? randomUUID(),
		version: 1,
		subscriptionId: null,
		kickTimestamp: new Date(kickTimestampMs).toISOString(),
		kickTimestampMs,
		receivedAt,
		repeatKeys: item.repeatKeys,
		extra: rules.extra,
	};
	const hold = rules.hold && { ...rules.hold, schedule: rules.schedule, clock: rules.now };
	const decision = decide(copy, { filters: rules.filters, memory: rules.runtime.memory, record: rules.record, shared: rules.shared, hold });
	if (decision.status === 'run') rules.emit(decision.item);
	else if (decision.status === 'dropped') rules.dropped?.(decision.reason, copy.event, decision.detail);
	else if (decision.status === 'ran-elsewhere') rules.dropped?.('ran-elsewhere', copy.event, decision.ranFrom);
}
