import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { PUBLIC_LOOKUP_NOTE, PUBLIC_OUTPUT_NOTE, publicLookupOptions, runPublicLookup } from '../common/publicInfo';
import type { OperationContext, OperationMeta } from '../types';
import { channelLocator } from '../../shared/channelRef';

/** The live state is the channel's own (GET /public/v1/channels): channel:read with a user token. */
export const meta: OperationMeta = { token: 'none-or-any', scope: 'channel:read' };

export const description: INodeProperties[] = [
	{
		displayName: `${PUBLIC_LOOKUP_NOTE} ${PUBLIC_OUTPUT_NOTE}`,
		name: 'statusNotice',
		type: 'notice',
		default: '',
	},
	channelLocator({
		description:
			"The channel to check. With a credential, checks from all input items are combined into as few requests as Kick allows (50 per request); a broadcaster ID Kick has no channel for is reported offline.",
	}),
	publicLookupOptions(),
];

/**
 * Official: GET /public/v1/channels by ID or slug (+ /public/v1/users for the name and picture
 * of the live ones), batched. Without a credential: the website, one per slug.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await runPublicLookup.call(this, items, context, 'status');
}
