import type { IDataObject } from 'n8n-workflow';

import { LIMITS } from '../shared/kick.constants';
import { batchedLookup } from '../transport';
import type { KickClient } from './client';

/** GET /public/v1/users for any number of ids, 50 per call; users by id (unknown ids absent). */
export async function lookupUsers(client: Pick<KickClient, 'request'>, ids: readonly number[]): Promise<Map<number, IDataObject>> {
	return await batchedLookup(
		ids,
		LIMITS.idsPerLookup,
		async (chunk) =>
			((await client.request(0, { method: 'GET', path: '/public/v1/users', qs: { id: chunk }, requiredScope: 'user:read' })).data as IDataObject[]) ?? [],
		(user) => user.user_id as number,
	);
}
