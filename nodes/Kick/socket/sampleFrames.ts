/**
 * Samples for "Listen for test event" when the channel is quiet: invented socket frames for each
 * selected event (./exampleFrames.json, in the shapes of the real ones in test/fixtures/live-socket),
 * adjusted to pass the filters, and taken through the same path as real ones (./liveEvents.ts),
 * so a sample has exactly the shape a real event has (`isSample: true`).
 */
import { parseCommand } from '../events/command';
import { compileFilters, firstNonEmpty, policyFor, sampleCommand, type FilterSettings } from '../events/filters';
import type { KickEventItem } from '../events/normalize';
import { obj, type Json } from '../shared/json';
import type { LiveEventName } from './chatTriggerParameters';
import type { PusherFrame } from './frames';
import { handleFrame, SocketRuntime, type LiveRules } from './liveEvents';
import samples from './exampleFrames.json';

/** The sample frames of `event`, for this channel and now, adjusted so they pass the filters. */
function framesFor(event: LiveEventName, broadcaster: Json, filters: FilterSettings, nowMs: number): PusherFrame[] {
	const offline = event === 'livestream.status.updated' && filters.streamStatus === 'offline';
	const frames: PusherFrame[] = structuredClone(offline ? [samples.streamOffline] : samples.frames[event]);
	for (const frame of frames) {
		const fields = frame.data as Json;
		if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) continue;
		if ('chatroom_id' in fields) fields.chatroom_id = broadcaster.chatroom_id;
		if ('channel_id' in fields && typeof fields.channel_id === 'number') fields.channel_id = broadcaster.channel_id;
		if (typeof fields.created_at === 'string') fields.created_at = new Date(nowMs).toISOString();
		if (frame.channel) frame.channel = frame.channel.replace(/\.0(\.|$)/, `.${String(broadcaster.chatroom_id)}$1`);
	}
	const data = frames[0].data as Json;
	const livestream = data.livestream as Json | undefined;
	if (livestream && typeof livestream.created_at === 'string') livestream.created_at = new Date(nowMs - 3_600_000).toISOString();
	if (event === 'chat.message.sent' && filters.commandPrefix) {
		data.content = sampleCommand(filters.commandPrefix, filters.commands);
		data.type = 'message';
		delete data.metadata;
	}
	if (event === 'chat.message.sent') {
		// The sender has a role the sample's command may be run by (Only From, Command Rules).
		const compiled = compileFilters(filters);
		const { onlyFrom } = policyFor(compiled, parseCommand(String(data.content), compiled.itemPrefix)?.command);
		const role = onlyFrom && !onlyFrom.has('moderator') && !onlyFrom.has('subscriber') ? [...onlyFrom][0] : undefined;
		const sender = obj(data.sender) ?? {};
		if (role) data.sender = { ...sender, identity: { ...obj(sender.identity), badges: [{ type: role, text: role }] } };
	}
	if (event === 'kicks.gifted' && filters.minKicksAmount) {
		const gift = data.gift as Json;
		if (Number(gift.amount) < filters.minKicksAmount) gift.amount = filters.minKicksAmount;
	}
	if (event === 'channel.reward.redemption.updated') {
		const title = firstNonEmpty(filters.rewardTitles);
		if (title) data.reward_title = title;
	}
	return frames;
}

/** The sample items of the events, as the trigger emits them (each event on its own, so none repeats another). */
export function buildSampleItems(events: readonly LiveEventName[], broadcaster: Json, filters: FilterSettings, nowMs: number): KickEventItem[] {
	const items: KickEventItem[] = [];
	for (const event of events) {
		const closers: Array<() => void> = [];
		const rules: LiveRules = {
			broadcaster,
			filters: compileFilters({ ...filters, events }),
			runtime: new SocketRuntime(),
			emit: (item) => items.push(item),
			schedule: (_ms, run) => closers.push(run),
			now: () => nowMs,
			extra: { isSample: true },
		};
		for (const frame of framesFor(event, broadcaster, filters, nowMs)) handleFrame(frame, nowMs, rules);
		for (const close of closers) close();
	}
	return items;
}
