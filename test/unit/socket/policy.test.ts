/** Reconnect policy: capped exponential backoff with jitter, and the Pusher code classes. */
import { DEFAULT_RECONNECT_POLICY, reconnectDecision } from '../../../nodes/Kick/socket/connection';

const policy = DEFAULT_RECONNECT_POLICY;
const delay = (code: number | null, attempt: number, random: number) => {
	const decision = reconnectDecision(code, attempt, policy, random);
	return decision.reconnect ? decision.delayMs : 'stop';
};

describe('reconnectDecision', () => {
	it('never reconnects on 4000–4099', () => {
		for (const code of [4000, 4001, 4004, 4009, 4099]) expect(delay(code, 0, 0.5)).toBe('stop');
	});

	it('reconnects at once on 4200–4299 after a stable connection, and backs off when it repeats', () => {
		expect(delay(4200, 0, 0.9)).toBe(0);
		expect(delay(4201, 0, 0.9)).toBe(0);
		expect(delay(4202, 1, 0)).toBe(1000);
		expect(delay(4200, 3, 1)).toBeLessThanOrEqual(4000);
	});

	it('waits at least 1 s on 4100–4199 and on network failures, doubling up to the cap', () => {
		for (const code of [4100, 4199, 1006, null]) expect(delay(code, 0, 0)).toBeGreaterThanOrEqual(1000);
		const ceilings = [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000];
		ceilings.forEach((ceiling, attempt) => {
			expect(delay(1006, attempt, 0.999999)).toBeLessThanOrEqual(ceiling);
			expect(delay(1006, attempt, 0)).toBeGreaterThanOrEqual(Math.max(1000, ceiling / 2));
		});
		expect(delay(1006, 1000, 0.5)).toBeLessThanOrEqual(60_000);
	});

	it.each([
		[4000, 'stop'],
		[4001, 'stop'],
		[4099, 'stop'],
		[4100, 'back off'],
		[4199, 'back off'],
		[4200, 'at once'],
		[4201, 'at once'],
		[4299, 'at once'],
		[4301, 'back off'],
		[1000, 'back off'],
		[1006, 'back off'],
		[null, 'back off'],
	])('code %s after a stable connection: %s', (code, kind) => {
		const wait = delay(code, 0, 0);
		expect(wait === 'stop' ? 'stop' : wait === 0 ? 'at once' : 'back off').toBe(kind);
	});

	it('spreads attempts with jitter', () => {
		const delays = new Set([0, 0.25, 0.5, 0.75, 0.99].map((random) => delay(4100, 4, random)));
		expect(delays.size).toBe(5);
	});
});
