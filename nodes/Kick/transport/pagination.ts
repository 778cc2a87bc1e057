import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { kickApiRequest, type KickRequest } from './request';

export interface PageOptions {
	returnAll: boolean;
	/** Items wanted when returnAll is false. */
	limit: number;
	/** Query parameter for the page size, when the endpoint has one, and its maximum. */
	pageSize?: { param: string; max: number };
	/**
	 * Where the items and the next cursor are in a page. Defaults to Kick's usual envelope.
	 * `requestedSize` is the page size asked for, when the endpoint has a page-size parameter.
	 */
	read?: (body: IDataObject, requestedSize?: number) => { items: IDataObject[]; nextCursor?: string };
}

/** `{ data: [...], pagination: { next_cursor } }`; an empty or missing cursor ends the list. */
export function readStandardPage(body: IDataObject): { items: IDataObject[]; nextCursor?: string } {
	const items = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	const pagination = body.pagination as IDataObject | undefined;
	const next = pagination?.next_cursor;
	return { items, nextCursor: typeof next === 'string' && next !== '' ? next : undefined };
}

/**
 * Follows Kick's cursors until the list ends or enough items are collected. One request per
 * page: with a page-size parameter the node asks for exactly what it still needs (up to the
 * endpoint's maximum), so "Limit" costs as few requests as the API allows.
 */
export async function kickApiRequestPages(
	this: IAllExecuteFunctions,
	request: KickRequest,
	options: PageOptions,
): Promise<IDataObject[]> {
	const read = options.read ?? readStandardPage;
	const results: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	for (;;) {
		const qs: IDataObject = { ...(request.qs ?? {}) };
		if (cursor) qs.cursor = cursor;
		let requestedSize: number | undefined;
		if (options.pageSize) {
			const wanted = options.returnAll ? options.pageSize.max : options.limit - results.length;
			requestedSize = Math.max(1, Math.min(options.pageSize.max, wanted));
			qs[options.pageSize.param] = requestedSize;
		}
		const page = read(await kickApiRequest.call(this, { ...request, qs }), requestedSize);
		results.push(...page.items);
		if (!options.returnAll && results.length >= options.limit) return results.slice(0, options.limit);
		// A repeated cursor would loop forever: treat it as the end of the list.
		if (!page.nextCursor || seenCursors.has(page.nextCursor) || page.items.length === 0) return results;
		seenCursors.add(page.nextCursor);
		cursor = page.nextCursor;
	}
}
