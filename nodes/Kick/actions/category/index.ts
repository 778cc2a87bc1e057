import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { LIMITS, UNCONFIRMED } from '../../shared/kick.constants';
import { splitList } from '../../shared/lists';
import { categoryLocator, resourceDescription, returnAllOrLimit } from '../common/descriptions';
import { invalidParameter, parseIntegerId } from '../common/validation';
import type { KickOperation } from '../types';

/** GET /public/v2/categories?id=… (the replacement of the deprecated /public/v1/categories/{id}). */
const get: KickOperation = {
	meta: { token: 'any' },
	description: [
		categoryLocator({ description: 'The category to get (what is being streamed, e.g. Just Chatting)' }),
	],
	async execute(itemIndex, context) {
		const id = parseIntegerId(this, itemIndex, 'Category', this.getNodeParameter('category', itemIndex, '', { extractValue: true }));
		const body = await context.request(itemIndex, { method: 'GET', path: '/public/v2/categories', qs: { id } });
		const category = ((body.data as IDataObject[] | undefined) ?? []).find((entry) => entry.id === id);
		if (!category) {
			throw invalidParameter(this, itemIndex, 'Category', `Kick has no category with ID ${id}`, 'Check the ID, or pick the category from the list.');
		}
		return category;
	},
};

function terms(context: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string[] | string | undefined {
	const values = splitList(value);
	for (const term of values) {
		if ([...term].length < LIMITS.categoryTermMinLength) {
			throw invalidParameter(context, itemIndex, field, `'${term}' is shorter than ${LIMITS.categoryTermMinLength} characters`, `Kick only searches with terms of at least ${LIMITS.categoryTermMinLength} characters.`);
		}
	}
	if (values.length === 0) return undefined;
	return UNCONFIRMED.categoryFilterArrayFormat === 'comma' ? values.join(',') : values;
}

/** GET /public/v2/categories?name=…&tag=…, following cursors; `limit` asks for what is still needed. */
const search: KickOperation = {
	meta: { token: 'any' },
	description: [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: 'Without filters, all of Kick\'s categories are listed',
			options: [
				{
					displayName: 'Names',
					name: 'names',
					type: 'string',
					default: '',
					placeholder: 'e.g. counter, chatting',
					description: `Words the category name contains, separated by commas (at least ${LIMITS.categoryTermMinLength} characters each). A category matching any of them is returned. Several values are sent as repeated query keys (Kick does not document the form; most SDKs use it).`,
				},
				{
					displayName: 'Tags',
					name: 'tags',
					type: 'string',
					default: '',
					placeholder: 'e.g. FPS, Shooter',
					description: `Category tags, separated by commas (at least ${LIMITS.categoryTermMinLength} characters each). A category with any of them is returned.`,
				},
			],
		},
		...returnAllOrLimit(LIMITS.categoriesPageMax),
	],
	async execute(itemIndex, context) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? 0 : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const qs: IDataObject = {};
		const names = terms(this, itemIndex, 'Names', filters.names);
		const tags = terms(this, itemIndex, 'Tags', filters.tags);
		if (names !== undefined) qs.name = names;
		if (tags !== undefined) qs.tag = tags;
		return await context.requestPages(
			itemIndex,
			{ method: 'GET', path: '/public/v2/categories', qs },
			{ returnAll, limit, pageSize: { param: 'limit', max: LIMITS.categoriesPageMax } },
		);
	},
};

export const operations = { get, search };

export const description = resourceDescription('category', operations, 'search', [
	{ name: 'Get', value: 'get', action: 'Get a category', description: 'Get a Kick category by its ID: name, thumbnail and tags' },
	{ name: 'Search', value: 'search', action: 'Search categories', description: 'Find Kick categories by name or tag' },
]);
