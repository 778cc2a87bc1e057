/**
 * The decide step every Kick trigger shares (docs/ARCHITECTURE.md draws it): one copy of an
 * event from the trigger's own admit step, decided in one call before an execution starts:
 * seen → filters → identity → normalize → claim (or hold), then, for the chat message that runs
 * (the copy claimed, or a held copy when its hold ends), cooldowns and first words
 * (./chatRules.ts). Pure apart from the memories it is given: the caller passes the time.
 */
import type { Json } from '../shared/json';
import { decideChat, noteStreamEvent } from './chatRules';
import { rejectParsed, type CompiledFilters, type FilterReason } from './filters';
import { eventIdentity, idMark, type EventIdentity, type Probe } from './identity';
import type { SeenMemory } from './memory';
import { normalizeEvent, type DeliveryEnvelope, type EventSource, type KickEventItem } from './normalize';
import { sourceKey, type WorkflowRecord } from './record';

/** One copy of an event: its item's envelope, its body and how its repeats are found. */
export interface EventCopy extends DeliveryEnvelope {
	source: EventSource;
	body: Json;
	kickTimestampMs: number;
	/** The event id where no source shares one (the Kick Trigger: its body's fingerprint); else the message id. */
	fallbackEventId?: string;
	/** Keys under which the trigger's own memory knows this copy: found within their window, it is a repeat. */
	repeatKeys?: Probe[];
	/** Whether a copy whose event id this source already took is a repeat (the Kick Trigger's Ignore Duplicate Payloads). */
	repeatByEventId?: boolean;
	/** Fields the item gets besides the normalized ones; a function is called only for a copy that gets an item. */
	extra?: Json | (() => Json | undefined);
}

export interface HoldRule {
	ms: number;
	schedule(ms: number, run: () => void): void;
	clock(): number;
	/** The held item, once its hold ended: run, or not (another copy ran, or `dropped` says why). */
	release(item: KickEventItem, run: boolean, dropped?: Dropped): void;
}

export interface DecideRules {
	filters: CompiledFilters;
	/** The trigger's own memory, where `repeatKeys` are found and filed. */
	memory?: SeenMemory;
	/** Deduplicate With Other Kick Triggers: the workflow's record. */
	record?: WorkflowRecord;
	/** The workflow's record's memory, for streams, cooldowns and first words (whether or not `record` is given). */
	shared?: SeenMemory;
	/** Hold for Kick Trigger. */
	hold?: HoldRule;
}

export type DropReason = 'repeat' | 'cooldown' | FilterReason;

export interface Dropped {
	status: 'dropped';
	reason: DropReason;
	/** For the log: what held a chat message back. */
	detail?: string;
}

export type Decision =
	| { status: 'run'; item: KickEventItem }
	| { status: 'held'; item: KickEventItem }
	| { status: 'ran-elsewhere'; item: KickEventItem; ranFrom: EventSource }
	| Dropped;

/** The copy's identity, and its event id: the identity's, else the trigger's fallback, else its message id. */
function identify(copy: EventCopy): { identity?: EventIdentity; eventId: string } {
	const identity = eventIdentity(copy.event, copy.body, copy.kickTimestampMs);
	return { identity, eventId: identity?.eventId ?? copy.fallbackEventId ?? copy.messageId };
}

export function decide(copy: EventCopy, rules: DecideRules): Decision {
	const { source, event, body } = copy;
	const memory = rules.memory;
	memory?.expire(copy.receivedAt);
	const seen = (key: Probe) => memory?.near(key.key, key.atMs, key.windowMs) !== undefined;
	const own = [...(copy.repeatKeys ?? [])];
	if (own.some(seen)) return { status: 'dropped', reason: 'repeat' };
	// The identity (for a chat message, a hash of who said what) is worked out for the copies
	// that pass the filters, or first where this copy's repeats are found by its event id.
	const early = copy.repeatByEventId ? identify(copy) : undefined;
	if (early && early.eventId !== copy.messageId) {
		const byEventId = { key: sourceKey(source, idMark(early.eventId)), atMs: copy.kickTimestampMs, windowMs: Number.POSITIVE_INFINITY };
		if (seen(byEventId)) return { status: 'dropped', reason: 'repeat' };
		own.push(byEventId);
	}

	const shared = rules.shared;
	if (shared && event === 'livestream.status.updated') noteStreamEvent(shared, body, copy.receivedAt);
	const rejected = rejectParsed(event, body, rules.filters);
	if (rejected) return { status: 'dropped', reason: rejected };

	const { identity, eventId } = early ?? identify(copy);
	const item = normalizeEvent(body, { ...copy, eventId }, { commandPrefix: rules.filters.itemPrefix });
	const extra = typeof copy.extra === 'function' ? copy.extra() : copy.extra;
	if (extra) Object.assign(item, extra);
	for (const key of own) memory?.add(key.key, key.atMs, copy.receivedAt);

	// The copy that runs: a chat message still has to pass its cooldowns and first words.
	const runs = (nowMs: number): Decision => {
		if (!shared || event !== 'chat.message.sent') return { status: 'run', item };
		return decideChat(shared, rules.filters, body, item, nowMs) ?? { status: 'run', item };
	};
	const { record, hold } = rules;
	if (!record) return runs(copy.receivedAt);
	if (hold && identity && record.receives('webhook', event)) {
		const release = (run: boolean) => {
			const decision = run ? runs(hold.clock()) : undefined;
			hold.release(item, decision?.status === 'run', decision?.status === 'dropped' ? decision : undefined);
		};
		record.hold(source, identity, hold.ms, hold.schedule, release, hold.clock);
		return { status: 'held', item };
	}
	const claim = record.claim(source, identity, copy.receivedAt);
	return claim.run ? runs(copy.receivedAt) : { status: 'ran-elsewhere', item, ranFrom: claim.ranFrom };
}
