import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { KickScope } from '../shared/kick.constants';
import type { KickAuthentication, KickCredentialType, KickRequest, PageOptions } from '../transport';

/** Which tokens an operation works with (docs/kick-api.md §3.2, "Token" column). */
export type TokenRequirement = 'user' | 'any' | 'app' | 'none-or-any';

export interface OperationMeta {
	token: TokenRequirement;
	/** Scope needed with a user token; with a list, any one of them is enough. */
	scope?: KickScope | KickScope[];
}

export interface OperationContext {
	authentication: KickAuthentication;
	/** Undefined only for operations that allow "None (public data)". */
	credentialType?: KickCredentialType;
	meta: OperationMeta;
	/**
	 * Sends a request with this operation's credential, scope and item index filled in. A step
	 * that needs another scope than the operation's (e.g. resolving a slug) may name it.
	 */
	request(
		itemIndex: number,
		request: Omit<KickRequest, 'credentialType' | 'userTokenOnly' | 'itemIndex'>,
	): Promise<IDataObject>;
	/** Follows Kick's cursors with the same fill-in as `request` (Return All / Limit). */
	requestPages(
		itemIndex: number,
		request: Omit<KickRequest, 'credentialType' | 'userTokenOnly' | 'itemIndex'>,
		options: PageOptions,
	): Promise<IDataObject[]>;
}

export interface KickOperation {
	description: INodeProperties[];
	meta: OperationMeta;
	/** Runs once per input item; the router pairs the result with the item. */
	execute?(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<IDataObject | IDataObject[]>;
	/**
	 * Runs once for all items (lookups batched across items). Must return items that are
	 * already paired, and honor continueOnFail per item.
	 */
	executeBatch?(this: IExecuteFunctions, items: INodeExecutionData[], context: OperationContext): Promise<INodeExecutionData[]>;
}
