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

export type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

/** One header value as a string (the first one if it was repeated), or undefined when absent or empty. */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? value[0] : value;
	return typeof text === 'string' && text !== '' ? text : undefined;
}
