import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../common/batch';
import { type ChannelKey, channelKey, lookupChannels } from '../../client/channelLookup';
import { channelNotFound, readChannelLocator, simplifyChannel } from '../common/channels';
import { simplifyProperty } from '../common/descriptions';
import type { OperationContext, OperationMeta } from '../types';
import { channelLocator } from '../../shared/channelRef';

export const meta: OperationMeta = { token: 'any', scope: 'channel:read' };

export const description: INodeProperties[] = [
	channelLocator({
		description:
			'The channel to get. Lookups from all input items are combined into as few requests as Kick allows (50 slugs or 50 IDs each).',
	}),
	simplifyProperty,
];

/** GET /public/v1/channels?slug=… or ?broadcaster_user_id=…, batched across items. */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await (runBatched<ChannelKey>).call(this, items, {
		keysFor: (i) => [channelKey(readChannelLocator(this, i))],
		lookup: async (keys) => await lookupChannels(context, keys),
		missing: (key, i) => {
			throw channelNotFound(this, i, key);
		},
		shape: (channel, i) => ((this.getNodeParameter('simplify', i, true) as boolean) ? simplifyChannel(channel) : channel),
	});
}
