import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { chatTriggerProperties } from './socket/description';
import { startChatTrigger } from './socket/trigger';

/**
 * Starts a workflow on live chat and channel events from Kick's public Pusher socket (the one
 * kick.com itself uses; not part of Kick's official API): no Kick app, no credential, no public
 * URL. Items have the Kick Trigger's shape. The logic lives in ./socket.
 */
export class KickChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kick Chat Trigger',
		name: 'kickChatTrigger',
		icon: { light: 'file:kick.svg', dark: 'file:kick.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["channel"]}}',
		description: "Starts the workflow on Kick chat and channel events from Kick's live socket (unofficial, not part of Kick's API): no Kick app or public URL needed",
		defaults: { name: 'Kick Chat Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: chatTriggerProperties,
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startChatTrigger.call(this);
	}
}
