/**
 * Small versions of the live-socket load scenarios (test/load/liveSocket.ts) in the shared real
 * n8n: chat on Kick's live socket and webhook deliveries each run exactly once, and a burst of
 * plain chat starts no execution while every command runs once. Correctness only, no timing
 * assertions; the full-size runs with numbers belong to `npm run bench:e2e`.
 */
import { sharedN8n, type N8nClient } from '../harness';
import { runLiveSocketFirehose, runLiveSocketLatency } from '../load/liveSocket';

describe('Kick Chat Trigger under load (small): nothing lost, nothing doubled', () => {
	let n8n: N8nClient;

	beforeAll(async () => {
		n8n = await sharedN8n();
	});

	it('latency run: every chat message (socket) and every delivery (webhook) starts one execution', async () => {
		const result = await runLiveSocketLatency(n8n, { messages: 30, ratePerSecond: 10 });
		expect(result.problems).toEqual([]);
		for (const side of [result.chatTrigger, result.kickTrigger]) {
			expect(side).toMatchObject({ sent: 30, executedOnce: 30, missing: 0, executedTwiceOrMore: 0 });
			expect(side.p50).toBeGreaterThanOrEqual(0);
		}
	}, 300_000);

	it('firehose: only the commands run, each once, and the end of the burst is seen', async () => {
		const result = await runLiveSocketFirehose(n8n, { messages: 500, commandEvery: 100, maxSeconds: 120 });
		expect(result.problems).toEqual([]);
		expect(result).toMatchObject({ messages: 500, commandsSent: 6, commandsExecutedOnce: 6, otherExecutions: 0, executionsAdded: 6, endSeen: true });
		expect(result.perSecond).toBeGreaterThan(0);
	}, 300_000);
});
