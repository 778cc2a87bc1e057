import type { INodeProperties } from 'n8n-workflow';

import * as ban from './ban.operation';
import * as timeout from './timeout.operation';
import * as unban from './unban.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { ban, timeout, unban };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['moderation'] } },
	options: [
		{ name: 'Ban', value: 'ban', action: 'Ban a user', description: "Ban a user from a channel's chat permanently" },
		{ name: 'Timeout', value: 'timeout', action: 'Time out a user', description: "Keep a user out of a channel's chat for some minutes" },
		{ name: 'Unban', value: 'unban', action: 'Unban a user', description: 'Lift a ban or a timeout' },
	],
	default: 'ban',
};

export const description: INodeProperties[] = [operationProperty, ...ban.description, ...timeout.description, ...unban.description];
