/** The Chat Trigger's running state: the editor-test gate, the first connection, the connection log. */
import type { KickEventItem } from '../../../nodes/Kick/events/normalize';
import type { CloseOutcome } from '../../../nodes/Kick/socket/connection';
import { ConnectionReport, EmitGate } from '../../../nodes/Kick/socket/session';

const item = (n: number) => ({ messageId: `m${n}` }) as unknown as KickEventItem;
const closed: CloseOutcome = { cause: 'closed', code: 1006, reason: '', established: true, durationMs: 5000 };

describe('EmitGate', () => {
	it('passes every batch on when published', () => {
		const out: KickEventItem[][] = [];
		const gate = new EmitGate(false, (items) => out.push(items));
		gate.push([item(1)]);
		gate.push([item(2)]);
		expect(out).toEqual([[item(1)], [item(2)]]);
	});

	it('in an editor test, holds batches until n8n is ready, then shows only the first', () => {
		const out: KickEventItem[][] = [];
		const gate = new EmitGate(true, (items) => out.push(items));
		gate.push([item(1)]);
		gate.push([item(2)]);
		expect([out, gate.emitted]).toEqual([[], false]);
		gate.open();
		gate.push([item(3)]);
		expect([out, gate.emitted]).toEqual([[[item(1)]], true]);
	});
});

describe('ConnectionReport', () => {
	const logger = () => {
		const lines: string[] = [];
		return { lines, logger: { debug: (m: string) => lines.push(`debug ${m}`), info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) } };
	};

	it('the first subscription settles the first connection; an outage is one warning, its retries debug lines, the recovery one line', async () => {
		const { lines, logger: log } = logger();
		const report = new ConnectionReport(log, 'T');
		report.subscribed();
		expect(await report.first).toEqual({ kind: 'subscribed' });
		report.disconnected(closed, { reconnect: true, delayMs: 1200 });
		report.disconnected(closed, { reconnect: true, delayMs: 2400 });
		report.subscribed();
		expect(lines).toEqual([
			"info T: listening to Kick's live socket",
			"warn T: lost the connection to Kick's live socket: closed (code 1006); reconnecting in 1.2 s. Kick does not resend messages from the gap.",
			'debug T: connection attempt failed: closed (code 1006); reconnecting in 2.4 s',
			"info T: reconnected to Kick's live socket after 2 failed attempts",
		]);
	});

	it('a failed first attempt settles the first connection as failed; later outcomes do not change it', async () => {
		const report = new ConnectionReport(logger().logger, 'T');
		report.disconnected(closed, { reconnect: true, delayMs: 0 });
		expect(report.firstOutcome({ kind: 'fatal', outcome: closed })).toBe(false);
		report.subscribed();
		expect(await report.first).toEqual({ kind: 'failed', outcome: closed });
	});
});
