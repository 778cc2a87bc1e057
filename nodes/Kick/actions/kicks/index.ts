import type { INodeProperties } from 'n8n-workflow';

import * as getLeaderboard from './getLeaderboard.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { getLeaderboard };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['kicks'] } },
	options: [
		{
			name: 'Get Leaderboard',
			value: 'getLeaderboard',
			action: 'Get the kicks leaderboard',
			description: "Get the top KICKs gifters of the connected account's channel (lifetime, this month, this week)",
		},
	],
	default: 'getLeaderboard',
};

export const description: INodeProperties[] = [operationProperty, ...getLeaderboard.description];
