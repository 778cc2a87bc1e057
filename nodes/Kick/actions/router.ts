import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../shared/errors';
import { findOperation } from './operations';
import type { KickOperation, OperationContext } from './types';
import { USER_CREDENTIAL } from '../shared/kick.constants';
import { bindKickClient } from '../client/client';
import { credentialTypeFor, getGrantedScopes, missingScopeError, type KickAuthentication } from '../transport';

/** One loop over the items; resource + operation pick the module that does the work. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation '${operationName}' of '${resource}' is not supported`);
	}
	const context = await buildContext.call(this, operation);

	if (operation.executeBatch) return [await operation.executeBatch.call(this, items, context)];

	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const result = await operation.execute!.call(this, i, context);
			output.push(...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result as IDataObject[]), { itemData: { item: i } }));
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i);
			output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
		}
	}
	return [output];
}

/** Checks the credential fits the operation before any request, and binds the request helper. */
async function buildContext(this: IExecuteFunctions, operation: KickOperation): Promise<OperationContext> {
	const authentication = this.getNodeParameter('authentication', 0) as KickAuthentication;
	const credentialType = credentialTypeFor(authentication);
	const { meta } = operation;

	if (!credentialType && meta.token !== 'none-or-any') {
		throw new NodeOperationError(this.getNode(), 'Authentication: this operation needs a Kick credential', {
			description: "Set Authentication to 'Kick OAuth2 API' (a user's account) or 'Kick App OAuth2 API' (an app token). Only Channel → Get Public Info and Livestream → Get Status work without one.",
		});
	}
	if (meta.token === 'user' && credentialType !== USER_CREDENTIAL) {
		throw new NodeOperationError(this.getNode(), 'Authentication: this operation needs a user token (Kick OAuth2 API)', {
			description: "Kick only allows this for the account that authorized the app. Set Authentication to 'Kick OAuth2 API' and connect the channel's account.",
		});
	}
	if (meta.token === 'app' && credentialType === USER_CREDENTIAL) {
		throw new NodeOperationError(this.getNode(), 'Authentication: this operation needs an app token (Kick App OAuth2 API)', {
			description:
				"Set Authentication to 'Kick App OAuth2 API'. Drops endpoints only accept the app token of a Kick organization app, and the OAuth operations use the app's client ID and secret.",
		});
	}
	const scopes = meta.scope === undefined ? [] : [meta.scope].flat();
	if (credentialType === USER_CREDENTIAL && scopes.length > 0) {
		const granted = await getGrantedScopes.call(this, credentialType);
		if (granted && !scopes.some((scope) => granted.includes(scope))) throw missingScopeError(this.getNode(), scopes);
	}

	return bindKickClient(this, { credentialType, defaultScope: scopes[0], userTokenOnly: meta.token === 'user' });
}
