/**
 * One example body per event type (the reference payloads in test/fixtures/events, which
 * test/unit/webhook/samples.test.ts keeps identical), plus the offline stream variant. The
 * trigger emits these, normalized, in the editor's test mode so users can build a workflow
 * without a live stream. Invented data; no real users.
 */
import type { KickEventType } from '../shared/kick.constants';

type Body = Record<string, unknown>;

export const SAMPLE_BODIES: Readonly<Record<KickEventType, Body>> = {
	"chat.message.sent": {
		"message_id": "5f0b9c2e-8a47-4d1e-b3c6-2e9d7a41f08b",
		"replies_to": {
			"message_id": "c81e4a0d-2b6f-4f39-9e15-7a3d0c5b92e4",
			"content": "who is playing tonight?",
			"sender": {
				"is_anonymous": false,
				"user_id": 30715562,
				"username": "lunar_kettle",
				"is_verified": false,
				"profile_picture": "https://dbxmjjzl5pc1g.cloudfront.net/68417caf-7cdd-43e3-8a65-c6d605e1b881/images/user-profile-pic.png",
				"channel_slug": "lunar-kettle",
				"identity": null
			}
		},
		"broadcaster": {
			"is_anonymous": false,
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale",
			"identity": null
		},
		"sender": {
			"is_anonymous": false,
			"user_id": 61530248,
			"username": "pixelmoth",
			"is_verified": false,
			"profile_picture": "https://files.kick.com/images/user/61530248/profile_image/conversion/e2a94c11-6d0b-47f2-8c3a-95b1d7e0f6a2-fullsize.webp",
			"channel_slug": "pixelmoth",
			"identity": {
				"username_color": "#A1F4C2",
				"badges": [
					{
						"text": "Moderator",
						"type": "moderator"
					},
					{
						"text": "Sub Gifter",
						"type": "sub_gifter",
						"count": 10
					},
					{
						"text": "Subscriber",
						"type": "subscriber",
						"count": 6
					}
				]
			}
		},
		"content": "@lunar_kettle squad of four [emote:37226:KEKW] [emote:39261:kkHuh]",
		"emotes": [
			{
				"emote_id": "37226",
				"positions": [
					{
						"s": 28,
						"e": 45
					}
				]
			},
			{
				"emote_id": "39261",
				"positions": [
					{
						"s": 47,
						"e": 65
					}
				]
			}
		],
		"created_at": "2026-03-14T19:02:11.417296538Z"
	},
	"channel.followed": {
		"broadcaster": {
			"is_anonymous": false,
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale",
			"identity": null
		},
		"follower": {
			"is_anonymous": false,
			"user_id": 77304115,
			"username": "driftwood_rae",
			"is_verified": false,
			"profile_picture": "https://dbxmjjzl5pc1g.cloudfront.net/68417caf-7cdd-43e3-8a65-c6d605e1b881/images/user-profile-pic.png",
			"channel_slug": "driftwood-rae",
			"identity": null
		}
	},
	"channel.subscription.renewal": {
		"broadcaster": {
			"is_anonymous": false,
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale",
			"identity": null
		},
		"subscriber": {
			"is_anonymous": false,
			"user_id": 52266901,
			"username": "mintcondition",
			"is_verified": false,
			"profile_picture": "https://files.kick.com/images/user/52266901/profile_image/conversion/3b7d0e5f-9a12-4c68-b4e0-1f2a6c8d9e37-fullsize.webp",
			"channel_slug": "mintcondition",
			"identity": null
		},
		"duration": 7,
		"created_at": "2025-08-14T19:10:02.551830117Z",
		"expires_at": "2026-04-13T19:10:02.551830211Z"
	},
	"channel.subscription.gifts": {
		"broadcaster": {
			"is_anonymous": false,
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale",
			"identity": null
		},
		"gifter": {
			"is_anonymous": false,
			"user_id": 61530248,
			"username": "pixelmoth",
			"is_verified": false,
			"profile_picture": "https://files.kick.com/images/user/61530248/profile_image/conversion/e2a94c11-6d0b-47f2-8c3a-95b1d7e0f6a2-fullsize.webp",
			"channel_slug": "pixelmoth",
			"identity": null
		},
		"giftees": [
			{
				"is_anonymous": false,
				"user_id": 88412009,
				"username": "sable_fern",
				"is_verified": false,
				"profile_picture": "",
				"channel_slug": "sable-fern",
				"identity": null
			},
			{
				"is_anonymous": false,
				"user_id": 90013457,
				"username": "grainofrice",
				"is_verified": false,
				"profile_picture": "https://dbxmjjzl5pc1g.cloudfront.net/68417caf-7cdd-43e3-8a65-c6d605e1b881/images/user-profile-pic.png",
				"channel_slug": "grainofrice",
				"identity": null
			},
			{
				"is_anonymous": false,
				"user_id": 73350120,
				"username": "hexhound",
				"is_verified": false,
				"profile_picture": "",
				"channel_slug": "hexhound",
				"identity": null
			}
		],
		"created_at": "2026-03-14T19:21:47.190445002Z",
		"expires_at": "2026-04-13T19:21:47.190445101Z"
	},
	"channel.subscription.new": {
		"broadcaster": {
			"is_anonymous": false,
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale",
			"identity": null
		},
		"subscriber": {
			"is_anonymous": false,
			"user_id": 52266901,
			"username": "mintcondition",
			"is_verified": false,
			"profile_picture": "https://files.kick.com/images/user/52266901/profile_image/conversion/3b7d0e5f-9a12-4c68-b4e0-1f2a6c8d9e37-fullsize.webp",
			"channel_slug": "mintcondition",
			"identity": null
		},
		"duration": 1,
		"created_at": "2026-03-14T19:10:02.551830117Z",
		"expires_at": "2026-04-13T19:10:02.551830211Z"
	},
	"channel.reward.redemption.updated": {
		"id": "01KKPX9C58JEE64HKY8R8JR1RB",
		"user_input": "play the desert map next",
		"status": "accepted",
		"redeemed_at": "2026-03-14T19:31:05.742Z",
		"reward": {
			"id": "01KGF3JNG0VAECX4MS8BYFFA1T",
			"title": "Pick the next map",
			"cost": 2500,
			"description": "Streamer plays the map you name"
		},
		"redeemer": {
			"user_id": 88412009,
			"username": "sable_fern",
			"is_verified": false,
			"profile_picture": "",
			"channel_slug": "sable-fern"
		},
		"broadcaster": {
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale"
		}
	},
	"livestream.status.updated": {
		"broadcaster": {
			"is_anonymous": false,
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale",
			"identity": null
		},
		"is_live": true,
		"title": "Ranked grind to Diamond | !discord",
		"started_at": "2026-03-14T18:58:31Z",
		"ended_at": null
	},
	"livestream.metadata.updated": {
		"broadcaster": {
			"is_anonymous": false,
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale",
			"identity": null
		},
		"metadata": {
			"title": "Chill late stream, viewer games after 10",
			"language": "en",
			"has_mature_content": false,
			"category": {
				"id": 15,
				"name": "Just Chatting",
				"thumbnail": "https://files.kick.com/images/subcategories/15/banner/conversion/b697a8a3-62db-4779-aa76-e4e47662af97-banner.webp"
			}
		}
	},
	"moderation.banned": {
		"broadcaster": {
			"is_anonymous": false,
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale",
			"identity": null
		},
		"moderator": {
			"is_anonymous": false,
			"user_id": 61530248,
			"username": "pixelmoth",
			"is_verified": false,
			"profile_picture": "https://files.kick.com/images/user/61530248/profile_image/conversion/e2a94c11-6d0b-47f2-8c3a-95b1d7e0f6a2-fullsize.webp",
			"channel_slug": "pixelmoth",
			"identity": null
		},
		"banned_user": {
			"is_anonymous": false,
			"user_id": 99120458,
			"username": "spamcan_9000",
			"is_verified": false,
			"profile_picture": "",
			"channel_slug": "spamcan-9000",
			"identity": null
		},
		"metadata": {
			"reason": "link spam",
			"created_at": "2026-03-14T20:04:12Z",
			"expires_at": "2026-03-14T20:14:12Z"
		}
	},
	"kicks.gifted": {
		"broadcaster": {
			"user_id": 2841377,
			"username": "NeonVale",
			"is_verified": true,
			"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
			"channel_slug": "neonvale"
		},
		"sender": {
			"user_id": 52266901,
			"username": "mintcondition",
			"is_verified": false,
			"profile_picture": "https://files.kick.com/images/user/52266901/profile_image/conversion/3b7d0e5f-9a12-4c68-b4e0-1f2a6c8d9e37-fullsize.webp",
			"channel_slug": "mintcondition"
		},
		"gift": {
			"amount": 100,
			"name": "Full Send",
			"type": "LEVEL_UP",
			"tier": "MID",
			"message": "for the clutch",
			"pinned_time_seconds": 300
		},
		"created_at": "2026-03-14T21:17:40.312Z"
	},
};

/** The offline variant of 'livestream.status.updated'. */
export const SAMPLE_STREAM_OFFLINE_BODY: Body = {
	"broadcaster": {
		"is_anonymous": false,
		"user_id": 2841377,
		"username": "NeonVale",
		"is_verified": true,
		"profile_picture": "https://files.kick.com/images/user/2841377/profile_image/conversion/7c1e5b7a-3f0d-4b8e-9a61-2d5e8f4c9b10-fullsize.webp",
		"channel_slug": "neonvale",
		"identity": null
	},
	"is_live": false,
	"title": "Ranked grind to Diamond | !discord",
	"started_at": "2026-03-14T18:58:31Z",
	"ended_at": "2026-03-14T23:12:09Z"
};
