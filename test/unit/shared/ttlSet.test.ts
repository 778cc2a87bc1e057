import { TtlSet } from '../../../nodes/Kick/shared/ttlSet';

describe('TtlSet', () => {
	it('answers seen for a repeat within the memory, not after it', () => {
		const set = new TtlSet({ ttlMs: 1000, maxEntries: 100 });
		expect(set.seen('a', 0)).toBe(false);
		expect(set.seen('a', 999)).toBe(true);
		expect(set.seen('a', 1000)).toBe(false);
		expect(set.seen('a', 1500)).toBe(true);
	});

	it('does not extend an entry on a repeat', () => {
		const set = new TtlSet({ ttlMs: 1000, maxEntries: 100 });
		set.seen('a', 0);
		set.seen('a', 900);
		expect(set.has('a', 1001)).toBe(false);
	});

	it('stays within its bound, evicting the oldest first', () => {
		const set = new TtlSet({ ttlMs: 1_000_000, maxEntries: 100 });
		for (let i = 0; i < 1000; i++) set.seen(`id${i}`, i);
		expect(set.size).toBe(100);
		expect(set.has('id899', 1000)).toBe(false);
		expect(set.has('id900', 1000)).toBe(true);
		expect(set.has('id999', 1000)).toBe(true);
	});

	it('drops expired entries as time goes on', () => {
		const set = new TtlSet({ ttlMs: 10, maxEntries: 1000 });
		for (let i = 0; i < 100; i++) set.seen(`id${i}`, i);
		set.seen('late', 1000);
		expect(set.size).toBe(1);
	});

	it('keeps a key re-recorded after expiry when its old slot is evicted', () => {
		const set = new TtlSet({ ttlMs: 10, maxEntries: 3 });
		set.seen('a', 0);
		set.seen('b', 5);
		expect(set.seen('a', 20)).toBe(false); // a expired and is recorded again (b expired too)
		set.seen('c', 21);
		set.seen('d', 22);
		expect(set.has('a', 23)).toBe(true);
		set.seen('e', 23); // evicts the oldest live entry: a
		expect(set.has('a', 24)).toBe(false);
		expect(set.has('e', 24)).toBe(true);
	});

	it('forgets and clears', () => {
		const set = new TtlSet({ ttlMs: 1000, maxEntries: 100 });
		set.seen('a', 0);
		set.forget('a');
		expect(set.seen('a', 1)).toBe(false);
		set.clear();
		expect(set.size).toBe(0);
		expect(set.seen('a', 2)).toBe(false);
	});
});

describe('TtlSet bound', () => {
	it('grows with traffic instead of allocating the bound up front, and reports reaching the bound once it is hit', () => {
		const set = new TtlSet({ ttlMs: 1_000_000, maxEntries: 5000 });
		for (let i = 0; i < 4999; i++) set.seen(`id${i}`, i);
		expect(set.size).toBe(4999);
		expect(set.capacityReached).toBe(false);
		expect(set.has('id0', 5000)).toBe(true);
		set.seen('id4999', 5000);
		set.seen('id5000', 5001);
		expect(set.capacityReached).toBe(true);
		expect(set.size).toBe(5000);
		expect(set.has('id0', 5002)).toBe(false);
		expect(set.has('id1', 5002)).toBe(true);
	});

	it('takes entries with their own expiry (restored from the persisted log)', () => {
		const set = new TtlSet({ ttlMs: 1000, maxEntries: 100 });
		set.add('restored', 0, 50);
		set.add('gone', 100, 50);
		expect(set.has('restored', 49)).toBe(true);
		expect(set.has('restored', 50)).toBe(false);
		expect(set.has('gone', 10)).toBe(false);
		expect([...set.entries(10)]).toEqual([['restored', 50]]);
	});
});

