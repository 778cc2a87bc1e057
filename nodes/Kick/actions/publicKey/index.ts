import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { get };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['publicKey'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the webhook public key',
			description: 'Get the RSA public key (PEM) that verifies the signatures of Kick webhooks',
		},
	],
	default: 'get',
};

export const description: INodeProperties[] = [operationProperty, ...get.description];
