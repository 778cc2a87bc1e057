import type { IDataObject } from 'n8n-workflow';

import { resourceDescription } from '../common/descriptions';
import { publicLookupOperation } from '../common/publicInfo';
import type { KickOperation } from '../types';
import * as getMany from './getMany.operation';

/** GET /public/v1/livestreams/stats: how many streams are live on Kick right now. */
const getStats: KickOperation = {
	meta: { token: 'any' },
	async execute(itemIndex, context) {
		const body = await context.request(itemIndex, { method: 'GET', path: '/public/v1/livestreams/stats' });
		return (body.data as IDataObject | undefined) ?? {};
	},
};

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
