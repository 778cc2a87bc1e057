import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { get, getMany };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['user'] } },
	options: [
		{ name: 'Get', value: 'get', action: 'Get the authorized user', description: 'Get the Kick user who connected the credential' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many users', description: 'Get Kick users by their IDs' },
	],
	default: 'get',
};

export const description: INodeProperties[] = [operationProperty, ...get.description, ...getMany.description];
