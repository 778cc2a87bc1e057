/** GET and PATCH /public/v1/channels (docs/kick-api.md §4.2). */
import { KICK_LIMITS } from '../kickFacts';
import { badRequest, type Ctx, noContent, ok, type Reply } from '../http';
import { type Route, userIdOf, userOnly, userOrApp } from '../router';
import type { ChannelRecord } from '../state/model';
import { bodyInt, bodyString, intList, jsonBody, many } from './validate';
import { channelBySlug, channelOf, channelView } from './views';

function getChannels(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const token = ctx.token;
	const ids = intList(ctx.query, 'broadcaster_user_id', { max: KICK_LIMITS.channelIdsPerLookup });
	const slugs = many(ctx.query, 'slug');
	if (ids.length > 0 && slugs.length > 0) {
		throw badRequest('broadcaster_user_id and slug cannot be combined');
	}
	if (slugs.length > KICK_LIMITS.channelIdsPerLookup) {
		throw badRequest(`slug: at most ${KICK_LIMITS.channelIdsPerLookup} values`);
	}
	if (slugs.some((s) => s.length > KICK_LIMITS.slugMaxLength)) {
		throw badRequest(`slug: at most ${KICK_LIMITS.slugMaxLength} characters each`);
	}

	let channels: Array<ChannelRecord | undefined>;
	if (ids.length > 0) channels = [...new Set(ids)].map((id) => channelOf(state, id));
	else if (slugs.length > 0) channels = [...new Set(slugs)].map((s) => channelBySlug(state, s));
	else {
		// No parameters ⇒ the token owner's channel; an app token has none.
		if (token?.kind !== 'user' || token.userId === undefined) throw badRequest();
		channels = [channelOf(state, token.userId)];
	}

	// Unknown ids/slugs are left out of a 200 (issue #231, staff-confirmed), not a 400.
	const data = channels
		.filter((c): c is ChannelRecord => c !== undefined)
		.map((channel) => {
			const isOwner = token?.kind === 'user' && token.userId === channel.broadcasterUserId;
			const showKey = isOwner && token.scopes.includes('streamkey:read');
			return channelView(state, channel, showKey);
		});
	return ok(data);
}

function patchChannel(ctx: Ctx): Reply {
	const { state } = ctx.env;
	const channel = channelOf(state, userIdOf(ctx));
	if (!channel) throw badRequest('Channel not found');
	const body = jsonBody(ctx);
	const title = bodyString(body, 'stream_title');
	const categoryId = bodyInt(body, 'category_id');
	const tags = body.custom_tags;
	if (title === undefined && categoryId === undefined && tags === undefined) {
		throw badRequest('nothing to update: send stream_title, category_id or custom_tags');
	}
	if (categoryId !== undefined && !state.categories.some((c) => c.id === categoryId)) {
		throw badRequest('category_id: unknown category');
	}
	if (tags !== undefined) {
		if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
			throw badRequest('custom_tags: must be an array of strings');
		}
		if (tags.length > KICK_LIMITS.customTagsMax) {
			throw badRequest(`custom_tags: at most ${KICK_LIMITS.customTagsMax} tags`);
		}
		channel.customTags = [...(tags as string[])];
	}
	if (title !== undefined) channel.streamTitle = title;
	if (categoryId !== undefined) channel.categoryId = categoryId;
	return noContent();
}

export const channelRoutes: Route[] = [
	{ method: 'GET', path: '/public/v1/channels', auth: userOrApp('channel:read'), handler: getChannels },
	{ method: 'PATCH', path: '/public/v1/channels', auth: userOnly('channel:write'), handler: patchChannel },
];
