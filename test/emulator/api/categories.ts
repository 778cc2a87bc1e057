/** Categories v2 (current) and v1 (deprecated, still served) — docs/kick-api.md §4.3. */
import { KICK_LIMITS } from '../kickFacts';
import { badRequest, type Ctx, notFound, ok, type Reply } from '../http';
import { type Route, userOrApp } from '../router';
import type { CategoryRecord } from '../state/model';
import { paginate } from './paginate';
import { intList, many, one, queryInt } from './validate';

const MIN_TERM_LENGTH = 3;

const v2View = (c: CategoryRecord) => ({ id: c.id, name: c.name, thumbnail: c.thumbnail, tags: c.tags });

function getCategoriesV2(ctx: Ctx): Reply {
	const { query } = ctx;
	const cursor = one(query, 'cursor');
	if (cursor !== undefined && (cursor.length < 4 || cursor.length > 28)) {
		throw badRequest('cursor: 4 to 28 characters');
	}
	const limit = queryInt(query, 'limit', { min: 1, max: KICK_LIMITS.categoriesPageMax, default: 25 });
	// Multi-value serialization is unconfirmed (§1.5): accept repeated keys and comma-joined.
	const names = many(query, 'name', true).map((n) => n.toLowerCase());
	const tags = many(query, 'tag', true).map((t) => t.toLowerCase());
	const ids = intList(query, 'id', { max: 100, commaJoined: true });
	if ([...names, ...tags].some((term) => term.length < MIN_TERM_LENGTH)) {
		throw badRequest(`name and tag: at least ${MIN_TERM_LENGTH} characters each`);
	}
	// Within one filter any value matches; different filters must all match.
	const matches = ctx.env.state.categories.filter(
		(c) =>
			(names.length === 0 || names.some((n) => c.name.toLowerCase().includes(n))) &&
			(tags.length === 0 || tags.some((t) => (c.tags ?? []).some((tag) => tag.toLowerCase() === t))) &&
			(ids.length === 0 || ids.includes(c.id)),
	);
	const page = paginate(matches, query, limit);
	return ok(page.items.map(v2View), { pagination: { next_cursor: page.nextCursor } });
}

const V1_PAGE_SIZE = 100;

function getCategoriesV1(ctx: Ctx): Reply {
	const q = one(ctx.query, 'q');
	if (q === undefined) throw badRequest('q: required');
	const page = queryInt(ctx.query, 'page', { min: 1, max: Number.MAX_SAFE_INTEGER, default: 1 });
	const matches = ctx.env.state.categories.filter((c) =>
		c.name.toLowerCase().includes(q.toLowerCase()),
	);
	const slice = matches.slice((page - 1) * V1_PAGE_SIZE, page * V1_PAGE_SIZE);
	return ok(slice.map((c) => ({ id: c.id, name: c.name, thumbnail: c.thumbnail })));
}

function getCategoryById(ctx: Ctx): Reply {
	const raw = ctx.params.categoryId;
	if (!/^\d+$/.test(raw)) throw badRequest('category_id: must be an integer');
	const category = ctx.env.state.categories.find((c) => c.id === Number(raw));
	// 404 for an unknown id is unconfirmed (§4.3); it is the natural answer.
	if (!category) throw notFound();
	return ok({
		id: category.id,
		name: category.name,
		thumbnail: category.thumbnail,
		tags: category.tags ?? [],
		viewer_count: category.viewerCount,
	});
}

export const categoryRoutes: Route[] = [
	{ method: 'GET', path: '/public/v2/categories', auth: userOrApp(), handler: getCategoriesV2 },
	{ method: 'GET', path: '/public/v1/categories', auth: userOrApp(), handler: getCategoriesV1 },
	{ method: 'GET', path: '/public/v1/categories/:categoryId', auth: userOrApp(), handler: getCategoryById },
];
