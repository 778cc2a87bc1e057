import type { INodeProperties } from 'n8n-workflow';

import * as user from './user';
import type { KickOperation } from './types';

/**
 * Every resource of the Kick node: its operation list, parameters and implementations.
 * Adding a resource means adding its folder and one line here.
 */
export const resources: Record<string, { name: string; description: string; module: { operations: Record<string, KickOperation>; description: INodeProperties[] } }> = {
	user: { name: 'User', description: 'Kick users', module: user },
};

export function findOperation(resource: string, operation: string): KickOperation | undefined {
	return resources[resource]?.module.operations[operation];
}
