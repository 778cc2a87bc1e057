import * as getMany from './getMany.operation';
import * as getStats from './getStats.operation';
import { resourceDescription } from '../common/descriptions';
import { publicLookupOperation } from '../common/publicInfo';

export const operations = { getMany, getStats, getStatus: publicLookupOperation('status') };

export const description = resourceDescription('livestream', operations, 'getStatus', [
	{
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many livestreams',
		description: 'List streams live on Kick now, optionally by category and language',
	},
	{
		name: 'Get Stats',
		value: 'getStats',
		action: 'Get livestream stats',
		description: 'Get how many streams are live on Kick right now',
	},
	{
		name: 'Get Status',
		value: 'getStatus',
		action: 'Get the live status of a channel',
		description: 'Check whether a channel is live and what it is streaming; works without a credential through the Kick website',
	},
]);
