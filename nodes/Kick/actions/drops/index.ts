import * as getClaims from './getClaims.operation';
import * as updateClaims from './updateClaims.operation';
import { resourceDescription } from '../common/descriptions';

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
