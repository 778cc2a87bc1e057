import * as getMany from './getMany.operation';
import { settleOperation } from './settle';
import { resourceDescription } from '../common/descriptions';

export const operations = { accept: settleOperation('accept'), getMany, reject: settleOperation('reject') };

export const description = resourceDescription('rewardRedemption', operations, 'getMany', [
	{ name: 'Accept', value: 'accept', action: 'Accept reward redemptions', description: 'Approve pending redemptions (up to 25 at once)' },
	{ name: 'Get Many', value: 'getMany', action: 'Get many reward redemptions', description: 'List redemptions by status and reward, or by ID' },
	{ name: 'Reject', value: 'reject', action: 'Reject reward redemptions', description: 'Refuse pending redemptions (up to 25 at once)' },
]);
