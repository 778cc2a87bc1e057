/**
 * Kick announces one subscription, gift or host as several socket events on different
 * channels (a subscription: SubscriptionEvent, ChannelSubscriptionEvent and the legacy
 * ChatMessageSentEvent; a gift: GiftedSubscriptionsEvent, LuckyUsersWhoGotGiftSubscriptionsEvent,
 * ChatMessageSentEvent and ChannelSubscriptionEvent; a host: StreamHostEvent and
 * StreamHostedEvent). Their parts are held for a short window, merged into one item, and the
 * group's key is remembered so parts arriving later (or again) are dropped.
 */
import type { SeenMemory } from '../events/memory';
import { type Json, person } from '../shared/json';
import type { LiveEventName } from './chatTriggerParameters';
import type { PusherFrame } from './frames';

export type GroupPart =
	| { type: 'subscription'; username: string; userId?: number; months?: number; source: PusherFrame }
	| { type: 'gift'; gifter?: string; gifterId?: number; giftees?: string[]; gifteeIds?: number[]; gifterTotal?: number; source: PusherFrame }
	| { type: 'host'; username: string; userId?: number; viewers?: number; message?: string | null; createdAt?: string; source: PusherFrame };

interface Group {
	type: GroupPart['type'];
	openedAt: number;
	parts: GroupPart[];
}

/** How long subscription, gift and host parts are collected into one item. */
export const GROUP_WINDOW_MS = 2_000;
/** How long a finished group's key keeps later parts out (in the trigger's memory). */
const GROUP_MEMORY_MS = 5 * 60_000;

type AddResult = { status: 'opened'; key: string } | { status: 'merged' | 'duplicate' | 'held' };

const lower = (value: string) => value.trim().toLowerCase();

/** The key that every announcement of the same happening shares (undefined: a gift part without a gifter). */
function groupKey(part: GroupPart): string | undefined {
	switch (part.type) {
		case 'subscription':
			return `sub:${lower(part.username)}`;
		case 'host':
			return `host:${lower(part.username)}`;
		case 'gift':
			if (!part.gifter) return undefined;
			// Giftee names keep two gifts by the same person apart.
			return `gift:${lower(part.gifter)}:${[...(part.giftees ?? [])].map(lower).sort().join(',')}`;
	}
}

function giftCount(part: GroupPart): number {
	if (part.type !== 'gift') return 0;
	return part.giftees?.length ?? part.gifteeIds?.length ?? 0;
}

export class GroupBuffer {
	private readonly open = new Map<string, Group>();

	/** Gift parts that name no gifter (ChannelSubscriptionEvent): they only enrich a named gift. */
	private nameless: Array<{ part: GroupPart; until: number }> = [];

	constructor(private readonly done: SeenMemory) {}

	add(part: GroupPart, now: number): AddResult {
		const key = groupKey(part);
		if (key === undefined) return this.addNameless(part, now);
		if (this.done.near(`g${key}`, now, GROUP_MEMORY_MS) !== undefined) return { status: 'duplicate' };
		const group = this.open.get(key);
		// A group whose window ended long ago was never closed (its trigger stopped): start afresh.
		if (group && now - group.openedAt <= GROUP_WINDOW_MS * 3) {
			group.parts.push(part);
			return { status: 'merged' };
		}
		const opened: Group = { type: part.type, openedAt: now, parts: [part] };
		this.open.set(key, opened);
		if (part.type === 'gift') this.absorbNameless(opened, now);
		return { status: 'opened', key };
	}

	/** Closes the group: it is returned once, and its key keeps later parts out. */
	take(key: string, now: number): Group | undefined {
		const group = this.open.get(key);
		if (!group) return undefined;
		this.open.delete(key);
		this.done.add(`g${key}`, now, now);
		return group;
	}

	/** Forgets groups still collecting parts (their trigger stopped before it could emit them). */
	discardOpen(): void {
		this.open.clear();
		this.nameless = [];
	}

	private addNameless(part: GroupPart, now: number): AddResult {
		const count = giftCount(part);
		for (const group of this.open.values()) {
			if (group.type === 'gift' && giftCount(group.parts[0]) === count && !group.parts.some((p) => p.type === 'gift' && !p.gifter)) {
				group.parts.push(part);
				return { status: 'merged' };
			}
		}
		this.nameless = this.nameless.filter((entry) => entry.until > now);
		this.nameless.push({ part, until: now + GROUP_WINDOW_MS });
		return { status: 'held' };
	}

	private absorbNameless(group: Group, now: number): void {
		const count = giftCount(group.parts[0]);
		const index = this.nameless.findIndex((entry) => entry.until > now && giftCount(entry.part) === count);
		if (index === -1) return;
		group.parts.push(this.nameless[index].part);
		this.nameless.splice(index, 1);
	}
}

function first<T>(values: Array<T | undefined>): T | undefined {
	return values.find((value) => value !== undefined);
}

function max(values: Array<number | undefined>): number | undefined {
	const known = values.filter((value): value is number => value !== undefined);
	return known.length ? Math.max(...known) : undefined;
}

/** The merged item of a group, in the webhook payloads' shape (the host event in its own). */
export function buildGroupItem(group: Group, broadcaster: Json, receivedIso: string): { event: LiveEventName; body: Json } {
	const socketEvents = group.parts.map((part) => ({ event: part.source.event, channel: part.source.channel ?? null, data: part.source.data }));
	if (group.type === 'subscription') {
		const parts = group.parts.filter((part): part is Extract<GroupPart, { type: 'subscription' }> => part.type === 'subscription');
		const months = max(parts.map((part) => part.months));
		return {
			event: months !== undefined && months > 1 ? 'channel.subscription.renewal' : 'channel.subscription.new',
			body: {
				broadcaster,
				subscriber: person({ userId: first(parts.map((part) => part.userId)), username: parts[0].username }),
				duration: months ?? null,
				created_at: receivedIso,
				expires_at: null,
				socketEvents,
			},
		};
	}
	if (group.type === 'gift') {
		const parts = group.parts.filter((part): part is Extract<GroupPart, { type: 'gift' }> => part.type === 'gift');
		const names: string[] = [];
		for (const part of parts) for (const name of part.giftees ?? []) if (!names.some((known) => lower(known) === lower(name))) names.push(name);
		const ids = first(parts.map((part) => part.gifteeIds));
		return {
			event: 'channel.subscription.gifts',
			body: {
				broadcaster,
				gifter: person({ userId: first(parts.map((part) => part.gifterId)), username: first(parts.map((part) => part.gifter)) }),
				giftees: names.map((username) => person({ username })),
				created_at: receivedIso,
				expires_at: null,
				gifter_total: max(parts.map((part) => part.gifterTotal)) ?? null,
				// Kick sends the giftees' user ids separately, not in the order of their names.
				giftee_user_ids: ids ?? null,
				socketEvents,
			},
		};
	}
	const parts = group.parts.filter((part): part is Extract<GroupPart, { type: 'host' }> => part.type === 'host');
	return {
		event: 'channel.host.received',
		body: {
			broadcaster,
			host: person({ userId: first(parts.map((part) => part.userId)), username: parts[0].username }),
			viewers: max(parts.map((part) => part.viewers)) ?? null,
			message: first(parts.map((part) => part.message ?? undefined)) ?? null,
			created_at: first(parts.map((part) => part.createdAt)) ?? receivedIso,
			socketEvents,
		},
	};
}
