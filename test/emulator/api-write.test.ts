import type { AxiosInstance } from 'axios';
import { client, qs } from './helpers';
import { type KickEmulator, SEED, startKickEmulator } from './index';

let kick: KickEmulator;
let neon: AxiosInstance;
let app: AxiosInstance;
beforeEach(async () => {
	kick = await startKickEmulator();
	neon = client(kick, kick.issueUserToken({ userId: SEED.users.neonvale }).access_token);
	app = client(kick, kick.issueAppToken().access_token);
});
afterEach(() => kick.close());

const lastMessage = () => kick.state.chat[kick.state.chat.length - 1];

const tokenWith = (userId: number, scopes?: string[]) =>
	client(kick, kick.issueUserToken({ userId, scopes }).access_token);

describe('POST /public/v1/chat', () => {
	const send = (api: AxiosInstance, body: object) => api.post('/public/v1/chat', body);
	const userMessage = (content: string) => ({ type: 'user', broadcaster_user_id: SEED.users.neonvale, content });

	it('sends as the user and stores the message', async () => {
		const res = await send(neon, userMessage('hello chat'));
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ data: { is_sent: true, message_id: expect.stringMatching(/^[0-9a-f-]{36}$/) }, message: 'OK' });
		expect(lastMessage()).toMatchObject({
			messageId: res.data.data.message_id,
			senderUserId: SEED.users.neonvale,
			content: 'hello chat',
			type: 'user',
		});
	});

	it('refuses a user token without chat:write and any app token with 403', async () => {
		const noChat = tokenWith(SEED.users.neonvale, ['user:read', 'channel:read']);
		for (const api of [noChat, app]) {
			const res = await send(api, userMessage('hi'));
			expect(res.status).toBe(403);
			expect(res.data).toEqual({ data: {}, message: 'Forbidden' });
		}
	});

	it('counts the 500-character limit in code points', async () => {
		const emoji = '😀'; // two UTF-16 code units, one code point
		expect((await send(neon, userMessage(emoji.repeat(500)))).status).toBe(200);
		const tooLong = await send(neon, userMessage(emoji.repeat(501)));
		expect(tooLong.status).toBe(400);
		expect(tooLong.data.message).toBe('Bad request');
		expect((await send(neon, userMessage('a'.repeat(501)))).status).toBe(400);
	});

	it('validates type, content, broadcaster and replies', async () => {
		expect((await send(neon, { type: 'shout', content: 'x', broadcaster_user_id: SEED.users.neonvale })).status).toBe(400);
		expect((await send(neon, { type: 'user', content: '' , broadcaster_user_id: SEED.users.neonvale })).status).toBe(400);
		expect((await send(neon, { type: 'user', content: 'x' })).status).toBe(400);
		const unknownReply = await send(neon, { ...userMessage('x'), reply_to_message_id: '00000000-0000-4000-8000-000000000000' });
		expect(unknownReply.status).toBe(400);
		const otherChat = await send(neon, {
			type: 'user',
			broadcaster_user_id: SEED.users.mintcondition,
			content: 'x',
			reply_to_message_id: SEED.chat.question,
		});
		expect(otherChat.status).toBe(400);
		const reply = await send(neon, { ...userMessage('@lunar_kettle me!'), reply_to_message_id: SEED.chat.question });
		expect(reply.status).toBe(200);
		const raw = await neon.post('/public/v1/chat', '{not json', { headers: { 'Content-Type': 'application/json' } });
		expect(raw.status).toBe(400);
	});

	it('posts bot messages to the authorizing user channel only when the app has a bot', async () => {
		const res = await send(neon, { type: 'bot', content: 'beep' });
		expect(res.status).toBe(200);
		expect(lastMessage()).toMatchObject({ type: 'bot', senderUserId: null, broadcasterUserId: SEED.users.neonvale });
		kick.apps[0].botEnabled = false;
		const noBot = await send(neon, { type: 'bot', content: 'beep' });
		expect(noBot.status).toBe(400);
		expect(noBot.data).toEqual({ data: 'Channel not found', message: 'Bad request' });
	});
});

describe('DELETE /public/v1/chat/{id}', () => {
	it('lets the broadcaster and moderators delete, nobody else', async () => {
		const moderator = tokenWith(SEED.users.pixelmoth);
		const viewer = tokenWith(SEED.users.quietorbit);
		expect((await viewer.delete(`/public/v1/chat/${SEED.chat.plain}`)).status).toBe(403);
		expect((await moderator.delete(`/public/v1/chat/${SEED.chat.plain}`)).status).toBe(204);
		expect((await neon.delete(`/public/v1/chat/${SEED.chat.plain}`)).status).toBe(404);
		expect((await tokenWith(SEED.users.neonvale, ['chat:write']).delete(`/public/v1/chat/${SEED.chat.reply}`)).status).toBe(403);
	});
});

describe('moderation bans', () => {
	const ban = (body: object) => neon.post('/public/v1/moderation/bans', body);
	const target = { broadcaster_user_id: SEED.users.neonvale, user_id: SEED.users.quietorbit };

	it.each([0, 10081, 1.5])('refuses duration %p', async (duration) => {
		const res = await ban({ ...target, duration });
		expect(res.status).toBe(400);
	});

	it('times out for 1..10080 minutes and bans permanently without duration', async () => {
		expect((await ban({ ...target, duration: 1 })).status).toBe(200);
		const res = await ban({ ...target, duration: 10080, reason: 'spam' });
		expect(res.data).toEqual({ data: {}, message: 'OK' });
		const timeout = kick.state.bans.find((b) => b.userId === SEED.users.quietorbit);
		expect(Date.parse(timeout?.expiresAt ?? '') - Date.parse(timeout?.createdAt ?? '')).toBe(10080 * 60_000);
		expect((await ban(target)).status).toBe(200);
		expect(kick.state.bans.find((b) => b.userId === SEED.users.quietorbit)?.expiresAt).toBeNull();
		expect(kick.state.bans.filter((b) => b.userId === SEED.users.quietorbit)).toHaveLength(1);
	});

	it('limits the reason to 100 characters and needs moderation:ban', async () => {
		expect((await ban({ ...target, reason: 'x'.repeat(101) })).status).toBe(400);
		expect((await ban({ ...target, reason: 'x'.repeat(100) })).status).toBe(200);
		const noScope = tokenWith(SEED.users.neonvale, ['chat:write']);
		expect((await noScope.post('/public/v1/moderation/bans', target)).status).toBe(403);
		expect((await tokenWith(SEED.users.quietorbit).post('/public/v1/moderation/bans', {
			broadcaster_user_id: SEED.users.neonvale,
			user_id: SEED.users.hexhound,
		})).status).toBe(403);
	});

	it('unbans with a JSON body on DELETE', async () => {
		const spam = { broadcaster_user_id: SEED.users.neonvale, user_id: SEED.users.spamcan };
		expect(kick.state.bans.some((b) => b.userId === SEED.users.spamcan)).toBe(true);
		const res = await neon.delete('/public/v1/moderation/bans', { data: spam });
		expect(res.status).toBe(200);
		expect(kick.state.bans.some((b) => b.userId === SEED.users.spamcan)).toBe(false);
		expect((await neon.delete('/public/v1/moderation/bans')).status).toBe(400);
	});
});

describe('PATCH /public/v1/channels', () => {
	it('updates title, category and tags everywhere they show', async () => {
		const res = await neon.patch('/public/v1/channels', {
			stream_title: 'New title',
			category_id: SEED.categories.justChatting,
			custom_tags: ['chill'],
		});
		expect(res.status).toBe(204);
		expect(res.data).toBe('');
		const channel = (await app.get('/public/v1/channels?slug=neonvale')).data.data[0];
		expect(channel).toMatchObject({ stream_title: 'New title', category: { id: 15 }, stream: { custom_tags: ['chill'] } });
		const listed = (await app.get('/public/v2/livestreams?category_id=15')).data.data;
		const live = listed.find((stream: { broadcaster_user: { id: number } }) => stream.broadcaster_user.id === SEED.users.neonvale);
		expect(live).toMatchObject({ title: 'New title', category: { id: 15 }, tags: ['chill'] });
		const site = (await client(kick).get('/api/v2/channels/neonvale')).data;
		expect(site.livestream).toMatchObject({ session_title: 'New title', categories: [{ id: 15 }] });
	});

	it('refuses 11 custom tags, unknown categories, empty bodies and missing scope', async () => {
		const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
		expect((await neon.patch('/public/v1/channels', { custom_tags: tags })).status).toBe(400);
		expect((await neon.patch('/public/v1/channels', { custom_tags: tags.slice(1) })).status).toBe(204);
		expect((await neon.patch('/public/v1/channels', { category_id: 424242 })).status).toBe(400);
		expect((await neon.patch('/public/v1/channels', {})).status).toBe(400);
		expect((await tokenWith(SEED.users.neonvale, ['channel:read']).patch('/public/v1/channels', { stream_title: 'x' })).status).toBe(403);
		expect((await app.patch('/public/v1/channels', { stream_title: 'x' })).status).toBe(403);
	});
});

describe('GET /public/v1/kicks/leaderboard', () => {
	it('ranks the owner channel, bounded by top', async () => {
		const res = await neon.get('/public/v1/kicks/leaderboard?top=2');
		expect(res.data.data.lifetime).toEqual([
			{ rank: 1, user_id: SEED.users.mintcondition, username: 'mintcondition', gifted_amount: 48200 },
			{ rank: 2, user_id: SEED.users.pixelmoth, username: 'pixelmoth', gifted_amount: 17350 },
		]);
		expect((await neon.get('/public/v1/kicks/leaderboard?top=0')).status).toBe(400);
		expect((await neon.get('/public/v1/kicks/leaderboard?top=101')).status).toBe(400);
		expect((await tokenWith(SEED.users.neonvale, ['user:read']).get('/public/v1/kicks/leaderboard')).status).toBe(403);
	});
});

describe('channel rewards', () => {
	it('creates with defaults and caps a channel at 15 rewards', async () => {
		const created = await neon.post('/public/v1/channels/rewards', { title: 'Wave', cost: 10 });
		expect(created.status).toBe(200);
		expect(created.data.data).toEqual({
			id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
			title: 'Wave',
			description: '',
			cost: 10,
			background_color: '#00e701',
			is_enabled: true,
			is_paused: false,
			is_user_input_required: false,
			should_redemptions_skip_request_queue: false,
		});
		const existing = (await neon.get('/public/v1/channels/rewards')).data.data.length;
		for (let i = existing; i < 15; i++) {
			expect((await neon.post('/public/v1/channels/rewards', { title: `R${i}`, cost: 1 })).status).toBe(200);
		}
		expect((await neon.post('/public/v1/channels/rewards', { title: 'one too many', cost: 1 })).status).toBe(400);
	});

	it.each([
		[{ cost: 1 }],
		[{ title: 'x' }],
		[{ title: 'x'.repeat(51), cost: 1 }],
		[{ title: 'x', cost: 0 }],
		[{ title: 'x', cost: 1, description: 'd'.repeat(201) }],
		[{ title: 'x', cost: 1, background_color: 'red' }],
	])('refuses %j', async (body) => {
		expect((await neon.post('/public/v1/channels/rewards', body)).status).toBe(400);
	});

	it('lets only the creating app update or delete; 404 for unknown ids', async () => {
		const map = `/public/v1/channels/rewards/${SEED.rewards.pickTheNextMap}`;
		const patched = await neon.patch(map, { is_paused: true, cost: 3000 });
		expect(patched.data.data).toMatchObject({ is_paused: true, cost: 3000, title: 'Pick the next map' });
		expect((await neon.patch(`/public/v1/channels/rewards/${SEED.rewards.hydrate}`, { cost: 1 })).status).toBe(403);
		expect((await neon.delete(`/public/v1/channels/rewards/${SEED.rewards.hydrate}`)).status).toBe(403);
		expect((await neon.patch('/public/v1/channels/rewards/01KKPZZZZZZZZZZZZZZZZZZZZZ', { cost: 1 })).status).toBe(404);
		expect((await neon.delete(map)).status).toBe(204);
		expect((await neon.delete(map)).status).toBe(404);
		const read = tokenWith(SEED.users.neonvale, ['channel:rewards:read']);
		expect((await read.get('/public/v1/channels/rewards')).status).toBe(200);
		expect((await read.post('/public/v1/channels/rewards', { title: 'x', cost: 1 })).status).toBe(403);
	});
});

describe('reward redemptions', () => {
	type Group = { reward: { id: string; can_manage: boolean }; redemptions: Array<{ id: string; status: string }> };
	const ids = (groups: Group[]) => groups.flatMap((g) => g.redemptions.map((r) => r.id));

	it('lists pending by default, grouped by reward, across cursor pages', async () => {
		const all: string[] = [];
		let cursor = '';
		let pages = 0;
		do {
			const res = await neon.get(`/public/v1/channels/rewards/redemptions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
			expect(res.status).toBe(200);
			for (const group of res.data.data as Group[]) {
				expect(group.redemptions.every((r) => r.status === 'pending')).toBe(true);
			}
			all.push(...ids(res.data.data));
			cursor = res.data.pagination.next_cursor;
			pages++;
		} while (cursor);
		expect(pages).toBe(2);
		expect(new Set(all).size).toBe(SEED.counts.pendingRedemptions);
		const first = (await neon.get('/public/v1/channels/rewards/redemptions')).data.data[0] as Group;
		expect(first.reward).toMatchObject({ id: SEED.rewards.pickTheNextMap, can_manage: true, is_deleted: false });
	});

	it('filters by id alone; id with other filters is a 400', async () => {
		const byId = await neon.get(`/public/v1/channels/rewards/redemptions?${qs({ id: [SEED.redemptions.acceptedHydrate] })}`);
		expect(ids(byId.data.data)).toEqual([SEED.redemptions.acceptedHydrate]);
		const mixed = await neon.get(`/public/v1/channels/rewards/redemptions?${qs({ id: SEED.redemptions.pendingMap, status: 'pending' })}`);
		expect(mixed.status).toBe(400);
		expect((await neon.get('/public/v1/channels/rewards/redemptions?status=done')).status).toBe(400);
		const accepted = await neon.get('/public/v1/channels/rewards/redemptions?status=accepted');
		expect(ids(accepted.data.data)).toEqual([SEED.redemptions.acceptedHydrate]);
		expect((accepted.data.data[0] as Group).reward.can_manage).toBe(false);
	});

	it('accepts and rejects, answering only the failures', async () => {
		const res = await neon.post('/public/v1/channels/rewards/redemptions/accept', {
			ids: [SEED.redemptions.pendingMap, SEED.redemptions.acceptedHydrate, '01KKPZZZZZZZZZZZZZZZZZZZZZ'],
		});
		expect(res.status).toBe(200);
		expect(res.data.data).toEqual([
			{ id: SEED.redemptions.acceptedHydrate, reason: 'NOT_OWNED' },
			{ id: '01KKPZZZZZZZZZZZZZZZZZZZZZ', reason: 'NOT_FOUND' },
		]);
		const again = await neon.post('/public/v1/channels/rewards/redemptions/reject', { ids: [SEED.redemptions.pendingMap] });
		expect(again.data.data).toEqual([{ id: SEED.redemptions.pendingMap, reason: 'NOT_PENDING' }]);
		expect((await neon.post('/public/v1/channels/rewards/redemptions/reject', { ids: [SEED.redemptions.pendingMap2] })).data.data).toEqual([]);
	});

	it('takes 1..25 unique ids', async () => {
		const accept = (body: object) => neon.post('/public/v1/channels/rewards/redemptions/accept', body);
		const many = Array.from({ length: 26 }, (_, i) => `01KKPZZZZZZZZZZZZZZZZZZZ${String(i).padStart(2, '0')}`);
		expect((await accept({ ids: [] })).status).toBe(400);
		expect((await accept({ ids: many })).status).toBe(400);
		expect((await accept({ ids: many.slice(0, 25) })).status).toBe(200);
		expect((await accept({ ids: [SEED.redemptions.pendingMap, SEED.redemptions.pendingMap] })).status).toBe(400);
	});
});

describe('event subscriptions', () => {
	const subscribe = (api: AxiosInstance, body: object) => api.post('/public/v1/events/subscriptions', body);
	const chat = { events: [{ name: 'chat.message.sent', version: 1 }], method: 'webhook' };

	it('requires broadcaster_user_id with an app token', async () => {
		const res = await subscribe(app, chat);
		expect(res.status).toBe(400);
		expect(res.data.message).toBe('Bad request');
	});

	it('creates duplicate subscriptions for the same event, as Kick does', async () => {
		const body = { ...chat, broadcaster_user_id: SEED.users.neonvale };
		const first = await subscribe(app, body);
		const second = await subscribe(app, body);
		expect(first.data.data).toEqual([
			{ name: 'chat.message.sent', version: 1, subscription_id: expect.any(String), error: '' },
		]);
		expect(second.data.data[0].subscription_id).not.toBe(first.data.data[0].subscription_id);
		const list = await app.get(`/public/v1/events/subscriptions?broadcaster_user_id=${SEED.users.neonvale}`);
		expect(list.data.data).toHaveLength(2);
		expect(list.data.data[0]).toMatchObject({
			app_id: SEED.app.clientId,
			broadcaster_user_id: SEED.users.neonvale,
			event: 'chat.message.sent',
			version: 1,
			method: 'webhook',
		});
	});

	it('subscribes a user token for its own channel and needs events:subscribe', async () => {
		const res = await subscribe(neon, { ...chat, broadcaster_user_id: SEED.users.mintcondition });
		expect(res.status).toBe(200);
		expect(kick.state.subscriptions[0].broadcasterUserId).toBe(SEED.users.neonvale);
		expect((await subscribe(tokenWith(SEED.users.neonvale, ['chat:write']), chat)).status).toBe(403);
		// A user token lists only its channel; the app token sees all of the app's.
		await subscribe(app, { ...chat, broadcaster_user_id: SEED.users.mintcondition });
		expect((await neon.get('/public/v1/events/subscriptions')).data.data).toHaveLength(1);
		expect((await app.get('/public/v1/events/subscriptions')).data.data).toHaveLength(2);
	});

	it('refuses unknown events and versions', async () => {
		const body = { broadcaster_user_id: SEED.users.neonvale, method: 'webhook' };
		expect((await subscribe(app, { ...body, events: [{ name: 'chat.message.read', version: 1 }] })).status).toBe(400);
		expect((await subscribe(app, { ...body, events: [{ name: 'chat.message.sent', version: 2 }] })).status).toBe(400);
		expect((await subscribe(app, { ...body, events: [] })).status).toBe(400);
	});

	it('plays KickDevDocs#419: a create answered with an id the listings omit, the subscription still there', async () => {
		kick.state.unlistedCreates = 1;
		const created = await subscribe(app, { ...chat, broadcaster_user_id: SEED.users.neonvale });
		const id = created.data.data[0].subscription_id as string;
		expect(id).not.toBe('');
		const listed = await app.get('/public/v1/events/subscriptions');
		expect(listed.data.data.map((entry: { id: string }) => entry.id)).not.toContain(id);
		expect(kick.state.subscriptions.map((subscription) => subscription.id)).toContain(id);
		const next = await subscribe(app, { ...chat, broadcaster_user_id: SEED.users.neonvale });
		expect((await app.get('/public/v1/events/subscriptions')).data.data.map((entry: { id: string }) => entry.id)).toContain(next.data.data[0].subscription_id);
	});

	it('enforces the per-event-type limit, whole-request or per item', async () => {
		kick.state.subscriptionLimit = 1;
		const body = { ...chat, broadcaster_user_id: SEED.users.neonvale };
		expect((await subscribe(app, body)).status).toBe(200);
		const over = await subscribe(app, body);
		expect(over.status).toBe(400);
		expect(over.data).toEqual({ data: 'event subscription limit reached', message: 'Bad request' });

		kick.state.subscriptionLimitMode = 'item';
		const mixed = await subscribe(app, {
			...body,
			events: [
				{ name: 'chat.message.sent', version: 1 },
				{ name: 'kicks.gifted', version: 1 },
			],
		});
		expect(mixed.status).toBe(200);
		expect(mixed.data.data[0]).toEqual({ name: 'chat.message.sent', version: 1, subscription_id: '', error: 'event subscription limit reached' });
		expect(mixed.data.data[1].error).toBe('');
	});

	it('deletes by repeated id query params with 204', async () => {
		const body = { events: [{ name: 'channel.followed', version: 1 }, { name: 'kicks.gifted', version: 1 }], broadcaster_user_id: SEED.users.neonvale };
		const created: string[] = (await subscribe(app, body)).data.data.map((s: { subscription_id: string }) => s.subscription_id);
		const res = await app.delete(`/public/v1/events/subscriptions?${qs({ id: created })}`);
		expect(res.status).toBe(204);
		expect(kick.state.subscriptions).toHaveLength(0);
		expect((await app.delete('/public/v1/events/subscriptions')).status).toBe(400);
	});
});

describe('drops claims', () => {
	let org: AxiosInstance;
	beforeEach(() => {
		org = client(kick, kick.issueAppToken({ clientId: SEED.orgApp.clientId }).access_token);
	});

	it('pages with data.cursor (a claim id) for organization apps', async () => {
		const seen: string[] = [];
		let cursor = '';
		for (;;) {
			const res = await org.get(`/public/v1/drops/claims?${qs({ limit: 5, ...(cursor ? { cursor } : {}) })}`);
			expect(res.status).toBe(200);
			if (res.data.data.claims.length === 0) break;
			seen.push(...res.data.data.claims.map((c: { claim_id: string }) => c.claim_id));
			cursor = res.data.data.cursor;
		}
		expect(seen).toHaveLength(SEED.drops.claimCount);
		expect(seen[0]).toBe(SEED.drops.claimId);
	});

	it('is closed to user tokens and non-organization apps; 401 carries data null', async () => {
		expect((await app.get('/public/v1/drops/claims')).status).toBe(403);
		expect((await neon.get('/public/v1/drops/claims')).status).toBe(403);
		const anonymous = await client(kick).get('/public/v1/drops/claims');
		expect(anonymous.status).toBe(401);
		expect(anonymous.data).toEqual({ data: null, message: 'Unauthorized' });
	});

	it('updates external_status, at most 100 items of exactly two keys', async () => {
		const update = (claims: object[]) => org.patch('/public/v1/drops/claims', { claims });
		expect((await update([{ claim_id: SEED.drops.claimId, external_status: 'fulfilled' }])).status).toBe(204);
		expect(kick.state.dropsClaims[0].externalStatus).toBe('fulfilled');
		expect((await update([{ claim_id: SEED.drops.claimId, external_status: 'x', user_id: 1 }])).status).toBe(400);
		expect((await update(Array.from({ length: 101 }, () => ({ claim_id: SEED.drops.claimId, external_status: 'x' })))).status).toBe(400);
		expect((await update([])).status).toBe(400);
		const filtered = await org.get('/public/v1/drops/claims?external_status=fulfilled');
		expect(filtered.data.data.claims).toHaveLength(1);
	});
});
