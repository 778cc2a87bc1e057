/**
 * The headers Kick sends with every webhook delivery (docs/kick-api.md §6.2). Node lowercases
 * incoming header names, so these are the lowercase forms.
 */
export const KICK_HEADERS = {
	messageId: 'kick-event-message-id',
	subscriptionId: 'kick-event-subscription-id',
	signature: 'kick-event-signature',
	timestamp: 'kick-event-message-timestamp',
	type: 'kick-event-type',
	version: 'kick-event-version',
} as const;

export { headerValue, type HeaderBag } from '../shared/headers';
