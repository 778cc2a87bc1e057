import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { invalidParameter, parseUlids } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';

export const meta: OperationMeta = { token: 'app' };

export const description: INodeProperties[] = [
	{
		displayName: 'Claim IDs',
		name: 'claimIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 01KKQ5T1R0444QM40YSQ6ESQ65',
		description: `Claims to update, separated by commas (at most ${LIMITS.dropsClaimsPerUpdate})`,
	},
	{
		displayName: 'External Status',
		name: 'externalStatus',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. fulfilled',
		description: "The status your game or shop gives these claims (Kick stores it as given; new claims are 'initiated')",
	},
];

/** PATCH /public/v1/drops/claims (204) with `{ claims: [{ claim_id, external_status }] }`. */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const ids = parseUlids(this, itemIndex, 'Claim IDs', this.getNodeParameter('claimIds', itemIndex), { max: LIMITS.dropsClaimsPerUpdate });
	const externalStatus = String(this.getNodeParameter('externalStatus', itemIndex, '')).trim();
	if (externalStatus === '') {
		throw invalidParameter(this, itemIndex, 'External Status', 'is empty', 'Enter the status to store on the claims, e.g. fulfilled.');
	}
	const claims = ids.map((claimId) => ({ claim_id: claimId, external_status: externalStatus }));
	await context.request(itemIndex, { method: 'PATCH', path: '/public/v1/drops/claims', body: { claims } });
	return { updated: true, claims };
}
