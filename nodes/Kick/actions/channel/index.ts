import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getPublicInfo from './getPublicInfo.operation';
import * as update from './update.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { get, getMany, getPublicInfo, update };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['channel'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a channel',
			description: 'Get a Kick channel by slug, URL or broadcaster ID: title, category, live state, viewers, subscriber counts',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many channels',
			description: 'Get several Kick channels by slugs or broadcaster IDs in one go',
		},
		{
			name: 'Get Public Info',
			value: 'getPublicInfo',
			action: 'Get public info about a channel',
			description: 'Get what anyone can see about a channel; works without a credential through the Kick website',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a channel',
			description: "Change the stream title, category or custom tags of the connected account's own channel",
		},
	],
	default: 'get',
};

export const description: INodeProperties[] = [
	operationProperty,
	...get.description,
	...getMany.description,
	...getPublicInfo.description,
	...update.description,
];
