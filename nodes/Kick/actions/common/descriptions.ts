import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { KickOperation } from '../types';

/**
 * A resource's Operation parameter, then each operation's own parameters, shown only for that
 * resource and operation.
 */
export function resourceDescription(
	resource: string,
	operations: Record<string, KickOperation>,
	defaultOperation: string,
	options: INodePropertyOptions[],
): INodeProperties[] {
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
	const shownFor = ([operation, { description }]: [string, KickOperation]) =>
		updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, description ?? []);
	return [operationProperty, ...Object.entries(operations).flatMap(shownFor)];
}

/** "Return All" + "Limit" for every list operation. */
export function returnAllOrLimit(max = 1000): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: max },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** A category as a resource locator: searchable list or id. */
export function categoryLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Category',
		name: 'category',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Kick category (what is being streamed)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCategories', searchable: true, searchFilterRequired: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 15',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'Category ids are whole numbers' } }],
			},
		],
		...overrides,
	};
}

/** A channel reward as a resource locator: searchable list or id. */
export function rewardLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Reward',
		name: 'reward',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The channel points reward',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRewards', searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 01KKPX9C58JEE64HKY8R8JR1RB',
				validation: [
					{ type: 'regex', properties: { regex: '^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$', errorMessage: 'Reward ids are 26 characters long' } },
				],
			},
		],
		...overrides,
	};
}
