/**
 * One event, one run, from whichever source sees it first: the identity rules (which copies are
 * one event) and the workflow's record (first copy runs, later copies from other sources are
 * absorbed, a held copy waits for the preferred one, the record persisted and merged), on a fake
 * clock.
 */
import type { IDataObject } from 'n8n-workflow';

import { eventIdentity, MATCH_WINDOWS_MS, type EventIdentity } from '../../../nodes/Kick/events/identity';
import { RECORD_KEY, WorkflowRecord } from '../../../nodes/Kick/events/record';
import { mapSocketFrame } from '../../../nodes/Kick/socket/mapping';
import { fixture } from '../webhook/helpers';

const T0 = Date.parse('2026-03-14T19:10:02Z');

/** What another n8n process (or this one before a restart) would read: the same record under another writer. */
function fromAnotherProcess(staticData: IDataObject): IDataObject {
	return { [RECORD_KEY]: { ...(staticData[RECORD_KEY] as IDataObject), writer: 'another-process' } };
}
const BROADCASTER = { user_id: 2841377, username: 'NeonVale', channel_slug: 'neonvale' };

function id(event: string, body: Record<string, unknown>, at = T0): EventIdentity {
	const identity = eventIdentity(event, body, at);
	if (!identity) throw new Error(`no identity for ${event}`);
	return identity;
}

/** A workflow record with all three triggers taking part. */
function ledger(): WorkflowRecord {
	const record = new WorkflowRecord();
	record.join('kick', 'webhook', ['chat.message.sent']);
	record.join('chat', 'live-socket', ['chat.message.sent']);
	record.join('poll', 'poll', []);
	return record;
}

describe('eventIdentity', () => {
	it("gives a webhook chat message and the socket's copy of it the same event id", () => {
		const webhook = fixture('chat.message.sent');
		const socket = mapSocketFrame(
			{
				event: 'App\\Events\\ChatMessageEvent',
				channel: 'chatrooms.1.v2',
				data: { id: webhook.message_id, content: 'different text on the socket', sender: { id: 1, username: 'x' }, created_at: '2026-03-14T19:10:02+00:00' },
			},
			{ broadcaster: BROADCASTER, receivedAt: T0, streams: new Map() },
		);
		if (socket.kind !== 'item') throw new Error('not an item');
		expect(id('chat.message.sent', socket.body).eventId).toBe(id('chat.message.sent', webhook).eventId);
		expect(id('chat.message.sent', { ...webhook, message_id: 'another' }).eventId).not.toBe(id('chat.message.sent', webhook).eventId);
	});

	it('gives a stream start the same event id from every source that says when it started, whatever the time format', () => {
		const webhook = { broadcaster: BROADCASTER, is_live: true, started_at: '2026-03-14T18:58:31Z' };
		const poll = { broadcaster: { user_id: 2841377, channel_slug: 'neonvale' }, is_live: true, started_at: '2026-03-14T18:58:31.000Z' };
		const socket = { broadcaster: BROADCASTER, is_live: true, started_at: '2026-03-14T19:58:31+01:00' };
		expect(id('livestream.status.updated', poll).eventId).toBe(id('livestream.status.updated', webhook).eventId);
		expect(id('livestream.status.updated', socket).eventId).toBe(id('livestream.status.updated', webhook).eventId);
		const offline = { ...webhook, is_live: false, ended_at: '2026-03-14T23:12:09Z' };
		expect(id('livestream.status.updated', offline).eventId).not.toBe(id('livestream.status.updated', webhook).eventId);
	});

	it('keys a redemption by its id and status, so accepting it later is a new event', () => {
		const pending = { ...fixture('channel.reward.redemption.updated'), status: 'pending' };
		const accepted = { ...pending, status: 'accepted' };
		expect(id('channel.reward.redemption.updated', pending).eventId).not.toBe(id('channel.reward.redemption.updated', accepted).eventId);
		expect(id('channel.reward.redemption.updated', pending).probes[0]?.windowMs).toBe(Number.POSITIVE_INFINITY);
	});

	it('has no identity for events one source alone has or that cannot be told apart', () => {
		expect(eventIdentity('channel.followed', fixture('channel.followed'), T0)).toBeUndefined();
		expect(eventIdentity('chat.message.deleted', {}, T0)).toBeUndefined();
	});
});

describe('WorkflowRecord', () => {
	const chat = (messageId: string) => id('chat.message.sent', { broadcaster: BROADCASTER, message_id: messageId, sender: { user_id: 7 }, content: 'hi', created_at: '2026-03-14T19:10:02Z' });

	it('runs the first copy and drops the copy another source brings later', () => {
		const l = ledger();
		expect(l.claim('webhook', chat('m1'), T0)).toEqual({ run: true });
		expect(l.claim('live-socket', chat('m1'), T0 + 600_000)).toEqual({ run: false, ranFrom: 'webhook' });
		// A second copy from the same other source is its own trigger's business: it is not absorbed twice.
		expect(l.claim('live-socket', chat('m1'), T0 + 600_001)).toEqual({ run: true });
	});

	it('never matches copies of one source with each other', () => {
		const l = ledger();
		expect(l.claim('live-socket', chat('m1'), T0).run).toBe(true);
		expect(l.claim('live-socket', chat('m1'), T0).run).toBe(true);
	});

	it('matches by id where the id decides, even when the content differs, and never by content when both have ids', () => {
		const l = ledger();
		l.claim('webhook', chat('m1'), T0);
		expect(l.claim('live-socket', chat('m2'), T0).run).toBe(true);
		const noId = id('chat.message.sent', { broadcaster: BROADCASTER, sender: { user_id: 7 }, content: 'hi', created_at: '2026-03-14T19:10:03Z' });
		// A copy without an id falls back to who, what and when.
		expect(l.claim('poll', noId, T0)).toEqual({ run: false, ranFrom: 'webhook' });
	});

	it('matches subscriptions by who within the window, and lets each earlier copy absorb one copy per source', () => {
		const l = ledger();
		const sub = (at: string) => id('channel.subscription.new', { broadcaster: BROADCASTER, subscriber: { username: 'MintCondition' }, created_at: at });
		expect(l.claim('webhook', sub('2026-03-14T19:10:02Z'), T0).run).toBe(true);
		expect(l.claim('live-socket', sub('2026-03-14T19:10:05Z'), T0).run).toBe(false);
		// The same subscriber again, later than the window: a new event.
		const later = new Date(T0 + MATCH_WINDOWS_MS.subscription + 60_000).toISOString();
		expect(l.claim('live-socket', sub(later), T0).run).toBe(true);
		// Two real redemptions of one reward by one user: the second socket copy is not absorbed by the first webhook copy.
		const redemption = (redemptionId: string | undefined, at: string) =>
			id('channel.reward.redemption.updated', { id: redemptionId, broadcaster: BROADCASTER, redeemer: { user_id: 5 }, reward: { title: 'Hydrate' }, status: 'pending', redeemed_at: at });
		expect(l.claim('webhook', redemption('r1', '2026-03-14T19:20:00Z'), T0).run).toBe(true);
		expect(l.claim('live-socket', redemption(undefined, '2026-03-14T19:20:01Z'), T0).run).toBe(false);
		expect(l.claim('live-socket', redemption(undefined, '2026-03-14T19:20:20Z'), T0).run).toBe(true);
	});

	it("matches a stream start whose socket copy is a second off, and not the next stream, nor its end", () => {
		const l = ledger();
		const start = (at: string) => id('livestream.status.updated', { broadcaster: BROADCASTER, is_live: true, started_at: at });
		expect(l.claim('poll', start('2026-03-14T18:58:31Z'), T0).run).toBe(true);
		// The socket's start comes from Kick's website: a second off is still this stream.
		expect(l.claim('live-socket', start('2026-03-14T18:58:32Z'), T0).run).toBe(false);
		// The webhook and the API give the same second: a start 3 s later is a restarted stream.
		expect(l.claim('webhook', start('2026-03-14T18:58:34Z'), T0).run).toBe(true);
		expect(l.claim('webhook', start('2026-03-14T18:58:31Z'), T0).run).toBe(false);
		// Another stream a minute later, seen by one source only so far, is its own event.
		expect(l.claim('webhook', start('2026-03-14T18:59:31Z'), T0).run).toBe(true);
		// An end that says when its stream started matches by the start, not by the end time.
		const end = (startedAt: string, endedAt: string) => id('livestream.status.updated', { broadcaster: BROADCASTER, is_live: false, started_at: startedAt, ended_at: endedAt });
		expect(l.claim('poll', end('2026-03-14T18:58:31Z', '2026-03-14T20:00:05Z'), T0).run).toBe(true);
		expect(l.claim('webhook', end('2026-03-14T18:59:31Z', '2026-03-14T20:00:00Z'), T0).run).toBe(true);
		expect(l.claim('webhook', end('2026-03-14T18:58:31Z', '2026-03-14T20:00:00Z'), T0).run).toBe(false);
	});

	it('forgets after its horizon, and files each mark once', () => {
		const l = ledger();
		l.claim('webhook', chat('m1'), T0);
		expect(l.claim('poll', chat('m1'), T0 + 24 * 3_600_000 + 2_000).run).toBe(true);
		const small = ledger();
		for (const m of ['a', 'b', 'c', 'd']) small.claim('webhook', chat(m), T0);
		// An id mark each, and one content mark for the four (same sender, same text, same second).
		expect(small.memory.size).toBe(5);
		expect(small.claim('poll', chat('a'), T0).run).toBe(false);
	});

	it('counts a Polling Trigger as taking part between its polls (it joins only while it polls)', () => {
		const record = new WorkflowRecord();
		record.join('kick', 'webhook', ['livestream.status.updated']);
		record.join('poll', 'poll', ['livestream.status.updated']);
		record.leave('poll');
		const start = id('livestream.status.updated', { broadcaster: BROADCASTER, is_live: true, started_at: '2026-03-14T18:58:31Z' });
		expect(record.claim('webhook', start, T0)).toEqual({ run: true });
		expect(record.claim('poll', start, T0 + 5_000)).toEqual({ run: false, ranFrom: 'webhook' });
	});

	it('leaves no marks when a trigger is alone in its workflow', () => {
		const alone = new WorkflowRecord();
		alone.join('kick', 'webhook', ['chat.message.sent']);
		expect(alone.claim('webhook', chat('m1'), T0)).toEqual({ run: true });
		expect(alone.memory.size).toBe(0);
	});

	describe('hold', () => {
		function held() {
			const l = ledger();
			const timers: Array<() => void> = [];
			const released: boolean[] = [];
			let now = T0;
			l.hold('live-socket', chat('m1'), 5_000, (_ms, run) => timers.push(run), (run) => released.push(run), () => now);
			return { l, timers, released, advance: (ms: number) => (now += ms) };
		}

		it('drops the held copy when the preferred copy arrives in time, and the preferred copy runs', () => {
			const { l, timers, released } = held();
			expect(l.claim('webhook', chat('m1'), T0 + 2_000)).toEqual({ run: true });
			expect(released).toEqual([false]);
			timers.forEach((run) => run());
			expect(released).toEqual([false]);
		});

		it('runs the held copy when the preferred copy never comes, and drops the preferred copy after that', () => {
			const { l, timers, released, advance } = held();
			advance(5_000);
			timers.forEach((run) => run());
			expect(released).toEqual([true]);
			expect(l.claim('webhook', chat('m1'), T0 + 60_000)).toEqual({ run: false, ranFrom: 'live-socket' });
		});

		it('drops a copy at once when another source already ran it', () => {
			const l = ledger();
			l.claim('webhook', chat('m1'), T0);
			const released: boolean[] = [];
			l.hold('live-socket', chat('m1'), 5_000, () => undefined, (run) => released.push(run), () => T0);
			expect(released).toEqual([false]);
		});
	});

	it('persists its newest entries and merges them into another process, which then drops their copies', () => {
		const first = new WorkflowRecord();
		first.join('chat', 'live-socket', ['chat.message.sent']);
		first.join('poll', 'poll', []);
		first.claim('live-socket', chat('m1'), T0);
		first.claim('live-socket', chat('m2'), T0);
		const staticData: IDataObject = {};
		first.persist(staticData, T0);
		const persisted = JSON.stringify(staticData[RECORD_KEY]);
		expect(persisted.length).toBeLessThan(400);

		const second = new WorkflowRecord();
		second.join('kick', 'webhook', ['chat.message.sent']);
		expect(second.othersThan('webhook')).toBe(false);
		second.hydrate(fromAnotherProcess(staticData), T0 + 1_000);
		expect(second.othersThan('webhook')).toBe(true);
		expect(second.claim('webhook', chat('m1'), T0 + 1_000)).toEqual({ run: false, ranFrom: 'live-socket' });
		expect(second.claim('webhook', chat('m3'), T0 + 1_000)).toEqual({ run: true });
		// Merging the same write again adds nothing; its own writes it does not read back.
		const size = second.memory.size;
		second.hydrate(fromAnotherProcess(staticData), T0 + 1_000);
		second.persist(staticData, T0 + 2_000);
		second.hydrate(staticData, T0 + 2_000);
		expect(second.memory.size).toBe(size);
	});

	it("keeps other writers' entries in its own writes (the last write wins, so each write holds the whole record)", () => {
		const other = ledger();
		other.memory.add('mOTHER000001', T0, T0);
		const staticData: IDataObject = {};
		other.persist(staticData, T0);
		const mine = new WorkflowRecord();
		mine.hydrate(fromAnotherProcess(staticData), T0);
		mine.memory.add('mMINE0000001', T0, T0);
		mine.persist(staticData, T0);
		const written = JSON.stringify(staticData[RECORD_KEY]);
		expect(written).toContain('mOTHER000001');
		expect(written).toContain('mMINE0000001');
	});

	it('writes at most every quarter second unless forced, and ignores a malformed stored value', () => {
		const l = ledger();
		const staticData: IDataObject = {};
		l.persist(staticData, T0);
		l.memory.add('mLATER000001', T0, T0);
		l.persist(staticData, T0 + 100);
		expect(JSON.stringify(staticData[RECORD_KEY])).not.toContain('mLATER000001');
		l.persist(staticData, T0 + 100, true);
		expect(JSON.stringify(staticData[RECORD_KEY])).toContain('mLATER000001');
		const fresh = new WorkflowRecord();
		fresh.hydrate({ [RECORD_KEY]: 'garbage' }, T0);
		fresh.hydrate({ [RECORD_KEY]: { writer: 'x', seq: 1, sources: 'w', memory: 'zz!;nonsense; ;' } }, T0);
		expect(fresh.memory.size).toBe(0);
	});
});
