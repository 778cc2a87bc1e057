import { NodeApiError, NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import {
	applyReconcile,
	createRequests,
	desiredTargets,
	isInSync,
	matchesTarget,
	parseSubscriptionList,
	planReconcile,
	readCreateResponse,
	reconcileFailureError,
	stillUnlisted,
	UNLISTED_TRUST_MS,
	type KickSubscription,
} from '../../nodes/Kick/subscriptions';
import { KickTrigger } from '../../nodes/Kick/KickTrigger.node';
import { Kick } from '../../nodes/Kick/Kick.node';
import { bindKickClient } from '../../nodes/Kick/client/client';
import { SEED, startKickEmulator, type KickEmulator } from '../emulator';
import { fakeN8nContext } from '../support/n8nContext';
import { jsonFixture } from './webhook/helpers';

const APP = 'kickAppOAuth2Api' as const;
const USER = 'kickOAuth2Api' as const;

function sub(id: string, event: string, broadcasterUserId: number | null, createdAt = '2026-03-01T10:00:00Z'): KickSubscription {
	return { id, event, version: 1, broadcasterUserId, method: 'webhook', createdAt };
}

describe('parsing Kick answers', () => {
	it('reads the reference list response', () => {
		const list = parseSubscriptionList(jsonFixture('get-event-subscriptions.json'));
		expect(list).toEqual([
			{ id: '01KJMDEB801R3RS66KMMSCWRNE', event: 'chat.message.sent', version: 1, broadcasterUserId: 2841377, method: 'webhook', createdAt: '2026-03-01T10:00:00Z' },
			{ id: '01KJMDEC78WMXCQC0EMK8S78PE', event: 'livestream.status.updated', version: 1, broadcasterUserId: 2841377, method: 'webhook', createdAt: '2026-03-01T10:00:01Z' },
		]);
		expect(parseSubscriptionList({ data: [{ nope: 1 }, null, 'x'] })).toEqual([]);
		expect(parseSubscriptionList(undefined)).toEqual([]);
	});

	it('reads per-event outcomes of a 200 POST, including per-item errors', () => {
		const targets = desiredTargets(['chat.message.sent', 'kicks.gifted'], [2841377]);
		expect(readCreateResponse(targets, jsonFixture('post-event-subscriptions.json'))).toEqual([
			{ target: targets[0], subscriptionId: '01KJMDEB801R3RS66KMMSCWRNE' },
			{ target: targets[1], error: 'event subscription limit reached' },
		]);
		expect(readCreateResponse(targets, { data: [{ name: 'chat.message.sent', version: 1, subscription_id: '', error: null }] })).toEqual([
			{ target: targets[0], error: 'Kick returned no subscription id' },
			{ target: targets[1], error: 'Kick did not answer for this event' },
		]);
	});
});

describe('desiredTargets and requests', () => {
	it('one target per event and channel, duplicates collapsed', () => {
		expect(desiredTargets(['chat.message.sent', 'chat.message.sent', 'kicks.gifted'], [1, 2, 1])).toHaveLength(4);
		expect(desiredTargets(['chat.message.sent'], 'self')).toEqual([{ event: 'chat.message.sent', version: 1 }]);
	});

	it('app tokens name the channel in each POST; user tokens never do', () => {
		const app = createRequests(desiredTargets(['chat.message.sent', 'kicks.gifted'], [1, 2]), APP);
		expect(app.map((request) => request.body)).toEqual([
			{ events: [{ name: 'chat.message.sent', version: 1 }, { name: 'kicks.gifted', version: 1 }], method: 'webhook', broadcaster_user_id: 1 },
			{ events: [{ name: 'chat.message.sent', version: 1 }, { name: 'kicks.gifted', version: 1 }], method: 'webhook', broadcaster_user_id: 2 },
		]);
		const user = createRequests(desiredTargets(['chat.message.sent', 'kicks.gifted'], 'self'), USER);
		expect(user).toHaveLength(1);
		expect(user[0]?.body).not.toHaveProperty('broadcaster_user_id');
	});
});

describe('planReconcile', () => {
	const desired = desiredTargets(['chat.message.sent', 'channel.followed'], [10, 20]);

	it('creates everything on an empty account', () => {
		const plan = planReconcile({ desired, existing: [], ownedIds: [] });
		expect(plan.create).toHaveLength(4);
		expect(isInSync(plan)).toBe(false);
	});

	it('is in sync when every desired subscription exists and is owned', () => {
		const existing = [sub('a', 'chat.message.sent', 10), sub('b', 'channel.followed', 10), sub('c', 'chat.message.sent', 20), sub('d', 'channel.followed', 20)];
		const plan = planReconcile({ desired, existing, ownedIds: ['a', 'b', 'c', 'd'] });
		expect(plan.keep).toHaveLength(4);
		expect(isInSync(plan)).toBe(true);
	});

	it('adopts identical subscriptions it does not own instead of duplicating them', () => {
		const existing = [sub('x', 'chat.message.sent', 10)];
		const plan = planReconcile({ desired, existing, ownedIds: [] });
		expect(plan.adopt.map((subscription) => subscription.id)).toEqual(['x']);
		expect(plan.create).toHaveLength(3);
		expect(plan.create.some((target) => target.event === 'chat.message.sent' && target.broadcasterUserId === 10)).toBe(false);
	});

	it('keeps one of several identical copies (owned first, else the oldest) and marks the rest as duplicates', () => {
		const existing = [sub('new', 'chat.message.sent', 10, '2026-03-02T00:00:00Z'), sub('old', 'chat.message.sent', 10, '2026-03-01T00:00:00Z')];
		const plan = planReconcile({ desired: desiredTargets(['chat.message.sent'], [10]), existing, ownedIds: [] });
		expect(plan.adopt[0]?.id).toBe('old');
		expect(plan.duplicates.map((s) => s.id)).toEqual(['new']);
		const ownedPlan = planReconcile({ desired: desiredTargets(['chat.message.sent'], [10]), existing, ownedIds: ['new'] });
		expect(ownedPlan.keep[0]?.id).toBe('new');
		expect(ownedPlan.duplicates.map((s) => s.id)).toEqual(['old']);
	});

	it('finds what Kick deleted behind our back, and owned subscriptions no longer wanted', () => {
		const existing = [sub('a', 'chat.message.sent', 10), sub('z', 'kicks.gifted', 10)];
		const plan = planReconcile({ desired: desiredTargets(['chat.message.sent', 'channel.followed'], [10]), existing, ownedIds: ['a', 'b', 'z'] });
		expect(plan.missingOwned).toEqual(['b']);
		expect(plan.create).toEqual([{ event: 'channel.followed', version: 1, broadcasterUserId: 10 }]);
		expect(plan.staleOwned.map((s) => s.id)).toEqual(['z']);
	});

	it("never touches other channels' or other versions' subscriptions", () => {
		const existing = [sub('other', 'chat.message.sent', 99), { ...sub('v2', 'chat.message.sent', 10), version: 2 }];
		const plan = planReconcile({ desired: desiredTargets(['chat.message.sent'], [10]), existing, ownedIds: [] });
		expect(plan.create).toHaveLength(1);
		expect(plan.duplicates).toEqual([]);
		expect(plan.staleOwned).toEqual([]);
	});

	it('user tokens: own channel, held to the known broadcaster id', () => {
		const target = { event: 'chat.message.sent' as const, version: 1 };
		expect(matchesTarget(sub('a', 'chat.message.sent', 5), target)).toBe(true);
		expect(matchesTarget(sub('a', 'chat.message.sent', 5), target, 6)).toBe(false);
		const existing = [sub('mine', 'chat.message.sent', 5), sub('theirs', 'chat.message.sent', 6)];
		const plan = planReconcile({ desired: [target], existing, ownedIds: [], selfBroadcasterId: 5 });
		expect(plan.adopt[0]?.id).toBe('mine');
		expect(plan.duplicates).toEqual([]);
		// Without a known id, a copy on another channel is still not a duplicate.
		expect(planReconcile({ desired: [target], existing, ownedIds: [] }).duplicates).toEqual([]);
	});
});

describe('applyReconcile (through the transport, against the Kick emulator)', () => {
	// Channels the emulator has: subscriptions need a real broadcaster.
	const [A, B, OTHER, OLD] = [SEED.broadcaster.userId, SEED.users.pixelmoth, SEED.users.hexhound, SEED.users.quietorbit];
	let kick: KickEmulator;
	beforeEach(async () => {
		kick = await startKickEmulator();
	});
	afterEach(async () => await kick.close());

	function ctx(emulator: KickEmulator, grantedScopes?: string[]): IHookFunctions {
		return fakeN8nContext({ emulator, node: { name: 'Kick', type: 'n8n-nodes-kick.kick' }, parameters: {}, grantedScopes }).context as IHookFunctions;
	}
	const clientOf = (context: IHookFunctions, credentialType: typeof APP | typeof USER) => bindKickClient(context, { credentialType });
	const count = (method: string) => kick.requests.filter((request) => request.method === method && request.path === '/public/v1/events/subscriptions').length;
	/** A subscription the app made before. */
	const add = (event: string, broadcasterUserId: number) => {
		const record = { id: `01KJSUB${String(kick.state.subscriptions.length + 1).padStart(19, '0')}`, appId: SEED.app.clientId, broadcasterUserId, event, version: 1, method: 'webhook' as const, createdAt: '2026-03-01T10:00:00Z', updatedAt: '2026-03-01T10:00:00Z' };
		kick.state.subscriptions.push(record);
		return record;
	};

	it('creates what is missing, adopts what exists, deletes duplicates; a second run changes nothing', async () => {
		const adopted = add('chat.message.sent', A);
		const duplicate = add('chat.message.sent', A);
		const foreign = add('chat.message.sent', OTHER);
		const desired = desiredTargets(['chat.message.sent', 'channel.followed'], [A, B]);

		const report = await applyReconcile(clientOf(ctx(kick), APP), { desired, ownedIds: [] });
		expect(report.inSyncBefore).toBe(false);
		expect(report.complete).toBe(true);
		expect(report.adopted.map((s) => s.id)).toEqual([adopted.id]);
		expect(report.created).toHaveLength(3);
		expect(report.missingBefore).toHaveLength(3);
		expect(report.duplicatesDeleted).toEqual([duplicate.id]);
		expect(report.ownedIds).toHaveLength(4);
		expect(kick.state.subscriptions.map((s) => s.id)).toContain(foreign.id);
		expect(kick.state.subscriptions).toHaveLength(5);
		// POSTs are per channel and name it.
		const posts = kick.requests.filter((call) => call.method === 'POST');
		expect(posts.map((call) => (call.body as { broadcaster_user_id?: number } | undefined)?.broadcaster_user_id).sort()).toEqual([A, B]);

		const again = await applyReconcile(clientOf(ctx(kick), APP), { desired, ownedIds: report.ownedIds });
		expect(again.inSyncBefore).toBe(true);
		expect(again.created).toEqual([]);
		expect(count('POST')).toBe(2);
		expect(count('DELETE')).toBe(1);
	});

	it('dry run plans without changing anything', async () => {
		const report = await applyReconcile(clientOf(ctx(kick), APP), { desired: desiredTargets(['kicks.gifted'], [A]), dryRun: true });
		expect(report).toMatchObject({ dryRun: true, inSyncBefore: false, complete: false, created: [] });
		expect(report.missingBefore).toEqual([{ event: 'kicks.gifted', version: 1, broadcasterUserId: A }]);
		expect(count('POST')).toBe(0);
	});

	it('reports per-event refusals and keeps what Kick accepted', async () => {
		// The app already holds as many kicks.gifted subscriptions as Kick allows (elsewhere).
		kick.state.subscriptionLimit = 1;
		kick.state.subscriptionLimitMode = 'item';
		add('kicks.gifted', OTHER);
		const report = await applyReconcile(clientOf(ctx(kick), APP), { desired: desiredTargets(['chat.message.sent', 'kicks.gifted'], [A]) });
		expect(report.complete).toBe(false);
		expect(report.created.map((s) => s.event)).toEqual(['chat.message.sent']);
		expect(report.failed).toEqual([{ event: 'kicks.gifted', version: 1, broadcasterUserId: A, error: 'event subscription limit reached' }]);
		const error = reconcileFailureError(ctx(kick).getNode(), report);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/kicks\.gifted.*limit/);
		expect(error.description).toMatch(/subscription limit/);
	});

	it('finds owned subscriptions of channels no longer wanted and deletes them', async () => {
		const old = add('chat.message.sent', OLD);
		const report = await applyReconcile(clientOf(ctx(kick), APP), { desired: desiredTargets(['chat.message.sent'], [A]), ownedIds: [old.id] });
		expect(report.staleDeleted).toEqual([old.id]);
		expect(kick.state.subscriptions.map((s) => s.broadcasterUserId)).toEqual([A]);
	});

	it('user tokens subscribe for themselves and learn the channel', async () => {
		const report = await applyReconcile(clientOf(ctx(kick), USER), { desired: desiredTargets(['chat.message.sent'], 'self') });
		expect(kick.requests.find((call) => call.method === 'POST')?.body).toEqual({ events: [{ name: 'chat.message.sent', version: 1 }], method: 'webhook' });
		expect(report.owned).toEqual([{ id: report.created[0]?.id, event: 'chat.message.sent', version: 1, broadcasterUserId: A }]);
	});

	describe('a create Kick confirms but does not list (KickDevDocs#419)', () => {
		it('counts as made for an hour: the next reconcile does not create it again; after that it is created again', async () => {
			kick.state.unlistedCreates = 1;
			const desired = desiredTargets(['chat.message.sent'], [A]);
			const first = await applyReconcile(clientOf(ctx(kick), APP), { desired, ownedIds: [] });
			expect(first.createdButNotListed).toEqual([first.created[0]?.id]);
			const now = Date.now();
			const unlisted = stillUnlisted([], first, now);
			expect(unlisted).toEqual([{ id: first.created[0]?.id, event: 'chat.message.sent', version: 1, broadcasterUserId: A, createdAt: now }]);

			const again = await applyReconcile(clientOf(ctx(kick), APP), { desired, ownedIds: first.ownedIds, unlisted });
			expect(again).toMatchObject({ inSyncBefore: true, created: [], notListedYet: [first.created[0]?.id] });
			expect(count('POST')).toBe(1);
			expect(stillUnlisted(unlisted, again, now + 60_000)).toEqual(unlisted);

			// An hour later, one Kick still does not list is taken as missing.
			expect(stillUnlisted(unlisted, again, now + UNLISTED_TRUST_MS)).toEqual([]);
			const later = await applyReconcile(clientOf(ctx(kick), APP), { desired, ownedIds: again.ownedIds, unlisted: [] });
			expect(later.created).toHaveLength(1);
			expect(count('POST')).toBe(2);
		});

		it('the Kick Trigger: a publish and an n8n start within the hour create it once, and the log says what to do', async () => {
			kick.state.unlistedCreates = 1;
			const staticData = {};
			const hook = () =>
				fakeN8nContext({
					emulator: kick,
					node: { name: 'Kick Trigger', type: 'n8n-nodes-kick.kickTrigger' },
					parameters: { authentication: 'userOAuth2', events: ['chat.message.sent'], filters: {}, options: {} },
					staticData,
					mode: 'trigger',
					activation: 'activate',
					workflowId: 'wf-419',
				});
			const methods = new KickTrigger().webhookMethods.default;
			const publish = async () => {
				const context = hook();
				if (!(await methods.checkExists.call(context.context as IHookFunctions))) await methods.create.call(context.context as IHookFunctions);
				return context.logs;
			};
			const logs = await publish();
			expect(logs.map((line) => line.message).join('\n')).toMatch(/does not list \(KickDevDocs#419\).*not created again.*Event Subscription → Delete/s);
			await publish();
			await publish();
			expect(count('POST')).toBe(1);
		});

		it('Event Subscription → Reconcile: a published workflow remembers it between runs and says what to do', async () => {
			kick.state.unlistedCreates = 1;
			const staticData = {};
			const run = async () => {
				const fake = fakeN8nContext({
					emulator: kick,
					node: { name: 'Kick', type: 'n8n-nodes-kick.kick' },
					forExecute: true,
					parameters: { authentication: 'appOAuth2', resource: 'eventSubscription', operation: 'reconcile', events: ['chat.message.sent'], broadcasterUserIds: String(A), options: {} },
					staticData,
				});
				return ((await new Kick().execute.call(fake.context))[0] ?? [])[0]?.json as Record<string, unknown>;
			};
			const first = await run();
			expect(first).toMatchObject({ createdButNotListed: [expect.any(String)], advice: expect.stringMatching(/KickDevDocs#419/) });
			const second = await run();
			expect(second).toMatchObject({ inSyncBefore: true, created: [], notListedYet: first.createdButNotListed, advice: expect.stringMatching(/Reconcile again/) });
			expect(count('POST')).toBe(1);
		});
	});

	it("passes Kick's HTTP errors on as NodeApiErrors that say what to fix", async () => {
		// A user token without events:subscribe: Kick answers 403.
		const withoutScope = ctx(kick, ['user:read', 'chat:write']);
		const run = applyReconcile(clientOf(withoutScope, USER), { desired: desiredTargets(['chat.message.sent'], 'self') });
		await expect(run).rejects.toBeInstanceOf(NodeApiError);
		await expect(
			applyReconcile(clientOf(withoutScope, USER), { desired: desiredTargets(['chat.message.sent'], 'self') }),
		).rejects.toMatchObject({ description: expect.stringMatching(/events:subscribe/) });

		// Over Kick's subscription limit, refused as a whole request: 400.
		kick.state.subscriptionLimit = 0;
		kick.state.subscriptionLimitMode = 'request';
		await expect(
			applyReconcile(clientOf(ctx(kick), APP), { desired: desiredTargets(['chat.message.sent'], [A]) }),
		).rejects.toMatchObject({ message: expect.stringMatching(/limit/) });
	});
});
