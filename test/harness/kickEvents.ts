/**
 * Sample Kick webhook bodies for the example workflows (from the emulator's fixtures), for the
 * e2e tests and the `npm start -- --demo` walkthrough. A chat message is also recorded in the
 * emulator's chat, as on Kick, so replies to it are accepted.
 */
import { randomUUID } from 'node:crypto';

import { sampleEvent, SEED, type KickEmulator } from '../emulator';

/** A chat message by pixelmoth (or the sample sender) in NeonVale's chat, recorded in the emulator. */
export function chatMessageEvent(emulator: KickEmulator, content: string, sender: Record<string, unknown> = {}): Record<string, any> {
	const messageId = randomUUID();
	const body = sampleEvent('chat.message.sent.plain', { message_id: messageId, content, sender, created_at: new Date().toISOString() }) as Record<string, any>;
	emulator.state.chat.push({
		messageId,
		broadcasterUserId: SEED.broadcaster.userId,
		type: 'user',
		senderUserId: body.sender.user_id as number,
		clientId: null,
		content,
		replyToMessageId: null,
		createdAt: body.created_at as string,
		deleted: false,
	});
	return body;
}

let lastStreamStart = 0;
/**
 * A stream going live about 30 s ago. Every call is a new stream with its own start time, a
 * second after the previous one at least (Kick's bodies identify a stream by it: the same body
 * twice is the same event).
 */
export const streamOnlineEvent = (): Record<string, any> => {
	lastStreamStart = Math.max(Math.floor((Date.now() - 30_000) / 1000) * 1000, lastStreamStart + 1000);
	return { ...sampleEvent('livestream.status.updated'), started_at: new Date(lastStreamStart).toISOString().replace(/\.\d+Z$/, 'Z') };
};

export const streamOfflineEvent = (): Record<string, any> => sampleEvent('livestream.status.updated.ended');

/** The emulator's chat messages posted through the API (by workflows), oldest first. */
export function postedChatMessages(emulator: KickEmulator): Array<{ content: string; type: string; replyToMessageId: string | null; clientId: string | null; broadcasterUserId: number }> {
	return emulator.state.chat.filter((message) => message.clientId !== null);
}
