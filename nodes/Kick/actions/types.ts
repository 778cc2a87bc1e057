import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { KickScope } from '../shared/kick.constants';
import type { KickClient } from '../client/client';

export interface OperationMeta {
	/** Which tokens the operation works with (docs/kick-api.md §3.2, "Token" column). */
	token: 'user' | 'any' | 'app' | 'none-or-any';
	/** Scope needed with a user token; with a list, any one of them is enough. */
	scope?: KickScope | KickScope[];
}

/** The client bound to the operation's credential and scope, after the router checked them. */
export type OperationContext = KickClient;

export interface KickOperation {
	/** Its own parameters (none when absent); the resource's description shows them for it alone. */
	description?: INodeProperties[];
	meta: OperationMeta;
	/** Runs once per input item; the router pairs the result with the item. */
	execute?(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject | IDataObject[]>;
	/**
	 * Runs once for all items (lookups batched across items). Must return items that are
	 * already paired, and honor continueOnFail per item.
	 */
	executeBatch?(this: IExecuteFunctions, items: INodeExecutionData[], context: OperationContext): Promise<INodeExecutionData[]>;
}
