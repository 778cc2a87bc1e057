import type { INodeProperties } from 'n8n-workflow';

import { resources } from './operations';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Kick OAuth2 API (User)', value: 'userOAuth2', description: 'Act as the Kick account that connected the credential' },
		{ name: 'Kick App OAuth2 API (App)', value: 'appOAuth2', description: 'An app token: public data of any channel and event subscriptions' },
		{ name: 'None (Public Data)', value: 'none', description: 'No credential: only public lookups, from the Kick website' },
	],
	default: 'userOAuth2',
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(resources).map(([value, resource]) => ({ name: resource.name, value, description: resource.description })),
	default: 'user',
};

/** All resource-specific parameters, in resource order. */
export const operationProperties: INodeProperties[] = Object.values(resources).flatMap((resource) => resource.module.description);
