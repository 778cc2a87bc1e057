import { KICK_EVENT_TYPES } from '../../../nodes/Kick/shared/kick.constants';
import { comparesPayload, fingerprintKey, messageKey, PAYLOAD_IDENTIFIES_EVENT, payloadFingerprint, readDuplicatePayloads } from '../../../nodes/Kick/webhook/dedup';

describe('payloadFingerprint', () => {
	it('is the same for the same type and bytes, different otherwise', () => {
		const body = Buffer.from('{"a":1}');
		expect(payloadFingerprint('channel.followed', body)).toBe(payloadFingerprint('channel.followed', Buffer.from('{"a":1}')));
		expect(payloadFingerprint('channel.followed', body)).not.toBe(payloadFingerprint('channel.followed', Buffer.from('{"a":2}')));
		expect(payloadFingerprint('channel.followed', body)).not.toBe(payloadFingerprint('kicks.gifted', body));
	});
});

describe('memory keys', () => {
	it('are 11 characters for message ids and fingerprints, the same for the same input', () => {
		expect(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FG')).toHaveLength(11);
		expect(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FG')).toBe(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FG'));
		expect(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FH')).not.toBe(messageKey('01KJ8XW2J5N1M4V6B7C8D9E0FG'));
		const fingerprint = payloadFingerprint('chat.message.sent', Buffer.from('{}'));
		expect(fingerprintKey(fingerprint)).toBe(fingerprint.slice(0, 11));
	});

	it('do not repeat over many different message ids', () => {
		const keys = new Set<string>();
		for (let i = 0; i < 100_000; i++) keys.add(messageKey(`01KJ8XW2J5N1M4V6B7C${String(i).padStart(7, '0')}`));
		expect(keys.size).toBe(100_000);
	});
});

describe('Ignore Duplicate Payloads', () => {
	it('reads the saved option, the default being the events whose body identifies them', () => {
		expect(readDuplicatePayloads('all')).toBe('all');
		expect(readDuplicatePayloads('never')).toBe('never');
		expect(readDuplicatePayloads(undefined)).toBe('identifying');
		expect(readDuplicatePayloads('something else')).toBe('identifying');
		expect(comparesPayload('channel.followed', 'identifying')).toBe(false);
		expect(comparesPayload('channel.followed', 'all')).toBe(true);
		expect(comparesPayload('chat.message.sent', 'identifying')).toBe(true);
		expect(comparesPayload('chat.message.sent', 'never')).toBe(false);
	});
});

describe('payload fingerprints', () => {
	it('are short, differ by type and by body', () => {
		const body = Buffer.from('{"a":1}');
		const fingerprint = payloadFingerprint('chat.message.sent', body);
		expect(fingerprint.length).toBeLessThanOrEqual(20);
		expect(payloadFingerprint('kicks.gifted', body)).not.toBe(fingerprint);
		expect(payloadFingerprint('chat.message.sent', Buffer.from('{"a":2}'))).not.toBe(fingerprint);
		expect(payloadFingerprint('chat.message.sent', body)).toBe(fingerprint);
	});

	it('apply to every type whose body identifies the event, not to follows or stream info changes', () => {
		expect([...PAYLOAD_IDENTIFIES_EVENT].sort()).toEqual(
			KICK_EVENT_TYPES.filter((type) => type !== 'channel.followed' && type !== 'livestream.metadata.updated').sort(),
		);
	});
});
