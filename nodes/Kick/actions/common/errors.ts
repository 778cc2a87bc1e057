import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Re-throws an error caught around operation code as the n8n error type it already is (n8n
 * hands back the same instance when a NodeApiError is wrapped again), or as a
 * NodeOperationError when it is something else.
 */
export function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError) return new NodeApiError(context.getNode(), error as unknown as JsonObject);
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
