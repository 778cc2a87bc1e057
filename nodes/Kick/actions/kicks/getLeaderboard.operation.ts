import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { parseBoundedInteger } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'user', scope: 'kicks:read' };

export const description: INodeProperties[] = [
	{
		displayName: 'Top',
		name: 'top',
		type: 'number',
		// Literal for the linter; a unit test keeps it equal to UNCONFIRMED.leaderboardTopDefault.
		default: 10,
		typeOptions: { minValue: 1, maxValue: LIMITS.leaderboardTopMax },
		description: `How many gifters to list per period, 1 to ${LIMITS.leaderboardTopMax} (bounds from a single source; Kick does not document them)`,
	},
];

/** GET /public/v1/kicks/leaderboard?top=…: lifetime, month and week lists of the connected account's channel. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const top = parseBoundedInteger(this, itemIndex, 'Top', this.getNodeParameter('top', itemIndex), { min: 1, max: LIMITS.leaderboardTopMax });
	const body = await context.request(itemIndex, { method: 'GET', path: '/public/v1/kicks/leaderboard', qs: { top } });
	return (body.data as IDataObject | undefined) ?? {};
}
