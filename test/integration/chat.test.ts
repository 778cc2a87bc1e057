import { SEED } from '../emulator';
import { kickTestBed, locator } from './kickSetup';

describe('Chat (real n8n, emulator)', () => {
	const bed = kickTestBed();

	it('Send Message as user into a channel given by slug: one lookup, one POST', async () => {
		const run = await bed.run({ resource: 'chat', operation: 'sendMessage', sendAs: 'user', channel: locator('slug', 'neonvale'), content: 'hello 🎉' });
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ is_sent: true, type: 'user', broadcaster_user_id: SEED.broadcaster.userId });
		expect(run.items[0].json.message_id).toMatch(/^[0-9a-f-]{36}$/);
		const [post] = bed.calls('/public/v1/chat', 'POST');
		expect(post).toMatchObject({ tokenKind: 'user', body: { type: 'user', content: 'hello 🎉', broadcaster_user_id: SEED.broadcaster.userId } });
		expect(bed.calls('/public/v1/channels')).toHaveLength(1);
	});

	it('Send Message: many items to the same slug resolve it once', async () => {
		const run = await bed.run(
			{ resource: 'chat', operation: 'sendMessage', sendAs: 'user', channel: locator('slug', 'neonvale'), content: '={{ $json.text }}' },
			{ items: [{ text: 'one' }, { text: 'two' }, { text: 'three' }] },
		);
		expect(run.items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2]);
		expect(bed.calls('/public/v1/channels')).toHaveLength(1);
		expect(bed.calls('/public/v1/chat').map((call) => (call.body as any).content)).toEqual(['one', 'two', 'three']);
	});

	it('Send Message as bot with a reply: no broadcaster id, reply id sent', async () => {
		const run = await bed.run({
			resource: 'chat',
			operation: 'sendMessage',
			sendAs: 'bot',
			content: 'thanks!',
			options: { replyToMessageId: SEED.chat.question },
		});
		expect(run.error).toBeUndefined();
		expect(bed.calls('/public/v1/chat')[0].body).toEqual({ type: 'bot', content: 'thanks!', reply_to_message_id: SEED.chat.question });
		expect(bed.calls('/public/v1/channels')).toHaveLength(0);
	});

	it('refuses 501 characters, an empty message and a bad reply id before any request', async () => {
		const long = await bed.run({ resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: '🎉'.repeat(501) });
		expect(long.error?.message).toBe('Message: is 501 characters long, more than the 500 Kick accepts');
		const empty = await bed.run({ resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: '  ' });
		expect(empty.error?.message).toBe('Message: is empty');
		const reply = await bed.run({ resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: 'x', options: { replyToMessageId: 'nope' } });
		expect(reply.error?.message).toBe("Reply To Message ID: 'nope' is not a chat message id");
		expect(bed.dataCalls()).toHaveLength(0);
	});

	it('a 5xx on the chat POST is not retried (a message must not be posted twice)', async () => {
		bed.emulator.faults.pathFilter = /^\/public\/v1\/chat$/;
		bed.emulator.faults.fail5xx = 1;
		const run = await bed.run({ resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: 'once' });
		expect(run.error?.message).toBe("Kick's API failed (500): Internal server error");
		expect(bed.calls('/public/v1/chat')).toHaveLength(1);
	});

	it('a 429 with Retry-After is waited out and retried', async () => {
		bed.emulator.faults.pathFilter = /^\/public\/v1\/chat$/;
		bed.emulator.faults.rateLimitAfter = 0;
		bed.emulator.faults.rateLimitCount = 1;
		bed.emulator.faults.retryAfterSeconds = 1;
		const started = Date.now();
		const run = await bed.run({ resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: 'after the limit' });
		expect(run.error).toBeUndefined();
		expect(bed.calls('/public/v1/chat').map((call) => call.status)).toEqual([429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it('Cloudflare WAF JSON 403 on chat gives the reference', async () => {
		bed.emulator.faults.cloudflareJsonBlock = true;
		const run = await bed.run({ resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: 'blocked' });
		expect(run.error?.message).toMatch(/^Kick's security policy blocked the request \(HTTP 403, reference /);
	});

	it('Delete Message', async () => {
		const run = await bed.run({ resource: 'chat', operation: 'deleteMessage', messageId: SEED.chat.plain });
		expect(run.items[0].json).toEqual({ deleted: true, message_id: SEED.chat.plain });
		expect(bed.calls(`/public/v1/chat/${SEED.chat.plain}`)[0]).toMatchObject({ method: 'DELETE', tokenKind: 'user', status: 204 });
	});
});
