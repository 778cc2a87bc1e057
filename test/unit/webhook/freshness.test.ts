import { checkFreshness, parseKickTimestamp } from '../../../nodes/Kick/webhook/freshness';

const NOW = Date.parse('2026-03-14T19:02:12Z');

describe('parseKickTimestamp', () => {
	it('reads RFC 3339 with 0, 3 or 9 fractional digits and offsets', () => {
		expect(parseKickTimestamp('2026-03-14T19:02:12Z')).toBe(NOW);
		expect(parseKickTimestamp('2026-03-14T19:02:12.417Z')).toBe(NOW + 417);
		expect(parseKickTimestamp('2026-03-14T19:02:11.417296538Z')).toBe(NOW - 583);
		expect(parseKickTimestamp('2026-03-14T20:02:12+01:00')).toBe(NOW);
	});

	it('refuses anything else', () => {
		for (const text of ['', 'yesterday', '1710442932', 'March 14 2026', '2026-03-14', '2026-03-14T19:02:12', '2026-13-14T19:02:12Z', `2026-03-14T19:02:12.${'1'.repeat(60)}Z`]) {
			expect(parseKickTimestamp(text)).toBeUndefined();
		}
	});
});

describe('checkFreshness', () => {
	const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

	it('accepts up to the window in both directions, refuses beyond it', () => {
		expect(checkFreshness(at(-300_000), NOW, 300)).toEqual({ ok: true, timestampMs: NOW - 300_000 });
		expect(checkFreshness(at(-300_001), NOW, 300)).toEqual({ ok: false, reason: 'stale' });
		expect(checkFreshness(at(300_000), NOW, 300)).toEqual({ ok: true, timestampMs: NOW + 300_000 });
		expect(checkFreshness(at(300_001), NOW, 300)).toEqual({ ok: false, reason: 'future' });
		expect(checkFreshness(at(0), NOW, 300).ok).toBe(true);
	});

	it('honors a custom window', () => {
		expect(checkFreshness(at(-10_000), NOW, 5).ok).toBe(false);
		expect(checkFreshness(at(-4_000), NOW, 5).ok).toBe(true);
	});

	it('refuses an unreadable timestamp while the check is on', () => {
		expect(checkFreshness('not a time', NOW, 300)).toEqual({ ok: false, reason: 'bad-timestamp' });
	});

	it('is off at 0: anything passes, the time is still parsed when possible', () => {
		expect(checkFreshness(at(-86_400_000), NOW, 0)).toEqual({ ok: true, timestampMs: NOW - 86_400_000 });
		expect(checkFreshness('not a time', NOW, 0)).toEqual({ ok: true, timestampMs: undefined });
	});
});
