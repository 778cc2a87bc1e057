/**
 * "Never twice": what each Chat Trigger remembers to drop repeats. Kick's live socket can
 * deliver one event on two channels, a duplicated frame, or the parts of a subscription on
 * several channels; none of them may run the workflow twice. Memory is bounded (oldest first
 * out) and kept per trigger for the life of the n8n process, so it also spans reconnects and
 * re-publishing.
 */
import { TtlSet } from '../shared/ttlSet';
import { GroupBuffer } from './groups';
import type { DedupScope, StreamMemory } from './mapping';

export interface LiveDedupOptions {
	/** Events with Kick's own id (chat messages, bans, stream start/end). */
	idTtlMs: number;
	/** Events without an id, by content: identical content later can be a new event. */
	contentTtlMs: number;
	/** How long subscription, gift and host parts are collected into one item. */
	groupWindowMs: number;
	/** How long a finished group keeps its late parts out. */
	groupMemoryMs: number;
	maxEntries: number;
}

export const DEFAULT_LIVE_DEDUP: LiveDedupOptions = {
	idTtlMs: 30 * 60_000,
	contentTtlMs: 10_000,
	groupWindowMs: 2_000,
	groupMemoryMs: 5 * 60_000,
	maxEntries: 10_000,
};

export class LiveDedup {
	readonly ids: TtlSet;

	readonly contents: TtlSet;

	readonly groups: GroupBuffer;

	/** Streams seen going live, so the offline event can say when it started (a few kept). */
	readonly streams: StreamMemory = new Map();

	constructor(readonly options: LiveDedupOptions = DEFAULT_LIVE_DEDUP) {
		this.ids = new TtlSet({ ttlMs: options.idTtlMs, maxEntries: options.maxEntries });
		this.contents = new TtlSet({ ttlMs: options.contentTtlMs, maxEntries: options.maxEntries });
		this.groups = new GroupBuffer({ windowMs: options.groupWindowMs, rememberMs: options.groupMemoryMs, maxEntries: options.maxEntries });
	}

	/** Records the key; true when it was seen before (the event is a repeat). */
	seen(key: string, scope: DedupScope, now: number): boolean {
		return (scope === 'id' ? this.ids : this.contents).seen(key, now);
	}
}

/** One memory per trigger (workflow, node, mode), for the life of the n8n process. */
export class LiveDedupRegistry {
	private readonly byScope = new Map<string, LiveDedup>();

	forScope(scope: string, options: LiveDedupOptions = DEFAULT_LIVE_DEDUP): LiveDedup {
		let dedup = this.byScope.get(scope);
		if (!dedup) {
			dedup = new LiveDedup(options);
			this.byScope.set(scope, dedup);
		}
		return dedup;
	}

	forget(scope: string): void {
		this.byScope.delete(scope);
	}
}

export const liveDedupRegistry = new LiveDedupRegistry();
