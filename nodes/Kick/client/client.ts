/**
 * Kick's API bound to one credential: the one way the action node, the three triggers and the
 * shared lookups (./channels, ./users) send requests. Every request still goes through
 * transport/ (auth, pacing, retries, error messages); the client only fills in what is the same
 * for all of a caller's requests.
 */
import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { USER_CREDENTIAL } from '../shared/kick.constants';
import { kickApiRequest, kickApiRequestPages, type KickCredentialType, type KickRequest, type PageOptions } from '../transport';

/** A request as callers write it: the client adds the credential and the error context. */
export type ClientRequest = Omit<KickRequest, 'credentialType' | 'userTokenOnly' | 'itemIndex'>;

export interface KickClient {
	/** Undefined only for a Kick node operation run with "None (public data)". */
	credentialType?: KickCredentialType;
	/** One request; `itemIndex` names the item in errors. */
	request(itemIndex: number, request: ClientRequest): Promise<IDataObject>;
	/** Follows Kick's cursors (Return All / Limit). */
	requestPages(itemIndex: number, request: ClientRequest, options: PageOptions): Promise<IDataObject[]>;
}

export interface ClientBinding {
	credentialType?: KickCredentialType;
	/** The scope a user token needs when a request names none (for a precise error message). */
	defaultScope?: string;
	/** Whether the caller only works with a user token (for a precise error message). */
	userTokenOnly?: boolean;
}

export function bindKickClient(context: IAllExecuteFunctions, binding: ClientBinding): KickClient {
	const { credentialType } = binding;
	const fillIn = (itemIndex: number, request: ClientRequest): KickRequest => {
		if (!credentialType) {
			throw new NodeOperationError(context.getNode(), 'Authentication: this step needs a Kick credential', {
				itemIndex,
				description: "Set Authentication to 'Kick OAuth2 API' or 'Kick App OAuth2 API'.",
			});
		}
		return {
			...request,
			credentialType,
			// Scopes only exist for user tokens: an app token's refusals never name one.
			requiredScope: credentialType === USER_CREDENTIAL ? (request.requiredScope ?? binding.defaultScope) : undefined,
			userTokenOnly: binding.userTokenOnly === true,
			itemIndex,
		};
	};
	return {
		credentialType,
		request: async (itemIndex, request) => await kickApiRequest.call(context, fillIn(itemIndex, request)),
		requestPages: async (itemIndex, request, options) => await kickApiRequestPages.call(context, fillIn(itemIndex, request), options),
	};
}

/**
 * The same client with every request reported as item `itemIndex`: for shared code (the
 * subscription calls) that makes several requests on behalf of one input item.
 */
export function atItem(client: KickClient, itemIndex: number): KickClient {
	return {
		credentialType: client.credentialType,
		request: async (_index, request) => await client.request(itemIndex, request),
		requestPages: async (_index, request, options) => await client.requestPages(itemIndex, request, options),
	};
}
