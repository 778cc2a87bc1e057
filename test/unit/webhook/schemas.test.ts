import { bodyMatchesType, validateEventBody } from '../../../nodes/Kick/webhook/schemas';
import { isKickEventType, KICK_EVENT_TYPES, type KickEventType } from '../../../nodes/Kick/shared/kick.constants';
import { eventFixtures, fixture, typeOfFixture } from './helpers';

const fixtures = eventFixtures();

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

describe('event schemas', () => {
	it('cover all ten event types, and every type has a fixture', () => {
		const covered = new Set([...fixtures.keys()].map(typeOfFixture));
		expect([...covered].sort()).toEqual([...KICK_EVENT_TYPES].sort());
	});

	it.each([...fixtures.keys()])('accept the reference payload %s', (name) => {
		const type = typeOfFixture(name) as KickEventType;
		const body = fixtures.get(name);
		expect(validateEventBody(type, body)).toEqual({ ok: true });
		expect(bodyMatchesType(type, body)).toBe(true);
	});

	it('accept unknown fields at every level', () => {
		const body = clone(fixture('chat.message.sent'));
		body.future_field = { x: 1 };
		(body.sender as Record<string, unknown>).pronouns = 'they/them';
		expect(validateEventBody('chat.message.sent', body)).toEqual({ ok: true });
	});

	describe("accept Kick's quirks", () => {
		it('emotes null, replies_to absent or null', () => {
			const plain = fixture('chat.message.sent.plain');
			expect(plain.emotes).toBeNull();
			expect('replies_to' in plain).toBe(false);
			expect(validateEventBody('chat.message.sent', plain).ok).toBe(true);
			expect(validateEventBody('chat.message.sent', { ...plain, replies_to: null }).ok).toBe(true);
		});

		it('profile_picture "", is_verified null, identity null or absent', () => {
			const user = { is_anonymous: false, user_id: 1, username: 'a', is_verified: null, profile_picture: '', channel_slug: 'a', identity: null };
			const follow = (follower: unknown) => validateEventBody('channel.followed', { ...fixture('channel.followed'), follower });
			expect(follow(user).ok).toBe(true);
			const { identity: _identity, ...withoutIdentity } = user;
			void _identity;
			expect(follow(withoutIdentity).ok).toBe(true);
		});

		it('anonymous gifters with every other field null', () => {
			const body = fixture('channel.subscription.gifts.anonymous');
			expect((body.gifter as Record<string, unknown>).user_id).toBeNull();
			expect(validateEventBody('channel.subscription.gifts', body).ok).toBe(true);
		});

		it('Category capitalized in livestream.metadata.updated', () => {
			const body = fixture('livestream.metadata.updated.observed-Category');
			expect((body.metadata as Record<string, unknown>).Category).toBeDefined();
			expect(validateEventBody('livestream.metadata.updated', body).ok).toBe(true);
		});

		it('timestamps with 0, 3 or 9 fractional digits', () => {
			const body = clone(fixture('channel.subscription.new'));
			for (const created of ['2026-03-14T19:10:02Z', '2026-03-14T19:10:02.551Z', '2026-03-14T19:10:02.551830117Z']) {
				body.created_at = created;
				expect(validateEventBody('channel.subscription.new', body).ok).toBe(true);
			}
		});

		it('a permanent ban (expires_at null) and an offline stream (ended_at set)', () => {
			expect(validateEventBody('moderation.banned', fixture('moderation.banned.permanent')).ok).toBe(true);
			expect(validateEventBody('livestream.status.updated', fixture('livestream.status.updated.ended')).ok).toBe(true);
		});
	});

	it('report what does not conform, briefly', () => {
		const body = clone(fixture('chat.message.sent'));
		body.content = 42;
		(body.sender as Record<string, unknown>).user_id = 'abc';
		body.created_at = 'yesterday';
		const result = validateEventBody('chat.message.sent', body);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.issues.length).toBeLessThanOrEqual(5);
			expect(result.issues.join('\n')).toMatch(/content/);
			expect(result.issues.join('\n')).toMatch(/sender\.user_id/);
		}
	});
});

describe('characteristic fields (type header vs body)', () => {
	it.each([...fixtures.keys()])('tell %s apart from every other type', (name) => {
		const type = typeOfFixture(name);
		const detected = KICK_EVENT_TYPES.filter((candidate) => bodyMatchesType(candidate, fixtures.get(name)));
		const expected = type.startsWith('channel.subscription.') && type !== 'channel.subscription.gifts'
			? ['channel.subscription.renewal', 'channel.subscription.new']
			: [type];
		expect(detected.sort()).toEqual(expected.sort());
	});

	it('refuse a body that contradicts the header', () => {
		expect(bodyMatchesType('kicks.gifted', fixture('chat.message.sent'))).toBe(false);
		expect(bodyMatchesType('livestream.metadata.updated', fixture('moderation.banned'))).toBe(false);
		expect(bodyMatchesType('moderation.banned', fixture('livestream.metadata.updated'))).toBe(false);
		expect(bodyMatchesType('livestream.status.updated', fixture('livestream.metadata.updated'))).toBe(false);
		expect(bodyMatchesType('chat.message.sent', [])).toBe(false);
		expect(bodyMatchesType('chat.message.sent', null)).toBe(false);
	});

	it('know the ten type names', () => {
		for (const type of KICK_EVENT_TYPES) expect(isKickEventType(type)).toBe(true);
		expect(isKickEventType('drops.claim')).toBe(false);
		expect(isKickEventType('__proto__')).toBe(false);
	});
});
