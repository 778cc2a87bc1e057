import type { IDataObject } from 'n8n-workflow';

import { PEM_ENDPOINT_PATH } from '../../transport';
import { resourceDescription } from '../common/descriptions';
import type { KickOperation } from '../types';

/** GET /public/v1/public-key: the PEM key Kick signs every webhook with (the same for all apps). */
const get: KickOperation = {
	meta: { token: 'any' },
	async execute(itemIndex, context) {
		const body = await context.request(itemIndex, { method: 'GET', path: PEM_ENDPOINT_PATH });
		return (body.data as IDataObject | undefined) ?? {};
	},
};

export const operations = { get };

export const description = resourceDescription('publicKey', operations, 'get', [
	{
		name: 'Get',
		value: 'get',
		action: 'Get the webhook public key',
		description: 'Get the RSA public key (PEM) that verifies the signatures of Kick webhooks',
	},
]);
