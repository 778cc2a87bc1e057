import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS, UNCONFIRMED } from '../../shared/kick.constants';
import { returnAllOrLimit } from '../common/descriptions';
import { splitList } from '../../shared/lists';
import { invalidParameter } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any' };

export const description: INodeProperties[] = [
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
];

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
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject[]> {
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
}
