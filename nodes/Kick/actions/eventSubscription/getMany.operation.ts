import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseIntegerIds } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any' };

export const description: INodeProperties[] = [
	{
		displayName: 'Broadcaster User ID',
		name: 'broadcasterUserId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2841377',
		description: "Only subscriptions for this channel's broadcaster user ID. Leave empty for all of the app's subscriptions (with a user token: those for the connected account).",
	},
];

/** GET /public/v1/events/subscriptions: one output item per subscription. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject[]> {
	const [broadcasterUserId] = parseIntegerIds(this, itemIndex, 'Broadcaster User ID', this.getNodeParameter('broadcasterUserId', itemIndex, ''), {
		required: false,
		max: 1,
	});
	const qs: IDataObject = broadcasterUserId === undefined ? {} : { broadcaster_user_id: broadcasterUserId };
	const body = await context.request(itemIndex, { method: 'GET', path: '/public/v1/events/subscriptions', qs });
	return (body.data as IDataObject[] | undefined) ?? [];
}
