import * as deleteMessage from './deleteMessage.operation';
import * as sendMessage from './sendMessage.operation';
import { resourceDescription } from '../common/descriptions';

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
