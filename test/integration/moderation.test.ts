import { SEED } from '../emulator';
import { kickTestBed, locator } from './kickSetup';

describe('Moderation (real n8n, emulator)', () => {
	const bed = kickTestBed();
	const target = { channel: locator('slug', 'neonvale'), userId: String(SEED.users.lunarKettle) };

	it('Ban: permanent (no duration), reason, safe to retry after a 5xx', async () => {
		bed.emulator.faults.pathFilter = /^\/public\/v1\/moderation\/bans$/;
		bed.emulator.faults.fail5xx = 1;
		const run = await bed.run({ resource: 'moderation', operation: 'ban', ...target, reason: 'spam links' });
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toEqual({ banned: true, permanent: true, broadcaster_user_id: SEED.broadcaster.userId, user_id: SEED.users.lunarKettle, reason: 'spam links' });
		const posts = bed.calls('/public/v1/moderation/bans', 'POST');
		expect(posts.map((call) => call.status)).toEqual([500, 200]);
		expect(posts[1]).toMatchObject({ tokenKind: 'user', body: { broadcaster_user_id: SEED.broadcaster.userId, user_id: SEED.users.lunarKettle, reason: 'spam links' } });
		expect(bed.emulator.state.bans.find((b) => b.userId === SEED.users.lunarKettle)?.expiresAt).toBeNull();
	});

	it('Timeout: duration in minutes', async () => {
		const run = await bed.run({ resource: 'moderation', operation: 'timeout', channel: locator('id', SEED.broadcaster.userId), userId: String(SEED.users.quietorbit), duration: 15 });
		expect(run.error).toBeUndefined();
		expect(bed.calls('/public/v1/moderation/bans', 'POST')[0].body).toEqual({
			broadcaster_user_id: SEED.broadcaster.userId,
			user_id: SEED.users.quietorbit,
			duration: 15,
		});
		expect(bed.calls('/public/v1/channels')).toHaveLength(0);
	});

	it('Timeout: 0 and 10081 minutes and a 101-character reason are refused before any request', async () => {
		for (const duration of [0, 10081]) {
			const run = await bed.run({ resource: 'moderation', operation: 'timeout', ...target, duration });
			expect(run.error?.message).toBe(`Duration (Minutes): ${duration} is not a whole number between 1 and 10080`);
		}
		const reason = await bed.run({ resource: 'moderation', operation: 'ban', ...target, reason: 'x'.repeat(101) });
		expect(reason.error?.message).toBe('Reason: is 101 characters long, more than the 100 Kick accepts');
		expect(bed.dataCalls()).toHaveLength(0);
	});

	it('Unban: DELETE with a JSON body', async () => {
		const run = await bed.run({ resource: 'moderation', operation: 'unban', channel: locator('slug', 'neonvale'), userId: String(SEED.users.spamcan) });
		expect(run.items[0].json).toEqual({ unbanned: true, broadcaster_user_id: SEED.broadcaster.userId, user_id: SEED.users.spamcan });
		expect(bed.calls('/public/v1/moderation/bans', 'DELETE')[0]).toMatchObject({ body: { broadcaster_user_id: SEED.broadcaster.userId, user_id: SEED.users.spamcan } });
		expect(bed.emulator.state.bans.some((b) => b.userId === SEED.users.spamcan)).toBe(false);
	});
});
