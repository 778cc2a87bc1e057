/** POST /public/v1/chat and DELETE /public/v1/chat/{message_id} — docs/kick-api.md §4.5. */
import { KICK_LIMITS } from '../kickFacts';
import { badRequest, type Ctx, forbidden, noContent, notFound, ok, type Reply } from '../http';
import { clientIdOf, type Route, userIdOf, userOnly } from '../router';
import type { ChannelRecord, EmulatorState } from '../state/model';
import { uuid } from '../util';
import { bodyString, jsonBody, requiredBodyInt } from './validate';
import { channelOf } from './views';

/** The broadcaster and their moderators may moderate a chat (exact rule unconfirmed, §4.5). */
export function canModerate(channel: ChannelRecord, userId: number): boolean {
	return channel.broadcasterUserId === userId || channel.moderatorIds.includes(userId);
}

const channelNotFound = () => badRequest('Channel not found');

function targetChannel(ctx: Ctx, type: 'user' | 'bot', body: Record<string, unknown>): ChannelRecord {
	const { state } = ctx.env;
	if (type === 'bot') {
		// The bot posts into the authorizing user's channel, and only once the app has a bot
		// account; otherwise Kick answers "Channel not found" (issue #123).
		const app = ctx.env.tokens.app(clientIdOf(ctx));
		const channel = channelOf(state, userIdOf(ctx));
		if (!app?.botEnabled || !channel) throw channelNotFound();
		return channel;
	}
	const channel = channelOf(state, requiredBodyInt(body, 'broadcaster_user_id'));
	if (!channel) throw channelNotFound();
	return channel;
}

function findMessage(state: EmulatorState, messageId: string) {
	return state.chat.find((m) => m.messageId === messageId && !m.deleted);
}

function postChat(ctx: Ctx): Reply {
	const body = jsonBody(ctx);
	const type = body.type;
	if (type !== 'user' && type !== 'bot') throw badRequest('type: must be "user" or "bot"');
	const content = bodyString(body, 'content', {
		max: KICK_LIMITS.chatMessageMaxLength,
		countCodePoints: true,
	});
	if (content === undefined || content.trim() === '') throw badRequest('content: required');
	const channel = targetChannel(ctx, type, body);
	const replyTo = bodyString(body, 'reply_to_message_id');
	if (replyTo !== undefined) {
		const original = findMessage(ctx.env.state, replyTo);
		if (!original || original.broadcasterUserId !== channel.broadcasterUserId) {
			throw badRequest('reply_to_message_id: message not found in this chat');
		}
	}
	const messageId = uuid();
	ctx.env.state.chat.push({
		messageId,
		broadcasterUserId: channel.broadcasterUserId,
		type,
		senderUserId: type === 'user' ? userIdOf(ctx) : null,
		clientId: clientIdOf(ctx),
		content,
		replyToMessageId: replyTo ?? null,
		createdAt: new Date().toISOString(),
		deleted: false,
	});
	return ok({ is_sent: true, message_id: messageId });
}

function deleteChat(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const message = findMessage(state, ctx.params.messageId);
	if (!message) throw notFound();
	const channel = channelOf(state, message.broadcasterUserId);
	if (!channel || !canModerate(channel, userIdOf(ctx))) throw forbidden();
	message.deleted = true;
	return noContent();
}

export const chatRoutes: Route[] = [
	{ method: 'POST', path: '/public/v1/chat', auth: userOnly('chat:write'), handler: postChat },
	{
		method: 'DELETE',
		path: '/public/v1/chat/:messageId',
		auth: userOnly('moderation:chat_message:manage'),
		handler: deleteChat,
	},
];
