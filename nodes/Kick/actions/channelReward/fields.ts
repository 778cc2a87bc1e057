import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS, REWARD_DEFAULT_BACKGROUND_COLOR } from '../../shared/kick.constants';
import { checkTextLength, invalidParameter, parseBoundedInteger } from '../common/validation';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** Optional reward fields shared by Create and Update (Update adds Paused). */
export function rewardFieldOptions(forUpdate: boolean): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Background Color',
			name: 'backgroundColor',
			type: 'color',
			default: REWARD_DEFAULT_BACKGROUND_COLOR,
			description: 'Color of the reward card, as #RRGGBB',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: `What the viewer gets (at most ${LIMITS.rewardDescriptionMaxLength} characters)`,
		},
		{
			displayName: 'Enabled',
			name: 'isEnabled',
			type: 'boolean',
			default: true,
			description: 'Whether viewers can see and redeem the reward',
		},
		{
			displayName: 'Skip Request Queue',
			name: 'shouldRedemptionsSkipRequestQueue',
			type: 'boolean',
			default: false,
			description: 'Whether redemptions are accepted at once instead of waiting in the queue for Accept or Reject',
		},
		{
			displayName: 'User Input Required',
			name: 'isUserInputRequired',
			type: 'boolean',
			default: false,
			description: 'Whether the viewer must type a text when redeeming',
		},
	];
	if (forUpdate) {
		options.push(
			{
				displayName: 'Cost',
				name: 'cost',
				type: 'number',
				default: 100,
				typeOptions: { minValue: LIMITS.rewardCostMin },
				description: 'Channel points needed to redeem it',
			},
			{
				displayName: 'Paused',
				name: 'isPaused',
				type: 'boolean',
				default: false,
				description: 'Whether the reward is visible but cannot be redeemed for now',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: `The reward's name (at most ${LIMITS.rewardTitleMaxLength} characters)`,
			},
		);
		options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	}
	return options;
}

/** The JSON body for the fields that were set, validated before any request. */
export function rewardBody(context: IExecuteFunctions, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.title !== undefined) {
		body.title = checkTextLength(context, itemIndex, 'Title', String(fields.title), { max: LIMITS.rewardTitleMaxLength, required: true });
	}
	if (fields.cost !== undefined) {
		body.cost = parseBoundedInteger(context, itemIndex, 'Cost', fields.cost, { min: LIMITS.rewardCostMin, unit: 'channel points' });
	}
	if (fields.description !== undefined) {
		body.description = checkTextLength(context, itemIndex, 'Description', String(fields.description), { max: LIMITS.rewardDescriptionMaxLength });
	}
	if (fields.backgroundColor !== undefined) {
		const color = String(fields.backgroundColor).trim();
		if (!HEX_COLOR.test(color)) {
			throw invalidParameter(context, itemIndex, 'Background Color', `'${color.slice(0, 20)}' is not a #RRGGBB color`, 'Use a color like #00e701.');
		}
		body.background_color = color;
	}
	const flags: Array<[string, string]> = [
		['isEnabled', 'is_enabled'],
		['isPaused', 'is_paused'],
		['isUserInputRequired', 'is_user_input_required'],
		['shouldRedemptionsSkipRequestQueue', 'should_redemptions_skip_request_queue'],
	];
	for (const [field, key] of flags) {
		if (fields[field] !== undefined) body[key] = Boolean(fields[field]);
	}
	return body;
}
