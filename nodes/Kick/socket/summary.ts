/** One-line summaries for the socket's own events (the official ones get theirs from normalizeEvent). */
import { type Json, num, obj, str } from '../shared/json';

function name(user: unknown, fallback: string): string {
	const value = obj(user);
	return str(value?.username) || str(value?.slug) || fallback;
}

function channelName(body: Json): string {
	const broadcaster = obj(body.broadcaster);
	return str(broadcaster?.username) || str(broadcaster?.channel_slug) || 'The channel';
}

export function socketSummary(event: string, body: Json): string {
	switch (event) {
		case 'chat.message.deleted':
			return 'A chat message was deleted';
		case 'chat.message.pinned': {
			const message = obj(body.message);
			const content = str(message?.content) ?? '';
			return `${name(message?.sender, 'Someone')}'s message was pinned${content ? `: ${content.slice(0, 150)}` : ''}`;
		}
		case 'chat.message.unpinned':
			return 'The pinned message was removed';
		case 'chat.cleared':
			return 'The chat was cleared';
		case 'chat.settings.updated':
			return `${channelName(body)} changed the chat settings`;
		case 'chat.poll.updated':
			return `Poll: ${str(obj(body.poll)?.title) ?? 'updated'}`;
		case 'chat.poll.deleted':
			return 'The poll ended';
		case 'moderation.unbanned':
			return `${name(body.user, 'Someone')} was unbanned by ${name(body.unbanned_by, 'a moderator')}`;
		case 'channel.unfollowed':
			return `${channelName(body)} lost a follower`;
		case 'channel.host.received': {
			const viewers = num(body.viewers);
			return `${name(body.host, 'A channel')} is hosting ${channelName(body)}${viewers !== undefined ? ` with ${viewers} viewers` : ''}`;
		}
		case 'channel.host.sent':
			return `${channelName(body)} is sending its viewers to ${name(body.hosted, str(body.slug) ?? 'another channel')}`;
		case 'channel.gifts.leaderboard.updated':
			return `${channelName(body)}'s gift leaderboard changed`;
		case 'channel.goal.updated': {
			const current = num(body.current_value);
			const target = num(body.target_value);
			return `${str(body.type) ?? 'Channel'} goal: ${current ?? '?'} of ${target ?? '?'}`;
		}
		default:
			return `Kick live socket event ${str(body.socketEvent) ?? event}`;
	}
}
