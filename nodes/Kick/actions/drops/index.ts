import { LIMITS } from '../../shared/kick.constants';
import { resourceDescription } from '../common/descriptions';
import { invalidParameter, parseUlids } from '../common/validation';
import type { KickOperation } from '../types';
import * as getClaims from './getClaims.operation';

/** PATCH /public/v1/drops/claims (204) with `{ claims: [{ claim_id, external_status }] }`. */
const updateClaims: KickOperation = {
	meta: { token: 'app' },
	description: [
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
	],
	async execute(itemIndex, context) {
		const ids = parseUlids(this, itemIndex, 'Claim IDs', this.getNodeParameter('claimIds', itemIndex), { max: LIMITS.dropsClaimsPerUpdate });
		const externalStatus = String(this.getNodeParameter('externalStatus', itemIndex, '')).trim();
		if (externalStatus === '') {
			throw invalidParameter(this, itemIndex, 'External Status', 'is empty', 'Enter the status to store on the claims, e.g. fulfilled.');
		}
		const claims = ids.map((claimId) => ({ claim_id: claimId, external_status: externalStatus }));
		await context.request(itemIndex, { method: 'PATCH', path: '/public/v1/drops/claims', body: { claims } });
		return { updated: true, claims };
	},
};

export const operations = { getClaims, updateClaims };

export const description = resourceDescription('drops', operations, 'getClaims', [
	{
		name: 'Get Claims',
		value: 'getClaims',
		action: 'Get drops claims',
		description: "List viewers' drops reward claims (Kick organization apps only, with the app credential)",
	},
	{
		name: 'Update Claims',
		value: 'updateClaims',
		action: 'Update drops claims',
		description: 'Set the external status of drops claims, e.g. once the reward was delivered in game',
	},
]);
