import * as checkLogin from './checkLogin.operation';
import * as introspect from './introspect.operation';
import * as revoke from './revoke.operation';
import { resourceDescription } from '../common/descriptions';

export const operations = { checkLogin, introspect, revoke };

export const description = resourceDescription('token', operations, 'introspect', [
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
]);
