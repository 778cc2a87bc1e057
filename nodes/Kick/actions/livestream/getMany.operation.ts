import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS, type LIVESTREAM_SORTS } from '../../shared/kick.constants';
import { simplifyLivestream } from '../common/channels';
import { returnAllOrLimit, simplifyProperty } from '../common/descriptions';
import { splitList } from '../../shared/lists';
import { invalidParameter, parseIntegerIds } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any' };

export const description: INodeProperties[] = [
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
];

function sortLivestreams(streams: IDataObject[], sortBy: (typeof LIVESTREAM_SORTS)[number]): IDataObject[] {
	if (sortBy === 'viewerCount') return [...streams].sort((a, b) => Number(b.viewer_count ?? 0) - Number(a.viewer_count ?? 0));
	if (sortBy === 'startedAt') return [...streams].sort((a, b) => Date.parse(String(b.started_at)) - Date.parse(String(a.started_at)));
	return streams;
}

/** GET /public/v2/livestreams?category_id=…&language_code=…, following cursors. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject[]> {
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
}
