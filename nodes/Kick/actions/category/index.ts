import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as search from './search.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { get, search };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['category'] } },
	options: [
		{ name: 'Get', value: 'get', action: 'Get a category', description: 'Get a Kick category by its ID: name, thumbnail and tags' },
		{ name: 'Search', value: 'search', action: 'Search categories', description: 'Find Kick categories by name or tag' },
	],
	default: 'search',
};

export const description: INodeProperties[] = [operationProperty, ...get.description, ...search.description];
