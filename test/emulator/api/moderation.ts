/** POST/DELETE /public/v1/moderation/bans — docs/kick-api.md §4.6. Both take a JSON body. */
import { KICK_LIMITS } from '../kickFacts';
import { badRequest, type Ctx, forbidden, ok, type Reply } from '../http';
import { type Route, userIdOf, userOnly } from '../router';
import type { ChannelRecord } from '../state/model';
import { bodyInt, bodyString, jsonBody, requiredBodyInt } from './validate';
import { canModerate } from './chat';
import { channelOf, findUser } from './views';

interface Target {
	channel: ChannelRecord;
	userId: number;
	body: Record<string, unknown>;
}

function banTarget(ctx: Ctx): Target {
	const { state } = ctx.env;
	const body = jsonBody(ctx);
	const channel = channelOf(state, requiredBodyInt(body, 'broadcaster_user_id'));
	const userId = requiredBodyInt(body, 'user_id');
	if (!channel) throw badRequest('Channel not found');
	if (!findUser(state, userId)) throw badRequest('User not found');
	if (!canModerate(channel, userIdOf(ctx))) throw forbidden();
	return { channel, userId, body };
}

function ban(ctx: Ctx): Reply {
	const { channel, userId, body } = banTarget(ctx);
	// Minutes, 1–10080; omitted ⇒ permanent ban.
	const duration = bodyInt(body, 'duration', {
		min: KICK_LIMITS.banDurationMinMinutes,
		max: KICK_LIMITS.banDurationMaxMinutes,
	});
	const reason = bodyString(body, 'reason', { max: KICK_LIMITS.banReasonMaxLength }) ?? '';
	if (userId === channel.broadcasterUserId) throw badRequest('cannot ban the broadcaster');
	const now = Date.now();
	const { state } = ctx.env;
	state.bans = state.bans.filter(
		(b) => !(b.broadcasterUserId === channel.broadcasterUserId && b.userId === userId),
	);
	state.bans.push({
		broadcasterUserId: channel.broadcasterUserId,
		userId,
		moderatorUserId: userIdOf(ctx),
		reason,
		createdAt: new Date(now).toISOString(),
		expiresAt: duration === undefined ? null : new Date(now + duration * 60_000).toISOString(),
	});
	return ok({});
}

/** Lifting a ban that does not exist is answered 200 too (Kick's behavior is undocumented). */
function unban(ctx: Ctx): Reply {
	const { channel, userId } = banTarget(ctx);
	const { state } = ctx.env;
	state.bans = state.bans.filter(
		(b) => !(b.broadcasterUserId === channel.broadcasterUserId && b.userId === userId),
	);
	return ok({});
}

export const moderationRoutes: Route[] = [
	{ method: 'POST', path: '/public/v1/moderation/bans', auth: userOnly('moderation:ban'), handler: ban },
	{ method: 'DELETE', path: '/public/v1/moderation/bans', auth: userOnly('moderation:ban'), handler: unban },
];
