/**
 * Frames in, items out: map → drop repeats → merge multi-part events → filter → normalize.
 * Everything is decided here, before an execution starts: an event that is not selected, does
 * not pass the filters or was seen before never reaches n8n.
 */
import { randomUUID } from 'node:crypto';

import { type CompiledFilters, rejectParsed } from '../events/filters';
import { crossSourceEventId } from '../events/identity';
import { normalizeEvent, type KickEventItem } from '../events/normalize';
import type { KickEventType } from '../shared/kick.constants';
import { isOfficialEvent, type LiveEventName } from './events';
import type { PusherFrame } from './frames';
import { buildGroupItem } from './groups';
import type { Json } from '../shared/json';
import type { LiveDedup } from './dedup';
import { mapSocketFrame } from './mapping';
import { socketSummary } from './summary';
import { socketTimeIso, socketTimeMs } from './time';

export interface PipelineOptions {
	broadcaster: Json;
	/** Events that run the workflow. */
	selected: ReadonlySet<string>;
	/** The shared filters (their event list is not used: `selected` decides). */
	filters: CompiledFilters;
	commandPrefix?: string;
	dedup: LiveDedup;
	emit(item: KickEventItem): void;
	/** Called after `ms` unless stopped; the pipeline uses it to close a subscription or gift group. */
	schedule(ms: number, run: () => void): void;
	now?: () => number;
	/** Why an event was dropped (for debug logs). */
	onDrop?(reason: string, event: string): void;
}

export interface PipelineItemInput {
	event: LiveEventName;
	body: Json;
	messageId?: string;
	kickTime?: unknown;
	receivedAt: number;
	/** The event id every source gives this event, when there is one. */
	eventId?: string;
}

/** Builds the output item exactly as it is emitted (also for the editor's samples). */
export function liveItem(input: PipelineItemInput, commandPrefix: string | undefined): KickEventItem {
	const receivedIso = new Date(input.receivedAt).toISOString();
	const kickTimestamp = socketTimeIso(input.kickTime) ?? receivedIso;
	const item = normalizeEvent(
		input.body,
		{
			// normalizeEvent adds convenience fields for the official names; the socket's own
			// names pass through it unchanged and get their summary below.
			event: input.event as KickEventType,
			source: 'live-socket',
			version: 1,
			messageId: input.messageId ?? randomUUID(),
			eventId: input.eventId,
			subscriptionId: null,
			kickTimestamp,
			kickTimestampMs: socketTimeMs(input.kickTime) ?? input.receivedAt,
			receivedAt: input.receivedAt,
		},
		{ commandPrefix },
	);
	if (!isOfficialEvent(input.event)) item.summary = socketSummary(input.event, input.body);
	return item;
}

export class LivePipeline {
	private readonly now: () => number;

	constructor(private readonly options: PipelineOptions) {
		this.now = options.now ?? Date.now;
	}

	handleFrame(frame: PusherFrame, receivedAt: number = this.now()): void {
		const mapped = mapSocketFrame(frame, { broadcaster: this.options.broadcaster, receivedAt, streams: this.options.dedup.streams });
		if (mapped.kind === 'ignore') {
			this.options.onDrop?.(mapped.reason, frame.event);
			return;
		}
		const { dedup } = this.options;
		if (mapped.kind === 'item') {
			if (dedup.seen(mapped.dedupKey, mapped.dedupScope, receivedAt)) {
				this.options.onDrop?.('repeat', mapped.event);
				return;
			}
			this.deliver({ event: mapped.event, body: mapped.body, messageId: mapped.messageId, kickTime: mapped.kickTime, receivedAt });
			return;
		}
		const added = dedup.groups.add(mapped.part, receivedAt);
		if (added.status === 'duplicate') this.options.onDrop?.('repeat', frame.event);
		if (added.status !== 'opened') return;
		this.options.schedule(dedup.options.groupWindowMs, () => this.closeGroup(added.key, receivedAt));
	}

	private closeGroup(key: string, openedAt: number): void {
		const group = this.options.dedup.groups.take(key, this.now());
		if (!group) return;
		const { event, body } = buildGroupItem(group, this.options.broadcaster, new Date(openedAt).toISOString());
		this.deliver({ event, body, receivedAt: openedAt });
	}

	private deliver(input: PipelineItemInput): void {
		if (!this.options.selected.has(input.event)) {
			this.options.onDrop?.('not selected', input.event);
			return;
		}
		if (isOfficialEvent(input.event)) {
			const rejected = rejectParsed(input.event, input.body, this.options.filters);
			if (rejected) {
				this.options.onDrop?.(rejected, input.event);
				return;
			}
		}
		this.options.emit(liveItem({ ...input, eventId: crossSourceEventId(input.event, input.body) }, this.options.commandPrefix));
	}
}
