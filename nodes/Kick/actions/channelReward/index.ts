import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { resourceDescription, rewardLocator } from '../common/descriptions';
import { invalidParameter, parseUlids } from '../common/validation';
import type { KickOperation } from '../types';
import { rewardBody, rewardFieldOptions } from './fields';

/**
 * POST /public/v1/channels/rewards on the connected account's channel. Only the app that
 * creates a reward can later update or delete it and settle its redemptions.
 */
const create: KickOperation = {
	meta: { token: 'user', scope: 'channel:rewards:write' },
	description: [
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Pick the next map',
			description: `The reward's name (at most ${LIMITS.rewardTitleMaxLength} characters)`,
		},
		{
			displayName: 'Cost',
			name: 'cost',
			type: 'number',
			required: true,
			default: 100,
			typeOptions: { minValue: LIMITS.rewardCostMin },
			description: 'Channel points needed to redeem it',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: rewardFieldOptions(false),
		},
	],
	async execute(itemIndex, context) {
		const fields = {
			...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			title: this.getNodeParameter('title', itemIndex),
			cost: this.getNodeParameter('cost', itemIndex),
		};
		const body = rewardBody(this, itemIndex, fields);
		const response = await context.request(itemIndex, { method: 'POST', path: '/public/v1/channels/rewards', body, idempotent: false });
		return (response.data as IDataObject | undefined) ?? {};
	},
};

/** DELETE /public/v1/channels/rewards/{id} (204). */
const deleteReward: KickOperation = {
	meta: { token: 'user', scope: 'channel:rewards:write' },
	description: [
		rewardLocator({ description: 'The reward to delete. Only rewards created by this Kick app can be deleted.' }),
	],
	async execute(itemIndex, context) {
		const rewardId = readRewardId(this, itemIndex);
		await context.request(itemIndex, { method: 'DELETE', path: `/public/v1/channels/rewards/${encodeURIComponent(rewardId)}` });
		return { deleted: true, id: rewardId };
	},
};

/**
 * GET /public/v1/channels/rewards: every reward of the connected account's channel (Kick caps a
 * channel at a few rewards, so there is no paging), one output item each.
 */
const getMany: KickOperation = {
	meta: { token: 'user', scope: ['channel:rewards:read', 'channel:rewards:write'] },
	async execute(itemIndex, context) {
		const body = await context.request(itemIndex, { method: 'GET', path: '/public/v1/channels/rewards' });
		return (body.data as IDataObject[] | undefined) ?? [];
	},
};

function readRewardId(context: IExecuteFunctions, itemIndex: number): string {
	return parseUlids(context, itemIndex, 'Reward', context.getNodeParameter('reward', itemIndex, '', { extractValue: true }))[0];
}

/** PATCH /public/v1/channels/rewards/{id}: answers the updated reward. */
const update: KickOperation = {
	meta: { token: 'user', scope: 'channel:rewards:write' },
	description: [
		rewardLocator({ description: 'The reward to change. Only rewards created by this Kick app can be changed.' }),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: rewardFieldOptions(true),
		},
	],
	async execute(itemIndex, context) {
		const rewardId = readRewardId(this, itemIndex);
		const body = rewardBody(this, itemIndex, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
		if (Object.keys(body).length === 0) {
			throw invalidParameter(this, itemIndex, 'Update Fields', 'nothing to update', 'Add at least one field to change.');
		}
		const response = await context.request(itemIndex, { method: 'PATCH', path: `/public/v1/channels/rewards/${encodeURIComponent(rewardId)}`, body });
		return (response.data as IDataObject | undefined) ?? {};
	},
};

export const operations = { create, delete: deleteReward, getMany, update };

export const description = resourceDescription('channelReward', operations, 'getMany', [
	{ name: 'Create', value: 'create', action: 'Create a channel reward', description: "Add a channel points reward to the connected account's channel" },
	{ name: 'Delete', value: 'delete', action: 'Delete a channel reward', description: 'Remove a reward this Kick app created' },
	{ name: 'Get Many', value: 'getMany', action: 'Get many channel rewards', description: "List the rewards of the connected account's channel" },
	{ name: 'Update', value: 'update', action: 'Update a channel reward', description: 'Change a reward this Kick app created (title, cost, pause, …)' },
]);
