/** Drops claims, organization apps with an app token only — docs/kick-api.md §5. */
import { KICK_LIMITS } from '../kickFacts';
import { badRequest, type Ctx, noContent, ok, type Reply } from '../http';
import { clientIdOf, organizationAppOnly, type Route } from '../router';
import type { DropsClaimRecord } from '../state/model';
import { isPlainObject, rfc3339Seconds } from '../util';
import { intList, jsonBody, one, queryInt } from './validate';

const ownClaims = (ctx: Ctx): DropsClaimRecord[] =>
	ctx.env.state.dropsClaims.filter((c) => c.clientId === clientIdOf(ctx));

/**
 * The cursor is a claim id: the page holds the claims after it (ULIDs sort by time).
 * `data.cursor` is the last claim id of the page (as in get-drops-claims.json), '' when empty.
 */
function getClaims(ctx: Ctx): Reply {
	const { query } = ctx;
	const limit = queryInt(query, 'limit', { min: 1, max: 1000, default: 10 });
	const cursor = one(query, 'cursor');
	const campaignId = one(query, 'campaign_id');
	const claimId = one(query, 'claim_id');
	const externalStatus = one(query, 'external_status');
	const [userId] = intList(query, 'user_id', { max: 1 });
	const claims = ownClaims(ctx)
		.filter((c) => campaignId === undefined || c.campaignId === campaignId)
		.filter((c) => claimId === undefined || c.claimId === claimId)
		.filter((c) => externalStatus === undefined || c.externalStatus === externalStatus)
		.filter((c) => userId === undefined || c.userId === userId)
		.filter((c) => cursor === undefined || c.claimId > cursor)
		.sort((a, b) => (a.claimId < b.claimId ? -1 : 1))
		.slice(0, limit);
	return ok({
		claims: claims.map((c) => ({
			claim_id: c.claimId,
			user_id: c.userId,
			campaign_id: c.campaignId,
			reward_id: c.rewardId,
			external_id: c.externalId,
			external_status: c.externalStatus,
			created_at: c.createdAt,
			updated_at: c.updatedAt,
		})),
		cursor: claims.length > 0 ? claims[claims.length - 1].claimId : '',
	});
}

/** Each item has exactly `claim_id` and `external_status`; all are checked before any change. */
function updateClaims(ctx: Ctx): Reply {
	const items = jsonBody(ctx).claims;
	if (!Array.isArray(items) || items.length < 1 || items.length > KICK_LIMITS.dropsClaimsPerUpdate) {
		throw badRequest(`claims: 1 to ${KICK_LIMITS.dropsClaimsPerUpdate} items`);
	}
	const claims = ownClaims(ctx);
	const updates = items.map((item) => {
		if (
			!isPlainObject(item) ||
			Object.keys(item).sort().join(',') !== 'claim_id,external_status' ||
			typeof item.claim_id !== 'string' ||
			typeof item.external_status !== 'string' ||
			item.external_status === ''
		) {
			throw badRequest('claims: each item is {claim_id, external_status}');
		}
		const claim = claims.find((c) => c.claimId === item.claim_id);
		if (!claim) throw badRequest(`claim not found: ${item.claim_id}`);
		return { claim, status: item.external_status };
	});
	const now = rfc3339Seconds();
	for (const { claim, status } of updates) {
		claim.externalStatus = status;
		claim.updatedAt = now;
	}
	return noContent();
}

export const dropsRoutes: Route[] = [
	{ method: 'GET', path: '/public/v1/drops/claims', auth: organizationAppOnly(), handler: getClaims },
	{ method: 'PATCH', path: '/public/v1/drops/claims', auth: organizationAppOnly(), handler: updateClaims },
];
