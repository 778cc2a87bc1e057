/**
 * Sample output for the editor's test mode. Kick never calls n8n's /webhook-test/ URL, so
 * without samples users could not see an event's shape until a live stream sends one. Samples
 * are the bundled example bodies (./sampleBodies.json: one per event type, the reference payloads
 * in test/fixtures/events, which test/unit/webhook/samples.test.ts keeps identical, plus the
 * offline stream; invented data, no real users), adjusted to the trigger's filters (a chat sample
 * starts with the command prefix, a stream sample matches the online/offline choice, …) and
 * normalized exactly like a real delivery, with `isSample: true`.
 */
import { isKickEventType, KICK_EVENT_TYPES, KICK_EVENT_VERSION, type KickEventType } from '../shared/kick.constants';
import { firstNonEmpty, sampleCommand, type FilterSettings } from '../events/filters';
import { normalizeEvent, type KickEventItem } from '../events/normalize';
import samples from './sampleBodies.json';
import type { Json } from '../shared/json';
import { isoSeconds } from '../shared/time';

/** The example body for `event`, adjusted so that it passes `settings`. */
export function sampleBody(event: KickEventType, settings: FilterSettings = {}): Json {
	const offline = event === 'livestream.status.updated' && settings.streamStatus === 'offline';
	const body: Json = structuredClone(offline ? samples.streamOffline : samples.bodies[event]);
	const broadcasterId = settings.broadcasterUserIds?.[0];
	const broadcaster = body.broadcaster as Json | undefined;
	if (broadcasterId !== undefined && broadcaster) broadcaster.user_id = broadcasterId;

	switch (event) {
		case 'chat.message.sent':
			if (settings.commandPrefix) {
				body.content = sampleCommand(settings.commandPrefix, settings.commands);
				body.emotes = null;
			}
			break;
		case 'kicks.gifted': {
			const gift = body.gift as Json;
			if (settings.minKicksAmount && Number(gift.amount) < settings.minKicksAmount) gift.amount = settings.minKicksAmount;
			break;
		}
		case 'channel.reward.redemption.updated': {
			const title = firstNonEmpty(settings.rewardTitles);
			if (title) (body.reward as Json).title = title;
			const status = firstNonEmpty(settings.redemptionStatuses);
			if (status) body.status = status.toLowerCase();
			break;
		}
		default:
			break;
	}
	return body;
}

/** Which events to sample: the requested one if it is selected (or valid), else every selected event. */
export function sampleEventTypes(settings: FilterSettings, requested?: string): KickEventType[] {
	const selected = (settings.events?.length ? settings.events : KICK_EVENT_TYPES).filter(isKickEventType);
	if (requested && isKickEventType(requested)) return [requested];
	return selected;
}

/** Normalized sample items, one per event, as the trigger would emit them. */
export function buildSampleItems(
	events: readonly KickEventType[],
	settings: FilterSettings,
	nowMs: number,
): Array<KickEventItem & { isSample: true }> {
	const timestamp = isoSeconds(nowMs);
	return events.map((event, index) => {
		const item = normalizeEvent(
			sampleBody(event, settings),
			{
				event,
				version: KICK_EVENT_VERSION,
				messageId: `SAMPLE${String(index).padStart(20, '0')}`,
				subscriptionId: null,
				kickTimestamp: timestamp,
				kickTimestampMs: Date.parse(timestamp),
				receivedAt: nowMs,
			},
			{ commandPrefix: settings.commandPrefix || undefined },
		);
		return { ...item, isSample: true as const };
	});
}
