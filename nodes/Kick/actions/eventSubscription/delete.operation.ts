import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { UNCONFIRMED } from '../../shared/kick.constants';
import { chunk } from '../../transport';
import { parseUlids } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any', scope: 'events:subscribe' };

export const description: INodeProperties[] = [
	{
		displayName: 'Subscription IDs',
		name: 'subscriptionIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 01KJMDEB801R3RS66KMMSCWRNE',
		description: `Subscriptions to delete, separated by commas (the ID field of Get Many). Sent ${UNCONFIRMED.subscriptionIdsPerDelete} per request, since Kick does not document a maximum.`,
	},
];

/** DELETE /public/v1/events/subscriptions?id=…&id=… (204). */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const ids = parseUlids(this, itemIndex, 'Subscription IDs', this.getNodeParameter('subscriptionIds', itemIndex));
	for (const part of chunk(ids, UNCONFIRMED.subscriptionIdsPerDelete)) {
		await context.request(itemIndex, { method: 'DELETE', path: '/public/v1/events/subscriptions', qs: { id: part } });
	}
	return { deleted: true, ids };
}
