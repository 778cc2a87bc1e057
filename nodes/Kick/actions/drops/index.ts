import type { INodeProperties } from 'n8n-workflow';

import * as getClaims from './getClaims.operation';
import * as updateClaims from './updateClaims.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { getClaims, updateClaims };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['drops'] } },
	options: [
		{
			name: 'Get Claims',
			value: 'getClaims',
			action: 'Get drops claims',
			description: "List viewers' drops reward claims (Kick organization apps only, with the app credential)",
		},
		{
			name: 'Update Claims',
			value: 'updateClaims',
			action: 'Update drops claims',
			description: 'Set the external status of drops claims, e.g. once the reward was delivered in game',
		},
	],
	default: 'getClaims',
};

export const description: INodeProperties[] = [operationProperty, ...getClaims.description, ...updateClaims.description];
