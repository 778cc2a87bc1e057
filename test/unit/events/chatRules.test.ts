/**
 * The chat bot's rules in the shared decide step, on a fake clock: who may run a message (Only
 * From, per command with Command Rules, read from the sender's badges), cooldowns and first words
 * against the workflow's record (one memory, shared by the workflow's triggers, persisted and
 * merged), and the readers of the Filters collection with what they refuse.
 */
import type { IDataObject } from 'n8n-workflow';

import { STREAM_GAP_MS } from '../../../nodes/Kick/events/chatRules';
import { decide, type Decision, type EventCopy, type HoldRule } from '../../../nodes/Kick/events/decide';
import { compileFilters, rejectParsed, senderRoles, type FilterSettings } from '../../../nodes/Kick/events/filters';
import type { KickEventItem } from '../../../nodes/Kick/events/normalize';
import { readFilterOptions } from '../../../nodes/Kick/events/parameters';
import { RECORD_KEY, WorkflowRecord } from '../../../nodes/Kick/events/record';
import type { EventSource } from '../../../nodes/Kick/events/normalize';

const T0 = Date.parse('2026-03-14T19:10:02Z');
const SECOND = 1000;
const BROADCASTER = { user_id: 2841377, username: 'NeonVale', channel_slug: 'neonvale' };

type Badge = { type: string; text?: string; count?: number };

function viewer(n: number, badges: Badge[] | null = []): Record<string, unknown> {
	return { is_anonymous: false, user_id: 1000 + n, username: `viewer_${n}`, is_verified: false, channel_slug: `viewer-${n}`, identity: badges === null ? null : { username_color: '#fff', badges } };
}

let sequence = 0;
function chat(content: string, sender: Record<string, unknown>, at = T0, messageId = `m-${sequence++}`): Record<string, unknown> {
	return { message_id: messageId, broadcaster: BROADCASTER, sender, content, emotes: null, created_at: new Date(at).toISOString() };
}

function copy(event: string, body: Record<string, unknown>, receivedAt: number, source: EventSource = 'webhook'): EventCopy {
	return {
		source,
		event,
		body,
		messageId: String(body.message_id ?? `x-${sequence++}`),
		version: 1,
		subscriptionId: null,
		kickTimestamp: new Date(receivedAt).toISOString(),
		kickTimestampMs: receivedAt,
		receivedAt,
	};
}

/** One workflow's decide step, as a trigger runs it: its record, its filters. */
function workflow(settings: FilterSettings, record = new WorkflowRecord()) {
	const filters = compileFilters({ events: ['chat.message.sent', 'livestream.status.updated'], ...settings });
	return {
		record,
		filters,
		run(body: Record<string, unknown>, at: number, source: EventSource = 'webhook', dedupe = false): Decision {
			return decide(copy('chat.message.sent', body, at, source), { filters, record: dedupe ? record : undefined, shared: record.memory });
		},
		stream(isLive: boolean, at: number, source: EventSource = 'webhook'): Decision {
			const body = { broadcaster: BROADCASTER, is_live: isLive, title: 't', started_at: new Date(isLive ? at : T0 - 3_600_000).toISOString(), ended_at: isLive ? null : new Date(at).toISOString() };
			return decide(copy('livestream.status.updated', body, at, source), { filters, shared: record.memory });
		},
	};
}

const ran = (decision: Decision) => decision.status === 'run';
const item = (decision: Decision): KickEventItem => {
	if (decision.status !== 'run' && decision.status !== 'held' && decision.status !== 'ran-elsewhere') throw new Error(`dropped: ${decision.reason}`);
	return decision.item;
};

describe('senderRoles', () => {
	it('reads the role badges, keeps other types out, and never fails on missing or odd badges', () => {
		const body = (sender: unknown) => ({ broadcaster: BROADCASTER, sender });
		expect([...senderRoles(body(viewer(1, [{ type: 'moderator' }, { type: 'sub_gifter', count: 10 }, { type: 'subscriber', count: 6 }])))]).toEqual(['moderator', 'subscriber']);
		expect([...senderRoles(body(viewer(1, [{ type: 'VIP' }, { type: 'og' }, { type: 'founder' }])))]).toEqual(['vip', 'og', 'founder']);
		expect([...senderRoles(body(viewer(1, [{ type: 'staff' }, { type: 'something_new' }])))]).toEqual([]);
		expect([...senderRoles(body(viewer(1, null)))]).toEqual([]);
		expect([...senderRoles(body({ ...viewer(1), identity: { badges: 'moderator' } }))]).toEqual([]);
		expect([...senderRoles(body({ ...viewer(1), identity: { badges: [null, 7, { type: 3 }, { text: 'Moderator' }] } }))]).toEqual([]);
		expect([...senderRoles(body(undefined))]).toEqual([]);
		expect([...senderRoles(body({ ...viewer(1), is_verified: true }))]).toEqual(['verified']);
	});

	it('recognizes the broadcaster without a badge: by user id, else by name', () => {
		const owner = { user_id: 2841377, username: 'NeonVale', channel_slug: 'neonvale', identity: null };
		expect([...senderRoles({ broadcaster: BROADCASTER, sender: owner })]).toEqual(['broadcaster']);
		// The live socket's broadcaster when the ids were entered by hand: no user id, only the slug.
		expect([...senderRoles({ broadcaster: { user_id: null, channel_slug: 'neonvale' }, sender: { user_id: 2841377, username: 'NeonVale', channel_slug: 'neonvale' } })]).toEqual(['broadcaster']);
		// Different ids are different users, whatever the names say.
		expect([...senderRoles({ broadcaster: BROADCASTER, sender: { ...owner, user_id: 5 } })]).toEqual([]);
	});
});

describe('Only From and Command Rules (filters)', () => {
	const reject = (settings: FilterSettings, content: string, sender: Record<string, unknown>) =>
		rejectParsed('chat.message.sent', chat(content, sender), compileFilters(settings));
	const mod = viewer(1, [{ type: 'moderator' }]);
	const sub = viewer(2, [{ type: 'subscriber', count: 3 }]);
	const plain = viewer(3);

	it('runs a message from a sender with one of the roles, and drops the others', () => {
		expect(reject({ onlyFrom: ['moderator', 'vip'] }, 'hello', mod)).toBeUndefined();
		expect(reject({ onlyFrom: ['moderator', 'vip'] }, 'hello', sub)).toBe('filtered:role');
		expect(reject({ onlyFrom: ['broadcaster'] }, 'hello', { user_id: 2841377, username: 'NeonVale' })).toBeUndefined();
		expect(reject({ onlyFrom: [] }, 'hello', plain)).toBeUndefined();
	});

	it('gives a command with a rule its own roles, and the rest the Filters\' own: !title for moderators, !discord for everyone', () => {
		const settings: FilterSettings = { commandPrefix: '!', commandRules: [{ commands: ['title'], onlyFrom: ['broadcaster', 'moderator'] }] };
		expect(reject(settings, '!title New title', mod)).toBeUndefined();
		expect(reject(settings, '!title New title', plain)).toBe('filtered:role');
		expect(reject(settings, '!TITLE New title', sub)).toBe('filtered:role');
		expect(reject(settings, '!discord', plain)).toBeUndefined();
		// A rule replaces Only From for its commands.
		const subsOnly: FilterSettings = { ...settings, onlyFrom: ['subscriber'] };
		expect(reject(subsOnly, '!discord', plain)).toBe('filtered:role');
		expect(reject(subsOnly, '!discord', sub)).toBeUndefined();
		expect(reject(subsOnly, '!title x', mod)).toBeUndefined();
	});

	it('reads commands with ! when no prefix is set, so rules apply to all chat', () => {
		const settings: FilterSettings = { commandRules: [{ commands: ['!title'], onlyFrom: ['moderator'] }] };
		expect(reject(settings, '!title x', plain)).toBe('filtered:role');
		expect(reject(settings, 'just chatting', plain)).toBeUndefined();
	});

	it('checks roles after the command prefix: other chat is dropped before its badges are read', () => {
		expect(reject({ commandPrefix: '!', onlyFrom: ['moderator'] }, 'gg', plain)).toBe('filtered:command-prefix');
	});
});

describe('cooldowns', () => {
	const discord = (n: number, at: number) => chat('!discord', viewer(n), at);

	it('runs a command once per global cooldown, however many viewers send it', () => {
		const w = workflow({ commandPrefix: '!', cooldownSeconds: 30 });
		const runs: number[] = [];
		for (let i = 0; i < 20; i++) {
			const at = T0 + i * 2 * SECOND;
			if (ran(w.run(discord(i % 10, at), at))) runs.push((at - T0) / SECOND);
		}
		// 30 s means at least 30 whole seconds between runs.
		expect(runs).toEqual([0, 32]);
		const held = w.run(discord(5, T0 + 40 * SECOND), T0 + 40 * SECOND);
		expect(held).toEqual({ status: 'dropped', reason: 'cooldown', detail: '!discord is on cooldown for everyone (22 s left)' });
	});

	it('keeps a cooldown per command and per viewer', () => {
		const w = workflow({ commandPrefix: '!', viewerCooldownSeconds: 60 });
		expect(ran(w.run(discord(1, T0), T0))).toBe(true);
		expect(ran(w.run(discord(2, T0 + SECOND), T0 + SECOND))).toBe(true);
		expect(ran(w.run(chat('!socials', viewer(1), T0 + 2 * SECOND), T0 + 2 * SECOND))).toBe(true);
		expect(w.run(discord(1, T0 + 3 * SECOND), T0 + 3 * SECOND)).toMatchObject({ status: 'dropped', reason: 'cooldown', detail: '!discord is on cooldown for this viewer (57 s left)' });
		expect(ran(w.run(discord(1, T0 + 61 * SECOND), T0 + 61 * SECOND))).toBe(true);
	});

	it('gives a command rule its own cooldown, and none to a rule without one', () => {
		const w = workflow({ commandPrefix: '!', cooldownSeconds: 300, commandRules: [{ commands: ['title'], cooldownSeconds: 10 }, { commands: ['lurk'] }] });
		expect(ran(w.run(chat('!title a', viewer(1)), T0))).toBe(true);
		expect(ran(w.run(chat('!title b', viewer(1)), T0 + 5 * SECOND))).toBe(false);
		expect(ran(w.run(chat('!title c', viewer(1)), T0 + 11 * SECOND))).toBe(true);
		for (let i = 0; i < 3; i++) expect(ran(w.run(chat('!lurk', viewer(i)), T0 + i * SECOND))).toBe(true);
		expect(ran(w.run(chat('!discord', viewer(1)), T0))).toBe(true);
		expect(ran(w.run(chat('!discord', viewer(1)), T0 + 299 * SECOND))).toBe(false);
	});

	it('lets the broadcaster and moderators skip cooldowns when asked, and their runs still start one', () => {
		const mod = viewer(9, [{ type: 'moderator' }]);
		const owner = { user_id: 2841377, username: 'NeonVale', channel_slug: 'neonvale', identity: null };
		const exempt = workflow({ commandPrefix: '!', cooldownSeconds: 30, cooldownExempt: true });
		expect(ran(exempt.run(chat('!discord', mod), T0))).toBe(true);
		expect(ran(exempt.run(chat('!discord', viewer(1)), T0 + SECOND))).toBe(false);
		expect(ran(exempt.run(chat('!discord', mod), T0 + 2 * SECOND))).toBe(true);
		expect(ran(exempt.run(chat('!discord', owner), T0 + 3 * SECOND))).toBe(true);
		const strict = workflow({ commandPrefix: '!', cooldownSeconds: 30 });
		expect(ran(strict.run(chat('!discord', mod), T0))).toBe(true);
		expect(ran(strict.run(chat('!discord', mod), T0 + SECOND))).toBe(false);
	});

	it('keeps plain chat and a bare prefix out of cooldowns', () => {
		const w = workflow({ cooldownSeconds: 30 });
		for (let i = 0; i < 3; i++) expect(ran(w.run(chat('gg', viewer(1)), T0 + i * SECOND))).toBe(true);
		for (let i = 0; i < 3; i++) expect(ran(w.run(chat('!', viewer(1)), T0 + i * SECOND))).toBe(true);
	});

	it('counts a command that came by webhook and by socket once, whichever copy runs', () => {
		const w = workflow({ commandPrefix: '!', cooldownSeconds: 30 });
		w.record.join('kick', 'webhook', ['chat.message.sent']);
		w.record.join('chat', 'live-socket', ['chat.message.sent']);
		const first = chat('!discord', viewer(1), T0, 'same-id');
		expect(w.run(first, T0, 'live-socket', true).status).toBe('run');
		// The other trigger's copy of the same message: a copy, not a command on cooldown.
		expect(w.run(first, T0 + SECOND, 'webhook', true)).toMatchObject({ status: 'ran-elsewhere', ranFrom: 'live-socket' });
		expect(w.run(chat('!discord', viewer(2), T0 + 2 * SECOND), T0 + 2 * SECOND, 'webhook', true)).toMatchObject({ reason: 'cooldown' });
		expect(w.run(chat('!discord', viewer(2), T0 + 31 * SECOND), T0 + 31 * SECOND, 'webhook', true).status).toBe('run');
	});

	it('decides a held copy when its hold ends, against the cooldowns of that moment', () => {
		const w = workflow({ commandPrefix: '!', cooldownSeconds: 30 });
		w.record.join('kick', 'webhook', ['chat.message.sent']);
		w.record.join('chat', 'live-socket', ['chat.message.sent']);
		let now = T0;
		const timers: Array<() => void> = [];
		const released: Array<[string, boolean, string | undefined]> = [];
		const hold: HoldRule = { ms: 3000, schedule: (_ms, run) => timers.push(run), clock: () => now, release: (held, run, dropped) => released.push([String(held.content), run, dropped?.reason]) };
		for (const [n, content] of [[1, '!discord a'], [2, '!discord b']] as const) {
			const decision = decide(copy('chat.message.sent', chat(content, viewer(n), now), now, 'live-socket'), { filters: w.filters, record: w.record, shared: w.record.memory, hold });
			expect(decision.status).toBe('held');
			now += SECOND;
		}
		now = T0 + 3 * SECOND;
		for (const timer of timers) timer();
		expect(released).toEqual([['!discord a', true, undefined], ['!discord b', false, 'cooldown']]);
	});

	it('holds across a restart: the record written into the static data and read back', () => {
		const before = workflow({ commandPrefix: '!', cooldownSeconds: 30, viewerCooldownSeconds: 600 });
		expect(ran(before.run(discord(1, T0), T0))).toBe(true);
		const staticData: IDataObject = {};
		before.record.persist(staticData, T0 + SECOND, true);
		const after = workflow({ commandPrefix: '!', cooldownSeconds: 30, viewerCooldownSeconds: 600 });
		after.record.hydrate({ [RECORD_KEY]: { ...(staticData[RECORD_KEY] as IDataObject), writer: 'before-the-restart' } }, T0 + 5 * SECOND);
		expect(after.run(discord(2, T0 + 5 * SECOND), T0 + 5 * SECOND)).toMatchObject({ reason: 'cooldown', detail: expect.stringContaining('everyone') });
		expect(ran(after.run(discord(2, T0 + 31 * SECOND), T0 + 31 * SECOND))).toBe(true);
		expect(after.run(discord(1, T0 + 62 * SECOND), T0 + 62 * SECOND)).toMatchObject({ reason: 'cooldown', detail: expect.stringContaining('this viewer') });
	});

	it('costs two lookups per check, however often a command ran', () => {
		const w = workflow({ commandPrefix: '!', cooldownSeconds: 1 });
		let runs = 0;
		for (let i = 0; i < 2_000; i++) if (ran(w.run(discord(i % 50, T0 + i * 500), T0 + i * 500))) runs++;
		// One run every two seconds (1 s means at least one whole second between runs); one key each.
		expect(runs).toBe(500);
		expect(w.record.memory.size).toBeLessThan(500 + 50 + 20);
	});
});

describe('first words', () => {
	const say = (w: ReturnType<typeof workflow>, n: number, at: number) => w.run(chat(`hi from ${n}`, viewer(n)), at);

	it('says on every chat item whether it is the sender\'s first message in the stream; Only First Message per Viewer runs just those', () => {
		const all = workflow({});
		expect(item(say(all, 1, T0)).firstMessageInStream).toBe(true);
		expect(item(say(all, 1, T0 + SECOND)).firstMessageInStream).toBe(false);
		expect(item(say(all, 2, T0 + 2 * SECOND)).firstMessageInStream).toBe(true);

		const welcome = workflow({ onlyFirstMessage: true });
		expect(ran(say(welcome, 1, T0))).toBe(true);
		expect(say(welcome, 1, T0 + SECOND)).toMatchObject({ status: 'dropped', reason: 'filtered:first-message' });
	});

	it('welcomes a viewer once per stream: a stream start or end begins a new one, whether or not its event is selected', () => {
		const w = workflow({ onlyFirstMessage: true, events: ['chat.message.sent'] });
		expect(w.stream(true, T0).status).toBe('dropped');
		expect(ran(say(w, 1, T0 + 10 * SECOND))).toBe(true);
		expect(ran(say(w, 1, T0 + 20 * SECOND))).toBe(false);
		w.stream(false, T0 + 3_600_000);
		// Between streams counts as a stream of its own.
		expect(ran(say(w, 1, T0 + 3_700_000))).toBe(true);
		w.stream(true, T0 + 5_000_000);
		expect(ran(say(w, 1, T0 + 5_010_000))).toBe(true);
		expect(ran(say(w, 1, T0 + 5_020_000))).toBe(false);
		expect(ran(say(w, 2, T0 + 5_030_000))).toBe(true);
	});

	it('starts a new stream after chat was quiet for the gap, when no stream event says so', () => {
		const w = workflow({ onlyFirstMessage: true });
		expect(ran(say(w, 1, T0))).toBe(true);
		expect(ran(say(w, 2, T0 + STREAM_GAP_MS - 60_000))).toBe(true);
		// Quiet for less than the gap since viewer 2 spoke: still the same stream.
		expect(ran(say(w, 1, T0 + STREAM_GAP_MS + 60_000))).toBe(false);
		expect(ran(say(w, 1, T0 + 2 * STREAM_GAP_MS + 120_000))).toBe(true);
	});

	it('counts only the copy that runs: a message dropped by a cooldown is not the viewer\'s first words', () => {
		const w = workflow({ commandPrefix: '!', cooldownSeconds: 30 });
		expect(ran(w.run(chat('!discord', viewer(1)), T0))).toBe(true);
		expect(ran(w.run(chat('!discord', viewer(2)), T0 + SECOND))).toBe(false);
		expect(item(w.run(chat('!socials', viewer(2)), T0 + 2 * SECOND)).firstMessageInStream).toBe(true);
	});

	it('takes one entry of the record per viewer who spoke (test/bench/firstWords.bench.ts measures 50,000)', () => {
		const w = workflow({ onlyFirstMessage: true });
		for (let n = 0; n < 5_000; n++) expect(ran(say(w, n, T0 + n * 10))).toBe(true);
		expect(w.record.memory.size).toBeLessThan(5_000 + 10);
		for (let n = 0; n < 5_000; n += 97) expect(ran(say(w, n, T0 + 60_000 + n))).toBe(false);
	});
});

describe('the Filters collection', () => {
	const read = (filters: Record<string, unknown>) => readFilterOptions(filters);

	it('reads the chat rules, with defaults that change nothing', () => {
		expect(read({})).toMatchObject({ onlyFrom: [], cooldownSeconds: 0, viewerCooldownSeconds: 0, cooldownExempt: false, commandRules: [], onlyFirstMessage: false, problem: undefined });
		expect(
			read({
				onlyFrom: ['moderator', 'vip'],
				cooldownSeconds: 29.2,
				viewerCooldownSeconds: '60',
				cooldownExempt: true,
				onlyFirstMessage: true,
				commandRules: { rule: [{ commands: '!Title, game', onlyFrom: ['moderator'], cooldownSeconds: 5, viewerCooldownSeconds: 0 }] },
			}),
		).toMatchObject({
			onlyFrom: ['moderator', 'vip'],
			cooldownSeconds: 30,
			viewerCooldownSeconds: 60,
			cooldownExempt: true,
			onlyFirstMessage: true,
			commandRules: [{ commands: ['!title', 'game'], onlyFrom: ['moderator'], cooldownSeconds: 5, viewerCooldownSeconds: 0 }],
			problem: undefined,
		});
		// An expression may give the roles as text, singular or plural, any case.
		expect(read({ onlyFrom: 'Moderators, vip,OGs' }).onlyFrom).toEqual(['moderator', 'vip', 'og']);
	});

	it('names the field and the fix for what it cannot use', () => {
		const problem = (filters: Record<string, unknown>) => read(filters).problem;
		expect(problem({ cooldownSeconds: -5 })).toEqual({
			message: 'Filters → Command Cooldown (Seconds) is -5',
			description: 'Enter 0 for no cooldown, or the seconds (up to 86,400, a day) before the command starts the workflow again.',
		});
		expect(problem({ viewerCooldownSeconds: 'soon' })?.message).toBe('Filters → Command Cooldown per Viewer (Seconds) is soon');
		expect(problem({ cooldownSeconds: 90_000 })?.message).toBe('Filters → Command Cooldown (Seconds) is 90000');
		expect(problem({ onlyFrom: ['moderator', 'moderater'] })).toEqual({
			message: "Filters → Only From: 'moderater' is not a role",
			description: 'Choose from Broadcaster, Founders, Moderators, OGs, Subscribers, Verified, VIPs (in an expression: broadcaster, moderator, vip, og, founder, subscriber, verified, separated by commas).',
		});
		expect(problem({ commandRules: { rule: [{ commands: 'title' }, { commands: '' }] } })?.message).toBe('Filters → Command Rules (rule 2) names no command');
		expect(problem({ commandRules: { rule: [{ commands: 'title', onlyFrom: ['mods'] }] } })?.message).toBe("Filters → Command Rules (rule 1) → Only From: 'mods' is not a role");
		expect(problem({ commandRules: { rule: [{ commands: 'title', cooldownSeconds: -1 }] } })?.message).toBe('Filters → Command Rules (rule 1) → Cooldown (Seconds) is -1');
		expect(problem({ commandRules: { rule: [{ commands: 'title' }, { commands: 'game, TITLE' }] } })?.message).toBe("Filters → Command Rules (rule 2): 'title' is in another rule too");
		expect(problem({ commandPrefix: '!', commands: 'discord, socials', commandRules: { rule: [{ commands: '!title' }] } })).toEqual({
			message: "Filters → Command Rules: '!title' not among Command Names",
			description: 'Only the commands under Command Names start the workflow: add them there, or remove them from the rules.',
		});
		expect(problem({ commandPrefix: '!', commands: 'discord, !title', commandRules: { rule: [{ commands: 'title' }] } })).toBeUndefined();
	});
});
