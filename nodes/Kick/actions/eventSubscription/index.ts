import * as create from './create.operation';
import * as deleteSubscription from './delete.operation';
import * as getMany from './getMany.operation';
import * as reconcile from './reconcile.operation';
import { resourceDescription } from '../common/descriptions';

export const operations = { create, delete: deleteSubscription, getMany, reconcile };

export const description = resourceDescription('eventSubscription', operations, 'getMany', [
	{ name: 'Create', value: 'create', action: 'Create event subscriptions', description: 'Subscribe the Kick app to events of a channel' },
	{ name: 'Delete', value: 'delete', action: 'Delete event subscriptions', description: 'Remove event subscriptions by ID' },
	{ name: 'Get Many', value: 'getMany', action: 'Get many event subscriptions', description: "List the Kick app's event subscriptions" },
	{
		name: 'Reconcile',
		value: 'reconcile',
		action: 'Reconcile event subscriptions',
		description: 'Make the subscriptions match a list of events: create what is missing, delete duplicates, never subscribe twice',
	},
]);
