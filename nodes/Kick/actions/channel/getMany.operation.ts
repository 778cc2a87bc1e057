import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../common/batch';
import { type ChannelKey, channelKey, lookupChannels } from '../../client/channelLookup';
import { simplifyChannel } from '../common/channels';
import { simplifyProperty } from '../common/descriptions';
import { parseChannelReferences } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any', scope: 'channel:read' };

export const description: INodeProperties[] = [
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. neonvale, mintcondition, 61530248',
		description:
			'Channel slugs, broadcaster IDs or channel URLs (https://kick.com/neonvale), separated by commas. Slugs and IDs from all input items are combined into as few requests as Kick allows (50 each; slugs and IDs are never mixed in one request). Channels Kick does not know are left out of the output.',
	},
	simplifyProperty,
];

/** GET /public/v1/channels for many slugs and ids: one output item per channel found. */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	return await (runBatched<ChannelKey>).call(this, items, {
		keysFor: (i) => [...new Set(parseChannelReferences(this, i, 'Channels', this.getNodeParameter('channels', i)).map(channelKey))],
		lookup: async (keys) => await lookupChannels(context, keys),
		shape: (channel, i) => ((this.getNodeParameter('simplify', i, true) as boolean) ? simplifyChannel(channel) : channel),
	});
}
