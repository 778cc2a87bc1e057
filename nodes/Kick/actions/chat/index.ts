import type { INodeProperties } from 'n8n-workflow';

import * as deleteMessage from './deleteMessage.operation';
import * as sendMessage from './sendMessage.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { deleteMessage, sendMessage };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['chat'] } },
	options: [
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
	],
	default: 'sendMessage',
};

export const description: INodeProperties[] = [operationProperty, ...deleteMessage.description, ...sendMessage.description];
