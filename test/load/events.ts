/**
 * Varied, realistic webhook bodies for all ten Kick event types: the emulator's samples with
 * the fields that make one event different from the next (who followed, what was said, …)
 * changed by a sequence number, so every body is distinct.
 */
import { randomUUID } from 'node:crypto';

import { KICK_EVENT_TYPES } from '../../nodes/Kick/shared/kick.constants';
import { sampleEvent, ulid } from '../emulator';

export const EVENT_TYPES = KICK_EVENT_TYPES;

const viewer = (n: number) => ({ user_id: 100_000_000 + n, username: `viewer_${n}`, channel_slug: `viewer-${n}` });
const iso = () => new Date().toISOString();

// One channel starts one stream per second at most, and the Kick Trigger counts two online
// deliveries with one start second as one stream (../../nodes/Kick/events/identity.ts): each
// stream this process makes starts one second before the previous one.
const firstStreamStart = Math.floor(Date.now() / 1000) * 1000;
let streamsStarted = 0;
const streamStart = () => new Date(firstStreamStart - 1000 * streamsStarted++).toISOString().replace(/\.\d+Z$/, 'Z');

/** A distinct body of `event` for sequence number `n`. */
export function variedEvent(event: (typeof EVENT_TYPES)[number], n: number): Record<string, unknown> {
	switch (event) {
		case 'chat.message.sent':
			return sampleEvent('chat.message.sent.plain', { message_id: randomUUID(), content: `message number ${n}`, sender: viewer(n), created_at: iso() });
		case 'channel.followed':
			return sampleEvent('channel.followed', { follower: viewer(n) });
		case 'channel.subscription.renewal':
			return sampleEvent('channel.subscription.renewal', { subscriber: viewer(n), duration: 2 + (n % 20), created_at: iso() });
		case 'channel.subscription.gifts':
			return sampleEvent('channel.subscription.gifts', { gifter: viewer(n), giftees: [viewer(n + 1_000_000)], created_at: iso() });
		case 'channel.subscription.new':
			return sampleEvent('channel.subscription.new', { subscriber: viewer(n), created_at: iso() });
		case 'channel.reward.redemption.updated':
			return sampleEvent('channel.reward.redemption.updated', { id: ulid(), user_input: `request ${n}`, redeemer: viewer(n), redeemed_at: iso() });
		case 'livestream.status.updated':
			return sampleEvent('livestream.status.updated', { title: `Stream number ${n}`, started_at: streamStart() });
		case 'livestream.metadata.updated':
			return sampleEvent('livestream.metadata.updated', { metadata: { title: `New title ${n}` } });
		case 'moderation.banned':
			return sampleEvent('moderation.banned', { banned_user: viewer(n), metadata: { reason: `spam ${n}` } });
		case 'kicks.gifted':
			return sampleEvent('kicks.gifted', { sender: viewer(n), gift: { amount: 10 + n, message: `gift ${n}` }, created_at: iso() });
	}
}

/** Chat badges as Kick sends them: a subscriber's, or none. */
export const SUBSCRIBER_BADGES = [{ type: 'subscriber', text: 'Subscriber', count: 3 }];

/**
 * A chat message body (`!`-commands when `command`), with a fresh chat message id. With `badges`,
 * the sender has a chat identity as on Kick: commands come from subscribers (so a role filter
 * lets them all through), one other message in four too.
 */
export function chatEvent(n: number, command: boolean, badges = false): Record<string, unknown> {
	const identity = { username_color: '#A1F4C2', badges: command || n % 4 === 0 ? SUBSCRIBER_BADGES : [] };
	return sampleEvent('chat.message.sent.plain', {
		message_id: randomUUID(),
		content: command ? `!cmd${n} arg` : `just chatting, message ${n} gg`,
		sender: badges ? { ...viewer(n % 5000), identity } : viewer(n % 5000),
		created_at: iso(),
	});
}

/**
 * The chat bot's rules the benches switch on (cases c and f with `--chat-rules`): a role filter
 * every command passes and cooldowns per command and per viewer that hold none of them back, so
 * the same commands run with the rules on and off.
 */
export const CHAT_RULES_FILTERS = { onlyFrom: ['subscriber', 'moderator', 'vip'], cooldownSeconds: 30, viewerCooldownSeconds: 30 };
