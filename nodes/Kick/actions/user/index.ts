import * as get from './get.operation';
import * as getMany from './getMany.operation';
import { resourceDescription } from '../common/descriptions';

export const operations = { get, getMany };

export const description = resourceDescription('user', operations, 'get', [
	{ name: 'Get', value: 'get', action: 'Get the authorized user', description: 'Get the Kick user who connected the credential' },
	{ name: 'Get Many', value: 'getMany', action: 'Get many users', description: 'Get Kick users by their IDs' },
]);
