import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationContext, OperationMeta } from '../types';
import { redemptionIdsProperty, settleRedemptions } from './settle';

export const meta: OperationMeta = { token: 'user', scope: 'channel:rewards:write' };

export const description: INodeProperties[] = [redemptionIdsProperty('accept')];

/** POST /public/v1/channels/rewards/redemptions/accept. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	return await settleRedemptions.call(this, itemIndex, context, 'accept');
}
