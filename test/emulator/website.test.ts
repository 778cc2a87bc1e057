import { client } from './helpers';
import { type KickEmulator, SEED, startKickEmulator } from './index';

let kick: KickEmulator;
beforeAll(async () => {
	kick = await startKickEmulator();
});
afterAll(() => kick.close());

describe('kick.com/api website endpoints', () => {
	it('GET /api/v2/channels/{slug} agrees with the official API', async () => {
		const site = await client(kick).get('/api/v2/channels/neonvale');
		expect(site.status).toBe(200);
		const app = client(kick, kick.issueAppToken().access_token);
		const official = (await app.get('/public/v1/channels?slug=neonvale')).data.data[0];
		expect(site.data).toMatchObject({
			id: SEED.broadcaster.channelId,
			user_id: official.broadcaster_user_id,
			slug: 'neonvale',
			followers_count: 58213,
			verified: true,
			user: { id: SEED.users.neonvale, username: 'NeonVale' },
			chatroom: { id: SEED.broadcaster.chatroomId, channel_id: SEED.broadcaster.channelId },
			livestream: {
				id: SEED.broadcaster.websiteLivestreamId,
				channel_id: SEED.broadcaster.channelId,
				session_title: official.stream_title,
				is_live: true,
				viewer_count: official.stream.viewer_count,
				start_time: '2026-03-14 18:58:31',
				language: 'English',
				categories: [{ id: official.category.id, name: official.category.name }],
			},
		});
	});

	it('has livestream null for offline channels and 404 {"message":"Not found"} for unknown ones', async () => {
		expect((await client(kick).get('/api/v2/channels/pixelmoth')).data.livestream).toBeNull();
		const missing = await client(kick).get('/api/v2/channels/no-such-channel');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ message: 'Not found' });
	});

	it('serves the v1 variant and the livestream envelope', async () => {
		const v1 = (await client(kick).get('/api/v1/channels/neonvale')).data;
		expect(v1.followersCount).toBe(58213);
		expect(v1.previous_livestreams).toEqual([]);
		expect(v1.livestream.viewers).toBe(1843);
		expect((await client(kick).get('/api/v2/channels/neonvale/livestream')).data.data.session_title).toBe(
			'Ranked grind to Diamond | !discord',
		);
		expect((await client(kick).get('/api/v2/channels/pixelmoth/livestream')).data).toEqual({ data: null });
		expect((await client(kick).get('/api/v2/channels/neonvale/chatroom')).data.id).toBe(SEED.broadcaster.chatroomId);
		expect((await client(kick).get('/api/v1/users/neonvale')).data.username).toBe('NeonVale');
	});

	it('ignores Authorization headers, valid or not', async () => {
		expect((await client(kick, 'not-a-token').get('/api/v2/channels/neonvale')).status).toBe(200);
	});

	it('follows state changes: a stream ending shows offline everywhere', async () => {
		const channel = kick.state.channels.find((c) => c.slug === 'mintcondition');
		if (!channel) throw new Error('seed changed');
		channel.live = null;
		expect((await client(kick).get('/api/v2/channels/mintcondition')).data.livestream).toBeNull();
		const app = client(kick, kick.issueAppToken().access_token);
		const [official] = (await app.get(`/public/v1/channels?broadcaster_user_id=${SEED.users.mintcondition}`)).data.data;
		expect(official.stream).toMatchObject({ is_live: false, viewer_count: 0 });
		const listed = (await app.get('/public/v2/livestreams?limit=1000')).data.data;
		expect(listed.map((stream: { channel: { slug: string } }) => stream.channel.slug)).not.toContain('mintcondition');
	});
});
