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

/** The Category parameter: pick from a list searched by name, or type its id. */
export function categoryLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	const category = { displayName: 'Category', name: 'category', description: 'The Kick category (what is being streamed)' };
	const id = { placeholder: 'e.g. 15', regex: '^\\d+$', errorMessage: 'Category ids are whole numbers' };
	return listOrIdLocator(category, { searchListMethod: 'searchCategories', searchFilterRequired: true }, id, overrides);
}

/** The Reward parameter: pick from the connected channel's rewards, or type its id. */
export function rewardLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	const reward = { displayName: 'Reward', name: 'reward', description: 'The channel points reward' };
	const id = {
		placeholder: 'e.g. 01KKPX9C58JEE64HKY8R8JR1RB',
		regex: '^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$',
		errorMessage: 'Reward ids are 26 characters long',
	};
	return listOrIdLocator(reward, { searchListMethod: 'searchRewards', searchFilterRequired: false }, id, overrides);
}

/** A resource locator with two modes: a searchable list, or an id checked by a pattern. */
function listOrIdLocator(
	what: { displayName: string; name: string; description: string },
	list: { searchListMethod: string; searchFilterRequired: boolean },
	id: { placeholder: string; regex: string; errorMessage: string },
	overrides: Partial<INodeProperties>,
): INodeProperties {
	return {
		displayName: what.displayName,
		name: what.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: what.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: list.searchListMethod, searchable: true, searchFilterRequired: list.searchFilterRequired },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: id.placeholder,
				validation: [{ type: 'regex', properties: { regex: id.regex, errorMessage: id.errorMessage } }],
			},
		],
		...overrides,
	};
}
