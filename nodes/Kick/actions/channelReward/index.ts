import * as create from './create.operation';
import * as deleteReward from './delete.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import { resourceDescription } from '../common/descriptions';

export const operations = { create, delete: deleteReward, getMany, update };

export const description = resourceDescription('channelReward', operations, 'getMany', [
	{ name: 'Create', value: 'create', action: 'Create a channel reward', description: "Add a channel points reward to the connected account's channel" },
	{ name: 'Delete', value: 'delete', action: 'Delete a channel reward', description: 'Remove a reward this Kick app created' },
	{ name: 'Get Many', value: 'getMany', action: 'Get many channel rewards', description: "List the rewards of the connected account's channel" },
	{ name: 'Update', value: 'update', action: 'Update a channel reward', description: 'Change a reward this Kick app created (title, cost, pause, …)' },
]);
