import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { PUBLIC_LOOKUP_NOTE, PUBLIC_OUTPUT_NOTE, publicLookupOptions, runPublicLookup } from '../common/publicInfo';
import type { OperationContext, OperationMeta } from '../types';
import { channelLocator } from '../../shared/channelRef';

export const meta: OperationMeta = { token: 'none-or-any', scope: 'channel:read' };

export const description: INodeProperties[] = [
	{
		displayName: `${PUBLIC_LOOKUP_NOTE} ${PUBLIC_OUTPUT_NOTE}`,
		name: 'publicInfoNotice',
		type: 'notice',
		default: '',
	},
	channelLocator({
		description:
			'The channel to describe. With a credential, lookups from all input items are combined into as few requests as Kick allows (50 per request).',
	}),
	publicLookupOptions(),
];

/**
 * Official: GET /public/v1/channels (+ /public/v1/users for name and picture), batched.
 * Without a credential: GET <website>/api/v2/channels/{slug}, one per distinct slug.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await runPublicLookup.call(this, items, context, 'info');
}
