/** Channel rewards and redemptions — docs/kick-api.md §4.9. Always the token owner's channel. */
import { KICK_LIMITS } from '../kickFacts';
import { badRequest, type Ctx, forbidden, noContent, notFound, ok, type Reply } from '../http';
import { clientIdOf, type Route, userIdOf, userOnly } from '../router';
import type { RedemptionRecord, RedemptionStatus, RewardRecord } from '../state/model';
import { ulid } from '../util';
import { paginate } from './paginate';
import { bodyBool, bodyInt, bodyString, jsonBody, many, one } from './validate';
import { rewardView } from './views';

/** Per-channel cap, disabled rewards included (one community report; Kick documents no cap). */
const MAX_REWARDS_PER_CHANNEL = 15;
const DEFAULT_BACKGROUND = '#00e701';
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const STATUSES: RedemptionStatus[] = ['pending', 'accepted', 'rejected'];

const READ = ['channel:rewards:read', 'channel:rewards:write'];
const WRITE = 'channel:rewards:write';

function channelRewards(ctx: Ctx): RewardRecord[] {
	const userId = userIdOf(ctx);
	return ctx.env.state.rewards.filter((r) => r.broadcasterUserId === userId && !r.isDeleted);
}

/** The fields POST and PATCH share; `undefined` = not sent. */
function rewardFields(body: Record<string, unknown>) {
	const title = bodyString(body, 'title', { max: KICK_LIMITS.rewardTitleMaxLength });
	if (title !== undefined && title.trim() === '') throw badRequest('title: must not be empty');
	const color = bodyString(body, 'background_color');
	if (color !== undefined && !HEX_COLOR.test(color)) {
		throw badRequest('background_color: must be #RRGGBB');
	}
	return {
		title,
		cost: bodyInt(body, 'cost', { min: 1 }),
		description: bodyString(body, 'description', { max: KICK_LIMITS.rewardDescriptionMaxLength }),
		backgroundColor: color,
		isEnabled: bodyBool(body, 'is_enabled'),
		isUserInputRequired: bodyBool(body, 'is_user_input_required'),
		shouldRedemptionsSkipRequestQueue: bodyBool(body, 'should_redemptions_skip_request_queue'),
	};
}

const getRewards = (ctx: Ctx): Reply => ok(channelRewards(ctx).map(rewardView));

function createReward(ctx: Ctx): Reply {
	const fields = rewardFields(jsonBody(ctx));
	if (fields.title === undefined) throw badRequest('title: required');
	if (fields.cost === undefined) throw badRequest('cost: required');
	if (channelRewards(ctx).length >= MAX_REWARDS_PER_CHANNEL) {
		throw badRequest(`a channel can have at most ${MAX_REWARDS_PER_CHANNEL} rewards`);
	}
	const reward: RewardRecord = {
		id: ulid(),
		broadcasterUserId: userIdOf(ctx),
		createdByClientId: clientIdOf(ctx),
		title: fields.title,
		description: fields.description ?? '',
		cost: fields.cost,
		backgroundColor: fields.backgroundColor ?? DEFAULT_BACKGROUND,
		isEnabled: fields.isEnabled ?? true,
		isPaused: false,
		isUserInputRequired: fields.isUserInputRequired ?? false,
		shouldRedemptionsSkipRequestQueue: fields.shouldRedemptionsSkipRequestQueue ?? false,
		isDeleted: false,
	};
	ctx.env.state.rewards.push(reward);
	return ok(rewardView(reward));
}

/** Unknown ⇒ 404; created by another app (or on kick.com) ⇒ 403 (§4.9). */
function ownedReward(ctx: Ctx): RewardRecord {
	const reward = channelRewards(ctx).find((r) => r.id === ctx.params.rewardId);
	if (!reward) throw notFound();
	if (reward.createdByClientId !== clientIdOf(ctx)) throw forbidden();
	return reward;
}

function updateReward(ctx: Ctx): Reply {
	const reward = ownedReward(ctx);
	const body = jsonBody(ctx);
	const fields = rewardFields(body);
	const isPaused = bodyBool(body, 'is_paused');
	reward.title = fields.title ?? reward.title;
	reward.cost = fields.cost ?? reward.cost;
	reward.description = fields.description ?? reward.description;
	reward.backgroundColor = fields.backgroundColor ?? reward.backgroundColor;
	reward.isEnabled = fields.isEnabled ?? reward.isEnabled;
	reward.isPaused = isPaused ?? reward.isPaused;
	reward.isUserInputRequired = fields.isUserInputRequired ?? reward.isUserInputRequired;
	reward.shouldRedemptionsSkipRequestQueue =
		fields.shouldRedemptionsSkipRequestQueue ?? reward.shouldRedemptionsSkipRequestQueue;
	return ok(rewardView(reward));
}

function deleteReward(ctx: Ctx): Reply {
	ownedReward(ctx).isDeleted = true;
	return noContent();
}

function getRedemptions(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const userId = userIdOf(ctx);
	const clientId = clientIdOf(ctx);
	const ids = many(ctx.query, 'id');
	const rewardId = one(ctx.query, 'reward_id');
	const statusParam = one(ctx.query, 'status');
	if (ids.length > 0 && (rewardId !== undefined || statusParam !== undefined)) {
		throw badRequest('id cannot be combined with other filters');
	}
	const status = statusParam ?? 'pending';
	if (!(STATUSES as string[]).includes(status)) {
		throw badRequest(`status: one of ${STATUSES.join(', ')}`);
	}
	const matches = state.redemptions
		.filter((r) => r.broadcasterUserId === userId)
		.filter((r) =>
			ids.length > 0
				? ids.includes(r.id)
				: r.status === status && (rewardId === undefined || r.rewardId === rewardId),
		)
		.sort((a, b) => Date.parse(a.redeemedAt) - Date.parse(b.redeemedAt));
	const page = paginate(matches, ctx.query, state.settings.redemptionsPageSize);

	// Grouped by reward, in order of each reward's first redemption on the page.
	const groups = new Map<string, RedemptionRecord[]>();
	for (const r of page.items) groups.set(r.rewardId, [...(groups.get(r.rewardId) ?? []), r]);
	const data = [...groups].map(([id, redemptions]) => {
		const reward = state.rewards.find((r) => r.id === id);
		return {
			reward: {
				id,
				title: reward?.title ?? '',
				description: reward?.description ?? '',
				cost: reward?.cost ?? 0,
				can_manage: reward?.createdByClientId === clientId,
				is_deleted: reward?.isDeleted ?? true,
			},
			redemptions: redemptions.map((r) => ({
				id: r.id,
				redeemed_at: r.redeemedAt,
				redeemer: { user_id: r.redeemerUserId },
				status: r.status,
				user_input: r.userInput,
			})),
		};
	});
	return ok(data, { pagination: { next_cursor: page.nextCursor } });
}

/** Answers only the failures; `[]` ⇒ every id changed (§4.9). */
function settle(to: 'accepted' | 'rejected') {
	return (ctx: Ctx): Reply => {
		const { state } = ctx.env;
		const ids = jsonBody(ctx).ids;
		if (
			!Array.isArray(ids) ||
			ids.length < 1 ||
			ids.length > KICK_LIMITS.redemptionIdsPerCall ||
			!ids.every((id) => typeof id === 'string') ||
			new Set(ids).size !== ids.length
		) {
			throw badRequest(`ids: 1 to ${KICK_LIMITS.redemptionIdsPerCall} unique redemption ids`);
		}
		const userId = userIdOf(ctx);
		const clientId = clientIdOf(ctx);
		const failures: Array<{ id: string; reason: string }> = [];
		for (const id of ids as string[]) {
			const redemption = state.redemptions.find((r) => r.id === id && r.broadcasterUserId === userId);
			const reward = state.rewards.find((r) => r.id === redemption?.rewardId);
			if (!redemption) failures.push({ id, reason: 'NOT_FOUND' });
			else if (reward?.createdByClientId !== clientId) failures.push({ id, reason: 'NOT_OWNED' });
			else if (redemption.status !== 'pending') failures.push({ id, reason: 'NOT_PENDING' });
			else redemption.status = to;
		}
		return ok(failures);
	};
}

export const rewardRoutes: Route[] = [
	{ method: 'GET', path: '/public/v1/channels/rewards', auth: userOnly(...READ), handler: getRewards },
	{ method: 'POST', path: '/public/v1/channels/rewards', auth: userOnly(WRITE), handler: createReward },
	{
		method: 'GET',
		path: '/public/v1/channels/rewards/redemptions',
		auth: userOnly(...READ),
		handler: getRedemptions,
	},
	{
		method: 'POST',
		path: '/public/v1/channels/rewards/redemptions/accept',
		auth: userOnly(WRITE),
		handler: settle('accepted'),
	},
	{
		method: 'POST',
		path: '/public/v1/channels/rewards/redemptions/reject',
		auth: userOnly(WRITE),
		handler: settle('rejected'),
	},
	{ method: 'PATCH', path: '/public/v1/channels/rewards/:rewardId', auth: userOnly(WRITE), handler: updateReward },
	{ method: 'DELETE', path: '/public/v1/channels/rewards/:rewardId', auth: userOnly(WRITE), handler: deleteReward },
];
