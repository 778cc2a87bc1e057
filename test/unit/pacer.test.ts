/**
 * The request pacer against a simulated Kick on a virtual clock: Kick's limit modeled as the
 * emulator plays it (a sliding window per app, refused requests counting, 429 with no header).
 */
import { RatePacer, type PacerClock } from '../../nodes/Kick/transport/pacer';

const MINUTE = 60_000;

/** A virtual clock: waiting moves time forward at once. */
function virtualClock(start = 1_000_000): PacerClock & { set(ms: number): void } {
	let now = start;
	return {
		now: () => now,
		sleep: async (ms: number) => {
			now += Math.max(0, ms);
		},
		set: (ms: number) => {
			now = ms;
		},
	};
}

/** Kick's limit as the emulator models it. */
function kickWindow(limit: number, windowMs: number) {
	const times: number[] = [];
	return (now: number): number => {
		while (times.length && (times[0] as number) <= now - windowMs) times.shift();
		const full = times.length >= limit;
		times.push(now);
		return full ? 429 : 200;
	};
}

/** Sends `count` requests one after another through the pacer, retrying 429s. */
async function run(pacer: RatePacer, clock: PacerClock, kick: (now: number) => number, count: number) {
	let refusals = 0;
	const start = clock.now();
	for (let i = 0; i < count; i++) {
		for (;;) {
			const ticket = await pacer.acquire();
			if (!ticket) throw new Error('no slot');
			const status = kick(clock.now());
			pacer.settle(ticket, status === 429 ? { kind: 'limited' } : { kind: 'accepted' });
			if (status === 200) break;
			refusals++;
		}
		// Each request takes Kick 20 ms to answer.
		await clock.sleep(20);
	}
	return { seconds: (clock.now() - start) / 1000, refusals };
}

describe('RatePacer', () => {
	it("learns Kick's limit from a bare 429 and finishes a run three windows long within 1.15× the limit-bound minimum", async () => {
		const clock = virtualClock();
		const pacer = new RatePacer(MINUTE, clock);
		const result = await run(pacer, clock, kickWindow(100, MINUTE), 300);
		// 300 requests at 100 a minute: the last hundred can start two minutes after the first.
		const minimum = 120;
		expect(result.seconds).toBeGreaterThanOrEqual(minimum);
		expect(result.seconds).toBeLessThanOrEqual(minimum * 1.15);
		expect(pacer.limit).toBeGreaterThanOrEqual(99);
		// One refusal taught it; probing for a raised limit costs a few more.
		expect(result.refusals).toBeLessThanOrEqual(5);
	});

	it('shares what it learned between concurrent callers, in arrival order', async () => {
		const clock = virtualClock();
		const pacer = new RatePacer(MINUTE, clock);
		const kick = kickWindow(20, MINUTE);
		const accepted: number[] = [];
		const worker = async (id: number) => {
			for (let i = 0; i < 10; i++) {
				for (;;) {
					const ticket = (await pacer.acquire())!;
					const status = kick(clock.now());
					pacer.settle(ticket, status === 429 ? { kind: 'limited' } : { kind: 'accepted' });
					if (status === 200) {
						accepted.push(id);
						break;
					}
				}
			}
		};
		await Promise.all([0, 1, 2, 3].map(worker));
		expect(accepted).toHaveLength(40);
		expect(pacer.limit).toBe(20);
	});

	it('holds every request of the app until a Retry-After has passed', async () => {
		const clock = virtualClock();
		const pacer = new RatePacer(MINUTE, clock);
		const first = (await pacer.acquire())!;
		pacer.settle(first, { kind: 'limited', hintedMs: 5000 });
		const before = clock.now();
		await pacer.acquire();
		expect(clock.now() - before).toBe(5000);
		// A hint teaches no limit.
		expect(pacer.limit).toBeUndefined();
	});

	it('does not wait past a deadline: the caller fails instead', async () => {
		const clock = virtualClock();
		const pacer = new RatePacer(MINUTE, clock);
		const kick = kickWindow(2, MINUTE);
		for (let i = 0; i < 3; i++) {
			const ticket = (await pacer.acquire())!;
			pacer.settle(ticket, kick(clock.now()) === 429 ? { kind: 'limited' } : { kind: 'accepted' });
		}
		expect(pacer.limit).toBe(2);
		expect(await pacer.acquire(clock.now() + 30_000)).toBeUndefined();
		expect(await pacer.acquire(clock.now() + 61_000)).toBeDefined();
	});

	it('grows the limit after a full window without a refusal, and forgets it after ten windows without one', async () => {
		const clock = virtualClock();
		const pacer = new RatePacer(MINUTE, clock);
		let kick = kickWindow(10, MINUTE);
		await run(pacer, clock, kick, 11);
		expect(pacer.limit).toBe(10);
		// Kick raises its limit: the pacer finds out by growing a quarter per quiet window.
		kick = kickWindow(1000, MINUTE);
		await run(pacer, clock, kick, 60);
		expect(pacer.limit).toBeGreaterThan(10);
		clock.set(clock.now() + 11 * MINUTE);
		await run(pacer, clock, kick, 1);
		expect(pacer.limit).toBeUndefined();
	});
});
