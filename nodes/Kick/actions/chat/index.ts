import type { IDataObject } from 'n8n-workflow';

import { channelLocator } from '../../shared/channelRef';
import { LIMITS } from '../../shared/kick.constants';
import { channelBroadcasterId } from '../common/channels';
import { resourceDescription } from '../common/descriptions';
import { checkTextLength, parseUuid } from '../common/validation';
import type { KickOperation } from '../types';

/** DELETE /public/v1/chat/{message_id} (204). */
const deleteMessage: KickOperation = {
	meta: { token: 'user', scope: 'moderation:chat_message:manage' },
	description: [
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
	],
	async execute(itemIndex, context) {
		const messageId = parseUuid(this, itemIndex, 'Message ID', this.getNodeParameter('messageId', itemIndex));
		await context.request(itemIndex, { method: 'DELETE', path: `/public/v1/chat/${encodeURIComponent(messageId)}` });
		return { deleted: true, message_id: messageId };
	},
};

/** POST /public/v1/chat. Never retried after a 5xx or a dropped connection: it could post twice. */
const sendMessage: KickOperation = {
	meta: { token: 'user', scope: 'chat:write' },
	description: [
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
	],
	async execute(itemIndex, context) {
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
	},
};

export const operations = { deleteMessage, sendMessage };

export const description = resourceDescription('chat', operations, 'sendMessage', [
	{
		name: 'Delete Message',
		value: 'deleteMessage',
		action: 'Delete a chat message',
		description: 'Remove a message from a chat the connected account moderates',
	},
	{
		name: 'Send Message',
		value: 'sendMessage',
		action: 'Send a chat message',
		description: "Post a message in a channel's chat, as the connected user or as the app's bot",
	},
]);
