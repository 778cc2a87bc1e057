import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';

/**
 * The shape of every batched lookup: read each item's keys (validation errors stay with their
 * item), fetch all distinct keys together, then give each item its own results, paired.
 */
export async function runBatched<K extends string | number>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: {
		keysFor: (itemIndex: number) => K[];
		lookup: (keys: K[]) => Promise<Map<K, IDataObject>>;
		/**
		 * Output for a key Kick did not return; omitted when undefined. May throw: the error then
		 * belongs to that item alone (continueOnFail gives it an error item).
		 */
		missing?: (key: K, itemIndex: number) => IDataObject | undefined;
		/** Shapes each result (e.g. Simplify). */
		shape?: (result: IDataObject, itemIndex: number) => IDataObject;
	},
): Promise<INodeExecutionData[]> {
	const keysByItem = new Map<number, K[]>();
	const output: Array<INodeExecutionData[] | undefined> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			keysByItem.set(i, spec.keysFor(i));
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i);
			output[i] = [{ json: { error: (error as Error).message }, pairedItem: { item: i } }];
		}
	}

	let found: Map<K, IDataObject>;
	try {
		found = await spec.lookup([...keysByItem.values()].flat());
	} catch (error) {
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
		// One request failed for everyone: every item that took part gets the error.
		for (const i of keysByItem.keys()) output[i] = [{ json: { error: (error as Error).message }, pairedItem: { item: i } }];
		return output.flat().filter((item): item is INodeExecutionData => item !== undefined);
	}

	for (const [i, keys] of keysByItem) {
		try {
			const results: INodeExecutionData[] = [];
			for (const key of keys) {
				const result = found.get(key);
				const json = result ? (spec.shape ? spec.shape(result, i) : result) : spec.missing?.(key, i);
				if (json) results.push({ json, pairedItem: { item: i } });
			}
			output[i] = results;
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i);
			output[i] = [{ json: { error: (error as Error).message }, pairedItem: { item: i } }];
		}
	}
	return output.flat().filter((item): item is INodeExecutionData => item !== undefined);
}
