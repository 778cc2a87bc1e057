import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { parseBoundedInteger } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';
import { banBody, reasonProperty, targetProperties } from './common';

export const meta: OperationMeta = { token: 'user', scope: 'moderation:ban' };

export const description: INodeProperties[] = [
	...targetProperties,
	{
		displayName: 'Duration (Minutes)',
		name: 'duration',
		type: 'number',
		required: true,
		default: 10,
		typeOptions: { minValue: LIMITS.banDurationMinMinutes, maxValue: LIMITS.banDurationMaxMinutes },
		description: `How long the user cannot chat, in minutes: ${LIMITS.banDurationMinMinutes} to ${LIMITS.banDurationMaxMinutes} (7 days)`,
	},
	reasonProperty,
];

/** POST /public/v1/moderation/bans with `duration` in minutes. Safe to repeat. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const duration = parseBoundedInteger(this, itemIndex, 'Duration (Minutes)', this.getNodeParameter('duration', itemIndex), {
		min: LIMITS.banDurationMinMinutes,
		max: LIMITS.banDurationMaxMinutes,
		unit: 'minutes',
	});
	const target = await banBody.call(this, itemIndex, context, true);
	const body = { ...target, duration };
	await context.request(itemIndex, { method: 'POST', path: '/public/v1/moderation/bans', body, idempotent: true });
	return { timed_out: true, ...body };
}
