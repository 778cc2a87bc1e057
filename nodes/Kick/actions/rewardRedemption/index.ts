import type { INodeProperties } from 'n8n-workflow';

import * as accept from './accept.operation';
import * as getMany from './getMany.operation';
import * as reject from './reject.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { accept, getMany, reject };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['rewardRedemption'] } },
	options: [
		{ name: 'Accept', value: 'accept', action: 'Accept reward redemptions', description: 'Approve pending redemptions (up to 25 at once)' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many reward redemptions', description: 'List redemptions by status and reward, or by ID' },
		{ name: 'Reject', value: 'reject', action: 'Reject reward redemptions', description: 'Refuse pending redemptions (up to 25 at once)' },
	],
	default: 'getMany',
};

export const description: INodeProperties[] = [operationProperty, ...accept.description, ...getMany.description, ...reject.description];
