import type { IDataObject } from 'n8n-workflow';

import { lookupUsers } from '../../client/users';
import { runBatched } from '../common/batch';
import { resourceDescription } from '../common/descriptions';
import { parseIntegerIds } from '../common/validation';
import type { KickOperation } from '../types';

/** GET /public/v1/users without ids: the user who authorized the credential. */
const get: KickOperation = {
	meta: { token: 'user', scope: 'user:read' },
	async execute(itemIndex, context) {
		const body = await context.request(itemIndex, { method: 'GET', path: '/public/v1/users' });
		const users = (body.data as IDataObject[] | undefined) ?? [];
		return users[0] ?? {};
	},
};

/** GET /public/v1/users?id=…: one output item per user found, paired with the item that asked. */
const getMany: KickOperation = {
	meta: { token: 'any', scope: 'user:read' },
	description: [
		{
			displayName: 'User IDs',
			name: 'userIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 2841377, 61530248',
			description:
				'Kick user IDs, separated by commas. Lookups from all input items are combined into as few requests as Kick allows (50 IDs each).',
		},
	],
	async executeBatch(items, context) {
		return await (runBatched<number>).call(this, items, {
			keysFor: (i) => parseIntegerIds(this, i, 'User IDs', this.getNodeParameter('userIds', i)),
			lookup: async (keys) => await lookupUsers(context, keys),
		});
	},
};

export const operations = { get, getMany };

export const description = resourceDescription('user', operations, 'get', [
	{ name: 'Get', value: 'get', action: 'Get the authorized user', description: 'Get the Kick user who connected the credential' },
	{ name: 'Get Many', value: 'getMany', action: 'Get many users', description: 'Get Kick users by their IDs' },
]);
