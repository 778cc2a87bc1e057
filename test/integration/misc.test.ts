import { SEED } from '../emulator';
import { kickTestBed } from './kickSetup';

describe('KICKs, Public Key, Event Subscription, Token (real n8n, emulator)', () => {
	const bed = kickTestBed();

	it('KICKs Get Leaderboard with top', async () => {
		const run = await bed.run({ resource: 'kicks', operation: 'getLeaderboard', top: 2 });
		expect(run.items[0].json.lifetime).toEqual([
			{ rank: 1, user_id: SEED.users.mintcondition, username: 'mintcondition', gifted_amount: 48200 },
			{ rank: 2, user_id: SEED.users.pixelmoth, username: 'pixelmoth', gifted_amount: 17350 },
		]);
		expect(bed.calls('/public/v1/kicks/leaderboard')[0]).toMatchObject({ query: { top: '2' }, tokenKind: 'user' });
	});

	it('Public Key Get', async () => {
		const run = await bed.run({ resource: 'publicKey', operation: 'get' }, { auth: 'app' });
		expect(run.items[0].json.public_key).toBe(bed.emulator.signer.publicKeyPem);
	});

	it('a 5xx on a GET is retried; a dropped connection on a GET too', async () => {
		bed.emulator.faults.pathFilter = /^\/public\/v1\/public-key$/;
		bed.emulator.faults.fail5xx = 2;
		const run = await bed.run({ resource: 'publicKey', operation: 'get' }, { auth: 'app' });
		expect(run.error).toBeUndefined();
		expect(bed.calls('/public/v1/public-key').map((call) => call.status)).toEqual([500, 500, 200]);
		bed.emulator.clearRequests();
		bed.emulator.faults.dropConnections = 1;
		const dropped = await bed.run({ resource: 'publicKey', operation: 'get' }, { auth: 'app' });
		expect(dropped.error).toBeUndefined();
		expect(bed.calls('/public/v1/public-key').map((call) => call.status)).toEqual([0, 200]);
	});

	it('Cloudflare HTML 403 in front of the API: a clear error without HTML', async () => {
		bed.emulator.faults.cloudflare = 'api';
		const run = await bed.run({ resource: 'livestream', operation: 'getStats' }, { auth: 'app', continueOnFail: true });
		expect(run.items[0].json.error).toBe("Kick's Cloudflare protection blocked the request (HTTP 403, HTML challenge page)");
		expect(JSON.stringify(run)).not.toMatch(/<html|Just a moment/i);
	});

	it('an expired app token is re-minted by n8n and the call succeeds', async () => {
		await bed.run({ resource: 'livestream', operation: 'getStats' }, { auth: 'app' });
		expect(bed.emulator.expireAccessTokens({ kind: 'app' })).toBeGreaterThan(0);
		bed.emulator.clearRequests();
		const run = await bed.run({ resource: 'livestream', operation: 'getStats' }, { auth: 'app' });
		expect(run.error).toBeUndefined();
		expect(bed.calls('/public/v1/livestreams/stats').map((call) => call.status)).toEqual([401, 200]);
		expect(bed.calls('/oauth/token').some((call) => (call.body as any)?.grant_type === 'client_credentials')).toBe(true);
	});

	it("a 429 from Kick's token endpoint while n8n mints an app token is waited out like any 429", async () => {
		await bed.run({ resource: 'livestream', operation: 'getStats' }, { auth: 'app' });
		expect(bed.emulator.expireAccessTokens({ kind: 'app' })).toBeGreaterThan(0);
		bed.emulator.clearRequests();
		bed.emulator.faults.pathFilter = /^\/oauth\/token$/;
		bed.emulator.faults.rateLimitAfter = 0;
		bed.emulator.faults.rateLimitCount = 2;
		bed.emulator.faults.retryAfterSeconds = 1;
		const run = await bed.run({ resource: 'livestream', operation: 'getStats' }, { auth: 'app' });
		expect(run.error).toBeUndefined();
		expect(bed.calls('/oauth/token').map((call) => call.status)).toEqual([429, 429, 200]);
		expect(bed.calls('/public/v1/livestreams/stats').at(-1)?.status).toBe(200);
	});

	it('Event Subscription Create (app token needs a broadcaster), Get Many, Delete', async () => {
		const missing = await bed.run({ resource: 'eventSubscription', operation: 'create', events: ['chat.message.sent'] }, { auth: 'app' });
		expect(missing.error?.message).toBe('Broadcaster User ID: is required with an app token');
		expect(bed.dataCalls()).toHaveLength(0);

		const created = await bed.run(
			{ resource: 'eventSubscription', operation: 'create', events: ['chat.message.sent', 'livestream.status.updated'], broadcasterUserId: String(SEED.users.mintcondition) },
			{ auth: 'app' },
		);
		expect(created.items.map((item) => [item.json.event, item.json.subscribed])).toEqual([
			['chat.message.sent', true],
			['livestream.status.updated', true],
		]);
		expect(bed.calls('/public/v1/events/subscriptions', 'POST')[0].body).toEqual({
			events: [
				{ name: 'chat.message.sent', version: 1 },
				{ name: 'livestream.status.updated', version: 1 },
			],
			method: 'webhook',
			broadcaster_user_id: SEED.users.mintcondition,
		});

		const list = await bed.run({ resource: 'eventSubscription', operation: 'getMany', broadcasterUserId: String(SEED.users.mintcondition) }, { auth: 'app' });
		expect(list.items).toHaveLength(2);
		expect(bed.calls('/public/v1/events/subscriptions', 'GET')[0].query).toEqual({ broadcaster_user_id: String(SEED.users.mintcondition) });

		const ids = created.items.map((item) => item.json.subscription_id).join(',');
		const deleted = await bed.run({ resource: 'eventSubscription', operation: 'delete', subscriptionIds: ids }, { auth: 'app' });
		expect(deleted.items[0].json).toEqual({ deleted: true, ids: ids.split(',') });
		expect(bed.calls('/public/v1/events/subscriptions', 'DELETE')[0].query).toEqual({ id: ids.split(',') });
		expect(bed.emulator.state.subscriptions).toHaveLength(0);
	});

	it('Event Subscription Create with a user token subscribes the connected channel', async () => {
		const run = await bed.run({ resource: 'eventSubscription', operation: 'create', events: ['channel.followed'] });
		expect(run.items[0].json).toMatchObject({ event: 'channel.followed', subscribed: true });
		expect(bed.calls('/public/v1/events/subscriptions', 'POST')[0]).toMatchObject({ tokenKind: 'user' });
	});

	it('Event Subscription Create is not retried after a 5xx (it could subscribe twice)', async () => {
		bed.emulator.faults.pathFilter = /^\/public\/v1\/events\/subscriptions$/;
		bed.emulator.faults.fail5xx = 1;
		const run = await bed.run({ resource: 'eventSubscription', operation: 'create', events: ['channel.followed'] });
		expect(run.error?.httpCode).toBe('500');
		expect(bed.calls('/public/v1/events/subscriptions', 'POST')).toHaveLength(1);
	});

	it('Event Subscription Reconcile: adopts, creates what is missing, deletes duplicates; then in sync', async () => {
		const { ulid } = await import('../emulator');
		const copy = () => ({
			id: ulid(),
			appId: SEED.app.clientId,
			broadcasterUserId: SEED.users.mintcondition,
			event: 'chat.message.sent',
			version: 1,
			method: 'webhook' as const,
			createdAt: '2026-03-01T10:00:00Z',
			updatedAt: '2026-03-01T10:00:00Z',
		});
		bed.emulator.state.subscriptions = [copy(), copy()];
		const params = {
			resource: 'eventSubscription',
			operation: 'reconcile',
			events: ['chat.message.sent', 'channel.followed'],
			broadcasterUserIds: String(SEED.users.mintcondition),
		};
		const dry = await bed.run({ ...params, options: { dryRun: true } }, { auth: 'app' });
		expect(dry.items[0].json).toMatchObject({ dryRun: true, inSyncBefore: false, missingBefore: [{ event: 'channel.followed' }] });
		expect(bed.calls('/public/v1/events/subscriptions').map((call) => call.method)).toEqual(['GET', 'GET']);

		bed.emulator.clearRequests();
		const run = await bed.run(params, { auth: 'app' });
		expect(run.error).toBeUndefined();
		const report = run.items[0].json;
		expect(report).toMatchObject({ inSyncBefore: false, complete: true });
		expect(report.kept).toHaveLength(1);
		expect(report.created).toEqual([expect.objectContaining({ event: 'channel.followed', broadcasterUserId: SEED.users.mintcondition })]);
		expect(report.duplicatesDeleted).toHaveLength(1);
		expect(bed.calls('/public/v1/events/subscriptions').map((call) => call.method)).toEqual(['GET', 'GET', 'POST', 'DELETE', 'GET']);
		expect(bed.emulator.state.subscriptions.map((sub) => sub.event).sort()).toEqual(['channel.followed', 'chat.message.sent']);

		bed.emulator.clearRequests();
		const again = await bed.run(params, { auth: 'app' });
		expect(again.items[0].json).toMatchObject({ inSyncBefore: true, created: [], duplicatesDeleted: [] });
		expect(bed.calls('/public/v1/events/subscriptions').map((call) => call.method)).toEqual(['GET', 'GET']);

		const withOthers = await bed.run({ ...params, events: ['channel.followed'], options: { deleteOthers: true } }, { auth: 'app' });
		expect(withOthers.items[0].json.staleDeleted).toHaveLength(1);
		expect(bed.emulator.state.subscriptions.map((sub) => sub.event)).toEqual(['channel.followed']);
		bed.emulator.state.subscriptions = [];
	});

	it('Event Subscription Reconcile: an app token needs broadcasters, a user token must not name any', async () => {
		const app = await bed.run({ resource: 'eventSubscription', operation: 'reconcile', events: ['chat.message.sent'] }, { auth: 'app' });
		expect(app.error?.message).toBe('Broadcaster User IDs: is required with an app token');
		const user = await bed.run({ resource: 'eventSubscription', operation: 'reconcile', events: ['chat.message.sent'], broadcasterUserIds: '1' });
		expect(user.error?.message).toBe('Broadcaster User IDs: must be empty with a user token');
		expect(bed.dataCalls()).toHaveLength(0);
	});

	it('Token Introspect on the OAuth server (new location), for the user and the app token', async () => {
		const user = await bed.run({ resource: 'token', operation: 'introspect' });
		expect(user.items[0].json).toMatchObject({ active: true, token_type: 'user', client_id: SEED.app.clientId });
		const app = await bed.run({ resource: 'token', operation: 'introspect' }, { auth: 'app' });
		expect(app.items[0].json).toMatchObject({ active: true, token_type: 'app' });
		const calls = bed.calls('/oauth/token/introspect');
		expect(calls.map((call) => [call.method, call.tokenKind])).toEqual([
			['POST', 'user'],
			['POST', 'app'],
		]);
		expect(bed.calls('/public/v1/token/introspect')).toHaveLength(0);
	});

	it('Token Revoke: the app token, in the query string with token_hint_type; the output has no token', async () => {
		const run = await bed.run({ resource: 'token', operation: 'revoke', tokenKind: 'access_token' }, { auth: 'app' });
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toEqual({ revoked: true, token_type: 'access_token' });
		const [call] = bed.calls('/oauth/revoke');
		expect(call.method).toBe('POST');
		expect(call.query.token_hint_type).toBe('access_token');
		expect(call.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
		expect(bed.emulator.state.accessTokens.get(String(call.query.token))?.revoked).toBe(true);
	});
});

describe('Drops (organization app, real n8n, emulator)', () => {
	const bed = kickTestBed();

	beforeAll(async () => {
		// An organization app's credential replaces the default app one for this block.
		const { connectKickCredentials } = await import('../harness');
		const org = await connectKickCredentials(bed.n8n, bed.emulator, { clientIndex: 1 });
		bed.credentials.app = org.app;
	});

	it('Get Claims: data.cursor pagination, limit as page size', async () => {
		const run = await bed.run({ resource: 'drops', operation: 'getClaims', returnAll: false, limit: 5, filters: { campaignId: SEED.drops.campaignId } }, { auth: 'app' });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(5);
		expect(bed.calls('/public/v1/drops/claims')[0].query).toEqual({ campaign_id: SEED.drops.campaignId, limit: '5' });
		bed.emulator.clearRequests();
		const all = await bed.run({ resource: 'drops', operation: 'getClaims', returnAll: true }, { auth: 'app' });
		expect(all.items).toHaveLength(SEED.drops.claimCount);
		expect(bed.calls('/public/v1/drops/claims')).toHaveLength(1);
	});

	it('Update Claims: PATCH claims with the status', async () => {
		const run = await bed.run({ resource: 'drops', operation: 'updateClaims', claimIds: SEED.drops.claimId, externalStatus: 'fulfilled' }, { auth: 'app' });
		expect(run.items[0].json).toEqual({ updated: true, claims: [{ claim_id: SEED.drops.claimId, external_status: 'fulfilled' }] });
		expect(bed.calls('/public/v1/drops/claims', 'PATCH')[0]).toMatchObject({ tokenKind: 'app', body: { claims: [{ claim_id: SEED.drops.claimId, external_status: 'fulfilled' }] } });
	});

	it('Drops with a user token is refused before any request', async () => {
		const run = await bed.run({ resource: 'drops', operation: 'getClaims', returnAll: true });
		expect(run.error?.message).toBe('Authentication: this operation needs an app token (Kick App OAuth2 API)');
	});
});
