/** Event subscriptions (webhooks) — docs/kick-api.md §4.10, §6.6. */
import { EVENT_TYPES, EVENT_VERSION } from '../kickFacts';
import { apiError, badRequest, type Ctx, noContent, ok, type Reply } from '../http';
import { clientIdOf, type Route, userOrApp } from '../router';
import type { SubscriptionRecord } from '../state/model';
import { isPlainObject, rfc3339Seconds, ulid } from '../util';
import { intList, jsonBody, many } from './validate';
import { channelOf } from './views';

const LIMIT_REACHED = 'event subscription limit reached';

/** App tokens see all of the app's subscriptions, user tokens those for their own channel. */
function visible(ctx: Ctx, s: SubscriptionRecord): boolean {
	const token = ctx.token;
	if (!token || s.appId !== token.clientId) return false;
	return token.kind === 'app' || s.broadcasterUserId === token.userId;
}

function list(ctx: Ctx): Reply {
	const [broadcaster] = intList(ctx.query, 'broadcaster_user_id', { max: 1 });
	const data = ctx.env.state.subscriptions
		.filter((s) => visible(ctx, s) && !s.unlisted)
		.filter((s) => broadcaster === undefined || s.broadcasterUserId === broadcaster)
		.map((s) => ({
			id: s.id,
			app_id: s.appId,
			broadcaster_user_id: s.broadcasterUserId,
			event: s.event,
			version: s.version,
			method: s.method,
			created_at: s.createdAt,
			updated_at: s.updatedAt,
		}));
	return ok(data);
}

function requestedEvents(body: Record<string, unknown>): Array<{ name: string; version: number }> {
	const events = body.events;
	if (!Array.isArray(events) || events.length === 0) throw badRequest();
	return events.map((e) => {
		if (
			!isPlainObject(e) ||
			!(EVENT_TYPES as readonly string[]).includes(e.name as string) ||
			e.version !== EVENT_VERSION
		) {
			throw badRequest();
		}
		return { name: e.name as string, version: e.version };
	});
}

function subscribe(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const token = ctx.token;
	const body = jsonBody(ctx);
	const events = requestedEvents(body);
	if (body.method !== undefined && body.method !== 'webhook') throw badRequest();

	// A user token subscribes for its own channel and its broadcaster_user_id is ignored; an
	// app token must name the broadcaster (§4.10).
	let broadcasterUserId: number;
	if (token?.kind === 'user' && token.userId !== undefined) broadcasterUserId = token.userId;
	else if (Number.isInteger(body.broadcaster_user_id)) broadcasterUserId = body.broadcaster_user_id as number;
	else throw badRequest('broadcaster_user_id is required with an app token');
	if (!channelOf(state, broadcasterUserId)) throw badRequest('Channel not found');

	const appId = clientIdOf(ctx);
	const { subscriptionLimit, subscriptionLimitMode } = state;
	const existing = (event: string) =>
		state.subscriptions.filter((s) => s.appId === appId && s.event === event).length;
	if (subscriptionLimitMode === 'request') {
		// The whole request fails if any event type would go over (errors.json).
		const wanted = new Map<string, number>();
		for (const e of events) wanted.set(e.name, (wanted.get(e.name) ?? 0) + 1);
		for (const [event, n] of wanted) {
			if (existing(event) + n > subscriptionLimit) throw apiError(400, LIMIT_REACHED, 'Bad request');
		}
	}

	// Duplicates are allowed: the same event twice is two subscriptions (issue #246).
	const now = rfc3339Seconds();
	const data = events.map((e) => {
		// 'item' mode: a per-item error inside the 200 (post-event-subscriptions.json).
		if (existing(e.name) >= subscriptionLimit) {
			return { name: e.name, version: e.version, subscription_id: '', error: LIMIT_REACHED };
		}
		const id = ulid();
		// Kick sometimes answers a create with an id its listings then omit (KickDevDocs#419).
		const unlisted = state.unlistedCreates > 0;
		if (unlisted) state.unlistedCreates -= 1;
		state.subscriptions.push({
			id,
			appId,
			broadcasterUserId,
			event: e.name,
			version: e.version,
			method: 'webhook',
			createdAt: now,
			updatedAt: now,
			...(unlisted ? { unlisted: true as const } : {}),
		});
		return { name: e.name, version: e.version, subscription_id: id, error: '' };
	});
	return ok(data);
}

/** Repeated `id` query params; ids that are unknown or not visible are ignored. */
function unsubscribe(ctx: Ctx): Reply {
	const ids = many(ctx.query, 'id');
	if (ids.length === 0) throw badRequest('id: required');
	const { state } = ctx.env;
	state.subscriptions = state.subscriptions.filter((s) => !(ids.includes(s.id) && visible(ctx, s)));
	return noContent();
}

export const subscriptionRoutes: Route[] = [
	{ method: 'GET', path: '/public/v1/events/subscriptions', auth: userOrApp(), handler: list },
	{
		method: 'POST',
		path: '/public/v1/events/subscriptions',
		auth: userOrApp('events:subscribe'),
		handler: subscribe,
	},
	{
		method: 'DELETE',
		path: '/public/v1/events/subscriptions',
		auth: userOrApp('events:subscribe'),
		handler: unsubscribe,
	},
];
