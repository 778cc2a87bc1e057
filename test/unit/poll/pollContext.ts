/**
 * The context n8n gives poll(), from the shared stand-in (test/support/n8nContext.ts): the
 * Polling Trigger's node, its parameters and static data. test/integration/pollingTrigger.test.ts
 * runs the same node in a real n8n.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { KickEmulator } from '../../emulator';
import { fakeN8nContext } from '../../support/n8nContext';

export interface PollContextOptions {
	emulator: KickEmulator;
	parameters: IDataObject;
	staticData: IDataObject;
	mode?: 'trigger' | 'manual';
	activation?: 'activate' | 'init' | 'update' | 'manual';
	/** Scopes n8n recorded for the user credential (undefined = unknown). */
	grantedScopes?: string[];
	workflowId?: string;
}

export interface FakePollContext {
	context: IPollFunctions;
	logs: Array<{ level: string; message: string }>;
}

export function pollContext(options: PollContextOptions): FakePollContext {
	const fake = fakeN8nContext({
		...options,
		node: { id: 'poll-node', name: 'Kick Polling Trigger', type: 'n8n-nodes-kick.kickPollingTrigger' },
		workflowId: options.workflowId ?? 'wf-poll',
	});
	return { context: fake.context as IPollFunctions, logs: fake.logs };
}
