/**
 * The polling trigger's comparison of two polls: what counts as a change, what is only
 * recorded, and message ids that stay the same for the same change.
 */
import { SeenMemory } from '../../../nodes/Kick/events/memory';
import { diffPoll, type PollChange } from '../../../nodes/Kick/poll/diff';
import type { PollEventType } from '../../../nodes/Kick/poll/pollingTriggerParameters';
import { MAX_SEEN_REDEMPTIONS, type PollState } from '../../../nodes/Kick/poll/state';
import { channel, entry, live, MINUTE, NEONVALE, redemption, snapshot, T0 } from './builders';

const STREAM_EVENTS = new Set<PollEventType>(['livestream.status.updated', 'livestream.metadata.updated']);
const ALL = new Set<PollEventType>(['livestream.status.updated', 'livestream.metadata.updated', 'channel.reward.redemption.updated', 'kicks.leaderboard.updated']);

/** Runs polls in sequence, each against the state the one before left. */
function polls(events: ReadonlySet<PollEventType>, ...snapshots: Parameters<typeof diffPoll>[1][]): { changes: PollChange[][]; state: PollState } {
	let state: PollState | undefined;
	const changes: PollChange[][] = [];
	for (const current of snapshots) {
		const result = diffPoll(state, current, events);
		changes.push(result.changes);
		state = result.next;
	}
	return { changes, state: state! };
}

describe('stream status', () => {
	it('the first poll records the current state and reports nothing, even a live stream', () => {
		const { changes, state } = polls(STREAM_EVENTS, snapshot(T0, [live()]));
		expect(changes).toEqual([[]]);
		expect(state.channels[String(NEONVALE)]).toMatchObject({ live: true, startedAt: '2026-03-14T18:58:31Z', identity: { username: 'NeonVale' } });
	});

	it('offline → live is one "went live" with the stream details, started_at as the Kick time', () => {
		const start = '2026-03-14T19:00:30Z';
		const { changes } = polls(STREAM_EVENTS, snapshot(T0, [channel()]), snapshot(T0 + MINUTE, [live(start, { viewerCount: 42 })]));
		expect(changes[1]).toHaveLength(1);
		const [change] = changes[1];
		expect(change.event).toBe('livestream.status.updated');
		expect(change.messageId).toBe(`poll:livestream.status.updated:${NEONVALE}:${start}:online`);
		expect(change.kickTimestamp).toBe(start);
		expect(change.body).toMatchObject({
			broadcaster: { user_id: NEONVALE, username: 'NeonVale', channel_slug: 'neonvale', is_anonymous: false, identity: null },
			is_live: true,
			title: 'Ranked grind to Diamond | !discord',
			started_at: start,
			ended_at: null,
			category: { id: 18, name: 'Counter-Strike 2' },
			viewer_count: 42,
			thumbnail: 'https://images.kick.com/video_thumbnails/neonvale/720.webp',
			language: 'en',
			has_mature_content: false,
		});
	});

	it('live → offline is one "ended" for that stream, ended when the poll noticed, with the peak viewers', () => {
		const start = '2026-03-14T19:00:30Z';
		const { changes } = polls(
			STREAM_EVENTS,
			snapshot(T0, [channel()]),
			snapshot(T0 + MINUTE, [live(start, { viewerCount: 40 })]),
			snapshot(T0 + 2 * MINUTE, [live(start, { viewerCount: 90 })]),
			snapshot(T0 + 3 * MINUTE, [live(start, { viewerCount: 60 })]),
			snapshot(T0 + 4 * MINUTE, [channel()]),
		);
		expect(changes[2]).toEqual([]);
		expect(changes[3]).toEqual([]);
		expect(changes[4]).toHaveLength(1);
		const [ended] = changes[4];
		expect(ended.messageId).toBe(`poll:livestream.status.updated:${NEONVALE}:${start}:offline`);
		expect(ended.body).toMatchObject({ is_live: false, started_at: start, ended_at: '2026-03-14T19:04:00Z', viewer_count: 60, peak_viewer_count: 90 });
		expect(ended.kickTimestamp).toBe('2026-03-14T19:04:00Z');
	});

	it('viewers, thumbnail or tags changing during a stream report nothing', () => {
		const { changes } = polls(
			STREAM_EVENTS,
			snapshot(T0, [live()]),
			snapshot(T0 + MINUTE, [live(undefined, { viewerCount: 5000, thumbnail: 'https://other.webp', customTags: ['new'] })]),
		);
		expect(changes[1]).toEqual([]);
	});

	it('a live stream with a new start time ended the old one and started a new one', () => {
		const { changes } = polls(STREAM_EVENTS, snapshot(T0, [live('2026-03-14T17:00:00Z')]), snapshot(T0 + MINUTE, [live('2026-03-14T19:00:20Z')]));
		expect(changes[1].map((change) => [change.body.is_live, change.body.started_at, change.body.ended_at])).toEqual([
			[false, '2026-03-14T17:00:00Z', '2026-03-14T19:00:20Z'],
			[true, '2026-03-14T19:00:20Z', null],
		]);
	});

	it('a stream that started and ended between two polls is reported as both when Kick shows its start time', () => {
		const start = '2026-03-14T19:00:10Z';
		const { changes } = polls(STREAM_EVENTS, snapshot(T0, [channel()]), snapshot(T0 + MINUTE, [channel({ startedAt: start })]));
		expect(changes[1].map((change) => [change.body.is_live, change.body.started_at, change.messageId.split(':').pop()])).toEqual([
			[true, start, 'online'],
			[false, start, 'offline'],
		]);
	});

	it('... and not at all when Kick shows no start time for the offline channel (what its API does)', () => {
		const { changes } = polls(STREAM_EVENTS, snapshot(T0, [channel()]), snapshot(T0 + MINUTE, [channel()]));
		expect(changes[1]).toEqual([]);
	});

	it('a start time from before the previous poll is an old stream, not a missed one', () => {
		const { changes } = polls(STREAM_EVENTS, snapshot(T0, [channel()]), snapshot(T0 + MINUTE, [channel({ startedAt: '2026-03-14T18:00:00Z' })]));
		expect(changes[1]).toEqual([]);
	});

	it('a channel added later is only recorded at its first poll', () => {
		const other = live('2026-03-14T18:00:00Z', { broadcasterUserId: 61530248, slug: 'pixelmoth' });
		const { changes, state } = polls(STREAM_EVENTS, snapshot(T0, [channel()]), snapshot(T0 + MINUTE, [channel(), other]));
		expect(changes[1]).toEqual([]);
		expect(Object.keys(state.channels).sort()).toEqual(['2841377', '61530248']);
	});

	it('a channel Kick did not return this time keeps its state', () => {
		const { changes, state } = polls(
			STREAM_EVENTS,
			snapshot(T0, [live()]),
			snapshot(T0 + MINUTE, [], { missingBroadcasterUserIds: [NEONVALE] }),
			snapshot(T0 + 2 * MINUTE, [live()]),
		);
		expect(changes).toEqual([[], [], []]);
		expect(state.channels[String(NEONVALE)].live).toBe(true);
	});

	it('only the selected events are reported', () => {
		const { changes } = polls(new Set(['livestream.metadata.updated']), snapshot(T0, [channel()]), snapshot(T0 + MINUTE, [live()]));
		expect(changes[1]).toEqual([]);
	});

	it('the same change seen again from the same state gets the same message id', () => {
		const first = diffPoll(undefined, snapshot(T0, [channel()]), STREAM_EVENTS).next;
		const a = diffPoll(first, snapshot(T0 + MINUTE, [live()]), STREAM_EVENTS).changes;
		const b = diffPoll(first, snapshot(T0 + 2 * MINUTE, [live()]), STREAM_EVENTS).changes;
		expect(a.map((change) => change.messageId)).toEqual(b.map((change) => change.messageId));
	});
});

describe('title and category', () => {
	it('a title change is one metadata event with what it was before', () => {
		const { changes } = polls(STREAM_EVENTS, snapshot(T0, [live()]), snapshot(T0 + MINUTE, [live(undefined, { title: 'Finals tonight' })]));
		expect(changes[1]).toHaveLength(1);
		expect(changes[1][0].event).toBe('livestream.metadata.updated');
		expect(changes[1][0].body).toMatchObject({
			metadata: { title: 'Finals tonight', category: { id: 18 }, language: 'en', has_mature_content: false },
			previous_metadata: { title: 'Ranked grind to Diamond | !discord' },
			changed: ['title'],
			is_live: true,
		});
		expect(changes[1][0].messageId).toMatch(new RegExp(`^poll:livestream\\.metadata\\.updated:${NEONVALE}:1:[0-9a-f]{12}$`));
	});

	it('a category change, also while offline', () => {
		const justChatting = { id: 15, name: 'Just Chatting', thumbnail: '' };
		const { changes } = polls(STREAM_EVENTS, snapshot(T0, [channel()]), snapshot(T0 + MINUTE, [channel({ category: justChatting })]));
		expect(changes[1].map((change) => change.body.changed)).toEqual([['category']]);
	});

	it('changing back and forth gives each change its own message id', () => {
		const other = { title: 'B' };
		const { changes } = polls(
			STREAM_EVENTS,
			snapshot(T0, [live()]),
			snapshot(T0 + MINUTE, [live(undefined, other)]),
			snapshot(T0 + 2 * MINUTE, [live()]),
			snapshot(T0 + 3 * MINUTE, [live(undefined, other)]),
		);
		const ids = changes.flat().map((change) => change.messageId);
		expect(ids).toHaveLength(3);
		expect(new Set(ids).size).toBe(3);
	});

	it('a stream going live with a new title reports the status only (it carries the title)', () => {
		const { changes } = polls(STREAM_EVENTS, snapshot(T0, [channel()]), snapshot(T0 + MINUTE, [live(undefined, { title: 'New!' })]));
		expect(changes[1].map((change) => change.event)).toEqual(['livestream.status.updated']);
		expect(changes[1][0].body.title).toBe('New!');
	});

	it('... but reports the title when only title changes are selected', () => {
		const { changes } = polls(new Set(['livestream.metadata.updated']), snapshot(T0, [channel()]), snapshot(T0 + MINUTE, [live(undefined, { title: 'New!' })]));
		expect(changes[1].map((change) => change.event)).toEqual(['livestream.metadata.updated']);
	});
});

describe('redemptions', () => {
	const listed = (...items: ReturnType<typeof redemption>[]) => ({ statuses: 'pending', items });
	const own = (observedAt: number, redemptions: ReturnType<typeof listed>) => snapshot(observedAt, [live()], { ownBroadcasterUserId: NEONVALE, redemptions });

	it('records what is listed at the first poll, then reports each new redemption once, oldest first', () => {
		const a = redemption('01A', '2026-03-14T18:00:00.000Z');
		const b = redemption('01B', '2026-03-14T19:00:30.000Z', { userInput: 'harbor' });
		const c = redemption('01C', '2026-03-14T19:00:20.000Z');
		const { changes } = polls(ALL, own(T0, listed(a)), own(T0 + MINUTE, listed(a, b, c)), own(T0 + 2 * MINUTE, listed(b, c)));
		expect(changes[0]).toEqual([]);
		expect(changes[1].map((change) => change.messageId)).toEqual(['poll:channel.reward.redemption.updated:01C', 'poll:channel.reward.redemption.updated:01B']);
		expect(changes[1][1].body).toMatchObject({
			id: '01B',
			status: 'pending',
			user_input: 'harbor',
			redeemed_at: '2026-03-14T19:00:30.000Z',
			reward: { title: 'Pick the next map', cost: 2500 },
			redeemer: { user_id: 88412009 },
			broadcaster: { user_id: NEONVALE, username: 'NeonVale', channel_slug: 'neonvale' },
		});
		expect(changes[1][1].kickTimestamp).toBe('2026-03-14T19:00:30.000Z');
		expect(changes[2]).toEqual([]);
	});

	it('a redemption seen as pending is not new again when it shows up as accepted', () => {
		const a = redemption('01A', '2026-03-14T19:00:30.000Z');
		const both = (items: ReturnType<typeof redemption>[]) => ({ statuses: 'pending,accepted,rejected', items });
		const run = (observedAt: number, items: ReturnType<typeof redemption>[]) => snapshot(observedAt, [live()], { ownBroadcasterUserId: NEONVALE, redemptions: both(items) });
		const { changes } = polls(ALL, run(T0, []), run(T0 + MINUTE, [a]), run(T0 + 2 * MINUTE, [{ ...a, status: 'accepted' }]));
		expect(changes.map((list) => list.length)).toEqual([0, 1, 0]);
	});

	it('listing other statuses starts over (records only)', () => {
		const a = redemption('01A', '2026-03-14T19:00:30.000Z');
		const { changes } = polls(ALL, own(T0, listed()), own(T0 + MINUTE, { statuses: 'pending,accepted,rejected', items: [a] }));
		expect(changes[1]).toEqual([]);
	});

	it('remembers a bounded number of ids; older ones stay old', () => {
		const many = Array.from({ length: MAX_SEEN_REDEMPTIONS + 20 }, (_, i) => redemption(`01M${String(i).padStart(4, '0')}`, new Date(T0 - (1000 - i) * 1000).toISOString()));
		const first = diffPoll(undefined, own(T0, listed(...many)), ALL);
		const remembered = new SeenMemory({ horizonMs: Number.POSITIVE_INFINITY, maxEntries: 10_000 });
		remembered.merge(String(first.next.redemptions!.seen), T0);
		expect(remembered.size).toBe(MAX_SEEN_REDEMPTIONS);
		// The oldest ones, forgotten, are still not new when Kick lists them again; nor after an upgrade from the earlier form.
		const again = diffPoll(first.next, own(T0 + MINUTE, listed(...many, redemption('01NEW', new Date(T0 + 1000).toISOString()))), ALL);
		expect(again.changes.map((change) => change.body.id)).toEqual(['01NEW']);
		const at = (i: number) => T0 - (1000 - i) * 1000;
		const seen = Object.fromEntries(many.slice(20).map((entry, i) => [entry.id, at(i + 20)]));
		const earlierForm = { ...first.next, redemptions: { ...first.next.redemptions!, seen, floorMs: at(19) } };
		const upgraded = diffPoll(earlierForm, own(T0 + MINUTE, listed(...many, redemption('01NEW', new Date(T0 + 1000).toISOString()))), ALL);
		expect(upgraded.changes.map((change) => change.body.id)).toEqual(['01NEW']);
	});
});

describe('KICKs leaderboard', () => {
	const board = (observedAt: number, entries: ReturnType<typeof entry>[], period = 'lifetime', size = 3) =>
		snapshot(observedAt, [live()], { ownBroadcasterUserId: NEONVALE, leaderboard: { period, size, entries } });

	it('records the first leaderboard; a gift that moves someone up is one event saying who moved and by how much', () => {
		const { changes } = polls(
			ALL,
			board(T0, [entry(1, 52266901, 48200, 'mintcondition'), entry(2, 61530248, 17350, 'pixelmoth'), entry(3, 88412009, 9900, 'sable_fern')]),
			board(T0 + MINUTE, [entry(1, 52266901, 48200, 'mintcondition'), entry(2, 88412009, 20000, 'sable_fern'), entry(3, 61530248, 17350, 'pixelmoth')]),
		);
		expect(changes[0]).toEqual([]);
		expect(changes[1]).toHaveLength(1);
		const [change] = changes[1];
		expect(change.event).toBe('kicks.leaderboard.updated');
		expect(change.body.changes).toEqual([
			{ user_id: 88412009, username: 'sable_fern', rank: 2, previous_rank: 3, gifted_amount: 20000, previous_gifted_amount: 9900, amount_change: 10100 },
		]);
		expect(change.body).toMatchObject({ period: 'lifetime', total_amount_change: 10100 });
		expect((change.body.leaderboard as any[]).map((row) => [row.username, row.rank, row.previous_rank])).toEqual([
			['mintcondition', 1, 1],
			['sable_fern', 2, 3],
			['pixelmoth', 3, 2],
		]);
		expect(change.messageId).toMatch(new RegExp(`^poll:kicks\\.leaderboard\\.updated:${NEONVALE}:lifetime:[0-9a-f]{12}$`));
	});

	it('a newcomer on a list that was not full gifted everything they have; on a full list the earlier amount is unknown', () => {
		const notFull = polls(ALL, board(T0, [entry(1, 1, 500)]), board(T0 + MINUTE, [entry(1, 1, 500), entry(2, 2, 100)]));
		expect(notFull.changes[1][0].body.changes).toEqual([expect.objectContaining({ user_id: 2, previous_gifted_amount: 0, amount_change: 100 })]);
		const full = polls(ALL, board(T0, [entry(1, 1, 500), entry(2, 2, 400), entry(3, 3, 300)]), board(T0 + MINUTE, [entry(1, 1, 500), entry(2, 4, 450), entry(3, 2, 400)]));
		expect(full.changes[1][0].body.changes).toEqual([expect.objectContaining({ user_id: 4, previous_rank: null, previous_gifted_amount: null, amount_change: null })]);
		expect(full.changes[1][0].body.total_amount_change).toBeNull();
	});

	it('lower amounts (a new week) and an unchanged list report nothing', () => {
		const { changes } = polls(ALL, board(T0, [entry(1, 1, 900)], 'week'), board(T0 + MINUTE, [], 'week'), board(T0 + 2 * MINUTE, [], 'week'));
		expect(changes).toEqual([[], [], []]);
	});

	it('another period starts over', () => {
		const { changes } = polls(ALL, board(T0, [entry(1, 1, 900)], 'week'), board(T0 + MINUTE, [entry(1, 1, 5000)], 'lifetime'));
		expect(changes[1]).toEqual([]);
	});
});
