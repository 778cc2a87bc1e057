import type { IDataObject } from 'n8n-workflow';

import { fingerprintKey, messageKey } from '../../../nodes/Kick/webhook/dedup';
import { DeliveryMemory } from '../../../nodes/Kick/webhook/memory';
import { DELIVERY_LOG_KEY, DeliveryLog } from '../../../nodes/Kick/webhook/trigger/deliveryLog';
import { recordRanDeliveries } from '../../../nodes/Kick/webhook/trigger/execute';
import { fakeN8nContext, type ContextOptions } from '../../support/n8nContext';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-04T12:00:00Z');
const LIMIT = 24 * HOUR;

interface Stored {
	writer: string;
	seq: number;
	floor: string;
	entries: string;
}

const stored = (staticData: IDataObject) => staticData[DELIVERY_LOG_KEY] as unknown as Stored;
const fromAnotherProcess = (staticData: IDataObject): IDataObject => ({ [DELIVERY_LOG_KEY]: { ...stored(staticData), writer: 'previous-process' } });

describe('DeliveryLog', () => {
	it('writes what ran into the static data by signed second, and a new process reads it back into its memory', () => {
		const staticData: IDataObject = {};
		const log = new DeliveryLog(LIMIT);
		log.add({ keys: ['AAAAAAAAAAA', 'BBBBBBBBBBB'], timestampMs: NOW - 15 * 60_000 }, NOW);
		log.writeTo(staticData, NOW);
		log.add({ keys: ['CCCCCCCCCCC'], timestampMs: NOW }, NOW);
		log.writeTo(staticData, NOW);
		expect(stored(staticData).entries.split('\n')).toEqual([
			`${Math.floor((NOW - 15 * 60_000) / 1000).toString(36)} AAAAAAAAAAA BBBBBBBBBBB`,
			`${Math.floor(NOW / 1000).toString(36)} CCCCCCCCCCC`,
		]);
		expect(stored(staticData).seq).toBe(2);
		expect(stored(staticData).floor).toBe('');

		// The next process after a restart: a different writer, so it merges.
		const memory = new DeliveryMemory({ limitMs: LIMIT });
		const next = new DeliveryLog(LIMIT);
		next.hydrate(fromAnotherProcess(staticData), memory, NOW + HOUR);
		for (const key of ['AAAAAAAAAAA', 'BBBBBBBBBBB', 'CCCCCCCCCCC']) {
			expect(memory.has(key)).toBe(true);
			expect(next.ranAny([key])).toBe(true);
		}
	});

	it('stays within its bound: the oldest seconds go, and the floor it stores covers them after a restart', () => {
		const staticData: IDataObject = {};
		const log = new DeliveryLog(LIMIT, 10);
		for (let n = 0; n < 30; n++) log.add({ keys: [`key${String(n).padStart(8, '0')}`], timestampMs: NOW - HOUR + n * 1000 }, NOW);
		log.writeTo(staticData, NOW);
		expect(stored(staticData).entries.split('\n')).toHaveLength(10);
		const memory = new DeliveryMemory({ limitMs: LIMIT });
		new DeliveryLog(LIMIT).hydrate(fromAnotherProcess(staticData), memory, NOW);
		// Not remembered, so not decided: every delivery signed up to the 20th second.
		expect(memory.judge(NOW - HOUR + 19 * 1000, NOW)).toBe('beyond-memory');
		expect(memory.judge(NOW - HOUR + 19 * 1000 + 500, NOW)).toBe('beyond-memory');
		expect(memory.has('key00000020')).toBe(true);
		expect(memory.judge(NOW - HOUR + 20 * 1000, NOW)).toBe('ok');
	});

	it("keeps other writers' entries in its own writes (the last write wins, so each write holds the whole log)", () => {
		const memory = new DeliveryMemory({ limitMs: LIMIT });
		const log = new DeliveryLog(LIMIT);
		const staticData = { [DELIVERY_LOG_KEY]: { writer: 'other', seq: 7, floor: '', entries: `${Math.floor(NOW / 1000).toString(36)} OTHER000001` } } as IDataObject;
		log.hydrate(staticData, memory, NOW);
		log.add({ keys: ['MINE0000001'], timestampMs: NOW }, NOW);
		log.writeTo(staticData, NOW);
		expect(stored(staticData).entries).toContain('OTHER000001');
		expect(stored(staticData).entries).toContain('MINE0000001');
	});

	it('does not re-read its own writes or a log it already merged', () => {
		const memory = new DeliveryMemory({ limitMs: LIMIT });
		const log = new DeliveryLog(LIMIT);
		const staticData: IDataObject = { [DELIVERY_LOG_KEY]: { writer: 'other', seq: 1, floor: '', entries: `${Math.floor(NOW / 1000).toString(36)} A0000000000` } };
		log.hydrate(staticData, memory, NOW);
		memory.forget('A0000000000');
		log.hydrate(staticData, memory, NOW);
		expect(memory.has('A0000000000')).toBe(false);
	});

	it('leaves out what is past the Late Delivery Limit', () => {
		const staticData: IDataObject = {};
		const log = new DeliveryLog(LIMIT);
		log.add({ keys: ['OLD00000000'], timestampMs: NOW - 23 * HOUR }, NOW);
		log.add({ keys: ['NEW00000000'], timestampMs: NOW }, NOW);
		log.writeTo(staticData, NOW + 2 * HOUR);
		expect(stored(staticData).entries).not.toContain('OLD00000000');
		expect(stored(staticData).entries).toContain('NEW00000000');
	});

	it('ignores a malformed stored value', () => {
		const memory = new DeliveryMemory({ limitMs: LIMIT });
		const log = new DeliveryLog(LIMIT);
		log.hydrate({ [DELIVERY_LOG_KEY]: 'garbage' }, memory, NOW);
		log.hydrate({ [DELIVERY_LOG_KEY]: { writer: 'x', seq: 1, floor: 'zz!', entries: 'nonsense\n \nzz' } }, memory, NOW);
		expect(memory.size).toBe(0);
	});
});

describe("the trigger's execute() step (recordRanDeliveries)", () => {
	let workflowCounter = 0;

	function context(items: Array<Record<string, unknown>>, staticData: IDataObject, mode = 'webhook', workflowId = `wf-${++workflowCounter}`) {
		const fake = fakeN8nContext({ node: { name: 'Kick Trigger', type: 'n8n-nodes-kick.kickTrigger' }, forExecute: true, items: items as IDataObject[], staticData, mode: mode as ContextOptions['mode'], workflowId });
		return fake.context as Parameters<typeof recordRanDeliveries>[0];
	}

	const kickTimestamp = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
	const item = (messageId: string, eventId = messageId) => ({ event: 'chat.message.sent', messageId, eventId, kickTimestamp, receivedAt: new Date().toISOString() });
	const logLine = (...keys: string[]) => `${Math.floor(Date.parse(kickTimestamp) / 1000).toString(36)} ${keys.join(' ')}`;

	it('passes deliveries on and writes them into the real static data', () => {
		const staticData: IDataObject = { apiBaseUrl: 'https://api.kick.com', subscriptionIds: ['S1'] };
		expect(recordRanDeliveries(context([item('M1', 'E1-fingerprint')], staticData))).toHaveLength(1);
		expect(stored(staticData).entries).toBe(logLine(messageKey('M1'), fingerprintKey('E1-fingerprint')));
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
		const staticData = () => ({ apiBaseUrl: 'x', [DELIVERY_LOG_KEY]: { writer: 'other', seq: 1, floor: '', entries: logLine(messageKey('M6')) } }) as IDataObject;
		expect(recordRanDeliveries(context([item('M6')], staticData()))).toHaveLength(0);
		expect(recordRanDeliveries(context([item('M6')], staticData(), 'retry'))).toHaveLength(1);
		expect(recordRanDeliveries(context([item('M6')], staticData(), 'manual'))).toHaveLength(1);
	});

	it("reads each trigger's own stored log, also when two logs look alike (same writer, sequence and length)", () => {
		const logOf = (id: string): IDataObject => ({ apiBaseUrl: 'x', [DELIVERY_LOG_KEY]: { writer: 'this-process', seq: 3, floor: '', entries: logLine(messageKey(id)) } });
		expect(recordRanDeliveries(context([item('M7')], logOf('M7')))).toHaveLength(0);
		expect(recordRanDeliveries(context([item('M7')], logOf('M8')))).toHaveLength(1);
	});
});
