import { SEED } from '../emulator';
import { kickTestBed, locator } from './kickSetup';

describe('Channel Reward and Reward Redemption (real n8n, emulator)', () => {
	const bed = kickTestBed();

	it('Create → Update → Get Many → Delete', async () => {
		const created = await bed.run({
			resource: 'channelReward',
			operation: 'create',
			title: 'Hydrate!',
			cost: 500,
			additionalFields: { description: 'Drink water', backgroundColor: '#112233', isUserInputRequired: true },
		});
		expect(created.error).toBeUndefined();
		const reward = created.items[0].json;
		expect(reward).toMatchObject({ title: 'Hydrate!', cost: 500, background_color: '#112233', is_user_input_required: true, is_enabled: true });
		expect(bed.calls('/public/v1/channels/rewards', 'POST')[0].body).toEqual({
			title: 'Hydrate!',
			cost: 500,
			description: 'Drink water',
			background_color: '#112233',
			is_user_input_required: true,
		});

		const updated = await bed.run({ resource: 'channelReward', operation: 'update', reward: locator('id', reward.id), updateFields: { cost: 750, isPaused: true } });
		expect(updated.items[0].json).toMatchObject({ id: reward.id, cost: 750, is_paused: true });
		expect(bed.calls(`/public/v1/channels/rewards/${reward.id}`, 'PATCH')[0].body).toEqual({ cost: 750, is_paused: true });

		const list = await bed.run({ resource: 'channelReward', operation: 'getMany' });
		expect(list.items.map((item) => item.json.id)).toContain(reward.id);

		const deleted = await bed.run({ resource: 'channelReward', operation: 'delete', reward: locator('id', reward.id) });
		expect(deleted.items[0].json).toEqual({ deleted: true, id: reward.id });
		expect(bed.calls(`/public/v1/channels/rewards/${reward.id}`, 'DELETE')[0].status).toBe(204);
	});

	it('Create: a 51-character title and cost 0 are refused before any request', async () => {
		const title = await bed.run({ resource: 'channelReward', operation: 'create', title: 'x'.repeat(51), cost: 5 });
		expect(title.error?.message).toBe('Title: is 51 characters long, more than the 50 Kick accepts');
		const cost = await bed.run({ resource: 'channelReward', operation: 'create', title: 'ok', cost: 0 });
		expect(cost.error?.message).toBe('Cost: 0 is not a whole number at least 1');
		expect(bed.dataCalls()).toHaveLength(0);
	});

	it('Update a reward made on kick.com: 403 explained', async () => {
		const run = await bed.run({ resource: 'channelReward', operation: 'update', reward: locator('id', SEED.rewards.hydrate), updateFields: { cost: 1 } });
		expect(run.error?.httpCode).toBe('403');
	});

	it('Redemptions Get Many: status filter, cursor pagination over Kick\'s pages, one item per redemption', async () => {
		const run = await bed.run({ resource: 'rewardRedemption', operation: 'getMany', filterBy: 'status', status: 'pending', reward: locator('list', ''), returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(SEED.counts.pendingRedemptions);
		expect(run.items[0].json).toMatchObject({ status: 'pending', reward: { id: expect.any(String) }, redeemer_user_id: expect.any(Number) });
		const calls = bed.calls('/public/v1/channels/rewards/redemptions');
		expect(calls).toHaveLength(2);
		expect(calls[0].query).toEqual({ status: 'pending' });
		expect(calls[1].query.cursor).toBeDefined();
	});

	it('Redemptions Get Many by IDs: no other filter is sent', async () => {
		const run = await bed.run({
			resource: 'rewardRedemption',
			operation: 'getMany',
			filterBy: 'ids',
			redemptionIds: `${SEED.redemptions.pendingMap}, ${SEED.redemptions.acceptedHydrate}`,
			returnAll: true,
		});
		expect(run.items.map((item) => item.json.id).sort()).toEqual([SEED.redemptions.acceptedHydrate, SEED.redemptions.pendingMap].sort());
		expect(bed.calls('/public/v1/channels/rewards/redemptions')[0].query).toEqual({ id: [SEED.redemptions.pendingMap, SEED.redemptions.acceptedHydrate] });
	});

	it('Accept: per-id outcome with Kick\'s failures list', async () => {
		const run = await bed.run({
			resource: 'rewardRedemption',
			operation: 'accept',
			redemptionIds: `${SEED.redemptions.pendingMap}, ${SEED.redemptions.acceptedHydrate}`,
		});
		expect(run.items[0].json).toEqual({
			action: 'accept',
			all_succeeded: false,
			succeeded: [SEED.redemptions.pendingMap],
			failures: [{ id: SEED.redemptions.acceptedHydrate, reason: 'NOT_OWNED' }],
			results: [
				{ id: SEED.redemptions.pendingMap, status: 'accepted' },
				{ id: SEED.redemptions.acceptedHydrate, status: 'failed', reason: 'NOT_OWNED' },
			],
		});
		expect(bed.calls('/public/v1/channels/rewards/redemptions/accept')[0].body).toEqual({
			ids: [SEED.redemptions.pendingMap, SEED.redemptions.acceptedHydrate],
		});
	});

	it('Reject: 26 ids and repeated ids are refused before any request', async () => {
		const ids = Array.from({ length: 26 }, (_, i) => `01KKPX9C58JEE64HKY8R8JR${String(i).padStart(3, '0')}`).join(',');
		const tooMany = await bed.run({ resource: 'rewardRedemption', operation: 'reject', redemptionIds: ids });
		expect(tooMany.error?.message).toBe('Redemption IDs: has 26 ids, more than the 25 Kick accepts per request');
		const repeated = await bed.run({ resource: 'rewardRedemption', operation: 'reject', redemptionIds: `${SEED.redemptions.pendingMap2},${SEED.redemptions.pendingMap2}` });
		expect(repeated.error?.message).toBe('Redemption IDs: contains the same id twice');
		expect(bed.dataCalls()).toHaveLength(0);
		const run = await bed.run({ resource: 'rewardRedemption', operation: 'reject', redemptionIds: SEED.redemptions.pendingMap2 });
		expect(run.items[0].json).toMatchObject({ action: 'reject', all_succeeded: true, results: [{ id: SEED.redemptions.pendingMap2, status: 'rejected' }] });
	});
});
