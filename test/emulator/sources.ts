/**
 * One Kick event, seen by each of Kick's sources as Kick shows it: the channel's state (what an
 * API poll reads), a signed webhook delivery to every subscription, and a live-socket frame.
 * Each copy has its own fate, as on Kick: the webhook copy sent now, held back for a while of
 * Kick's clock (released by `webhooks.advance`), or lost; the socket copy sent or lost (the
 * socket does not replay what it missed). The copies carry what Kick gives both: a chat message's
 * id, a stream's start time.
 */
import { sampleEvent } from './events';
import type { PusherEmulator } from './pusher';
import type { EmulatorState, LiveSession } from './state/model';
import * as streams from './streams';
import type { SubscriberDeliveryResult } from './types';
import type { WebhookDelivery } from './webhookDelivery';

export type WebhookFate = 'now' | 'lost' | { delayMs: number };
export type SocketFate = 'now' | 'lost';

export interface CopyFates {
	webhook?: WebhookFate;
	socket?: SocketFate;
}

export interface SentEvent {
	/** The webhook deliveries sent now (none when held or lost). */
	deliveries: SubscriberDeliveryResult[];
	/** Socket frames sent (0 when lost). */
	frames: number;
}

export class KickSources {
	constructor(
		private readonly state: EmulatorState,
		private readonly webhooks: WebhookDelivery,
		private readonly pusher: PusherEmulator,
	) {}

	private channel(broadcasterUserId: number) {
		const channel = this.state.channels.find((entry) => entry.broadcasterUserId === broadcasterUserId);
		if (!channel) throw new Error(`emulator: no channel of broadcaster ${broadcasterUserId}`);
		return channel;
	}

	/** The broadcaster as the webhook payloads show it. */
	private broadcaster(broadcasterUserId: number): Record<string, unknown> {
		const user = this.state.users.find((entry) => entry.userId === broadcasterUserId);
		const channel = this.channel(broadcasterUserId);
		return {
			is_anonymous: false,
			user_id: broadcasterUserId,
			username: user?.username ?? channel.slug,
			is_verified: false,
			profile_picture: user?.profilePicture ?? '',
			channel_slug: channel.slug,
			identity: null,
		};
	}

	private async webhook(event: string, broadcasterUserId: number, body: Record<string, unknown>, fate: WebhookFate): Promise<SubscriberDeliveryResult[]> {
		if (fate === 'lost') return [];
		if (fate === 'now') return await this.webhooks.sendNow(event, broadcasterUserId, body);
		this.webhooks.hold(event, broadcasterUserId, body, fate.delayMs);
		return [];
	}

	/** A viewer's chat message: the socket's `id` is the webhook's `message_id`. */
	async chatMessage(options: { broadcasterUserId: number; content: string; senderUserId: number }, fates: CopyFates = {}): Promise<SentEvent & { messageId: string }> {
		const channel = this.channel(options.broadcasterUserId);
		const sender = this.state.users.find((entry) => entry.userId === options.senderUserId);
		if (!sender) throw new Error(`emulator: no user ${options.senderUserId}`);
		const createdAt = new Date(this.webhooks.clock.now());
		const prepared = this.pusher.kick.prepareChatMessage({
			slug: channel.slug,
			content: options.content,
			createdAt,
			sender: { id: sender.userId, username: sender.username },
		});
		const frames = fates.socket === 'lost' ? 0 : this.pusher.sendPrepared(prepared.channel, [prepared.text]);
		const body = sampleEvent('chat.message.sent.plain', {
			message_id: prepared.id,
			broadcaster: this.broadcaster(options.broadcasterUserId),
			sender: { is_anonymous: false, user_id: sender.userId, username: sender.username, is_verified: false, profile_picture: '', channel_slug: sender.username.toLowerCase(), identity: null },
			content: options.content,
			created_at: createdAt.toISOString(),
		});
		const deliveries = await this.webhook('chat.message.sent', options.broadcasterUserId, body, fates.webhook ?? 'now');
		return { messageId: prepared.id, deliveries, frames };
	}

	/** The channel goes live: the API shows it at once; the webhook and the socket announce it. */
	async streamStart(broadcasterUserId: number, options: streams.StartStreamOptions = {}, fates: CopyFates = {}): Promise<SentEvent & { live: LiveSession }> {
		const live = streams.startStream(this.state, broadcasterUserId, options);
		const channel = this.channel(broadcasterUserId);
		const frames =
			fates.socket === 'lost' ? 0 : this.pusher.kick.streamStart({ slug: channel.slug, livestreamId: live.websiteId, title: channel.streamTitle, startedAt: new Date(live.startedAt) });
		const body = { broadcaster: this.broadcaster(broadcasterUserId), is_live: true, title: channel.streamTitle, started_at: live.startedAt, ended_at: null };
		const deliveries = await this.webhook('livestream.status.updated', broadcasterUserId, body, fates.webhook ?? 'now');
		return { live, deliveries, frames };
	}

	/** The stream ends. */
	async streamEnd(broadcasterUserId: number, fates: CopyFates = {}): Promise<SentEvent> {
		const channel = this.channel(broadcasterUserId);
		const live = channel.live;
		if (!live) throw new Error(`emulator: ${channel.slug} is not live`);
		streams.endStream(this.state, broadcasterUserId);
		const frames = fates.socket === 'lost' ? 0 : this.pusher.kick.streamEnd({ slug: channel.slug, livestreamId: live.websiteId });
		const endedAt = new Date(Math.floor(this.webhooks.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
		const body = { broadcaster: this.broadcaster(broadcasterUserId), is_live: false, title: channel.streamTitle, started_at: live.startedAt, ended_at: endedAt };
		const deliveries = await this.webhook('livestream.status.updated', broadcasterUserId, body, fates.webhook ?? 'now');
		return { deliveries, frames };
	}
}
