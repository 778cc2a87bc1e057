import { KICK_EVENT_TYPES } from '../../../nodes/Kick/shared/kick.constants';
import { DedupRegistry, dedupCapacity, dedupTtlMs, MAX_ANSWERS_PER_SECOND, PAYLOAD_IDENTIFIES_EVENT, payloadFingerprint, TtlSet } from '../../../nodes/Kick/webhook/dedup';

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

describe('TtlSet bound', () => {
	it('follows from the memory length and the fastest answer rate', () => {
		expect(dedupCapacity(600_000)).toBe(MAX_ANSWERS_PER_SECOND * 600);
		expect(new TtlSet({ ttlMs: 600_000 }).maxEntries).toBe(dedupCapacity(600_000));
	});

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
		const set = new TtlSet({ ttlMs: 1000 });
		set.add('restored', 0, 50);
		set.add('gone', 100, 50);
		expect(set.has('restored', 49)).toBe(true);
		expect(set.has('restored', 50)).toBe(false);
		expect(set.has('gone', 10)).toBe(false);
		expect([...set.entries(10)]).toEqual([['restored', 50]]);
	});
});

describe('payload fingerprints', () => {
	it('are short, differ by type and by body', () => {
		const body = Buffer.from('{"a":1}');
		const fingerprint = payloadFingerprint('chat.message.sent', body);
		expect(fingerprint.length).toBeLessThanOrEqual(20);
		expect(payloadFingerprint('kicks.gifted', body)).not.toBe(fingerprint);
		expect(payloadFingerprint('chat.message.sent', Buffer.from('{"a":2}'))).not.toBe(fingerprint);
		expect(payloadFingerprint('chat.message.sent', body)).toBe(fingerprint);
	});

	it('apply to every type whose body identifies the event, not to follows or stream info changes', () => {
		expect([...PAYLOAD_IDENTIFIES_EVENT].sort()).toEqual(
			KICK_EVENT_TYPES.filter((type) => type !== 'channel.followed' && type !== 'livestream.metadata.updated').sort(),
		);
	});
});
