/**
 * "From list" searches for the channel, category and reward resource locators. They use the
 * node's chosen credential through the same transport as the operations.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { SLUG_PATTERN } from '../shared/channelRef';
import { LIMITS, USER_CREDENTIAL } from '../shared/kick.constants';
import { bindKickClient } from '../client/client';
import { credentialTypeFor, readStandardPage, type KickAuthentication, type KickCredentialType } from '../transport';

const CHANNEL_PAGE_SIZE = 100;
const CATEGORY_PAGE_SIZE = 50;

function credentialOf(context: ILoadOptionsFunctions): KickCredentialType | undefined {
	const authentication = context.getNodeParameter('authentication', 'userOAuth2') as KickAuthentication;
	return credentialTypeFor(authentication);
}

async function get(context: ILoadOptionsFunctions, credentialType: KickCredentialType, path: string, qs: IDataObject = {}): Promise<IDataObject> {
	return await bindKickClient(context, { credentialType }).request(0, { method: 'GET', path, qs });
}

function channelItem(slug: string, label?: string): INodeListSearchItems {
	return { name: label ? `${label} (${slug})` : slug, value: slug, url: `https://kick.com/${slug}` };
}

export const listSearch = {
	/**
	 * Kick has no channel search. The list shows the channel typed (when it exists), the
	 * connected account's own channel, and channels live now whose slug, name or title matches.
	 */
	async searchChannels(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const credentialType = credentialOf(this);
		if (!credentialType) return { results: [] };
		const text = (filter ?? '').trim().toLowerCase();
		const found = new Map<string, INodeListSearchItems>();
		const add = (item: INodeListSearchItems) => {
			if (!found.has(String(item.value))) found.set(String(item.value), item);
		};

		if (!paginationToken) {
			const own = credentialType === USER_CREDENTIAL && !text ? await get(this, credentialType, '/public/v1/channels') : undefined;
			const exact = text && SLUG_PATTERN.test(text) ? await get(this, credentialType, '/public/v1/channels', { slug: text }) : undefined;
			for (const body of [own, exact]) {
				for (const channel of (body?.data as IDataObject[] | undefined) ?? []) {
					if (typeof channel.slug === 'string') add(channelItem(channel.slug, channel.stream_title ? String(channel.stream_title) : undefined));
				}
			}
		}

		const page = readStandardPage(
			await get(this, credentialType, '/public/v2/livestreams', {
				limit: CHANNEL_PAGE_SIZE,
				...(paginationToken ? { cursor: paginationToken } : {}),
			}),
		);
		for (const stream of page.items) {
			const slug = (stream.channel as IDataObject | undefined)?.slug;
			const username = (stream.broadcaster_user as IDataObject | undefined)?.username;
			if (typeof slug !== 'string') continue;
			const haystack = `${slug} ${String(username ?? '')} ${String(stream.title ?? '')}`.toLowerCase();
			if (!text || haystack.includes(text)) add(channelItem(slug, typeof username === 'string' ? `${username} · live` : undefined));
		}
		return { results: [...found.values()], paginationToken: page.nextCursor };
	},

	/** GET /public/v2/categories?name=<filter> (Kick needs at least 3 characters). */
	async searchCategories(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const credentialType = credentialOf(this);
		const text = (filter ?? '').trim();
		if (!credentialType || [...text].length < LIMITS.categoryTermMinLength) return { results: [] };
		const page = readStandardPage(
			await get(this, credentialType, '/public/v2/categories', {
				name: text,
				limit: CATEGORY_PAGE_SIZE,
				...(paginationToken ? { cursor: paginationToken } : {}),
			}),
		);
		const results = page.items.map((category) => ({ name: String(category.name), value: String(category.id) }));
		return { results, paginationToken: page.nextCursor };
	},

	/** The rewards of the connected account's channel (user credential only). */
	async searchRewards(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const credentialType = credentialOf(this);
		if (credentialType !== USER_CREDENTIAL) return { results: [] };
		const text = (filter ?? '').trim().toLowerCase();
		const body = await get(this, credentialType, '/public/v1/channels/rewards');
		const results = ((body.data as IDataObject[] | undefined) ?? [])
			.filter((reward) => !text || String(reward.title ?? '').toLowerCase().includes(text))
			.map((reward) => ({
				name: `${String(reward.title)} (${String(reward.cost)} points${reward.is_enabled === false ? ', disabled' : ''})`,
				value: String(reward.id),
			}));
		return { results };
	},
};
