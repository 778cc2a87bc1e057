import * as get from './get.operation';
import { resourceDescription } from '../common/descriptions';

export const operations = { get };

export const description = resourceDescription('publicKey', operations, 'get', [
	{
		name: 'Get',
		value: 'get',
		action: 'Get the webhook public key',
		description: 'Get the RSA public key (PEM) that verifies the signatures of Kick webhooks',
	},
]);
