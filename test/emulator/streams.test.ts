/** The emulator helpers tests use to change Kick between two polls, seen through the API. */
import { SEED, startKickEmulator, type KickEmulator } from '.';

let emulator: KickEmulator;
let token: string;
beforeAll(async () => {
	emulator = await startKickEmulator();
	token = emulator.issueUserToken({ userId: SEED.broadcaster.userId }).access_token;
});
afterAll(async () => await emulator.close());

async function get(path: string): Promise<any> {
	const response = await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: unknown }).data;
}

const PIXELMOTH = SEED.users.pixelmoth;

it('startStream / updateStream / endStream change what channels and livestreams show', async () => {
	const live = emulator.startStream(PIXELMOTH, { title: 'back!', categoryId: 15, viewerCount: 12, startedAt: '2026-03-15T10:00:00Z' });
	let [channel] = await get(`/public/v1/channels?broadcaster_user_id=${PIXELMOTH}`);
	expect(channel).toMatchObject({ stream_title: 'back!', category: { id: 15, name: 'Just Chatting' }, stream: { is_live: true, start_time: '2026-03-15T10:00:00Z', viewer_count: 12, thumbnail: live.thumbnail } });
	const listed = await get('/public/v2/livestreams?category_id=15&limit=1000');
	const listedPixelmoth = listed.find((stream: { broadcaster_user: { id: number } }) => stream.broadcaster_user.id === PIXELMOTH);
	expect(listedPixelmoth).toMatchObject({ id: live.livestreamId, title: 'back!' });

	emulator.updateStream(PIXELMOTH, { title: 'still here', categoryId: 8, viewerCount: 99 });
	[channel] = await get(`/public/v1/channels?broadcaster_user_id=${PIXELMOTH}`);
	expect(channel).toMatchObject({ stream_title: 'still here', category: { id: 8 }, stream: { viewer_count: 99 } });

	emulator.endStream(PIXELMOTH);
	[channel] = await get(`/public/v1/channels?broadcaster_user_id=${PIXELMOTH}`);
	expect(channel.stream).toMatchObject({ is_live: false, start_time: '0001-01-01T00:00:00Z', viewer_count: 0, thumbnail: '' });
	expect(() => emulator.endStream(PIXELMOTH)).toThrow(/not live/);
	expect(() => emulator.updateStream(PIXELMOTH, { viewerCount: 1 })).toThrow(/not live/);
});

it('redeemReward adds a redemption (accepted at once when the reward skips the queue)', async () => {
	const pending = emulator.redeemReward(SEED.broadcaster.userId, { rewardId: SEED.rewards.pickTheNextMap, redeemerUserId: SEED.users.hexhound, userInput: 'nuke' });
	const skipped = emulator.redeemReward(SEED.broadcaster.userId, { rewardId: SEED.rewards.hydrate, redeemerUserId: SEED.users.hexhound });
	expect(skipped.status).toBe('accepted');
	const groups = await get(`/public/v1/channels/rewards/redemptions?id=${pending.id}`);
	expect(groups[0].redemptions[0]).toMatchObject({ id: pending.id, status: 'pending', user_input: 'nuke', redeemer: { user_id: SEED.users.hexhound } });
});

it('giftKicks grows all three leaderboards', async () => {
	emulator.giftKicks(SEED.broadcaster.userId, SEED.users.hexhound, 1000);
	const board = await get('/public/v1/kicks/leaderboard?top=10');
	for (const period of ['lifetime', 'month', 'week']) {
		expect(board[period]).toContainEqual(expect.objectContaining({ user_id: SEED.users.hexhound, username: 'hexhound', gifted_amount: 1000 }));
	}
});

it('addChannels creates streamers that the lookups find, 50 per call', async () => {
	const added = emulator.addChannels(120, { prefix: 'many', live: true });
	expect(added).toHaveLength(120);
	const ids = added.slice(0, 50).map((channel) => `broadcaster_user_id=${channel.broadcasterUserId}`).join('&');
	const channels = await get(`/public/v1/channels?${ids}`);
	expect(channels).toHaveLength(50);
	expect(channels[0]).toMatchObject({ slug: 'many-1', stream: { is_live: true } });
	expect(await get(`/public/v1/users?id=${added[0].broadcasterUserId}`)).toEqual([expect.objectContaining({ name: 'many_1' })]);
});
