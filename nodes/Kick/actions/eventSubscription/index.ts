import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteSubscription from './delete.operation';
import * as getMany from './getMany.operation';
import * as reconcile from './reconcile.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { create, delete: deleteSubscription, getMany, reconcile };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['eventSubscription'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create event subscriptions', description: 'Subscribe the Kick app to events of a channel' },
		{ name: 'Delete', value: 'delete', action: 'Delete event subscriptions', description: 'Remove event subscriptions by ID' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many event subscriptions', description: "List the Kick app's event subscriptions" },
		{
			name: 'Reconcile',
			value: 'reconcile',
			action: 'Reconcile event subscriptions',
			description: 'Make the subscriptions match a list of events: create what is missing, delete duplicates, never subscribe twice',
		},
	],
	default: 'getMany',
};

export const description: INodeProperties[] = [
	operationProperty,
	...create.description,
	...deleteSubscription.description,
	...getMany.description,
	...reconcile.description,
];
