import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { categoryLocator } from '../common/descriptions';
import { splitList } from '../../shared/lists';
import { invalidParameter, parseIntegerId } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'user', scope: 'channel:write' };

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: "Fields to change on the channel of the account that connected the credential (Kick only lets a user update their own channel)",
		options: [
			categoryLocator({
				required: false,
				description: 'The category (game or topic) to stream under',
			}),
			{
				displayName: 'Custom Tags',
				name: 'customTags',
				type: 'string',
				default: '',
				placeholder: 'e.g. english, ranked, chill',
				description: `Tags shown on the stream, separated by commas (at most ${LIMITS.customTagsMax}). Replaces the current tags; leave empty to remove them all.`,
			},
			{
				displayName: 'Stream Title',
				name: 'streamTitle',
				type: 'string',
				default: '',
				placeholder: 'e.g. Ranked grind to Diamond | !discord',
				description: 'The new stream title',
			},
		],
	},
];

/** PATCH /public/v1/channels (204): answers what was sent, since Kick returns nothing. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.streamTitle !== undefined) {
		const title = String(fields.streamTitle);
		if (title.trim() === '') {
			throw invalidParameter(this, itemIndex, 'Stream Title', 'is empty', 'Enter a title, or remove the Stream Title field to keep the current one.');
		}
		body.stream_title = title;
	}
	if (fields.category !== undefined) {
		const category = this.getNodeParameter('updateFields.category', itemIndex, '', { extractValue: true });
		body.category_id = parseIntegerId(this, itemIndex, 'Category', category);
	}
	if (fields.customTags !== undefined) {
		const tags = splitList(fields.customTags);
		if (tags.length > LIMITS.customTagsMax) {
			throw invalidParameter(this, itemIndex, 'Custom Tags', `has ${tags.length} tags, more than the ${LIMITS.customTagsMax} Kick allows`, `Keep at most ${LIMITS.customTagsMax} tags.`);
		}
		body.custom_tags = tags;
	}
	if (Object.keys(body).length === 0) {
		throw invalidParameter(this, itemIndex, 'Update Fields', 'nothing to update', 'Add at least one field: Stream Title, Category or Custom Tags.');
	}
	await context.request(itemIndex, { method: 'PATCH', path: '/public/v1/channels', body });
	return { updated: true, ...body };
}
