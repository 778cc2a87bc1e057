import type { INodeProperties } from 'n8n-workflow';

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

const CHANNEL_URL_REGEX = '(?:https?://)?(?:www\\.)?kick\\.com/([A-Za-z0-9_-]{1,25})(?:[/?#].*)?';

/** A channel as a resource locator: searchable list, slug, URL or broadcaster id. */
export function channelLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Channel',
		name: 'channel',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Kick channel',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchChannels', searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By Slug',
				name: 'slug',
				type: 'string',
				placeholder: 'e.g. neonvale',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^@?[A-Za-z0-9_-]{1,25}$', errorMessage: 'Not a Kick channel slug (letters, digits, - or _, up to 25)' },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://kick.com/neonvale',
				extractValue: { type: 'regex', regex: CHANNEL_URL_REGEX },
				validation: [
					{ type: 'regex', properties: { regex: CHANNEL_URL_REGEX, errorMessage: 'Not a Kick channel URL (https://kick.com/<slug>)' } },
				],
			},
			{
				displayName: 'By Broadcaster ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2841377',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'Broadcaster ids are whole numbers' } }],
			},
		],
		...overrides,
	};
}

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
