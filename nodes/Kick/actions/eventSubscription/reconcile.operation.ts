import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { atItem } from '../../client/client';
import { APP_CREDENTIAL, type KickEventType } from '../../shared/kick.constants';
import {
	applyReconcile,
	desiredTargets,
	listSubscriptions,
	reconcileFailureError,
	stillUnlisted,
	trustedUnlisted,
	unlistedAdvice,
	type UnlistedSubscription,
} from '../../subscriptions';
import { invalidParameter, parseIntegerIds } from '../common/validation';
import type { OperationContext, OperationMeta } from '../types';
import { eventsProperty } from './common';

/** Where the operation remembers the subscriptions Kick confirmed but did not list. */
const UNLISTED_KEY = 'unlistedSubscriptions';

export const meta: OperationMeta = { token: 'any', scope: 'events:subscribe' };

export const description: INodeProperties[] = [
	{
		...eventsProperty,
		description: 'The events the Kick app must be subscribed to. Missing ones are created, identical copies (which would deliver every event twice) are deleted.',
	},
	{
		displayName: 'Broadcaster User IDs',
		name: 'broadcasterUserIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2841377, 52266901',
		description:
			"The channels to subscribe to, as broadcaster user IDs separated by commas. Required with an app token; leave empty with a user token (Kick then uses the connected account's channel).",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Delete Other Subscriptions',
				name: 'deleteOthers',
				type: 'boolean',
				default: false,
				description:
					"Whether to also delete this app's subscriptions on these channels for events not chosen above, so the channels end up with exactly these events",
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to only report what would change, without creating or deleting anything',
			},
			{
				displayName: 'Keep Duplicates',
				name: 'keepDuplicates',
				type: 'boolean',
				default: false,
				description: 'Whether to leave identical copies of a subscription in place (each copy makes Kick deliver every event again)',
			},
		],
	},
];

/**
 * GET /public/v1/events/subscriptions (twice: once to know what exists, once inside the shared
 * reconcile), then POST what is missing and DELETE extra copies
 * (nodes/Kick/subscriptions/, the same logic the Kick Trigger uses). Outputs the report; if Kick
 * refuses some events, the error lists them (the accepted ones are kept).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject> {
	const credentialType = context.credentialType!;
	const events = this.getNodeParameter('events', itemIndex, []) as KickEventType[];
	if (events.length === 0) {
		throw invalidParameter(this, itemIndex, 'Events', 'no event chosen', 'Choose at least one event the app must be subscribed to.');
	}
	const broadcasters = parseIntegerIds(this, itemIndex, 'Broadcaster User IDs', this.getNodeParameter('broadcasterUserIds', itemIndex, ''), {
		required: false,
	});
	const isApp = credentialType === APP_CREDENTIAL;
	if (isApp && broadcasters.length === 0) {
		throw invalidParameter(
			this,
			itemIndex,
			'Broadcaster User IDs',
			'is required with an app token',
			"Enter the broadcaster user IDs of the channels to subscribe to, or use a user credential for the connected account's own channel.",
		);
	}
	if (!isApp && broadcasters.length > 0) {
		throw invalidParameter(
			this,
			itemIndex,
			'Broadcaster User IDs',
			'must be empty with a user token',
			"A user token can only subscribe to the connected account's own channel. Clear the field, or use the Kick App OAuth2 API credential to subscribe to other channels.",
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const desired = desiredTargets(events, isApp ? broadcasters : 'self');
	// The node keeps no record between runs, so every subscription the app already has on these
	// channels counts as its own: identical ones are kept (not "adopted"), and with "Delete Other
	// Subscriptions" the ones for events not chosen are removed.
	const client = atItem(context, itemIndex);
	const ownedIds = (await listSubscriptions(client, isApp ? broadcasters : [])).map((subscription) => subscription.id);
	// Subscriptions Kick confirmed to an earlier run but did not list (KickDevDocs#419), kept in
	// the workflow's static data (n8n saves it for runs of a published workflow, not manual runs).
	const staticData = this.getWorkflowStaticData('node');
	const unlisted = trustedUnlisted(staticData[UNLISTED_KEY] as UnlistedSubscription[] | undefined, Date.now());
	const report = await applyReconcile(client, {
		desired,
		ownedIds: [...ownedIds, ...unlisted.map((entry) => entry.id)],
		removeDuplicates: options.keepDuplicates !== true,
		removeStaleOwned: options.deleteOthers === true,
		dryRun: options.dryRun === true,
		unlisted,
	});
	if (!report.dryRun) staticData[UNLISTED_KEY] = stillUnlisted(unlisted, report, Date.now()) as unknown as IDataObject[];
	if (report.failed.length > 0) throw reconcileFailureError(this.getNode(), report);
	const notListed = [...report.createdButNotListed, ...report.notListedYet];
	return { ...report, ...(notListed.length > 0 ? { advice: unlistedAdvice(notListed) } : {}) } as unknown as IDataObject;
}
