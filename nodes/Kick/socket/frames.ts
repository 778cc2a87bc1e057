/**
 * Pusher protocol 7 frames (the socket kick.com itself uses). Every frame is a JSON object
 * `{event, data, channel?}`. Channel events carry `data` as a JSON *string* (double encoded),
 * the server's own events sometimes as an object (`pusher:error`), and Kick occasionally sends
 * a PHP empty array `"[]"`: `data` is decoded once more when it is a string that parses.
 */
import { isObject, limitDepth } from '../shared/json';

/**
 * How deep a frame's `data` may nest (Kick's own frames nest 4 levels): deeper parts are
 * replaced by a marker, so a hostile frame still arrives, marked, instead of crashing the copy.
 */
export const MAX_FRAME_DEPTH = 32;

export interface PusherFrame {
	/** As sent, e.g. `App\Events\ChatMessageEvent` or `pusher:ping`. */
	event: string;
	channel?: string;
	/** `data`, decoded a second time when it was a JSON string. */
	data: unknown;
	/** Set when parts of `data` nested deeper than MAX_FRAME_DEPTH were replaced by a marker. */
	truncated?: true;
}

/** Decodes a frame's text; undefined for anything that is not a Pusher frame. */
export function parseFrame(text: string): PusherFrame | undefined {
	let outer: unknown;
	try {
		outer = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (!isObject(outer) || typeof outer.event !== 'string') return undefined;
	let data = outer.data;
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data) as unknown;
		} catch {
			// Plain text data: keep it as it is.
		}
	}
	const limited = limitDepth(data, MAX_FRAME_DEPTH);
	const frame: PusherFrame = { event: outer.event, data: limited.value };
	if (typeof outer.channel === 'string') frame.channel = outer.channel;
	if (limited.truncated) frame.truncated = true;
	return frame;
}

/** The event's own name: the part after the last backslash (`App\Events\X` and `X` match). */
export function eventBaseName(event: string): string {
	const index = event.lastIndexOf('\\');
	return index === -1 ? event : event.slice(index + 1);
}

/** Whether the frame is the protocol's own (connection, ping, subscription) rather than Kick's. */
export function isProtocolEvent(event: string): boolean {
	return event.startsWith('pusher:') || event.startsWith('pusher_internal:');
}

export const subscribeFrame = (channel: string): string => JSON.stringify({ event: 'pusher:subscribe', data: { auth: '', channel } });
export const pingFrame = (): string => JSON.stringify({ event: 'pusher:ping', data: {} });
export const pongFrame = (): string => JSON.stringify({ event: 'pusher:pong', data: {} });

/** `pusher:connection_established`: the server's activity timeout (seconds). */
export function activityTimeoutSeconds(data: unknown): number | undefined {
	const timeout = Number(isObject(data) ? data.activity_timeout : undefined);
	return Number.isFinite(timeout) && timeout > 0 ? timeout : undefined;
}

/** `pusher:error`: `{code, message}` (code may be null for errors that keep the connection). */
export function readPusherError(data: unknown): { code: number | null; message: string } {
	const value = isObject(data) ? data : {};
	const code = typeof value.code === 'number' ? value.code : Number.parseInt(String(value.code ?? ''), 10);
	return {
		code: Number.isInteger(code) ? code : null,
		message: typeof value.message === 'string' ? value.message : typeof data === 'string' ? data : '',
	};
}
