import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/kick.constants';
import { channelLocator } from '../../shared/channelRef';
import { channelBroadcasterId } from '../common/channels';
import { resourceDescription } from '../common/descriptions';
import { checkTextLength, parseBoundedInteger, parseIntegerId } from '../common/validation';
import type { KickOperation, OperationContext, OperationMeta } from '../types';

/** Channel + user, shared by Ban, Timeout and Unban. */
const targetProperties: INodeProperties[] = [
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

const reasonProperty: INodeProperties = {
	displayName: 'Reason',
	name: 'reason',
	type: 'string',
	default: '',
	placeholder: 'e.g. spam',
	description: `Why, shown to moderators (at most ${LIMITS.banReasonMaxLength} characters)`,
};

/** Reads the user id and reason first, then resolves the channel (a slug costs one lookup). */
async function banBody(
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

const meta: OperationMeta = { token: 'user', scope: 'moderation:ban' };

/** POST /public/v1/moderation/bans without a duration: a permanent ban. Safe to repeat. */
const ban: KickOperation = {
	meta,
	description: [...targetProperties, reasonProperty],
	async execute(itemIndex, context) {
		const body = await banBody.call(this, itemIndex, context, true);
		await context.request(itemIndex, { method: 'POST', path: '/public/v1/moderation/bans', body, idempotent: true });
		return { banned: true, permanent: true, ...body };
	},
};

/** POST /public/v1/moderation/bans with `duration` in minutes. Safe to repeat. */
const timeout: KickOperation = {
	meta,
	description: [
		...targetProperties,
		{
			displayName: 'Duration (Minutes)',
			name: 'duration',
			type: 'number',
			required: true,
			default: 10,
			typeOptions: { minValue: LIMITS.banDurationMinMinutes, maxValue: LIMITS.banDurationMaxMinutes },
			description: `How long the user cannot chat, in minutes: ${LIMITS.banDurationMinMinutes} to ${LIMITS.banDurationMaxMinutes} (7 days)`,
		},
		reasonProperty,
	],
	async execute(itemIndex, context) {
		const duration = parseBoundedInteger(this, itemIndex, 'Duration (Minutes)', this.getNodeParameter('duration', itemIndex), {
			min: LIMITS.banDurationMinMinutes,
			max: LIMITS.banDurationMaxMinutes,
			unit: 'minutes',
		});
		const target = await banBody.call(this, itemIndex, context, true);
		const body = { ...target, duration };
		await context.request(itemIndex, { method: 'POST', path: '/public/v1/moderation/bans', body, idempotent: true });
		return { timed_out: true, ...body };
	},
};

/** DELETE /public/v1/moderation/bans with a JSON body: lifts a ban or a timeout. */
const unban: KickOperation = {
	meta,
	description: targetProperties,
	async execute(itemIndex, context) {
		const body = await banBody.call(this, itemIndex, context, false);
		await context.request(itemIndex, { method: 'DELETE', path: '/public/v1/moderation/bans', body });
		return { unbanned: true, ...body };
	},
};

export const operations = { ban, timeout, unban };

export const description = resourceDescription('moderation', operations, 'ban', [
	{ name: 'Ban', value: 'ban', action: 'Ban a user', description: "Ban a user from a channel's chat permanently" },
	{ name: 'Timeout', value: 'timeout', action: 'Time out a user', description: "Keep a user out of a channel's chat for some minutes" },
	{ name: 'Unban', value: 'unban', action: 'Unban a user', description: 'Lift a ban or a timeout' },
]);
