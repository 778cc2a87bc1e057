import type { IDataObject } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { resourceDescription } from '../common/descriptions';
import { parseUlids } from '../common/validation';
import type { KickOperation } from '../types';
import * as getMany from './getMany.operation';

/**
 * Accept and Reject: POST …/redemptions/accept or …/reject. Kick answers only the failures; the
 * output lists every id with its outcome. Safe to repeat (a settled redemption just reports
 * NOT_PENDING).
 */
function settleOperation(action: 'accept' | 'reject'): KickOperation {
	return {
		meta: { token: 'user', scope: 'channel:rewards:write' },
		description: [
			{
				displayName: 'Redemption IDs',
				name: 'redemptionIds',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 01KKPX9C58JEE64HKY8R8JR1RB, 01KKPXE3H0R9K10Q60EVKNAM1Y',
				description: `Pending redemptions to ${action}, separated by commas (1 to ${LIMITS.redemptionIdsPerCall}, no repeats; e.g. the ID of the Kick Trigger's redemption event). Only redemptions of rewards this Kick app created can be changed.`,
			},
		],
		async execute(itemIndex, context) {
			const ids = parseUlids(this, itemIndex, 'Redemption IDs', this.getNodeParameter('redemptionIds', itemIndex), {
				max: LIMITS.redemptionIdsPerCall,
			});
			const response = await context.request(itemIndex, {
				method: 'POST',
				path: `/public/v1/channels/rewards/redemptions/${action}`,
				body: { ids },
				idempotent: true,
			});
			const failures = (Array.isArray(response.data) ? (response.data as IDataObject[]) : []).map((failure) => ({
				id: String(failure.id ?? ''),
				reason: String(failure.reason ?? 'UNKNOWN'),
			}));
			const failed = new Map(failures.map((failure) => [failure.id, failure.reason]));
			const status = action === 'accept' ? 'accepted' : 'rejected';
			return {
				action,
				all_succeeded: failures.length === 0,
				succeeded: ids.filter((id) => !failed.has(id)),
				failures,
				results: ids.map((id) => (failed.has(id) ? { id, status: 'failed', reason: failed.get(id) } : { id, status })),
			};
		},
	};
}

export const operations = { accept: settleOperation('accept'), getMany, reject: settleOperation('reject') };

export const description = resourceDescription('rewardRedemption', operations, 'getMany', [
	{ name: 'Accept', value: 'accept', action: 'Accept reward redemptions', description: 'Approve pending redemptions (up to 25 at once)' },
	{ name: 'Get Many', value: 'getMany', action: 'Get many reward redemptions', description: 'List redemptions by status and reward, or by ID' },
	{ name: 'Reject', value: 'reject', action: 'Reject reward redemptions', description: 'Refuse pending redemptions (up to 25 at once)' },
]);
