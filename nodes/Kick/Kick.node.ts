import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, operationProperties, resourceProperty } from './actions/operations';
import { router } from './actions/router';
import { listSearch } from './methods/listSearch';
import { APP_CREDENTIAL, USER_CREDENTIAL } from './shared/kick.constants';

export class Kick implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kick',
		name: 'kick',
		icon: { light: 'file:kick.svg', dark: 'file:kick.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Chat, moderate, manage rewards and read channels and streams on Kick',
		defaults: { name: 'Kick' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: USER_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['userOAuth2'] } } },
			{ name: APP_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['appOAuth2'] } } },
		],
		properties: [authenticationProperty, resourceProperty, ...operationProperties],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
