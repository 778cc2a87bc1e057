/**
 * What Kick really sends in webhook bodies (docs/kick-api.md §6.4, quirks in §6.7), as zod 3
 * schemas.
 *
 * Lenient on purpose: a field Kick documents as a string may be `""`, user fields may be null
 * (anonymous gifters, `is_verified` of broadcasters), `emotes` may be null, `replies_to` absent
 * or null, timestamps carry up to nanoseconds, `livestream.metadata.updated` may say `Category`
 * instead of `category`, `emote_id` may be a string or a number, and unknown fields are kept
 * (`.passthrough()`). A body that passes its type's characteristic check but not its schema
 * still runs (with `schemaIssues` listing the differences): a payload change on Kick's side
 * must never cost an event.
 *
 * Each type also has a characteristic-field check: `Kick-Event-Type` is not signed, so a
 * delivery is only trusted as type X when its body has X's characteristic fields.
 */
import { z } from 'zod';

import { isObject, type Json } from '../shared/json';
import type { KickEventType } from '../shared/kick.constants';
import { RFC3339 } from '../shared/time';

/** RFC 3339 with any number of fractional digits (Kick sends 0, 3 or 9). */
const timestampSchema = z.string().regex(RFC3339, 'not an RFC 3339 timestamp');

/** Objects keep unknown fields. */
const object = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough();

/** A chat badge: `{ text, type, count? }`; types seen: broadcaster, moderator, subscriber, sub_gifter, vip, og, … */
const badge = object({ text: z.string(), type: z.string(), count: z.number().int().nullish() });

/** A chat sender's `identity`: color and badges (null for broadcasters and most non-chat users). */
const identity = object({ username_color: z.string().nullish(), badges: z.array(badge).nullish() });

const userFields = {
	user_id: z.number().int().nullable(),
	username: z.string().nullable(),
	is_verified: z.boolean().nullish(),
	profile_picture: z.string().nullish(),
	channel_slug: z.string().nullish(),
};
/** `EventUser`: most events' user object. All fields nullable (anonymous gifters). */
const eventUser = object({
	is_anonymous: z.boolean().nullish(),
	...userFields,
	identity: identity.nullish(),
});
/** `SlimUser`: reward redemptions and KICKs gifts (no `is_anonymous`, no `identity`). */
const slimUser = object(userFields);

const category = object({ id: z.number().int(), name: z.string(), thumbnail: z.string().nullish() });

/** An emote in a chat message: `s`/`e` are the start and inclusive end of its token in `content`. */
const emote = object({
	emote_id: z.union([z.string(), z.number()]),
	positions: z.array(object({ s: z.number().int(), e: z.number().int() })),
});

const subscriptionTimes = { created_at: timestampSchema.optional(), expires_at: timestampSchema.nullish() };
/** `channel.subscription.new` and `channel.subscription.renewal` share this shape. */
const channelSubscription = object({
	broadcaster: eventUser,
	subscriber: eventUser,
	duration: z.number().int(),
	...subscriptionTimes,
});

/** The event body schemas (unknown fields kept), by event type. */
const schemas = {
	'chat.message.sent': object({
		message_id: z.string(),
		/** Present for replies since 2025-08-20: `{ message_id, content, sender }`. */
		replies_to: object({ message_id: z.string(), content: z.string(), sender: eventUser.nullish() }).nullish(),
		broadcaster: eventUser,
		sender: eventUser,
		content: z.string(),
		/** Null when there are none. */
		emotes: z.array(emote).nullish(),
		created_at: timestampSchema.optional(),
	}),
	'channel.followed': object({ broadcaster: eventUser, follower: eventUser }),
	'channel.subscription.renewal': channelSubscription,
	'channel.subscription.gifts': object({
		broadcaster: eventUser,
		gifter: eventUser,
		giftees: z.array(eventUser),
		...subscriptionTimes,
	}),
	'channel.subscription.new': channelSubscription,
	'channel.reward.redemption.updated': object({
		id: z.string(),
		user_input: z.string().nullish(),
		status: z.string(),
		redeemed_at: timestampSchema.optional(),
		reward: object({ id: z.string(), title: z.string(), cost: z.number(), description: z.string().nullish() }),
		redeemer: slimUser,
		broadcaster: slimUser,
	}),
	'livestream.status.updated': object({
		broadcaster: eventUser,
		is_live: z.boolean(),
		title: z.string().nullish(),
		started_at: timestampSchema.nullish(),
		ended_at: timestampSchema.nullish(),
	}),
	'livestream.metadata.updated': object({
		broadcaster: eventUser,
		metadata: object({
			title: z.string(),
			language: z.string().nullish(),
			has_mature_content: z.boolean().nullish(),
			category: category.nullish(),
			/** Observed in production instead of `category` (issue #238). */
			Category: category.nullish(),
		}),
	}),
	'moderation.banned': object({
		broadcaster: eventUser,
		moderator: eventUser,
		banned_user: eventUser,
		metadata: object({
			reason: z.string().nullish(),
			created_at: timestampSchema.optional(),
			/** null for a permanent ban, a time for a timeout. */
			expires_at: timestampSchema.nullish(),
		}),
	}),
	'kicks.gifted': object({
		broadcaster: slimUser,
		sender: slimUser,
		gift: object({
			amount: z.number(),
			name: z.string().nullish(),
			type: z.string().nullish(),
			tier: z.string().nullish(),
			message: z.string().nullish(),
			pinned_time_seconds: z.number().nullish(),
		}),
		created_at: timestampSchema.optional(),
	}),
} satisfies Record<KickEventType, z.ZodTypeAny>;

export type SchemaCheck = { ok: true } | { ok: false; issues: string[] };

const MAX_REPORTED_ISSUES = 5;

/** Validates a parsed body against its type's schema, listing the issues (short `path: message`). */
export function validateEventBody(type: KickEventType, body: unknown): SchemaCheck {
	const result = schemas[type].safeParse(body);
	if (result.success) return { ok: true };
	return {
		ok: false,
		issues: result.error.issues
			.slice(0, MAX_REPORTED_ISSUES)
			.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
	};
}

/**
 * The characteristic fields of each type: cheap presence checks that tell the ten body shapes
 * apart (new and renewal subscriptions share one shape and cannot be told apart).
 */
const CHARACTERISTIC: Readonly<Record<KickEventType, (body: Json) => boolean>> = {
	'chat.message.sent': (b) => typeof b.message_id === 'string' && typeof b.content === 'string' && isObject(b.sender),
	'channel.followed': (b) => isObject(b.follower),
	'channel.subscription.renewal': (b) => isObject(b.subscriber) && 'duration' in b,
	'channel.subscription.new': (b) => isObject(b.subscriber) && 'duration' in b,
	'channel.subscription.gifts': (b) => Array.isArray(b.giftees) && 'gifter' in b,
	'channel.reward.redemption.updated': (b) => isObject(b.reward) && isObject(b.redeemer),
	'livestream.status.updated': (b) => typeof b.is_live === 'boolean',
	'livestream.metadata.updated': (b) =>
		isObject(b.metadata) && 'title' in b.metadata && !('banned_user' in b) && !('is_live' in b),
	'moderation.banned': (b) => isObject(b.banned_user) && isObject(b.metadata),
	'kicks.gifted': (b) => isObject(b.gift) && 'amount' in b.gift,
};

/** Whether the body has the characteristic fields of `type`. */
export function bodyMatchesType(type: KickEventType, body: unknown): boolean {
	return isObject(body) && CHARACTERISTIC[type](body);
}
