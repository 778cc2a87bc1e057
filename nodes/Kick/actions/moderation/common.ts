import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { channelBroadcasterId } from '../common/channels';
import { checkTextLength, parseIntegerId } from '../common/validation';
import type { OperationContext } from '../types';
import { channelLocator } from '../../shared/channelRef';

/** Channel + user, shared by Ban, Timeout and Unban. */
export const targetProperties: INodeProperties[] = [
	channelLocator({ description: 'The channel whose chat the user is moderated in. The connected account must be its broadcaster or a moderator.' }),
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 99120458',
		description: "The Kick user ID of the person to moderate (e.g. sender.user_id from the Kick Trigger's chat event)",
	},
];

export const reasonProperty: INodeProperties = {
	displayName: 'Reason',
	name: 'reason',
	type: 'string',
	default: '',
	placeholder: 'e.g. spam',
	description: `Why, shown to moderators (at most ${LIMITS.banReasonMaxLength} characters)`,
};

/** Reads the user id and reason first, then resolves the channel (a slug costs one lookup). */
export async function banBody(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
	withReason: boolean,
): Promise<IDataObject> {
	const userId = parseIntegerId(this, itemIndex, 'User ID', this.getNodeParameter('userId', itemIndex));
	const body: IDataObject = {};
	if (withReason) {
		const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '');
		checkTextLength(this, itemIndex, 'Reason', reason, { max: LIMITS.banReasonMaxLength });
		if (reason.trim() !== '') body.reason = reason;
	}
	return {
		broadcaster_user_id: await channelBroadcasterId.call(this, context, itemIndex),
		user_id: userId,
		...body,
	};
}
