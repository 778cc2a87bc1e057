import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import { resourceDescription } from '../common/descriptions';
import { publicLookupOperation } from '../common/publicInfo';

export const operations = { get, getMany, getPublicInfo: publicLookupOperation('info'), update };

export const description = resourceDescription('channel', operations, 'get', [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a channel',
		description: 'Get a Kick channel by slug, URL or broadcaster ID: title, category, live state, viewers, subscriber counts',
	},
	{
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many channels',
		description: 'Get several Kick channels by slugs or broadcaster IDs in one go',
	},
	{
		name: 'Get Public Info',
		value: 'getPublicInfo',
		action: 'Get public info about a channel',
		description: 'Get what anyone can see about a channel; works without a credential through the Kick website',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a channel',
		description: "Change the stream title, category or custom tags of the connected account's own channel",
	},
]);
