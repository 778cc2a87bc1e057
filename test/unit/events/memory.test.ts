/**
 * The one memory of the Kick triggers: keys by second, a horizon, a bound, a floor that covers
 * whatever it let go of, and one serialized form another process merges.
 */
import { SeenMemory } from '../../../nodes/Kick/events/memory';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-04T12:00:00Z');

const memoryOf = (horizonMs: number, maxEntries = 200_000) => new SeenMemory({ horizonMs, maxEntries });

describe('SeenMemory', () => {
	it('decides what happened within a limit, and not past it', () => {
		const memory = memoryOf(24 * HOUR);
		expect(memory.judge(NOW - 15 * 60_000, 24 * HOUR, NOW)).toBe('ok');
		expect(memory.judge(NOW - 24 * HOUR, 24 * HOUR, NOW)).toBe('ok');
		expect(memory.judge(NOW - 24 * HOUR - 1, 24 * HOUR, NOW)).toBe('past-late-limit');
		// A clock far off on Kick's side is not a reason to lose the event.
		expect(memory.judge(NOW + HOUR, 24 * HOUR, NOW)).toBe('ok');
	});

	it('keeps a key for its whole horizon: found an hour later, or 23 hours later, gone after', () => {
		const memory = memoryOf(24 * HOUR);
		const signedAt = NOW - 15 * 60_000;
		memory.add('k1', signedAt, NOW);
		memory.expire(NOW + HOUR);
		expect(memory.has('k1')).toBe(true);
		memory.expire(NOW + 23 * HOUR);
		expect(memory.has('k1')).toBe(true);
		memory.expire(NOW + 24 * HOUR);
		expect(memory.has('k1')).toBe(false);
		expect(memory.judge(signedAt, 24 * HOUR, NOW + 24 * HOUR)).toBe('past-late-limit');
		expect(memory.floorMs).toBeGreaterThanOrEqual(signedAt);
	});

	it('at its bound lets go of the oldest second and raises the floor above it, so nothing it let go of is decided as new', () => {
		const memory = memoryOf(24 * HOUR, 100);
		// 150 keys, one per second, arriving out of order (late ones last).
		const order = Array.from({ length: 150 }, (_, n) => n).sort((a, b) => (a % 3) - (b % 3) || a - b);
		for (const n of order) memory.add(`k${n}`, NOW - HOUR + n * 1000, NOW);
		expect(memory.size).toBe(100);
		expect(memory.reachedBound).toBe(true);
		const undecidable = [];
		for (let n = 0; n < 150; n++) {
			if (!memory.has(`k${n}`) && memory.judge(NOW - HOUR + n * 1000, 24 * HOUR, NOW) === 'ok') undecidable.push(n);
		}
		expect(undecidable).toEqual([]);
		expect(memory.has('k49')).toBe(false);
		expect(memory.has('k50')).toBe(true);
		expect(memory.judge(NOW - HOUR + 49 * 1000, 24 * HOUR, NOW)).toBe('beyond-memory');
		expect(memory.judge(NOW - HOUR + 50 * 1000, 24 * HOUR, NOW)).toBe('ok');
	});

	it('finds a key filed under several seconds within a window of a time', () => {
		const memory = memoryOf(HOUR);
		memory.add('follow', NOW, NOW);
		expect(memory.near('follow', NOW + 5_000, 10_000)).toBe(NOW);
		expect(memory.near('follow', NOW + 20_000, 10_000)).toBeUndefined();
		memory.add('follow', NOW + 20_000, NOW + 20_000);
		expect(memory.near('follow', NOW + 25_000, 10_000)).toBe(NOW + 20_000);
		// Filing a key under a second it already has adds nothing.
		memory.add('follow', NOW + 20_400, NOW + 20_400);
		expect(memory.size).toBe(2);
	});

	it('claims keys once: the first claim files them all, a later one finds any of them', () => {
		const memory = memoryOf(HOUR);
		expect(memory.claim(['m1', 'e1'], NOW, NOW)).toBe(true);
		expect(memory.claim(['m2', 'e1'], NOW, NOW)).toBe(false);
		expect(memory.has('m2')).toBe(false);
		expect(memory.claim(['m3'], NOW, NOW)).toBe(true);
	});

	it('never lowers its floor', () => {
		const memory = memoryOf(HOUR);
		memory.raiseFloor(NOW);
		memory.raiseFloor(NOW - 1000);
		expect(memory.floorMs).toBe(NOW);
		expect(memory.judge(NOW, HOUR, NOW)).toBe('beyond-memory');
		expect(memory.judge(NOW + 1, HOUR, NOW)).toBe('ok');
	});

	it('stays within its bound over 200,000 keys, late ones among them, keeping the newest', () => {
		const memory = memoryOf(24 * HOUR, 50_000);
		for (let n = 0; n < 200_000; n++) {
			const late = n % 10 === 0 ? 3 * HOUR : 0;
			memory.add(`k${n}`, NOW - 2 * HOUR + n * 20 - late, NOW);
		}
		expect(memory.size).toBeLessThanOrEqual(50_000);
		expect(memory.size).toBeGreaterThan(49_000);
		expect(memory.has('k199999')).toBe(true);
	});

	describe('serialized', () => {
		it('writes its newest entries by second, and another process reads them back', () => {
			const memory = memoryOf(24 * HOUR);
			memory.add('AAAAAAAAAAA', NOW - 15 * 60_000, NOW);
			memory.add('BBBBBBBBBBB', NOW - 15 * 60_000, NOW);
			memory.add('CCCCCCCCCCC', NOW, NOW);
			const text = memory.serialize(100, NOW);
			expect(text.split(';')).toEqual(['', `${Math.floor((NOW - 15 * 60_000) / 1000).toString(36)} AAAAAAAAAAA BBBBBBBBBBB`, `${Math.floor(NOW / 1000).toString(36)} CCCCCCCCCCC`]);
			const next = memoryOf(24 * HOUR);
			next.merge(text, NOW + HOUR);
			for (const key of ['AAAAAAAAAAA', 'BBBBBBBBBBB', 'CCCCCCCCCCC']) expect(next.has(key)).toBe(true);
		});

		it('writes at most a size, with a floor that covers what it left out', () => {
			const memory = memoryOf(24 * HOUR);
			for (let n = 0; n < 10; n++) {
				memory.add(`a${n}`, NOW - n * 60_000, NOW);
				memory.add(`b${n}`, NOW - n * 60_000, NOW);
			}
			const next = memoryOf(24 * HOUR);
			next.merge(memory.serialize(7, NOW), NOW);
			expect(next.size).toBe(6);
			expect(next.floorMs).toBe(NOW - 3 * 60_000 + 999);
			for (let n = 3; n < 10; n++) expect(next.judge(NOW - n * 60_000, 24 * HOUR, NOW)).toBe('beyond-memory');
			expect(next.judge(NOW - 2 * 60_000, 24 * HOUR, NOW)).toBe('ok');
		});

		it('leaves out what is past the horizon, and skips what it cannot read', () => {
			const memory = memoryOf(24 * HOUR);
			memory.add('OLD', NOW - 23 * HOUR, NOW);
			memory.add('NEW', NOW, NOW);
			const text = memory.serialize(100, NOW + 2 * HOUR);
			expect(text).not.toContain('OLD');
			expect(text).toContain('NEW');
			const next = memoryOf(24 * HOUR);
			next.merge('zz!;nonsense; ;', NOW);
			expect(next.size).toBe(0);
		});
	});
});
