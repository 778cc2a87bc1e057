/** GET /public/v1/users (docs/kick-api.md §4.1). */
import { KICK_LIMITS } from '../kickFacts';
import { badRequest, type Ctx, ok, type Reply } from '../http';
import { type Route, userOrApp } from '../router';
import { intList } from './validate';

function getUsers(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const token = ctx.token;
	let ids = intList(ctx.query, 'id', { max: KICK_LIMITS.userIdsPerLookup });
	if (ids.length === 0) {
		// No ids ⇒ the token's own user, which only a user token has.
		if (token?.kind !== 'user' || token.userId === undefined) throw badRequest();
		ids = [token.userId];
	}
	const data = [...new Set(ids)].flatMap((id) => {
		const user = state.users.find((u) => u.userId === id);
		if (!user) return [];
		// The email is only shown to the user themself (§4.1).
		const isSelf = token?.kind === 'user' && token.userId === id;
		return [
			{
				user_id: user.userId,
				name: user.username,
				...(isSelf ? { email: user.email } : {}),
				profile_picture: user.profilePicture,
			},
		];
	});
	return ok(data);
}

export const userRoutes: Route[] = [
	{ method: 'GET', path: '/public/v1/users', auth: userOrApp('user:read'), handler: getUsers },
];
