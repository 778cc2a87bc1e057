import type { IDataObject } from 'n8n-workflow';

import { LIMITS, type LIVESTREAM_SORTS } from '../../shared/kick.constants';
import { splitList } from '../../shared/lists';
import { simplifyLivestream } from '../common/channels';
import { resourceDescription, returnAllOrLimit, simplifyProperty } from '../common/descriptions';
import { publicLookupOperation } from '../common/publicInfo';
import { invalidParameter, parseIntegerIds } from '../common/validation';
import type { KickOperation } from '../types';

function sortLivestreams(streams: IDataObject[], sortBy: (typeof LIVESTREAM_SORTS)[number]): IDataObject[] {
	if (sortBy === 'viewerCount') return [...streams].sort((a, b) => Number(b.viewer_count ?? 0) - Number(a.viewer_count ?? 0));
	if (sortBy === 'startedAt') return [...streams].sort((a, b) => Date.parse(String(b.started_at)) - Date.parse(String(a.started_at)));
	return streams;
}

/** GET /public/v2/livestreams?category_id=…&language_code=…, following cursors. */
const getMany: KickOperation = {
	meta: { token: 'any' },
	description: [
		...returnAllOrLimit(LIMITS.livestreamsPageMax),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Category IDs',
					name: 'categoryIds',
					type: 'string',
					default: '',
					placeholder: 'e.g. 15, 18',
					description: `Only streams in these categories, as category IDs separated by commas (at most ${LIMITS.livestreamFilterMax}). Use Category → Search to find IDs.`,
				},
				{
					displayName: 'Language Codes',
					name: 'languageCodes',
					type: 'string',
					default: '',
					placeholder: 'e.g. en, es',
					description: `Only streams in these languages, as two-letter codes separated by commas (at most ${LIMITS.livestreamFilterMax})`,
				},
			],
		},
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'none',
			options: [
				{ name: "Kick's Order (Oldest Stream First)", value: 'none' },
				{ name: 'Started At (Newest First)', value: 'startedAt' },
				{ name: 'Viewer Count (Most First)', value: 'viewerCount' },
			],
			description:
				"Kick's API has no sort parameter: the node sorts the streams it fetched. With a Limit, that is a sort of the first streams in Kick's order (oldest first), not the platform's top streams; turn on Return All for a true ranking.",
		},
		simplifyProperty,
	],
	async execute(itemIndex, context) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? 0 : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const sortBy = this.getNodeParameter('sortBy', itemIndex, 'none') as (typeof LIVESTREAM_SORTS)[number];
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;

		const qs: IDataObject = {};
		const categoryIds = parseIntegerIds(this, itemIndex, 'Category IDs', filters.categoryIds, { required: false, max: LIMITS.livestreamFilterMax });
		if (categoryIds.length > 0) qs.category_id = categoryIds;
		const languages = splitList(filters.languageCodes).map((code) => code.toLowerCase());
		if (languages.length > LIMITS.livestreamFilterMax) {
			throw invalidParameter(this, itemIndex, 'Language Codes', `has ${languages.length} codes, more than the ${LIMITS.livestreamFilterMax} Kick accepts`, `Pass at most ${LIMITS.livestreamFilterMax} language codes.`);
		}
		for (const code of languages) {
			if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(code)) {
				throw invalidParameter(this, itemIndex, 'Language Codes', `'${code.slice(0, 20)}' is not a language code`, 'Use two-letter codes such as en, es, de.');
			}
		}
		if (languages.length > 0) qs.language_code = languages;

		const streams = await context.requestPages(
			itemIndex,
			{ method: 'GET', path: '/public/v2/livestreams', qs },
			{ returnAll, limit, pageSize: { param: 'limit', max: LIMITS.livestreamsPageMax } },
		);
		const sorted = sortLivestreams(streams, sortBy);
		return simplify ? sorted.map(simplifyLivestream) : sorted;
	},
};

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
