/**
 * Livestreams v2, v1 (deprecated) and stats — docs/kick-api.md §4.4. Not GET
 * /public/v1/users/livestreams, which Kick does not document (§11.12).
 */
import { KICK_LIMITS } from '../kickFacts';
import { badRequest, type Ctx, ok, type Reply } from '../http';
import { type Route, userOrApp } from '../router';
import type { ChannelRecord } from '../state/model';
import { paginate } from './paginate';
import { intList, many, one, queryInt } from './validate';
import { liveChannels, livestreamV1View, livestreamV2View } from './views';

const byStartAscending = (a: ChannelRecord, b: ChannelRecord): number =>
	Date.parse(a.live?.startedAt ?? '') - Date.parse(b.live?.startedAt ?? '');

function getLivestreamsV2(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const limit = queryInt(ctx.query, 'limit', { min: 1, max: KICK_LIMITS.livestreamsPageMax, default: 100 });
	const categoryIds = intList(ctx.query, 'category_id', { max: KICK_LIMITS.livestreamFilterMax });
	const languages = many(ctx.query, 'language_code');
	if (languages.length > KICK_LIMITS.livestreamFilterMax) {
		throw badRequest(`language_code: at most ${KICK_LIMITS.livestreamFilterMax} values`);
	}
	// "sorted from oldest to newest" (§4.4).
	const matches = liveChannels(state)
		.filter((c) => categoryIds.length === 0 || categoryIds.includes(c.categoryId))
		.filter((c) => languages.length === 0 || languages.includes(c.language))
		.sort(byStartAscending);
	const page = paginate(matches, ctx.query, limit);
	return ok(
		page.items.map((c) => livestreamV2View(state, c)),
		{ pagination: { next_cursor: page.nextCursor } },
	);
}

const V1_SORTS = ['viewer_count', 'started_at'] as const;

function getLivestreamsV1(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const ids = intList(ctx.query, 'broadcaster_user_id', { max: KICK_LIMITS.livestreamV1IdsPerCall });
	const [categoryId] = intList(ctx.query, 'category_id', { max: 1 });
	const language = one(ctx.query, 'language');
	const limit = queryInt(ctx.query, 'limit', { min: 1, max: 100, default: 25 });
	const sort = one(ctx.query, 'sort') ?? 'viewer_count';
	if (!(V1_SORTS as readonly string[]).includes(sort)) {
		throw badRequest(`sort: one of ${V1_SORTS.join(', ')}`);
	}
	// Direction is undocumented: most viewers first, newest first.
	const order =
		sort === 'viewer_count'
			? (a: ChannelRecord, b: ChannelRecord) => (b.live?.viewerCount ?? 0) - (a.live?.viewerCount ?? 0)
			: (a: ChannelRecord, b: ChannelRecord) => byStartAscending(b, a);
	const data = liveChannels(state)
		.filter((c) => ids.length === 0 || ids.includes(c.broadcasterUserId))
		.filter((c) => categoryId === undefined || c.categoryId === categoryId)
		.filter((c) => language === undefined || c.language === language)
		.sort(order)
		.slice(0, limit)
		.map((c) => livestreamV1View(state, c));
	return ok(data);
}

/** Platform-wide count of live streams — here, the live channels in state. */
const getStats = (ctx: Ctx): Reply => ok({ total_count: liveChannels(ctx.env.state).length });

export const livestreamRoutes: Route[] = [
	{ method: 'GET', path: '/public/v2/livestreams', auth: userOrApp(), handler: getLivestreamsV2 },
	{ method: 'GET', path: '/public/v1/livestreams', auth: userOrApp(), handler: getLivestreamsV1 },
	{ method: 'GET', path: '/public/v1/livestreams/stats', auth: userOrApp(), handler: getStats },
];
