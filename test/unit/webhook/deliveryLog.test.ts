import type { IDataObject } from 'n8n-workflow';

import { DedupRegistry } from '../../../nodes/Kick/webhook/dedup';
import { DELIVERY_LOG_KEY, DeliveryLog } from '../../../nodes/Kick/webhook/trigger/deliveryLog';

const TTL = 600_000;

function stores(scope = 's') {
	return new DedupRegistry().forScope(scope, TTL);
}

describe('DeliveryLog', () => {
	it('writes every recorded delivery into the static data, compactly, and a new process reads it back', () => {
		const staticData: IDataObject = {};
		const log = new DeliveryLog();
		log.add({ messageId: 'MSG-1', fingerprint: 'abcdefabcdefabcd', expiresAt: 1_000_000 }, 0);
		log.writeTo(staticData, 0);
		log.add({ messageId: 'MSG-2', expiresAt: 1_200_000 }, 10);
		log.writeTo(staticData, 10);
		const stored = staticData[DELIVERY_LOG_KEY] as { entries: string; seq: number };
		expect(stored.entries.split('\n')).toEqual([`${(1000).toString(36)} MSG-1 abcdefabcdefabcd`, `${(1200).toString(36)} MSG-2`]);
		expect(stored.seq).toBe(2);

		// Another process (or the next one after a restart): a different writer, so it merges.
		const restarted = stores();
		const writtenByOther = { [DELIVERY_LOG_KEY]: { ...(stored as object), writer: 'previous-process' } } as IDataObject;
		const next = new DeliveryLog();
		next.hydrate(writtenByOther, restarted, 500_000);
		expect(restarted.messageIds.has('MSG-1', 500_001)).toBe(true);
		expect(restarted.payloads.has('abcdefabcdefabcd', 500_001)).toBe(true);
		expect(restarted.messageIds.has('MSG-2', 500_001)).toBe(true);
		expect(next.size).toBe(2);
		// Expired entries are not restored.
		const later = stores('later');
		new DeliveryLog().hydrate(writtenByOther, later, 1_100_000);
		expect(later.messageIds.has('MSG-1', 1_100_001)).toBe(false);
		expect(later.messageIds.has('MSG-2', 1_100_001)).toBe(true);
	});

	it("keeps other writers' entries in its own writes (the last write wins, so each write holds the whole log)", () => {
		const dedup = stores();
		const log = new DeliveryLog();
		const fromOther = { [DELIVERY_LOG_KEY]: { writer: 'other', seq: 7, entries: `${(900).toString(36)} OTHER-1` } } as IDataObject;
		log.hydrate(fromOther, dedup, 0);
		log.add({ messageId: 'MINE-1', expiresAt: 800_000 }, 1);
		log.writeTo(fromOther, 1);
		const entries = (fromOther[DELIVERY_LOG_KEY] as { entries: string }).entries;
		expect(entries).toContain('OTHER-1');
		expect(entries).toContain('MINE-1');
	});

	it("does not re-read its own writes or a log it already merged", () => {
		const dedup = stores();
		const log = new DeliveryLog();
		const staticData: IDataObject = { [DELIVERY_LOG_KEY]: { writer: 'other', seq: 1, entries: `${(900).toString(36)} A` } };
		log.hydrate(staticData, dedup, 0);
		dedup.messageIds.forget('A');
		log.hydrate(staticData, dedup, 0);
		expect(dedup.messageIds.has('A', 1)).toBe(false);
	});

	it('drops expired entries from what it writes', () => {
		const staticData: IDataObject = {};
		const log = new DeliveryLog();
		log.add({ messageId: 'OLD', expiresAt: 1000 }, 0);
		log.writeTo(staticData, 0);
		log.add({ messageId: 'NEW', expiresAt: 100_000 }, 6000);
		log.writeTo(staticData, 6000);
		const entries = (staticData[DELIVERY_LOG_KEY] as { entries: string }).entries;
		expect(entries).not.toContain('OLD');
		expect(entries).toContain('NEW');
	});

	it('ignores a malformed stored value', () => {
		const dedup = stores();
		const log = new DeliveryLog();
		log.hydrate({ [DELIVERY_LOG_KEY]: 'garbage' }, dedup, 0);
		log.hydrate({ [DELIVERY_LOG_KEY]: { writer: 'x', seq: 1, entries: 'nonsense\n \nzz' } }, dedup, 0);
		expect(dedup.messageIds.size).toBe(0);
	});
});

describe("the trigger's execute() step (recordRanDeliveries)", () => {
	const { recordRanDeliveries } = require('../../../nodes/Kick/webhook/trigger/deliveryLog') as typeof import('../../../nodes/Kick/webhook/trigger/deliveryLog');
	let workflowCounter = 0;

	function context(items: Array<Record<string, unknown>>, staticData: IDataObject, mode = 'webhook', workflowId = `wf-${++workflowCounter}`) {
		return {
			getMode: () => mode,
			getInputData: () => items.map((json) => ({ json })),
			getNodeParameter: () => ({}),
			getWorkflow: () => ({ id: workflowId }),
			getNode: () => ({ id: 'node-1', parameters: {} }),
			getWorkflowStaticData: () => staticData,
		} as unknown as Parameters<typeof recordRanDeliveries>[0];
	}

	const item = (messageId: string, eventId = messageId) => ({ event: 'chat.message.sent', messageId, eventId, receivedAt: new Date().toISOString() });

	it('passes deliveries on and writes them into the real static data', () => {
		const staticData: IDataObject = { apiBaseUrl: 'https://api.kick.com', subscriptionIds: ['S1'] };
		expect(recordRanDeliveries(context([item('M1', 'E1')], staticData))).toHaveLength(1);
		expect((staticData[DELIVERY_LOG_KEY] as { entries: string }).entries).toMatch(/ M1 E1$/);
		expect(staticData.subscriptionIds).toEqual(['S1']);
	});

	it('drops a delivery (or a copy of its event) whose execution already started in this process, as on a queue-mode worker', () => {
		const workflowId = 'wf-worker';
		const copy = () => context([item('M2', 'E2')], {}, 'webhook', workflowId);
		expect(recordRanDeliveries(copy())).toHaveLength(1);
		expect(recordRanDeliveries(copy())).toHaveLength(0);
		expect(recordRanDeliveries(context([item('M3', 'E2')], {}, 'webhook', workflowId))).toHaveLength(0);
		expect(recordRanDeliveries(context([item('M4', 'E4')], {}, 'webhook', workflowId))).toHaveLength(1);
	});

	it("does not write into a worker's copy of the static data (it lacks what publishing stored)", () => {
		const copy: IDataObject = {};
		recordRanDeliveries(context([item('M5')], copy));
		expect(copy).toEqual({});
	});

	it('drops a delivery the stored log says ran; lets retries and editor tests through', () => {
		const stored: IDataObject = { apiBaseUrl: 'x', [DELIVERY_LOG_KEY]: { writer: 'other', seq: 1, entries: `${Math.ceil(Date.now() / 1000 + 600).toString(36)} M6` } };
		expect(recordRanDeliveries(context([item('M6')], stored))).toHaveLength(0);
		expect(recordRanDeliveries(context([item('M6')], stored, 'retry'))).toHaveLength(1);
		expect(recordRanDeliveries(context([item('M6')], stored, 'manual'))).toHaveLength(1);
	});

	it("reads each trigger's own stored log, also when two logs look alike (same writer, sequence and length)", () => {
		const expiry = Math.ceil(Date.now() / 1000 + 600).toString(36);
		const logOf = (id: string): IDataObject => ({ apiBaseUrl: 'x', [DELIVERY_LOG_KEY]: { writer: 'this-process', seq: 3, entries: `${expiry} ${id}` } });
		expect(recordRanDeliveries(context([item('M7')], logOf('M7')))).toHaveLength(0);
		expect(recordRanDeliveries(context([item('M7')], logOf('M8')))).toHaveLength(1);
	});
});
