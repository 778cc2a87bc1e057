/** Cursor pagination shared by categories v2, livestreams v2 and redemptions (docs/kick-api.md §1.3). */
import { badRequest, type Query } from '../http';
import { one } from './validate';
import { decodeCursor, encodeCursor } from './views';

export interface Page<T> {
	items: T[];
	/** Empty string on the last page, like Kick. */
	nextCursor: string;
}

export function paginate<T>(all: T[], query: Query, limit: number): Page<T> {
	const cursor = one(query, 'cursor');
	const offset = cursor === undefined ? 0 : decodeCursor(cursor);
	if (offset === undefined) throw badRequest('cursor: invalid');
	const end = offset + limit;
	return { items: all.slice(offset, end), nextCursor: end < all.length ? encodeCursor(end) : '' };
}
