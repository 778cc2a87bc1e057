import type { INodeProperties } from 'n8n-workflow';

import * as checkLogin from './checkLogin.operation';
import * as introspect from './introspect.operation';
import * as revoke from './revoke.operation';
import type { KickOperation } from '../types';

export const operations: Record<string, KickOperation> = { checkLogin, introspect, revoke };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['token'] } },
	options: [
		{
			name: 'Check Login',
			value: 'checkLogin',
			action: 'Check the credential login',
			description: 'Whether the Kick login in the credential still works, and how long it has left (Kick ends logins after about 30 days)',
		},
		{
			name: 'Introspect',
			value: 'introspect',
			action: 'Introspect the credential token',
			description: "Check whether the credential's token is active, its scopes and when it expires",
		},
		{ name: 'Revoke', value: 'revoke', action: 'Revoke the credential token', description: "Invalidate the credential's access or refresh token at Kick" },
	],
	default: 'introspect',
};

export const description: INodeProperties[] = [operationProperty, ...checkLogin.description, ...introspect.description, ...revoke.description];
