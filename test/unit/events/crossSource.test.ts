/**
 * One event, one run, from whichever source sees it first: the identity rules (which copies
 * are one event) and the workflow's ledger (first copy runs, later copies from other sources are
 * absorbed, a held copy waits for the preferred one), on a fake clock.
 */
import { eventIdentity, MATCH_WINDOWS_MS, type EventIdentity } from '../../../nodes/Kick/events/identity';
import { SourceLedger } from '../../../nodes/Kick/events/sourceLedger';
import { PERSISTED_KEY, WorkflowSources } from '../../../nodes/Kick/events/crossSource';
import { mapSocketFrame } from '../../../nodes/Kick/socket/mapping';
import { fixture } from '../webhook/helpers';

const T0 = Date.parse('2026-03-14T19:10:02Z');
const BROADCASTER = { user_id: 2841377, username: 'NeonVale', channel_slug: 'neonvale' };

function id(event: string, body: Record<string, unknown>, at?: number): EventIdentity {
	const identity = eventIdentity(event, body, at);
	if (!identity) throw new Error(`no identity for ${event}`);
	return identity;
}

function ledger(): SourceLedger {
	return new SourceLedger({ ttlMs: 3_600_000, maxEntries: 100 });
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
		expect(id('channel.reward.redemption.updated', pending).idDecides).toBe(true);
	});

	it('has no identity for events one source alone has or that cannot be told apart', () => {
		expect(eventIdentity('channel.followed', fixture('channel.followed'))).toBeUndefined();
		expect(eventIdentity('chat.message.deleted', {})).toBeUndefined();
	});
});

describe('SourceLedger', () => {
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

	it('forgets after its time to live and keeps at most its bound', () => {
		const l = new SourceLedger({ ttlMs: 1_000, maxEntries: 3 });
		l.claim('webhook', chat('m1'), T0);
		expect(l.claim('poll', chat('m1'), T0 + 1_000).run).toBe(true);
		for (const m of ['a', 'b', 'c', 'd']) l.claim('webhook', chat(m), T0 + 1_000);
		expect(l.size).toBe(3);
		expect(l.claim('poll', chat('a'), T0 + 1_000).run).toBe(true);
		expect(l.claim('poll', chat('d'), T0 + 1_000).run).toBe(false);
	});

	describe('hold', () => {
		function held() {
			const l = ledger();
			const timers: Array<() => void> = [];
			const released: boolean[] = [];
			let now = T0;
			l.hold('live-socket', chat('m1'), now, 5_000, (_ms, run) => timers.push(run), (run) => released.push(run), () => now);
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
			l.hold('live-socket', chat('m1'), T0, 5_000, () => undefined, (run) => released.push(run), () => T0);
			expect(released).toEqual([false]);
		});
	});

	it('persists its newest entries and merges them into another process, which then drops their copies', () => {
		const first = new WorkflowSources();
		first.register('live-socket', ['chat.message.sent']);
		first.ledger.claim('live-socket', chat('m1'), T0);
		first.ledger.claim('live-socket', chat('m2'), T0);
		const staticData: Record<string, unknown> = {};
		first.persist(staticData as never, T0);
		const persisted = JSON.stringify(staticData[PERSISTED_KEY]);
		expect(persisted.length).toBeLessThan(400);

		const second = new WorkflowSources();
		expect(second.othersThan('webhook')).toBe(false);
		second.hydrate(JSON.parse(JSON.stringify(staticData)), T0 + 1_000);
		expect(second.othersThan('webhook')).toBe(true);
		expect(second.ledger.claim('webhook', chat('m1'), T0 + 1_000)).toEqual({ run: false, ranFrom: 'live-socket' });
		expect(second.ledger.claim('webhook', chat('m3'), T0 + 1_000)).toEqual({ run: true });
		// Merging the same write again adds nothing.
		const size = second.ledger.size;
		second.hydrate({ [PERSISTED_KEY]: { ...(staticData[PERSISTED_KEY] as object), stamp: 'other' } } as never, T0 + 1_000);
		expect(second.ledger.size).toBe(size);
	});
});
