import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as getStats from './getStats.operation';
import * as getStatus from './getStatus.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { getMany, getStats, getStatus };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['livestream'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many livestreams',
			description: 'List streams live on Kick now, optionally by category and language',
		},
		{
			name: 'Get Stats',
			value: 'getStats',
			action: 'Get livestream stats',
			description: 'Get how many streams are live on Kick right now',
		},
		{
			name: 'Get Status',
			value: 'getStatus',
			action: 'Get the live status of a channel',
			description: 'Check whether a channel is live and what it is streaming; works without a credential through the Kick website',
		},
	],
	default: 'getStatus',
};

export const description: INodeProperties[] = [operationProperty, ...getMany.description, ...getStats.description, ...getStatus.description];
