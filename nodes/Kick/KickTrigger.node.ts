import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods/listSearch';
import { APP_CREDENTIAL, USER_CREDENTIAL } from './shared/kick.constants';
import { triggerProperties } from './webhook/trigger/description';
import { reconcileSubscriptions, removeOwnSubscriptions, subscriptionsInSync } from './webhook/trigger/lifecycle';
import { recordRanDeliveries } from './webhook/trigger/execute';
import { receiveWebhook, SAMPLES_SENT_MESSAGE } from './webhook/trigger/receive';

/**
 * Starts a workflow when Kick sends an event: verified (RSA signature on the raw body), within
 * the Late Delivery Limit, not a duplicate, and passing the node's filters. Keeps Kick's event subscriptions in
 * step with the node when the workflow is published and unpublished.
 * The logic lives in ./webhook (pure pipeline) and ./webhook/trigger (n8n glue).
 */
export class KickTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kick Trigger',
		name: 'kickTrigger',
		icon: { light: 'file:kick.svg', dark: 'file:kick.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly like 1 (saved workflows at 1 keep working). n8n evaluates an
		// expression (`$parameter.options.binaryData`, a rule of its Webhook node v1) for every
		// request to a start node at typeVersion 1, which takes an expression isolate per delivery;
		// from 1.1 on no expression runs before the trigger's own code.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].includes("*") ? "All events" : $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Kick sends an event: chat, follows, subs, stream status and more. Needs a Kick app and a public HTTPS URL',
		defaults: { name: 'Kick Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: USER_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['userOAuth2'] } } },
			{ name: APP_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['appOAuth2'] } } },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				responseData: 'noData',
			},
			{
				// GET on the same URL: sample events during an editor test, a short text otherwise.
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				responseData: SAMPLES_SENT_MESSAGE,
				ndvHideUrl: true,
			},
		],
		properties: triggerProperties,
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionsInSync.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await reconcileSubscriptions.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeOwnSubscriptions.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveWebhook.call(this);
	}

	/**
	 * The first step of every execution this trigger starts (n8n calls a node's execute() before
	 * its webhook pass-through): the deliveries the items carry are written to the trigger's
	 * persisted delivery log, which n8n saves when the execution ends, and a delivery that already
	 * ran elsewhere (queue mode: another webhook process) goes no further.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [recordRanDeliveries(this)];
	}
}
