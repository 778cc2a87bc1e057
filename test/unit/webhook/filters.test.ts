import { compileFilters, rejectParsed, type FilterSettings } from '../../../nodes/Kick/events/filters';
import { quickReject, rawBroadcasterUserId, rawContentHasPrefix } from '../../../nodes/Kick/webhook/quickFilters';
import type { KickEventType } from '../../../nodes/Kick/shared/kick.constants';
import { fixture } from './helpers';
import { seededRandom } from '../../support/random';

const raw = (body: unknown) => Buffer.from(JSON.stringify(body), 'utf8');
const chat = (content: string, extra: Record<string, unknown> = {}) => ({ ...fixture('chat.message.sent.plain'), content, ...extra });

describe('rejectParsed (the authoritative decision)', () => {
	it('events and channels', () => {
		const f = compileFilters({ events: ['chat.message.sent'], broadcasterUserIds: [2841377] });
		expect(rejectParsed('chat.message.sent', chat('hi'), f)).toBeUndefined();
		expect(rejectParsed('channel.followed', fixture('channel.followed'), f)).toBe('filtered:event');
		expect(rejectParsed('chat.message.sent', chat('hi', { broadcaster: { user_id: 5 } }), f)).toBe('filtered:channel');
		expect(rejectParsed('chat.message.sent', chat('hi', { broadcaster: null }), f)).toBe('filtered:channel');
		expect(rejectParsed('channel.followed', fixture('channel.followed'), compileFilters())).toBeUndefined();
	});

	it('command prefix and command names', () => {
		const f = compileFilters({ commandPrefix: '!', commands: ['Discord', '!socials'] });
		expect(rejectParsed('chat.message.sent', chat('!discord'), f)).toBeUndefined();
		expect(rejectParsed('chat.message.sent', chat('  !SOCIALS now'), f)).toBeUndefined();
		expect(rejectParsed('chat.message.sent', chat('!lurk'), f)).toBe('filtered:command');
		expect(rejectParsed('chat.message.sent', chat('discord'), f)).toBe('filtered:command-prefix');
		expect(rejectParsed('chat.message.sent', chat('\u00a0!discord'), f)).toBe('filtered:command-prefix');
		// Other events are not affected by chat filters.
		expect(rejectParsed('channel.followed', fixture('channel.followed'), f)).toBeUndefined();
	});

	it('ignored chat usernames', () => {
		const f = compileFilters({ ignoreChatUsernames: ['QuietOrbit'] });
		expect(rejectParsed('chat.message.sent', chat('hi'), f)).toBe('filtered:chat-username');
		expect(rejectParsed('chat.message.sent', fixture('chat.message.sent'), f)).toBeUndefined();
	});

	it('stream status', () => {
		const online = compileFilters({ streamStatus: 'online' });
		const offline = compileFilters({ streamStatus: 'offline' });
		expect(rejectParsed('livestream.status.updated', fixture('livestream.status.updated'), online)).toBeUndefined();
		expect(rejectParsed('livestream.status.updated', fixture('livestream.status.updated.ended'), online)).toBe('filtered:stream-status');
		expect(rejectParsed('livestream.status.updated', fixture('livestream.status.updated'), offline)).toBe('filtered:stream-status');
		expect(rejectParsed('livestream.status.updated', fixture('livestream.status.updated.ended'), offline)).toBeUndefined();
	});

	it('minimum KICKs', () => {
		expect(rejectParsed('kicks.gifted', fixture('kicks.gifted'), compileFilters({ minKicksAmount: 100 }))).toBeUndefined();
		expect(rejectParsed('kicks.gifted', fixture('kicks.gifted'), compileFilters({ minKicksAmount: 101 }))).toBe('filtered:min-kicks');
		expect(rejectParsed('kicks.gifted', fixture('kicks.gifted'), compileFilters({ minKicksAmount: 0 }))).toBeUndefined();
	});

	it('reward titles and redemption statuses', () => {
		const body = fixture('channel.reward.redemption.updated');
		expect(rejectParsed('channel.reward.redemption.updated', body, compileFilters({ rewardTitles: ['pick the next MAP'] }))).toBeUndefined();
		expect(rejectParsed('channel.reward.redemption.updated', body, compileFilters({ rewardTitles: ['Hydrate'] }))).toBe('filtered:reward-title');
		expect(rejectParsed('channel.reward.redemption.updated', body, compileFilters({ redemptionStatuses: ['accepted'] }))).toBeUndefined();
		expect(rejectParsed('channel.reward.redemption.updated', body, compileFilters({ redemptionStatuses: ['pending'] }))).toBe(
			'filtered:redemption-status',
		);
	});
});

describe('quickReject (raw bytes, before any parse)', () => {
	it('drops by event type header', () => {
		expect(quickReject('kicks.gifted', raw(chat('x')), compileFilters({ events: ['chat.message.sent'] }))).toBe('filtered:event');
	});

	it('drops other channels and non-commands without parsing', () => {
		const f = compileFilters({ broadcasterUserIds: [1], commandPrefix: '!' });
		expect(rawBroadcasterUserId(raw(fixture('chat.message.sent')))).toBe(2841377);
		expect(quickReject('chat.message.sent', raw(chat('!x')), f)).toBe('filtered:channel');
		const g = compileFilters({ commandPrefix: '!' });
		expect(quickReject('chat.message.sent', raw(chat('hello')), g)).toBe('filtered:command-prefix');
		expect(quickReject('chat.message.sent', raw(chat('!hello')), g)).toBeUndefined();
		// A reply whose quoted message is a command is still not a command.
		const reply = { ...fixture('chat.message.sent'), content: 'nope', replies_to: { message_id: 'x', content: '!so', sender: null } };
		expect(quickReject('chat.message.sent', raw(reply), g)).toBe('filtered:command-prefix');
	});

	it('decodes escaped content instead of guessing', () => {
		const f = compileFilters({ commandPrefix: '!' });
		const escaped = Buffer.from(JSON.stringify(chat('hi')).replace('"content":"hi"', '"content":"\\u0021discord"'));
		expect(rawContentHasPrefix(escaped, '!', Buffer.from('!'))).toBe(true);
		expect(quickReject('chat.message.sent', escaped, f)).toBeUndefined();
		const html = compileFilters({ commandPrefix: '>' });
		const goStyle = Buffer.from(JSON.stringify(chat('x')).replace('"content":"x"', '"content":"\\u003equote"'));
		expect(quickReject('chat.message.sent', goStyle, html)).toBeUndefined();
	});

	it('does nothing when no raw-checkable filter is set', () => {
		expect(quickReject('chat.message.sent', Buffer.from('not json at all'), compileFilters())).toBeUndefined();
	});
});

// ---------------------------------------------------------------------------------------------
// Property: the quick path never drops an event the full check would run.
// ---------------------------------------------------------------------------------------------

const rng = seededRandom;

const CHARS = ['a', 'Z', '0', ' ', ' ', '!', '!', '?', '$', '>', '<', '&', '"', '\\', '/', '\t', '\n', '\r', '\u0000', 'é', '\u00a0', '\u2028', '！', 'ǃ', '👋', 'c', 'm', 'd', ':'];
const PREFIXES = ['!', '!', '!!', '?', '$', '>', '&', 'é', '👋', 'cmd:', '"', '\\', '！', ' !'];

function pick<T>(random: () => number, values: readonly T[]): T {
	return values[Math.floor(random() * values.length)] as T;
}

function randomText(random: () => number, prefix: string): string {
	let text = '';
	const mode = random();
	if (mode < 0.35) text = prefix;
	else if (mode < 0.5) text = `${pick(random, [' ', '  ', '\t', '\n', '\u00a0'])}${prefix}`;
	const length = Math.floor(random() * 12);
	for (let i = 0; i < length; i++) text += pick(random, CHARS);
	return text;
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '/': '\\/' };

/** A JSON string literal with random (valid) escaping, like different encoders produce. */
function encodeString(random: () => number, text: string, escapeRate = 0.2): string {
	let out = '"';
	// By code point: an astral character (two UTF-16 units) is escaped whole or not at all.
	for (const ch of text) {
		const code = ch.charCodeAt(0);
		const mustEscape = ch === '"' || ch === '\\' || code < 0x20;
		if (mustEscape || random() < escapeRate) {
			out += SHORT[ch] && random() < 0.5
				? SHORT[ch]
				: [...Array(ch.length).keys()].map((unit) => `\\u${ch.charCodeAt(unit).toString(16).padStart(4, '0')}`).join('');
		} else {
			out += ch;
		}
	}
	return `${out}"`;
}

function ws(random: () => number): string {
	return random() < 0.1 ? pick(random, [' ', '\n', '  ', '\t']) : '';
}

function encodeValue(random: () => number, value: unknown): string {
	if (typeof value === 'string') return encodeString(random, value);
	if (Array.isArray(value)) return `[${ws(random)}${value.map((entry) => encodeValue(random, entry)).join(`,${ws(random)}`)}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>);
		// Random key order.
		for (let i = entries.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[entries[i], entries[j]] = [entries[j] as [string, unknown], entries[i] as [string, unknown]];
		}
		return `{${ws(random)}${entries.map(([key, entry]) => `${encodeString(random, key, 0.01)}${ws(random)}:${ws(random)}${encodeValue(random, entry)}`).join(`,${ws(random)}`)}}`;
	}
	return JSON.stringify(value);
}

describe('property: quickReject drops only what rejectParsed drops', () => {
	it('holds for 6000 random chat deliveries (random contents, escapes, key order, whitespace, replies)', () => {
		const random = rng(0x4b1c);
		const base = fixture('chat.message.sent.plain');
		let quickDrops = 0;
		let fullDrops = 0;
		for (let run = 0; run < 6000; run++) {
			const prefix = pick(random, PREFIXES);
			const settings: FilterSettings = {
				events: random() < 0.9 ? ['chat.message.sent'] : ['kicks.gifted'],
				broadcasterUserIds: random() < 0.5 ? [2841377] : undefined,
				commandPrefix: random() < 0.85 ? prefix : undefined,
			};
			const body: Record<string, unknown> = {
				...base,
				content: randomText(random, prefix),
				broadcaster: { ...(base.broadcaster as object), user_id: pick(random, [2841377, 2841377, 7, 28413770]) },
			};
			if (random() < 0.4) body.replies_to = { message_id: 'r', content: randomText(random, prefix), sender: { content: randomText(random, prefix), user_id: 1 } };
			if (random() < 0.2) body.extra = { content: randomText(random, prefix), broadcaster: { user_id: 2841377 } };
			const rawBody = Buffer.from(encodeValue(random, body), 'utf8');
			const parsed = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
			expect(parsed.content).toBe(body.content);

			const filters = compileFilters(settings);
			const quick = quickReject('chat.message.sent', rawBody, filters);
			const full = rejectParsed('chat.message.sent' as KickEventType, parsed, filters);
			if (full !== undefined) fullDrops++;
			if (quick !== undefined) {
				quickDrops++;
				if (full === undefined) {
					throw new Error(`quick path dropped a wanted event: ${quick}\nprefix ${JSON.stringify(prefix)}\nraw ${rawBody.toString('utf8')}`);
				}
			}
		}
		// And it does real work: even with 20% of the characters of values escaped at random,
		// most unwanted deliveries are dropped before parsing.
		expect(fullDrops).toBeGreaterThan(1000);
		expect(quickDrops / fullDrops).toBeGreaterThan(0.6);
	});
});
