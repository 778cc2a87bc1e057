/**
 * Kick-shaped live-socket events, on the channels and with the names Kick uses (see
 * docs/kick-api.md §10): chat on chatrooms.<chatroom id>.v2, live/offline and follows on
 * channel.<channel id>, a subscription or a gift announced on several channels at once. Each
 * method sends through the Pusher server and says what it sent, so a test (or the bench) knows
 * the message id and the moment it left. A chat message is also recorded in the emulator's chat.
 */
import { randomUUID } from 'node:crypto';

import type { ChannelRecord, EmulatorState } from './state/model';

export const CHAT_MESSAGE_EVENT = 'App\\Events\\ChatMessageEvent';

interface Sender {
	send(channel: string, event: string, data: unknown): number;
}

/** A chat badge as Kick sends it (`count`: months for `subscriber`, gifts for `sub_gifter`). */
export interface ChatBadge {
	type: string;
	text: string;
	count?: number;
}

export interface ChatSender {
	id: number;
	username: string;
	slug?: string;
	color?: string;
	badges?: ChatBadge[];
}

export interface ChatMessageOptions {
	/** Channel slug (default: the seeded broadcaster, neonvale). */
	slug?: string;
	/** Message id (default: a fresh UUID, as Kick's). */
	id?: string;
	content?: string;
	sender?: ChatSender;
	replyTo?: { id: string; content: string; sender: { id: number; username: string } };
	/** Default: now (Kick's format has second precision). */
	createdAt?: Date;
}

export interface SentChatMessage {
	id: string;
	/** Epoch ms just before the frame left. */
	sentAt: number;
	channel: string;
	/** Frames written (subscribers × copies). */
	frames: number;
	data: Record<string, unknown>;
}

/** A channel event's frame text, exactly as the Pusher server's `send` writes it (for `sendPrepared`). */
export function frameText(channel: string, event: string, data: unknown): string {
	return JSON.stringify({ event, data: typeof data === 'string' ? data : JSON.stringify(data), channel });
}

export interface PreparedChatMessage {
	id: string;
	channel: string;
	data: Record<string, unknown>;
	/** The frame as the socket carries it. */
	text: string;
}

/** Kick's chat format: `2025-08-20T07:05:42+00:00`. */
export const kickChatTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');

export class KickFrames {
	constructor(
		private readonly state: EmulatorState,
		private readonly pusher: Sender,
	) {}

	/** The channel whose ids the events use (default: neonvale). */
	channel(slug = 'neonvale'): ChannelRecord {
		const channel = this.state.channels.find((entry) => entry.slug === slug.toLowerCase());
		if (!channel) throw new Error(`no emulated channel '${slug}'`);
		return channel;
	}

	private user(username: string): ChatSender {
		const user = this.state.users.find((entry) => entry.username.toLowerCase() === username.toLowerCase());
		return { id: user?.userId ?? 1, username: user?.username ?? username };
	}

	chatMessage(options: ChatMessageOptions = {}): SentChatMessage {
		const { id, channel, data } = this.recordChat(options);
		const sentAt = Date.now();
		const frames = this.pusher.send(channel, CHAT_MESSAGE_EVENT, data);
		return { id, sentAt, channel, frames, data };
	}

	/**
	 * A chat message recorded in the channel's chat and serialized, not sent yet: a burst of them
	 * goes out with `pusher.sendPrepared(channel, texts)`, timed without the work of building them.
	 */
	prepareChatMessage(options: ChatMessageOptions = {}): PreparedChatMessage {
		const { id, channel, data } = this.recordChat(options);
		return { id, channel, data, text: frameText(channel, CHAT_MESSAGE_EVENT, data) };
	}

	/** A chat message's socket data, recorded in the channel's chat; the Pusher channel it goes to. */
	private recordChat(options: ChatMessageOptions): { id: string; channel: string; data: Record<string, unknown> } {
		const channel = this.channel(options.slug);
		const sender = options.sender ?? { ...this.user('pixelmoth'), badges: [{ type: 'moderator', text: 'Moderator' }] };
		const id = options.id ?? randomUUID();
		const data: Record<string, unknown> = {
			id,
			chatroom_id: channel.chatroomId,
			content: options.content ?? 'hello chat',
			type: options.replyTo ? 'reply' : 'message',
			created_at: kickChatTime(options.createdAt ?? new Date()),
			sender: {
				id: sender.id,
				username: sender.username,
				slug: sender.slug ?? sender.username.toLowerCase().replace(/_/g, '-'),
				identity: { color: sender.color ?? '#A1F4C2', badges: sender.badges ?? [] },
			},
			metadata: options.replyTo
				? {
						original_sender: { id: options.replyTo.sender.id, username: options.replyTo.sender.username },
						original_message: { id: options.replyTo.id, content: options.replyTo.content },
						message_ref: String(Date.now()),
					}
				: { message_ref: String(Date.now()) },
		};
		// As on Kick, the message is in the channel's chat, so API replies to it are accepted.
		this.state.chat.push({
			messageId: id,
			broadcasterUserId: channel.broadcasterUserId,
			type: 'viewer',
			senderUserId: sender.id,
			clientId: null,
			content: String(data.content),
			replyToMessageId: options.replyTo?.id ?? null,
			createdAt: new Date().toISOString(),
			deleted: false,
		});
		return { id, channel: `chatrooms.${channel.chatroomId}.v2`, data };
	}

	/** One subscription, announced as Kick does: SubscriptionEvent (chatroom) and ChannelSubscriptionEvent (channel). */
	subscription(options: { slug?: string; username: string; months?: number }): number {
		const channel = this.channel(options.slug);
		const user = this.user(options.username);
		return (
			this.pusher.send(`chatrooms.${channel.chatroomId}.v2`, 'App\\Events\\SubscriptionEvent', { chatroom_id: channel.chatroomId, username: user.username, months: options.months ?? 1 }) +
			this.pusher.send(`channel.${channel.channelId}`, 'App\\Events\\ChannelSubscriptionEvent', { user_ids: [user.id], username: user.username, channel_id: channel.channelId })
		);
	}

	/** One gift, announced on three channels: GiftedSubscriptionsEvent (no prefix), LuckyUsers…, ChannelSubscriptionEvent. */
	gift(options: { slug?: string; gifter: string; giftees: string[]; gifterTotal?: number }): number {
		const channel = this.channel(options.slug);
		const giftees = options.giftees.map((name) => this.user(name));
		return (
			this.pusher.send(`chatroom_${channel.chatroomId}`, 'GiftedSubscriptionsEvent', {
				chatroom_id: channel.chatroomId,
				gifted_usernames: giftees.map((user) => user.username),
				gifter_username: options.gifter,
				gifter_total: options.gifterTotal ?? giftees.length,
			}) +
			this.pusher.send(`channel.${channel.channelId}`, 'App\\Events\\LuckyUsersWhoGotGiftSubscriptionsEvent', {
				channel: { id: channel.channelId, slug: channel.slug, chatroom: { id: channel.chatroomId } },
				usernames: giftees.map((user) => user.username),
				gifter_username: options.gifter,
			}) +
			this.pusher.send(`channel.${channel.channelId}`, 'App\\Events\\ChannelSubscriptionEvent', { user_ids: giftees.map((user) => user.id), username: '', channel_id: channel.channelId })
		);
	}

	streamStart(options: { slug?: string; livestreamId?: number; title?: string; startedAt?: Date } = {}): number {
		const channel = this.channel(options.slug);
		return this.pusher.send(`channel.${channel.channelId}`, 'App\\Events\\StreamerIsLive', {
			livestream: {
				id: options.livestreamId ?? channel.live?.websiteId ?? 1,
				channel_id: channel.channelId,
				session_title: options.title ?? channel.streamTitle,
				source: null,
				created_at: (options.startedAt ?? new Date()).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'),
			},
		});
	}

	streamEnd(options: { slug?: string; livestreamId?: number } = {}): number {
		const channel = this.channel(options.slug);
		return this.pusher.send(`channel.${channel.channelId}`, 'App\\Events\\StopStreamBroadcast', {
			livestream: { id: options.livestreamId ?? channel.live?.websiteId ?? 1, channel: { id: channel.channelId, is_banned: false } },
		});
	}

	ban(options: { slug?: string; username: string; by?: string; minutes?: number }): number {
		const channel = this.channel(options.slug);
		const user = this.user(options.username);
		const by = this.user(options.by ?? 'pixelmoth');
		const data: Record<string, unknown> = {
			id: randomUUID(),
			user: { id: user.id, username: user.username, slug: user.username.toLowerCase() },
			banned_by: { id: by.id, username: by.username, slug: by.username.toLowerCase() },
			permanent: options.minutes === undefined,
		};
		if (options.minutes !== undefined) {
			data.duration = options.minutes;
			data.expires_at = kickChatTime(new Date(Date.now() + options.minutes * 60_000));
		}
		return this.pusher.send(`chatrooms.${channel.chatroomId}.v2`, 'App\\Events\\UserBannedEvent', data);
	}

	messageDeleted(options: { slug?: string; messageId: string }): number {
		const channel = this.channel(options.slug);
		return this.pusher.send(`chatrooms.${channel.chatroomId}.v2`, 'App\\Events\\MessageDeletedEvent', {
			id: randomUUID(),
			message: { id: options.messageId },
			aiModerated: false,
			violatedRules: [],
		});
	}

	/** An incoming host, announced twice as Kick does (StreamHostedEvent and StreamHostEvent). */
	host(options: { slug?: string; hostUsername: string; viewers?: number; message?: string }): number {
		const channel = this.channel(options.slug);
		const host = this.user(options.hostUsername);
		return (
			this.pusher.send(`chatrooms.${channel.chatroomId}`, 'App\\Events\\StreamHostedEvent', {
				message: { id: randomUUID(), numberOfViewers: options.viewers ?? 10, optionalMessage: options.message ?? null, createdAt: new Date().toISOString() },
				user: { id: host.id, username: host.username, isSuperAdmin: false, verified: false },
			}) +
			this.pusher.send(`chatrooms.${channel.chatroomId}.v2`, 'App\\Events\\StreamHostEvent', {
				chatroom_id: channel.chatroomId,
				optional_message: options.message ?? null,
				number_viewers: options.viewers ?? 10,
				host_username: host.username,
			})
		);
	}
}
