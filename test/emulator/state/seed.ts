/**
 * Seed data. NeonVale and the users in the event fixtures (fixtures/events/*.json) keep the
 * ids, names and pictures they have there, so a delivered sample event and an API lookup
 * describe the same people. The extra streamers make pagination and filters meaningful.
 */
import { SCOPES } from '../kickFacts';
import { ulid } from '../util';
import type {
	CategoryRecord,
	ChannelRecord,
	ChatMessageRecord,
	DropsClaimRecord,
	EmulatorApp,
	EmulatorState,
	RedemptionRecord,
	RewardRecord,
	UserRecord,
} from './model';

const DEFAULT_AVATAR =
	'https://dbxmjjzl5pc1g.cloudfront.net/68417caf-7cdd-43e3-8a65-c6d605e1b881/images/user-profile-pic.png';
const NEONVALE_AVATAR =
	'https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp';

/** Well-known ids for tests. */
export const SEED = {
	app: {
		clientId: 'kick-test-client',
		clientSecret: 'kick-test-secret',
		/** n8n's OAuth2 callback on its default port. */
		redirectUri: 'http://localhost:5678/rest/oauth2-credential/callback',
	},
	orgApp: { clientId: 'kick-org-client', clientSecret: 'kick-org-secret' },
	users: {
		neonvale: 2841377,
		pixelmoth: 61530248,
		driftwoodRae: 77304115,
		sableFern: 88412009,
		grainofrice: 90013457,
		hexhound: 73350120,
		mintcondition: 52266901,
		lunarKettle: 30715562,
		quietorbit: 48120777,
		spamcan: 99120458,
	},
	/** NeonVale: live, Counter-Strike 2; pixelmoth moderates the chat. */
	broadcaster: {
		userId: 2841377,
		channelId: 2712044,
		chatroomId: 2690417,
		slug: 'neonvale',
		livestreamId: '9d2f6b1e-4c3a-4e8b-a7d0-51c2e9f8b364',
		websiteLivestreamId: 88123456,
	},
	liveSlugs: [
		'neonvale',
		'mintcondition',
		'bytebard',
		'lalunaloca',
		'kaiserkarl',
		'froggo-fr',
		'tidewalker',
		'mirapixels',
		'nordicnomad',
		'ghost-signal',
		'okonomicat',
		'slotsbaron',
	],
	offlineSlugs: ['pixelmoth', 'driftwood-rae', 'sable-fern', 'hexhound', 'quietorbit'],
	categories: {
		justChatting: 15,
		counterStrike2: 18,
		counterStrike: 9134,
		gamingCafeSimulator: 9569,
		miniatureWargaming: 4688,
		minecraft: 8,
	},
	rewards: {
		/** Created by kick-test-client: it may update/delete it and settle its redemptions. */
		pickTheNextMap: '01KGF3JNG0VAECX4MS8BYFFA1T',
		/** Created on kick.com: no app may change it (403 / NOT_OWNED). */
		hydrate: '01KEKEPP00MZXWRADQ7Z0E7MB6',
		/** Created by kick-test-client, with enough pending redemptions for two pages. */
		songRequest: '01KH0SQ6N0C5R3E2V8W9X1Y2Z3',
	},
	redemptions: {
		pendingMap: '01KKPX9C58JEE64HKY8R8JR1RB',
		pendingMap2: '01KKPXE3H0R9K10Q60EVKNAM1Y',
		acceptedHydrate: '01KKPY0000HYDRATEACCEPTED0',
	},
	chat: {
		/** lunar_kettle: "who is playing tonight?" */
		question: 'c81e4a0d-2b6f-4f39-9e15-7a3d0c5b92e4',
		/** pixelmoth's reply to it (chat.message.sent.json). */
		reply: '5f0b9c2e-8a47-4d1e-b3c6-2e9d7a41f08b',
		/** quietorbit: "gg" (chat.message.sent.plain.json). */
		plain: '0d6e3f95-1c2a-4b7e-8f40-b5a9e21c7d63',
	},
	drops: {
		claimId: '01KKQ5T1R0444QM40YSQ6ESQ65',
		campaignId: '01KJKB3Q00H9FYAYWBHFNDY1KH',
		rewardId: '01KHW5H800P5QQQV6Y0RFKZ3T7',
		claimCount: 12,
	},
	counts: { categories: 33, liveStreams: 12, pendingRedemptions: 28 },
} as const;

const thumb = (id: number): string =>
	`https://files.kick.com/images/subcategories/${id}/banner/conversion/seed-${id}-banner.webp`;

const CATEGORY_ROWS: Array<[number, string, string[] | null, number]> = [
	[15, 'Just Chatting', ['IRL', 'Talk Show'], 211436],
	[9569, 'Gaming Cafe Simulator', ['Simulation'], 312],
	[4688, 'Miniature Wargaming', null, 85],
	[18, 'Counter-Strike 2', ['FPS', 'Shooter'], 98211],
	[9134, 'Counter-Strike', ['FPS', 'Shooter'], 1203],
	[28, 'Slots & Casino', ['Gambling'], 120553],
	[5, 'Grand Theft Auto V', ['Action', 'Open World'], 64002],
	[8, 'Minecraft', ['Sandbox', 'Survival'], 30441],
	[3, 'Fortnite', ['Battle Royale', 'Shooter'], 22780],
	[4, 'League of Legends', ['MOBA'], 18770],
	[12, 'Valorant', ['FPS', 'Shooter'], 17110],
	[11, 'Apex Legends', ['Battle Royale', 'FPS'], 9020],
	[10, 'Call of Duty: Warzone', ['Battle Royale', 'FPS'], 12400],
	[29, 'Rust', ['Survival', 'Open World'], 15233],
	[14, 'Dota 2', ['MOBA'], 7110],
	[25, 'Music', ['Creative', 'Music'], 5402],
	[26, 'Art', ['Creative'], 2210],
	[27, 'Chess', ['Board Game', 'Strategy'], 3380],
	[30, 'Sports', ['Sports'], 8840],
	[31, 'Travel & Outdoors', ['IRL', 'Travel'], 4120],
	[113, 'Elden Ring', ['RPG', 'Souls-like'], 6630],
	[16, 'World of Warcraft', ['MMORPG', 'RPG'], 5012],
	[19, 'Escape from Tarkov', ['FPS', 'Survival'], 7733],
	[21, 'Dead by Daylight', ['Horror'], 2904],
	[22, 'Rocket League', ['Sports', 'Racing'], 1980],
	[23, 'Overwatch 2', ['FPS', 'Hero Shooter'], 4401],
	[24, 'EA Sports FC 25', ['Sports'], 3907],
	[32, 'Poker', ['Gambling', 'Card Game'], 6120],
	[33, 'Retro', ['Retro'], 1450],
	[34, 'Science & Technology', ['Educational'], 610],
	[36, 'Stardew Valley', ['Simulation', 'Farming'], 2270],
	[37, 'Euro Truck Simulator 2', ['Simulation', 'Driving'], 1830],
	[38, 'Hearthstone', ['Card Game', 'Strategy'], 940],
];

function seedCategories(): CategoryRecord[] {
	return CATEGORY_ROWS.map(([id, name, tags, viewerCount]) => ({
		id,
		name,
		slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
		thumbnail:
			id === 15
				? 'https://files.kick.com/images/subcategories/15/banner/conversion/b697a8a3-62db-4779-aa76-e4e47662af97-banner.webp'
				: id === 18
					? 'https://files.kick.com/images/subcategories/18/banner/conversion/4f6c1b2a-83de-4a70-9b51-2c7e0d9f3a18-banner.webp'
					: thumb(id),
		tags,
		viewerCount,
		parentId: tags?.includes('IRL') ? 2 : 5,
	}));
}

interface StreamerRow {
	userId: number;
	username: string;
	picture?: string;
	verified?: boolean;
	bio?: string;
	followers: number;
	categoryId: number;
	language: string;
	title: string;
	tags?: string[];
	mature?: boolean;
	/** Present ⇒ live: [started_at, viewer_count, livestream UUID]. */
	live?: [string, number, string];
}

const STREAMERS: StreamerRow[] = [
	{
		userId: 2841377,
		username: 'NeonVale',
		picture: NEONVALE_AVATAR,
		verified: true,
		bio: 'CS2 + variety',
		followers: 58213,
		categoryId: 18,
		language: 'en',
		title: 'Ranked grind to Diamond | !discord',
		tags: ['english', 'ranked'],
		live: ['2026-03-14T18:58:31Z', 1843, '9d2f6b1e-4c3a-4e8b-a7d0-51c2e9f8b364'],
	},
	{
		userId: 61530248,
		username: 'pixelmoth',
		picture:
			'https://files.kick.com/images/user/61530248/profile_image/conversion/e2a94c11-6d0b-47f2-8c3a-95b1d7e0f6a2-fullsize.webp',
		followers: 311,
		categoryId: 0,
		language: '',
		title: '',
	},
	{
		userId: 52266901,
		username: 'mintcondition',
		picture:
			'https://files.kick.com/images/user/52266901/profile_image/conversion/3b7d0e5f-9a12-4c68-b4e0-1f2a6c8d9e37-fullsize.webp',
		followers: 2044,
		categoryId: 15,
		language: 'es',
		title: 'morning coffee + catch-up',
		// viewer_count 0 while live: the streamer hides it (docs/kick-api.md §4.2).
		live: ['2026-03-14T19:05:02Z', 0, '1e7a3c5d-9b2f-4a61-8c04-d3e5f7a9b2c1'],
	},
	{ userId: 77304115, username: 'driftwood_rae', followers: 12, categoryId: 0, language: '', title: '' },
	{ userId: 88412009, username: 'sable_fern', picture: '', followers: 40, categoryId: 15, language: 'en', title: 'first stream!' },
	{ userId: 90013457, username: 'grainofrice', followers: 3, categoryId: 0, language: '', title: '' },
	{ userId: 73350120, username: 'hexhound', picture: '', followers: 97, categoryId: 29, language: 'en', title: 'base raid tonight' },
	{ userId: 30715562, username: 'lunar_kettle', followers: 5, categoryId: 0, language: '', title: '' },
	{ userId: 48120777, username: 'quietorbit', picture: '', followers: 18, categoryId: 26, language: 'en', title: 'sketching' },
	{ userId: 99120458, username: 'spamcan_9000', picture: '', followers: 0, categoryId: 0, language: '', title: '' },
	{ userId: 3301001, username: 'ByteBard', followers: 8800, categoryId: 8, language: 'en', title: 'Hardcore day 200', tags: ['hardcore'], live: ['2026-03-14T16:02:10Z', 412, 'a0c1e2f3-0001-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301002, username: 'LaLunaLoca', followers: 15200, categoryId: 15, language: 'es', title: 'charlando con ustedes', live: ['2026-03-14T17:20:44Z', 930, 'a0c1e2f3-0002-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301003, username: 'KaiserKarl', followers: 6400, categoryId: 18, language: 'de', title: 'FACEIT Level 10', tags: ['deutsch'], live: ['2026-03-14T17:45:00Z', 655, 'a0c1e2f3-0003-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301004, username: 'froggo_fr', followers: 2100, categoryId: 27, language: 'fr', title: 'blitz avec les viewers', live: ['2026-03-14T18:01:19Z', 88, 'a0c1e2f3-0004-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301005, username: 'Tidewalker', followers: 9100, categoryId: 29, language: 'en', title: 'wipe day', live: ['2026-03-14T18:10:00Z', 1204, 'a0c1e2f3-0005-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301006, username: 'MiraPixels', followers: 780, categoryId: 26, language: 'pt', title: 'pixel art ao vivo', live: ['2026-03-14T18:33:57Z', 41, 'a0c1e2f3-0006-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301007, username: 'NordicNomad', followers: 3300, categoryId: 31, language: 'en', title: 'hiking the fjords', tags: ['irl', 'outdoors'], live: ['2026-03-14T19:12:30Z', 276, 'a0c1e2f3-0007-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301008, username: 'ghost_signal', followers: 24100, categoryId: 12, language: 'en', title: 'radiant push 18+', mature: true, live: ['2026-03-14T19:40:05Z', 3120, 'a0c1e2f3-0008-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301009, username: 'OkonomiCat', followers: 5020, categoryId: 25, language: 'ja', title: 'lofi piano', live: ['2026-03-14T20:05:11Z', 390, 'a0c1e2f3-0009-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301010, username: 'SlotsBaron', followers: 40200, categoryId: 28, language: 'en', title: 'bonus hunt', mature: true, live: ['2026-03-14T20:30:00Z', 5400, 'a0c1e2f3-0010-4a5b-8c6d-7e8f90a1b2c3'] },
	{ userId: 3301011, username: 'ShadowPaw', followers: 1500, categoryId: 23, language: 'en', title: 'tank main', verified: false },
];

function seedUsersAndChannels(): { users: UserRecord[]; channels: ChannelRecord[] } {
	const users: UserRecord[] = [];
	const channels: ChannelRecord[] = [];
	STREAMERS.forEach((row, index) => {
		users.push({
			userId: row.userId,
			username: row.username,
			email: `${row.username.toLowerCase()}@example.com`,
			profilePicture: row.picture ?? DEFAULT_AVATAR,
			isVerified: row.verified ?? false,
			bio: row.bio ?? '',
		});
		const isNeonVale = row.userId === SEED.broadcaster.userId;
		const slug = row.username.toLowerCase().replace(/_/g, '-');
		channels.push({
			channelId: isNeonVale ? SEED.broadcaster.channelId : 1_400_000 + index * 7919,
			broadcasterUserId: row.userId,
			slug,
			description: isNeonVale ? 'Variety + CS2. Schedule in !discord' : '',
			bannerPicture: isNeonVale
				? 'https://files.kick.com/images/channel/2712044/banner_image/conversion/0a9f2e61-5c3b-48d7-9e14-c6b2f7a80d55-fullsize.webp'
				: '',
			streamTitle: row.title,
			categoryId: row.categoryId,
			customTags: row.tags ?? [],
			language: row.language,
			isMature: row.mature ?? false,
			live: row.live
				? {
						livestreamId: row.live[2],
						websiteId: isNeonVale ? SEED.broadcaster.websiteLivestreamId : 88_000_000 + index,
						startedAt: row.live[0],
						viewerCount: row.live[1],
						thumbnail: `https://images.kick.com/video_thumbnails/${slug}-EXAMPLE/720.webp`,
					}
				: null,
			streamUrl: 'rtmps://fa723fc1b171.global-contribute.live-video.net',
			streamKey: `sk_us-west-2_EXAMPLE${row.userId}`,
			paidSubscribers: isNeonVale ? 316 : Math.floor(row.followers / 50),
			giftedSubscribers: isNeonVale ? 96 : Math.floor(row.followers / 200),
			canceledSubscribers: isNeonVale ? 37 : Math.floor(row.followers / 400),
			followersCount: row.followers,
			verified: row.verified ?? false,
			chatroomId: isNeonVale ? SEED.broadcaster.chatroomId : 2_600_000 + index * 131,
			moderatorIds: isNeonVale ? [SEED.users.pixelmoth] : [],
		});
	});
	return { users, channels };
}

function seedChat(): ChatMessageRecord[] {
	const message = (
		messageId: string,
		senderUserId: number,
		content: string,
		createdAt: string,
		replyToMessageId: string | null = null,
	): ChatMessageRecord => ({
		messageId,
		broadcasterUserId: SEED.broadcaster.userId,
		type: 'viewer',
		senderUserId,
		clientId: null,
		content,
		replyToMessageId,
		createdAt,
		deleted: false,
	});
	return [
		message(SEED.chat.question, SEED.users.lunarKettle, 'who is playing tonight?', '2026-03-14T19:01:58.000000000Z'),
		message(
			SEED.chat.reply,
			SEED.users.pixelmoth,
			'@lunar_kettle squad of four [emote:37226:KEKW] [emote:39261:kkHuh]',
			'2026-03-14T19:02:11.417296538Z',
			SEED.chat.question,
		),
		message(SEED.chat.plain, SEED.users.quietorbit, 'gg', '2026-03-14T19:03:40.088120904Z'),
	];
}

function seedRewards(): RewardRecord[] {
	const base = {
		broadcasterUserId: SEED.broadcaster.userId,
		isEnabled: true,
		isPaused: false,
		isDeleted: false,
	};
	return [
		{
			...base,
			id: SEED.rewards.pickTheNextMap,
			createdByClientId: SEED.app.clientId,
			title: 'Pick the next map',
			description: 'Streamer plays the map you name',
			cost: 2500,
			backgroundColor: '#00e701',
			isUserInputRequired: true,
			shouldRedemptionsSkipRequestQueue: false,
		},
		{
			...base,
			id: SEED.rewards.hydrate,
			createdByClientId: null,
			title: 'Hydrate!',
			description: '',
			cost: 100,
			backgroundColor: '#3A86FF',
			isUserInputRequired: false,
			shouldRedemptionsSkipRequestQueue: true,
		},
		{
			...base,
			id: SEED.rewards.songRequest,
			createdByClientId: SEED.app.clientId,
			title: 'Song request',
			description: 'Name a song for the next break',
			cost: 500,
			backgroundColor: '#9B5DE5',
			isUserInputRequired: true,
			shouldRedemptionsSkipRequestQueue: false,
		},
	];
}

function seedRedemptions(): RedemptionRecord[] {
	const broadcasterUserId = SEED.broadcaster.userId;
	const viewers = [
		SEED.users.sableFern,
		SEED.users.hexhound,
		SEED.users.grainofrice,
		SEED.users.quietorbit,
		SEED.users.lunarKettle,
	];
	const redemptions: RedemptionRecord[] = [
		{
			id: SEED.redemptions.pendingMap,
			rewardId: SEED.rewards.pickTheNextMap,
			broadcasterUserId,
			redeemerUserId: SEED.users.sableFern,
			userInput: 'play the desert map next',
			status: 'pending',
			redeemedAt: '2026-03-14T19:31:05.742Z',
		},
		{
			id: SEED.redemptions.pendingMap2,
			rewardId: SEED.rewards.pickTheNextMap,
			broadcasterUserId,
			redeemerUserId: SEED.users.hexhound,
			userInput: 'harbor pls',
			status: 'pending',
			redeemedAt: '2026-03-14T19:33:40.118Z',
		},
		{
			id: SEED.redemptions.acceptedHydrate,
			rewardId: SEED.rewards.hydrate,
			broadcasterUserId,
			redeemerUserId: SEED.users.mintcondition,
			userInput: '',
			status: 'accepted',
			redeemedAt: '2026-03-14T19:20:00.000Z',
		},
	];
	const start = Date.parse('2026-03-14T19:40:00.000Z');
	for (let i = 0; i < SEED.counts.pendingRedemptions - 2; i++) {
		const time = start + i * 45_000;
		redemptions.push({
			id: ulid(time, 1000 + i),
			rewardId: SEED.rewards.songRequest,
			broadcasterUserId,
			redeemerUserId: viewers[i % viewers.length],
			userInput: `song #${i + 1}`,
			status: 'pending',
			redeemedAt: new Date(time).toISOString(),
		});
	}
	return redemptions;
}

function seedDropsClaims(): DropsClaimRecord[] {
	const claims: DropsClaimRecord[] = [
		{
			claimId: SEED.drops.claimId,
			clientId: SEED.orgApp.clientId,
			userId: SEED.users.pixelmoth,
			campaignId: SEED.drops.campaignId,
			rewardId: SEED.drops.rewardId,
			externalId: 'skin_neon_visor',
			externalStatus: 'initiated',
			createdAt: '2026-03-14T22:00:00Z',
			updatedAt: '2026-03-14T22:00:00Z',
		},
	];
	const start = Date.parse('2026-03-14T22:05:00Z');
	const claimants = Object.values(SEED.users);
	for (let i = 1; i < SEED.drops.claimCount; i++) {
		const time = start + i * 60_000;
		const at = new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
		claims.push({
			claimId: ulid(time, 5000 + i),
			clientId: SEED.orgApp.clientId,
			userId: claimants[i % claimants.length],
			campaignId: SEED.drops.campaignId,
			rewardId: SEED.drops.rewardId,
			externalId: `skin_neon_visor_${i}`,
			externalStatus: 'initiated',
			createdAt: at,
			updatedAt: at,
		});
	}
	return claims;
}

function seedApps(): EmulatorApp[] {
	return [
		{
			clientId: SEED.app.clientId,
			clientSecret: SEED.app.clientSecret,
			redirectUris: [
				SEED.app.redirectUri,
				'http://127.0.0.1:5678/rest/oauth2-credential/callback',
				'http://localhost:3000/callback',
			],
			name: 'n8n Kick test app',
			isOrganization: false,
			botEnabled: true,
		},
		{
			clientId: SEED.orgApp.clientId,
			clientSecret: SEED.orgApp.clientSecret,
			redirectUris: ['http://localhost:5678/rest/oauth2-credential/callback'],
			name: 'Neon Drops Org',
			isOrganization: true,
			botEnabled: false,
		},
	];
}

/** A fresh, independent state: every emulator instance gets its own copy. */
export function createSeedState(): EmulatorState {
	const { users, channels } = seedUsersAndChannels();
	return {
		apps: seedApps(),
		consentUserId: SEED.broadcaster.userId,
		consentPage: false,
		subscriptionLimit: 10_000,
		subscriptionLimitMode: 'request',
		unlistedCreates: 0,
		users,
		channels,
		categories: seedCategories(),
		chat: seedChat(),
		bans: [
			{
				broadcasterUserId: SEED.broadcaster.userId,
				userId: SEED.users.spamcan,
				moderatorUserId: SEED.broadcaster.userId,
				reason: 'repeat offender',
				createdAt: '2026-03-14T20:30:55Z',
				expiresAt: null,
			},
		],
		rewards: seedRewards(),
		redemptions: seedRedemptions(),
		subscriptions: [],
		kicksLeaderboards: {
			[SEED.broadcaster.userId]: {
				lifetime: [
					{ userId: SEED.users.mintcondition, giftedAmount: 48200 },
					{ userId: SEED.users.pixelmoth, giftedAmount: 17350 },
					{ userId: SEED.users.sableFern, giftedAmount: 9900 },
				],
				month: [
					{ userId: SEED.users.pixelmoth, giftedAmount: 4100 },
					{ userId: SEED.users.mintcondition, giftedAmount: 2600 },
				],
				week: [{ userId: SEED.users.mintcondition, giftedAmount: 900 }],
			},
		},
		dropsClaims: seedDropsClaims(),
		accessTokens: new Map(),
		refreshTokens: new Map(),
		authorizationCodes: new Map(),
		settings: {
			userTokenTtlSeconds: 7200,
			appTokenTtlSeconds: 5_184_000,
			refreshTokenTtlSeconds: 30 * 24 * 3600,
			refreshTokenReuseSeconds: 60,
			authorizationCodeTtlSeconds: 600,
			redemptionsPageSize: 25,
		},
	};
}

/** All 11 scopes: the default grant for test user tokens. */
export const ALL_SCOPES: string[] = [...SCOPES];
