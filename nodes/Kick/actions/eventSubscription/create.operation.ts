import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { APP_CREDENTIAL, KICK_EVENT_VERSION } from '../../shared/kick.constants';
import { invalidParameter, parseIntegerIds } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';
import { broadcasterProperty, eventsProperty } from './common';

export const meta: OperationMeta = { token: 'any', scope: 'events:subscribe' };

export const description: INodeProperties[] = [
	{
		displayName:
			'Kick creates a duplicate subscription (and sends every event twice) when asked twice. To keep a set of subscriptions in place, use Reconcile instead.',
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
	eventsProperty,
	broadcasterProperty,
];

/**
 * POST /public/v1/events/subscriptions. Not retried after a 5xx or a dropped connection (it
 * could subscribe twice). Kick answers one result per event; a per-event error is reported on
 * that event's output item.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject[]> {
	const events = this.getNodeParameter('events', itemIndex, []) as string[];
	if (events.length === 0) {
		throw invalidParameter(this, itemIndex, 'Events', 'no event chosen', 'Choose at least one event to subscribe to.');
	}
	const [broadcasterUserId] = parseIntegerIds(this, itemIndex, 'Broadcaster User ID', this.getNodeParameter('broadcasterUserId', itemIndex, ''), {
		required: false,
		max: 1,
	});
	if (context.credentialType === APP_CREDENTIAL && broadcasterUserId === undefined) {
		throw invalidParameter(
			this,
			itemIndex,
			'Broadcaster User ID',
			'is required with an app token',
			"Enter the broadcaster user ID of the channel to subscribe to (an app token can subscribe to any channel), or use a user credential to subscribe to the connected account's own channel.",
		);
	}
	const body: IDataObject = {
		events: events.map((name) => ({ name, version: KICK_EVENT_VERSION })),
		method: 'webhook',
		...(broadcasterUserId === undefined ? {} : { broadcaster_user_id: broadcasterUserId }),
	};
	const response = await context.request(itemIndex, { method: 'POST', path: '/public/v1/events/subscriptions', body, idempotent: false });
	const results = Array.isArray(response.data) ? (response.data as IDataObject[]) : [];
	return results.map((result) => {
		const error = typeof result.error === 'string' && result.error !== '' ? result.error : null;
		return {
			event: result.name,
			version: result.version,
			subscription_id: result.subscription_id ? result.subscription_id : null,
			subscribed: error === null && Boolean(result.subscription_id),
			error,
			...(broadcasterUserId === undefined ? {} : { broadcaster_user_id: broadcasterUserId }),
		};
	});
}
