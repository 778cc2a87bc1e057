/** GET /public/v1/kicks/leaderboard — docs/kick-api.md §4.8. Always the token owner's channel. */
import { KICK_LIMITS } from '../kickFacts';
import { type Ctx, ok, type Reply } from '../http';
import { type Route, userIdOf, userOnly } from '../router';
import type { KicksEntry } from '../state/model';
import { queryInt } from './validate';
import { findUser } from './views';

function getLeaderboard(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const top = queryInt(ctx.query, 'top', { min: 1, max: KICK_LIMITS.leaderboardTopMax, default: 10 });
	const board = state.kicksLeaderboards[userIdOf(ctx)] ?? { lifetime: [], month: [], week: [] };
	const rank = (entries: KicksEntry[]) =>
		[...entries]
			.sort((a, b) => b.giftedAmount - a.giftedAmount)
			.slice(0, top)
			.map((e, i) => ({
				rank: i + 1,
				user_id: e.userId,
				username: findUser(state, e.userId)?.username ?? '',
				gifted_amount: e.giftedAmount,
			}));
	return ok({ lifetime: rank(board.lifetime), month: rank(board.month), week: rank(board.week) });
}

export const kicksRoutes: Route[] = [
	{ method: 'GET', path: '/public/v1/kicks/leaderboard', auth: userOnly('kicks:read'), handler: getLeaderboard },
];
