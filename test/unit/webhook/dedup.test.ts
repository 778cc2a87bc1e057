import { DedupRegistry, dedupTtlMs, payloadFingerprint, TtlSet } from '../../../nodes/Kick/webhook/dedup';

describe('TtlSet', () => {
	it('answers seen for a repeat within the memory, not after it', () => {
		const set = new TtlSet({ ttlMs: 1000 });
		expect(set.seen('a', 0)).toBe(false);
		expect(set.seen('a', 999)).toBe(true);
		expect(set.seen('a', 1000)).toBe(false);
		expect(set.seen('a', 1500)).toBe(true);
	});

	it('does not extend an entry on a repeat', () => {
		const set = new TtlSet({ ttlMs: 1000 });
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
		const set = new TtlSet({ ttlMs: 1000 });
		set.seen('a', 0);
		set.forget('a');
		expect(set.seen('a', 1)).toBe(false);
		set.clear();
		expect(set.size).toBe(0);
		expect(set.seen('a', 2)).toBe(false);
	});

	it('stays fast under a long firehose of unique ids', () => {
		const set = new TtlSet({ ttlMs: 600_000, maxEntries: 10_000 });
		const start = process.hrtime.bigint();
		for (let i = 0; i < 200_000; i++) set.seen(`01KKPVMFS0YM6VX6496P${i}`, i);
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		expect(set.size).toBe(10_000);
		expect(ms).toBeLessThan(2000);
	});
});

describe('dedupTtlMs', () => {
	it('lasts twice the freshness window (it is symmetric), ten minutes when the window is off', () => {
		expect(dedupTtlMs(300)).toBe(600_000);
		expect(dedupTtlMs(60)).toBe(120_000);
		expect(dedupTtlMs(0)).toBe(600_000);
	});
});

describe('DedupRegistry', () => {
	it('keeps one memory per trigger scope and follows window changes', () => {
		const registry = new DedupRegistry(50);
		const a = registry.forScope('wf1:node1:production', 1000);
		expect(registry.forScope('wf1:node1:production', 1000)).toBe(a);
		expect(registry.forScope('wf1:node1:test', 1000)).not.toBe(a);
		a.messageIds.seen('x', 0);
		expect(registry.forScope('wf1:node2:production', 1000).messageIds.has('x', 1)).toBe(false);
		expect(registry.forScope('wf1:node1:production', 5000).messageIds.ttlMs).toBe(5000);
		expect(a.messageIds.maxEntries).toBe(50);
	});
});

describe('payloadFingerprint', () => {
	it('is the same for the same type and bytes, different otherwise', () => {
		const body = Buffer.from('{"a":1}');
		expect(payloadFingerprint('channel.followed', body)).toBe(payloadFingerprint('channel.followed', Buffer.from('{"a":1}')));
		expect(payloadFingerprint('channel.followed', body)).not.toBe(payloadFingerprint('channel.followed', Buffer.from('{"a":2}')));
		expect(payloadFingerprint('channel.followed', body)).not.toBe(payloadFingerprint('kicks.gifted', body));
	});
});
