import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { categoryLocator } from '../common/descriptions';
import { invalidParameter, parseIntegerId } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'any' };

export const description: INodeProperties[] = [
	categoryLocator({ description: 'The category to get (what is being streamed, e.g. Just Chatting)' }),
];

/** GET /public/v2/categories?id=… (the replacement of the deprecated /public/v1/categories/{id}). */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const id = parseIntegerId(this, itemIndex, 'Category', this.getNodeParameter('category', itemIndex, '', { extractValue: true }));
	const body = await context.request(itemIndex, { method: 'GET', path: '/public/v2/categories', qs: { id } });
	const category = ((body.data as IDataObject[] | undefined) ?? []).find((entry) => entry.id === id);
	if (!category) {
		throw invalidParameter(this, itemIndex, 'Category', `Kick has no category with ID ${id}`, 'Check the ID, or pick the category from the list.');
	}
	return category;
}
