import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollTriggerProperties } from './poll/description';
import { pollKick } from './poll/trigger';
import { APP_CREDENTIAL, USER_CREDENTIAL } from './shared/kick.constants';

/**
 * Starts a workflow when something changed on Kick since the last check: a stream went live
 * or ended, its title or category changed, a reward was redeemed, the KICKs leaderboard moved.
 * Asks Kick's official API on n8n's poll schedule, so it needs no public URL.
 * The logic lives in ./poll.
 */
export class KickPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kick Polling Trigger',
		name: 'kickPollingTrigger',
		icon: { light: 'file:kick.svg', dark: 'file:kick.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a Kick stream goes live or ends, its title changes, or rewards and KICKs come in, by checking Kick on a schedule (no public URL needed)',
		defaults: { name: 'Kick Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: USER_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['userOAuth2'] } } },
			{ name: APP_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['appOAuth2'] } } },
		],
		properties: pollTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollKick.call(this);
	}
}
