/** Channel lookups shared by the action node and the triggers: any mix of ids and slugs, batched. */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ChannelRef } from '../shared/channelRef';
import { LIMITS, UNCONFIRMED, type KickScope } from '../shared/kick.constants';
import { batchedLookup, splitOnRejection } from '../transport';
import type { KickClient } from './client';

/** A channel reference as one string key, so ids and slugs can share a batched lookup. */
export type ChannelKey = `id:${number}` | `slug:${string}`;

export function channelKey(reference: ChannelRef): ChannelKey {
	return reference.kind === 'id' ? `id:${reference.id}` : `slug:${reference.slug}`;
}

/** Whether an error is Kick answering 400 for a lookup (see UNCONFIRMED.splitLookupOnBadRequest). */
function isBadRequest(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '400';
}

/** The error for channel names under a trigger's Channels that Kick does not know. */
export function unknownChannelsError(node: INode, slugs: readonly string[]): NodeOperationError {
	return new NodeOperationError(node, `Kick has no channel named ${slugs.map((slug) => `'${slug}'`).join(', ')}`, {
		description: 'Check the spelling under Channels. Use the name from the channel link (https://kick.com/<name>), or the broadcaster ID.',
	});
}

/**
 * GET /public/v1/channels for any mix of ids and slugs: ids and slugs go in separate calls
 * (Kick rejects mixing them), 50 per call. Each channel found is stored under both its id key
 * and its slug key; keys Kick did not return are absent.
 */
export async function lookupChannels(
	client: Pick<KickClient, 'request'>,
	keys: readonly ChannelKey[],
	requiredScope?: KickScope,
): Promise<Map<ChannelKey, IDataObject>> {
	const ids = [...new Set(keys.filter((key) => key.startsWith('id:')).map((key) => Number(key.slice(3))))];
	const slugs = [...new Set(keys.filter((key) => key.startsWith('slug:')).map((key) => key.slice(5)))];
	const fetchBy = (param: 'broadcaster_user_id' | 'slug') => {
		const fetchChunk = async (values: Array<string | number>): Promise<IDataObject[]> => {
			const body = await client.request(0, { method: 'GET', path: '/public/v1/channels', qs: { [param]: values }, requiredScope });
			return Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
		};
		return UNCONFIRMED.splitLookupOnBadRequest ? splitOnRejection(fetchChunk, isBadRequest) : fetchChunk;
	};

	const found = new Map<ChannelKey, IDataObject>();
	const remember = (channel: IDataObject) => {
		if (typeof channel.broadcaster_user_id === 'number') found.set(`id:${channel.broadcaster_user_id}`, channel);
		if (typeof channel.slug === 'string') found.set(`slug:${channel.slug.toLowerCase()}`, channel);
	};
	// An empty list costs no request.
	const byId = await batchedLookup(ids, LIMITS.idsPerLookup, fetchBy('broadcaster_user_id'), (c) => c.broadcaster_user_id as number);
	byId.forEach(remember);
	const bySlug = await batchedLookup(slugs, LIMITS.idsPerLookup, fetchBy('slug'), (c) => String(c.slug ?? '').toLowerCase());
	bySlug.forEach(remember);
	return found;
}
