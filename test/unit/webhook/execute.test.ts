/**
 * The Kick Trigger's execute() step, the first step of every execution it starts: a delivery
 * whose execution already started in this process ends there (queue mode: two webhook processes
 * ran it), and where the trigger was published the workflow's record is written into the static
 * data n8n saves with the execution.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { RECORD_KEY } from '../../../nodes/Kick/events/record';
import { KickTrigger } from '../../../nodes/Kick/KickTrigger.node';
import { fakeN8nContext, type ContextOptions } from '../../support/n8nContext';

const trigger = new KickTrigger();
let workflowCounter = 0;

async function execute(items: Array<Record<string, unknown>>, staticData: IDataObject, mode = 'webhook', workflowId = `wf-exec-${++workflowCounter}`): Promise<INodeExecutionData[]> {
	const fake = fakeN8nContext({
		node: { name: 'Kick Trigger', type: 'n8n-nodes-kick.kickTrigger' },
		forExecute: true,
		items: items as IDataObject[],
		parameters: { authentication: 'userOAuth2', events: ['chat.message.sent'], options: {} },
		staticData,
		mode: mode as ContextOptions['mode'],
		workflowId,
	});
	return (await trigger.execute.call(fake.context as IExecuteFunctions))[0] as INodeExecutionData[];
}

const kickTimestamp = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
const item = (messageId: string, eventId = messageId) => ({ event: 'chat.message.sent', messageId, eventId, kickTimestamp, receivedAt: new Date().toISOString() });

describe("the Kick Trigger's execute() step", () => {
	it('passes deliveries on and writes the record into the static data publishing left', async () => {
		const staticData: IDataObject = { apiBaseUrl: 'https://api.kick.com', subscriptionIds: ['S1'] };
		expect(await execute([item('M1', 'E1-fingerprint')], staticData)).toHaveLength(1);
		expect(staticData[RECORD_KEY]).toMatchObject({ seq: expect.any(Number), memory: expect.any(String) });
		expect(staticData.subscriptionIds).toEqual(['S1']);
	});

	it('drops a delivery (or a copy of its event) whose execution already started in this process, as on a queue-mode worker', async () => {
		const workflowId = 'wf-worker';
		expect(await execute([item('M2', 'E2')], {}, 'webhook', workflowId)).toHaveLength(1);
		expect(await execute([item('M2', 'E2')], {}, 'webhook', workflowId)).toHaveLength(0);
		expect(await execute([item('M3', 'E2')], {}, 'webhook', workflowId)).toHaveLength(0);
		expect(await execute([item('M4', 'E4')], {}, 'webhook', workflowId)).toHaveLength(1);
	});

	it("does not write into a worker's copy of the static data (it lacks what publishing stored)", async () => {
		const copy: IDataObject = {};
		await execute([item('M5')], copy);
		expect(copy).toEqual({});
	});

	it('lets retries and editor tests through', async () => {
		const workflowId = 'wf-retry';
		expect(await execute([item('M6')], {}, 'webhook', workflowId)).toHaveLength(1);
		expect(await execute([item('M6')], {}, 'retry', workflowId)).toHaveLength(1);
		expect(await execute([item('M6')], {}, 'manual', workflowId)).toHaveLength(1);
	});
});
