import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseUuid } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'user', scope: 'moderation:chat_message:manage' };

export const description: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5f0b9c2e-8a47-4d1e-b3c6-2e9d7a41f08b',
		description:
			"The chat message to delete (the message_id of the Kick Trigger's chat event). The connected account must be the broadcaster or a moderator of that chat.",
	},
];

/** DELETE /public/v1/chat/{message_id} (204). */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const messageId = parseUuid(this, itemIndex, 'Message ID', this.getNodeParameter('messageId', itemIndex));
	await context.request(itemIndex, { method: 'DELETE', path: `/public/v1/chat/${encodeURIComponent(messageId)}` });
	return { deleted: true, message_id: messageId };
}
