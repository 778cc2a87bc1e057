/** Pusher frames: parsing (double-encoded data, object data, PHP `[]`), event names, builders. */
import {
	activityTimeoutSeconds,
	eventBaseName,
	isProtocolEvent,
	MAX_FRAME_DEPTH,
	parseFrame,
	pingFrame,
	pongFrame,
	readPusherError,
	subscribeFrame,
} from '../../../nodes/Kick/socket/frames';
import { DEPTH_MARKER } from '../../../nodes/Kick/shared/json';
import { readSample, sampleNames } from './helpers';

describe('parseFrame', () => {
	it('decodes the double-encoded data of a captured chat frame', () => {
		const { frame } = readSample('ChatMessageEvent-1');
		const parsed = parseFrame(JSON.stringify(frame))!;
		expect(parsed.event).toBe('App\\Events\\ChatMessageEvent');
		expect(parsed.channel).toBe('chatrooms.1221707.v2');
		expect(parsed.data).toMatchObject({ id: 'bbcdbcfd-8619-40c2-a0d0-ae7cf4c7a932', sender: { username: 'OhLookItsMax' } });
	});

	it('keeps object data (pusher:error) and reads its code', () => {
		const parsed = parseFrame(JSON.stringify(readSample('pusher-error-4200-1').frame))!;
		expect(parsed.data).toEqual({ code: 4200, message: 'Please reconnect immediately' });
		expect(readPusherError(parsed.data)).toEqual({ code: 4200, message: 'Please reconnect immediately' });
		expect(readPusherError({ code: null, message: 'Existing subscription' })).toEqual({ code: null, message: 'Existing subscription' });
		expect(readPusherError('{"code":"4001"}')).toEqual({ code: null, message: '{"code":"4001"}' });
	});

	it('decodes "{}" and the PHP empty array "[]"', () => {
		expect(parseFrame(JSON.stringify(readSample('pusher-subscription_succeeded-1').frame))).toEqual({
			event: 'pusher_internal:subscription_succeeded',
			channel: 'chatrooms.14693568.v2',
			data: {},
		});
		expect(parseFrame(JSON.stringify(readSample('PinnedMessageDeletedEvent-1').frame))!.data).toEqual([]);
	});

	it('keeps text data that is not JSON, and refuses what is not a frame', () => {
		expect(parseFrame('{"event":"x","data":"plain words"}')).toEqual({ event: 'x', data: 'plain words' });
		expect(parseFrame('not json')).toBeUndefined();
		expect(parseFrame('[1,2]')).toBeUndefined();
		expect(parseFrame('{"data":"{}"}')).toBeUndefined();
	});

	it('reads connection_established', () => {
		const frame = parseFrame('{"event":"pusher:connection_established","data":"{\\"socket_id\\":\\"123.456\\",\\"activity_timeout\\":120}"}')!;
		expect(activityTimeoutSeconds(frame.data)).toBe(120);
		expect(activityTimeoutSeconds('x')).toBeUndefined();
	});
	it('cuts data nested deeper than MAX_FRAME_DEPTH, marks the frame, and leaves a value n8n can copy', () => {
		let nested = '1';
		for (let level = 0; level < 10_000; level++) nested = `{"a":${nested}}`;
		const parsed = parseFrame(JSON.stringify({ event: 'App\\Events\\Odd', channel: 'chatrooms.1.v2', data: nested }))!;
		expect(parsed.truncated).toBe(true);
		expect(() => JSON.stringify(parsed.data)).not.toThrow();
		let depth = 0;
		let value: unknown = parsed.data;
		while (typeof value === 'object' && value !== null) {
			value = (value as { a: unknown }).a;
			depth++;
		}
		expect([depth, value]).toEqual([MAX_FRAME_DEPTH, DEPTH_MARKER]);
	});

	it("leaves every captured Kick frame whole (none nests near the limit)", () => {
		const raw = sampleNames()
			.map((name) => readSample(name).frame)
			.filter((frame) => frame !== undefined);
		expect(raw.length).toBeGreaterThan(10);
		const cut = raw.filter((frame) => parseFrame(JSON.stringify(frame))!.truncated).map((frame) => frame.event);
		expect(cut).toEqual([]);
	});
});

describe('event names', () => {
	it('match on the part after the last backslash, with or without App\\Events\\', () => {
		expect(eventBaseName('App\\Events\\ChatMessageEvent')).toBe('ChatMessageEvent');
		expect(eventBaseName('GiftedSubscriptionsEvent')).toBe('GiftedSubscriptionsEvent');
		expect(eventBaseName('App\\Events\\LiveStream\\UpdatedLiveStreamEvent')).toBe('UpdatedLiveStreamEvent');
		expect(isProtocolEvent('pusher:ping')).toBe(true);
		expect(isProtocolEvent('pusher_internal:subscription_succeeded')).toBe(true);
		expect(isProtocolEvent('App\\Events\\ChatMessageEvent')).toBe(false);
	});
});

describe('frames sent', () => {
	it('subscribe like the kick.com client (data as an object, empty auth)', () => {
		expect(JSON.parse(subscribeFrame('chatrooms.14693568.v2'))).toEqual(readSample('pusher-subscribe-sent-1').frame);
		expect(JSON.parse(pingFrame())).toEqual({ event: 'pusher:ping', data: {} });
		expect(JSON.parse(pongFrame())).toEqual({ event: 'pusher:pong', data: {} });
	});
});
