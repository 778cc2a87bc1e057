/**
 * Issue 7: many chat messages through the Kick node (Chat → Send Message, one run) under the
 * emulator's chat rate limit (a token bucket that answers 429 with Retry-After). Every message
 * is delivered exactly once. Timing is measured by `npm run bench:e2e`, not asserted here.
 */
import { sharedN8n } from '../harness';
import { runChatRateLimit } from '../load/scenarios';

describe('Chat → Send Message under a rate limit (real n8n, emulator)', () => {
	it('120 messages at 20/s with a burst of 10: all delivered, none twice, the 429s waited out', async () => {
		const n8n = await sharedN8n();
		const result = await runChatRateLimit(n8n, { messages: 120, perSecond: 20, burst: 10 });
		expect(result.problems).toEqual([]);
		expect(result.delivered).toBe(120);
		expect(result.deliveredTwice).toBe(0);
		expect(result.missing).toBe(0);
		expect(result.rateLimited).toBeGreaterThan(0);
	}, 120_000);
});
