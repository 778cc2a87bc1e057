import { DeliveryMemory } from '../../../nodes/Kick/webhook/memory';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-04T12:00:00Z');

describe('DeliveryMemory', () => {
	it('decides deliveries within the Late Delivery Limit, and not past it', () => {
		const memory = new DeliveryMemory({ limitMs: 24 * HOUR });
		expect(memory.judge(NOW - 15 * 60_000, NOW)).toBe('ok');
		expect(memory.judge(NOW - 24 * HOUR, NOW)).toBe('ok');
		expect(memory.judge(NOW - 24 * HOUR - 1, NOW)).toBe('past-late-limit');
		// A clock far off on Kick's side is not a reason to lose the event.
		expect(memory.judge(NOW + HOUR, NOW)).toBe('ok');
	});

	it('remembers a delivery for the whole limit: a replay an hour later, or 23 hours later, is found', () => {
		const memory = new DeliveryMemory({ limitMs: 24 * HOUR });
		const signedAt = NOW - 15 * 60_000;
		memory.add(['k1'], signedAt, NOW);
		memory.expire(NOW + HOUR);
		expect(memory.has('k1')).toBe(true);
		memory.expire(NOW + 23 * HOUR);
		expect(memory.has('k1')).toBe(true);
		// Once the delivery is past the limit the memory lets go of it: the limit refuses it now.
		memory.expire(NOW + 24 * HOUR);
		expect(memory.has('k1')).toBe(false);
		expect(memory.judge(signedAt, NOW + 24 * HOUR)).toBe('past-late-limit');
		expect(memory.floorMs).toBeGreaterThanOrEqual(signedAt);
	});

	it('at its bound lets go of the oldest signed second and raises the floor above it, so a replay is never decided as new', () => {
		const memory = new DeliveryMemory({ limitMs: 24 * HOUR, maxKeys: 100 });
		// 150 deliveries, one per second, arriving out of order (late ones last).
		const order = Array.from({ length: 150 }, (_, n) => n).sort((a, b) => (a % 3) - (b % 3) || a - b);
		for (const n of order) memory.add([`k${n}`], NOW - HOUR + n * 1000, NOW);
		expect(memory.size).toBe(100);
		expect(memory.fullEvictionHappened).toBe(true);
		// Every delivery either is remembered, or is at or below the floor (and so not decided).
		const undecidable = [];
		for (let n = 0; n < 150; n++) {
			const signedAt = NOW - HOUR + n * 1000;
			if (!memory.has(`k${n}`) && memory.judge(signedAt, NOW) === 'ok') undecidable.push(n);
		}
		expect(undecidable).toEqual([]);
		// The oldest 50 seconds went, the newest 100 stayed.
		expect(memory.has('k49')).toBe(false);
		expect(memory.has('k50')).toBe(true);
		expect(memory.judge(NOW - HOUR + 49 * 1000, NOW)).toBe('beyond-memory');
		expect(memory.judge(NOW - HOUR + 50 * 1000, NOW)).toBe('ok');
	});

	it('files several keys of one delivery under one second and forgets a key on request', () => {
		const memory = new DeliveryMemory({ limitMs: HOUR });
		memory.add(['id', 'body'], NOW, NOW);
		expect(memory.has('id') && memory.has('body')).toBe(true);
		memory.forget('id');
		expect(memory.has('id')).toBe(false);
		expect(memory.newest(10).buckets).toEqual([{ second: Math.floor(NOW / 1000), keys: ['body'] }]);
	});

	it('gives its newest buckets up to a size, with a floor that covers what was left out', () => {
		const memory = new DeliveryMemory({ limitMs: 24 * HOUR });
		for (let n = 0; n < 10; n++) memory.add([`a${n}`, `b${n}`], NOW - n * 60_000, NOW);
		const { buckets, floorMs } = memory.newest(7);
		expect(buckets.map((bucket) => bucket.keys)).toEqual([
			['a2', 'b2'],
			['a1', 'b1'],
			['a0', 'b0'],
		]);
		expect(floorMs).toBe(NOW - 3 * 60_000 + 999);
		// Everything not in the buckets is at or below the floor.
		for (let n = 3; n < 10; n++) expect(NOW - n * 60_000).toBeLessThanOrEqual(floorMs);
	});

	it('never lowers its floor', () => {
		const memory = new DeliveryMemory({ limitMs: HOUR });
		memory.raiseFloor(NOW);
		memory.raiseFloor(NOW - 1000);
		expect(memory.floorMs).toBe(NOW);
		expect(memory.judge(NOW, NOW)).toBe('beyond-memory');
		expect(memory.judge(NOW + 1, NOW)).toBe('ok');
	});

	it('stays within its bound over 200,000 keys, late ones among them, keeping the newest', () => {
		const memory = new DeliveryMemory({ limitMs: 24 * HOUR, maxKeys: 50_000 });
		for (let n = 0; n < 200_000; n++) {
			const late = n % 10 === 0 ? 3 * HOUR : 0;
			memory.add([`k${n}`], NOW - 2 * HOUR + n * 20 - late, NOW);
		}
		expect(memory.size).toBeLessThanOrEqual(50_000);
		expect(memory.size).toBeGreaterThan(49_000);
		expect(memory.has('k199999')).toBe(true);
	});
});
