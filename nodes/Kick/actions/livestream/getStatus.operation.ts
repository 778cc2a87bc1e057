import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { officialLiveStatus, PUBLIC_LOOKUP_NOTE, PUBLIC_OUTPUT_NOTE, publicLookupOptions, runPublicLookup } from '../common/publicInfo';
import type { OperationContext, OperationMeta } from '../types';
import { channelLocator } from '../../shared/channelRef';

/** No scope for the live list itself; resolving slugs with a user token needs channel:read. */
export const meta: OperationMeta = { token: 'none-or-any' };

const properties: INodeProperties[] = [
	{
		displayName: `${PUBLIC_LOOKUP_NOTE} ${PUBLIC_OUTPUT_NOTE}`,
		name: 'statusNotice',
		type: 'notice',
		default: '',
	},
	channelLocator({
		description:
			"The channel to check. With a credential, checks from all input items are combined into as few requests as Kick allows (50 per request); a broadcaster ID that is not live is reported offline (Kick's live list does not say whether the ID exists).",
	}),
	publicLookupOptions(),
];

export const description = updateDisplayOptions({ show: { resource: ['livestream'], operation: ['getStatus'] } }, properties);

/**
 * Official: GET /public/v1/users/livestreams?user_id=… (slugs first resolved with
 * GET /public/v1/channels?slug=…), batched. Without a credential: the website, one per slug.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await runPublicLookup.call(this, items, context, async (keys) => await officialLiveStatus(context, keys));
}
