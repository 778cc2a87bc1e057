import type { IDataObject } from 'n8n-workflow';

import { APP_CREDENTIAL, KICK_EVENT_VERSION, UNCONFIRMED } from '../../shared/kick.constants';
import { chunk } from '../../transport';
import { resourceDescription } from '../common/descriptions';
import { invalidParameter, parseIntegerIds, parseUlids } from '../common/validation';
import type { KickOperation } from '../types';
import { broadcasterProperty, eventsProperty } from './common';
import * as reconcile from './reconcile.operation';

/**
 * POST /public/v1/events/subscriptions. Not retried after a 5xx or a dropped connection (it
 * could subscribe twice). Kick answers one result per event; a per-event error is reported on
 * that event's output item.
 */
const create: KickOperation = {
	meta: { token: 'any', scope: 'events:subscribe' },
	description: [
		{
			displayName:
				'Kick creates a duplicate subscription (and sends every event twice) when asked twice. To keep a set of subscriptions in place, use Reconcile instead.',
			name: 'createNotice',
			type: 'notice',
			default: '',
		},
		eventsProperty,
		broadcasterProperty,
	],
	async execute(itemIndex, context) {
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
	},
};

/** DELETE /public/v1/events/subscriptions?id=…&id=… (204). */
const deleteSubscription: KickOperation = {
	meta: { token: 'any', scope: 'events:subscribe' },
	description: [
		{
			displayName: 'Subscription IDs',
			name: 'subscriptionIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 01KJMDEB801R3RS66KMMSCWRNE',
			description: `Subscriptions to delete, separated by commas (the ID field of Get Many). Sent ${UNCONFIRMED.subscriptionIdsPerDelete} per request, since Kick does not document a maximum.`,
		},
	],
	async execute(itemIndex, context) {
		const ids = parseUlids(this, itemIndex, 'Subscription IDs', this.getNodeParameter('subscriptionIds', itemIndex));
		for (const part of chunk(ids, UNCONFIRMED.subscriptionIdsPerDelete)) {
			await context.request(itemIndex, { method: 'DELETE', path: '/public/v1/events/subscriptions', qs: { id: part } });
		}
		return { deleted: true, ids };
	},
};

/** GET /public/v1/events/subscriptions: one output item per subscription. */
const getMany: KickOperation = {
	meta: { token: 'any' },
	description: [
		{
			...broadcasterProperty,
			description: "Only subscriptions for this channel's broadcaster user ID. Leave empty for all of the app's subscriptions (with a user token: those for the connected account).",
		},
	],
	async execute(itemIndex, context) {
		const [broadcasterUserId] = parseIntegerIds(this, itemIndex, 'Broadcaster User ID', this.getNodeParameter('broadcasterUserId', itemIndex, ''), {
			required: false,
			max: 1,
		});
		const qs: IDataObject = broadcasterUserId === undefined ? {} : { broadcaster_user_id: broadcasterUserId };
		const body = await context.request(itemIndex, { method: 'GET', path: '/public/v1/events/subscriptions', qs });
		return (body.data as IDataObject[] | undefined) ?? [];
	},
};

export const operations = { create, delete: deleteSubscription, getMany, reconcile };

export const description = resourceDescription('eventSubscription', operations, 'getMany', [
	{ name: 'Create', value: 'create', action: 'Create event subscriptions', description: 'Subscribe the Kick app to events of a channel' },
	{ name: 'Delete', value: 'delete', action: 'Delete event subscriptions', description: 'Remove event subscriptions by ID' },
	{ name: 'Get Many', value: 'getMany', action: 'Get many event subscriptions', description: "List the Kick app's event subscriptions" },
	{
		name: 'Reconcile',
		value: 'reconcile',
		action: 'Reconcile event subscriptions',
		description: 'Make the subscriptions match a list of events: create what is missing, delete duplicates, never subscribe twice',
	},
]);
