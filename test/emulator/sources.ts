/**
 * One Kick event, seen by each of Kick's sources as Kick shows it: the channel's state (what an
 * API poll reads), a signed webhook delivery to every subscription, and a live-socket frame.
 * Each copy has its own fate, as on Kick: the webhook copy sent now, held back for a while of
 * Kick's clock (released by `webhooks.advance`), sent after a real wait (`afterMs`: for runs that
 * measure time, so nothing moves Kick's clock), or lost; the socket copy sent now, after a real
 * wait (a frame stuck behind a slow connection), or lost (the socket does not replay what it
 * missed). The copies carry what Kick gives both: a chat message's id, a stream's start time.
 */
import { sampleEvent } from './events';
import { CHAT_MESSAGE_EVENT, frameText, type ChatBadge } from './pusherEvents';
import { rfc3339Seconds } from './util';
import type { PusherEmulator } from './pusher';
import type { EmulatorState, LiveSession } from './state/model';
import * as streams from './streams';
import type { SubscriberDeliveryResult } from './types';
import type { WebhookDelivery } from './webhookDelivery';

/** A copy sent after `afterMs` of real time; a webhook copy keeps the event's own timestamp. */
export interface RealDelay {
	afterMs: number;
}
export type WebhookFate = 'now' | 'lost' | { delayMs: number } | RealDelay;
export type SocketFate = 'now' | 'lost' | RealDelay;

export interface CopyFates {
	webhook?: WebhookFate;
	socket?: SocketFate;
}

export interface SentEvent {
	/** The webhook deliveries sent now (none when held or lost). */
	deliveries: SubscriberDeliveryResult[];
	/** Socket frames sent now (0 when lost or late). */
	frames: number;
	/** The copies sent after a real wait (`afterMs`), once sent: their deliveries' answers and frames. */
	late: Promise<{ deliveries: SubscriberDeliveryResult[]; frames: number }>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const isRealDelay = (fate: unknown): fate is RealDelay => typeof fate === 'object' && fate !== null && 'afterMs' in fate;

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
		if (fate === 'lost' || isRealDelay(fate)) return [];
		if (fate === 'now') return await this.webhooks.sendNow(event, broadcasterUserId, body);
		this.webhooks.hold(event, broadcasterUserId, body, fate.delayMs);
		return [];
	}

	/** The copies whose fate is a real wait: sent once it is over (the webhook's with the event's own time). */
	private async late(fates: CopyFates, happenedMs: number, webhook: () => [string, number, Record<string, unknown>], socket: () => number): Promise<{ deliveries: SubscriberDeliveryResult[]; frames: number }> {
		const timestamp = rfc3339Seconds(new Date(happenedMs));
		const [deliveries, frames] = await Promise.all([
			isRealDelay(fates.webhook) ? wait(fates.webhook.afterMs).then(async () => await this.webhooks.sendNow(...webhook(), { timestamp })) : Promise.resolve([]),
			isRealDelay(fates.socket) ? wait(fates.socket.afterMs).then(socket) : Promise.resolve(0),
		]);
		return { deliveries, frames };
	}

	/**
	 * A viewer's chat message: the socket's `id` is the webhook's `message_id`. `badges`, when
	 * given, are the sender's chat badges on both copies (`sender.identity.badges`; null: the
	 * webhook's `identity` is null and the socket's has no badges); otherwise the webhook copy has
	 * no identity and the socket's no badges.
	 */
	async chatMessage(
		options: { broadcasterUserId: number; content: string; senderUserId: number; badges?: ChatBadge[] | null },
		fates: CopyFates = {},
	): Promise<SentEvent & { messageId: string }> {
		const channel = this.channel(options.broadcasterUserId);
		const sender = this.state.users.find((entry) => entry.userId === options.senderUserId);
		if (!sender) throw new Error(`emulator: no user ${options.senderUserId}`);
		const createdAt = new Date(this.webhooks.clock.now());
		const color = '#A1F4C2';
		const prepared = this.pusher.kick.prepareChatMessage({
			slug: channel.slug,
			content: options.content,
			createdAt,
			sender: { id: sender.userId, username: sender.username, color, badges: options.badges ?? undefined },
		});
		if (options.badges === null) delete ((prepared.data.sender as Record<string, any>).identity as Record<string, unknown>).badges;
		const text = options.badges === null ? frameText(prepared.channel, CHAT_MESSAGE_EVENT, prepared.data) : prepared.text;
		const frames = fates.socket === undefined || fates.socket === 'now' ? this.pusher.sendPrepared(prepared.channel, [text]) : 0;
		const identity = options.badges ? { username_color: color, badges: options.badges } : null;
		const body = sampleEvent('chat.message.sent.plain', {
			message_id: prepared.id,
			broadcaster: this.broadcaster(options.broadcasterUserId),
			sender: { is_anonymous: false, user_id: sender.userId, username: sender.username, is_verified: false, profile_picture: '', channel_slug: sender.username.toLowerCase(), identity },
			content: options.content,
			created_at: createdAt.toISOString(),
		});
		const late = this.late(fates, createdAt.getTime(), () => ['chat.message.sent', options.broadcasterUserId, body], () => this.pusher.sendPrepared(prepared.channel, [text]));
		const deliveries = await this.webhook('chat.message.sent', options.broadcasterUserId, body, fates.webhook ?? 'now');
		return { messageId: prepared.id, deliveries, frames, late };
	}

	/** The channel goes live: the API shows it at once; the webhook and the socket announce it. */
	async streamStart(broadcasterUserId: number, options: streams.StartStreamOptions = {}, fates: CopyFates = {}): Promise<SentEvent & { live: LiveSession }> {
		const live = streams.startStream(this.state, broadcasterUserId, options);
		const channel = this.channel(broadcasterUserId);
		const title = channel.streamTitle;
		const socket = () => this.pusher.kick.streamStart({ slug: channel.slug, livestreamId: live.websiteId, title, startedAt: new Date(live.startedAt) });
		const frames = fates.socket === undefined || fates.socket === 'now' ? socket() : 0;
		const body = { broadcaster: this.broadcaster(broadcasterUserId), is_live: true, title, started_at: live.startedAt, ended_at: null };
		const late = this.late(fates, this.webhooks.clock.now(), () => ['livestream.status.updated', broadcasterUserId, body], socket);
		const deliveries = await this.webhook('livestream.status.updated', broadcasterUserId, body, fates.webhook ?? 'now');
		return { live, deliveries, frames, late };
	}

	/** The stream ends. */
	async streamEnd(broadcasterUserId: number, fates: CopyFates = {}): Promise<SentEvent> {
		const channel = this.channel(broadcasterUserId);
		const live = channel.live;
		if (!live) throw new Error(`emulator: ${channel.slug} is not live`);
		streams.endStream(this.state, broadcasterUserId);
		const socket = () => this.pusher.kick.streamEnd({ slug: channel.slug, livestreamId: live.websiteId });
		const frames = fates.socket === undefined || fates.socket === 'now' ? socket() : 0;
		const endedAt = new Date(Math.floor(this.webhooks.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
		const body = { broadcaster: this.broadcaster(broadcasterUserId), is_live: false, title: channel.streamTitle, started_at: live.startedAt, ended_at: endedAt };
		const late = this.late(fates, this.webhooks.clock.now(), () => ['livestream.status.updated', broadcasterUserId, body], socket);
		const deliveries = await this.webhook('livestream.status.updated', broadcasterUserId, body, fates.webhook ?? 'now');
		return { deliveries, frames, late };
	}
}
