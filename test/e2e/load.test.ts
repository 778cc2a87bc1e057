/**
 * Small CI versions of `npm run bench:e2e`, in the shared real n8n: a mixed
 * burst over all ten event types and a chat firehose. Correctness only — no timing assertions
 * (CI machines vary); the full-size runs with numbers are `npm run bench:e2e`.
 */
import { sharedN8n, type N8nClient } from '../harness';
import { runFirehose, runMixedBurst } from '../load/scenarios';

describe('under load (small): nothing lost, nothing doubled, nothing forged', () => {
	let n8n: N8nClient;

	beforeAll(async () => {
		n8n = await sharedN8n();
	});

	it('mixed burst: every authentic event runs exactly once, late ones too; forged and too late never; no 5xx', async () => {
		const result = await runMixedBurst(n8n, { deliveries: 250, concurrency: 8 });
		expect(result.problems).toEqual([]);
		expect(result.eventTypes).toBe(10);
		expect(result.sent).toMatchObject({ late: 3, duplicate: 25, replay: 13, forged: 13, 'too-late': 5 });
		expect(result.executedOnce).toBe(result.events);
		expect(result.executions).toBe(result.events);
		expect(result.forgedOrTooLateExecuted).toBe(0);
		expect(result.unknownExecuted).toBe(0);
		expect(result.fiveXx).toBe(0);
		expect(result.answers.forged).toEqual({ 401: result.sent.forged });
		expect(result.answers.late).toEqual({ 200: result.sent.late });
		expect(result.answers['too-late']).toEqual({ 200: result.sent['too-late'] });
	}, 300_000);

	it('chat firehose: only the commands run, and nothing else reaches the database', async () => {
		const result = await runFirehose(n8n, { deliveries: 300, concurrency: 8, commandEvery: 50, maxSeconds: 120, exclusive: false });
		expect(result.problems).toEqual([]);
		expect(result.deliveries).toBe(300);
		expect(result.commandsSent).toBe(6);
		expect(result.commandsExecuted).toBe(result.commandsSent);
		expect(result.executionsAdded).toBe(result.commandsSent);
		expect(result.statuses).toEqual({ 200: 300 });
	}, 300_000);
});
