import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { channelBroadcasterId } from '../common/channels';
import { checkTextLength, parseUuid } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';
import { channelLocator } from '../../shared/channelRef';

export const meta: OperationMeta = { token: 'user', scope: 'chat:write' };

export const description: INodeProperties[] = [
	{
		displayName: 'Send As',
		name: 'sendAs',
		type: 'options',
		default: 'user',
		options: [
			{
				name: 'User',
				value: 'user',
				description: "The account that connected the credential, in any channel's chat",
			},
			{
				name: 'Bot',
				value: 'bot',
				description:
					"The Kick app's bot account, in the chat of the account that connected the credential (create the bot in the app's developer settings first)",
			},
		],
		description: 'Who posts the message',
	},
	channelLocator({
		displayOptions: { show: { sendAs: ['user'] } },
		description: 'The channel whose chat gets the message',
	}),
	{
		displayName: 'Message',
		name: 'content',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'e.g. Welcome to the stream!',
		description: `The chat message, at most ${LIMITS.chatMessageMaxLength} characters (an emoji counts as one). Emotes are written [emote:ID:name].`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Reply To Message ID',
				name: 'replyToMessageId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5f0b9c2e-8a47-4d1e-b3c6-2e9d7a41f08b',
				description: "Post the message as a reply to this chat message (the message_id of the Kick Trigger's chat event)",
			},
		],
	},
];

/** POST /public/v1/chat. Never retried after a 5xx or a dropped connection: it could post twice. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const sendAs = this.getNodeParameter('sendAs', itemIndex) as 'user' | 'bot';
	const content = checkTextLength(this, itemIndex, 'Message', String(this.getNodeParameter('content', itemIndex, '')), {
		max: LIMITS.chatMessageMaxLength,
		required: true,
	});
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { type: sendAs, content };
	if (typeof options.replyToMessageId === 'string' && options.replyToMessageId.trim() !== '') {
		body.reply_to_message_id = parseUuid(this, itemIndex, 'Reply To Message ID', options.replyToMessageId);
	}
	if (sendAs === 'user') body.broadcaster_user_id = await channelBroadcasterId.call(this, context, itemIndex);
	const response = await context.request(itemIndex, { method: 'POST', path: '/public/v1/chat', body, idempotent: false });
	return { ...((response.data as IDataObject | undefined) ?? {}), type: sendAs, ...(body.broadcaster_user_id ? { broadcaster_user_id: body.broadcaster_user_id } : {}) };
}
