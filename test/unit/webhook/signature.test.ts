import { sign, verify } from 'node:crypto';

import { signedPayload, verifyKickSignature } from '../../../nodes/Kick/webhook/signature';
import { makeKeys } from './helpers';

// The real verify, watched: how many RSA checks a delivery costs is counted, not timed.
jest.mock('node:crypto', () => {
	const actual = jest.requireActual('node:crypto');
	return { ...actual, verify: jest.fn(actual.verify) };
});
const cryptoVerify = verify as unknown as jest.Mock;

const keys = makeKeys();
const other = makeKeys();
const id = '01KKPVMFS0YM6VX6496PXTFYAT';
const ts = '2026-03-14T19:02:12Z';

function signBytes(messageId: string, timestamp: string, body: Buffer, key = keys.privateKey): string {
	return sign('sha256', signedPayload(messageId, timestamp, body), key).toString('base64');
}

describe('signedPayload', () => {
	it('is id.timestamp.body with the body bytes untouched', () => {
		const body = Buffer.from([0x7b, 0xc3, 0xa9, 0x20, 0x0a, 0x7d]);
		const payload = signedPayload(id, ts, body);
		expect(payload.subarray(0, id.length + ts.length + 2).toString()).toBe(`${id}.${ts}.`);
		expect(payload.subarray(id.length + ts.length + 2).equals(body)).toBe(true);
	});
});

describe('verifyKickSignature', () => {
	const body = Buffer.from('{"content":"hello","n":1}');

	it('accepts a valid signature (344 base64 characters for RSA-2048)', () => {
		const signature = signBytes(id, ts, body);
		expect(signature).toHaveLength(344);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, signature)).toBe(true);
	});

	it('refuses a tampered body, id, timestamp or signature', () => {
		const signature = signBytes(id, ts, body);
		expect(verifyKickSignature(keys.publicKey, id, ts, Buffer.from('{"content":"hellO","n":1}'), signature)).toBe(false);
		expect(verifyKickSignature(keys.publicKey, `${id.slice(0, -1)}B`, ts, body, signature)).toBe(false);
		expect(verifyKickSignature(keys.publicKey, id, '2026-03-14T19:02:13Z', body, signature)).toBe(false);
		const bytes = Buffer.from(signature, 'base64');
		bytes[10] = (bytes[10] as number) ^ 0x01;
		expect(verifyKickSignature(keys.publicKey, id, ts, body, bytes.toString('base64'))).toBe(false);
	});

	it('refuses a signature made with another key', () => {
		const signature = signBytes(id, ts, body, other.privateKey);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, signature)).toBe(false);
		expect(verifyKickSignature(other.publicKey, id, ts, body, signature)).toBe(true);
	});

	it('needs the exact raw bytes: non-ASCII, whitespace and key order all count', () => {
		const raw = Buffer.from('{ "content" : "héllo 👋 \\u0021",\n  "emotes":null }', 'utf8');
		const signature = signBytes(id, ts, raw);
		expect(verifyKickSignature(keys.publicKey, id, ts, raw, signature)).toBe(true);
		// The same JSON re-serialized is different bytes.
		const reserialized = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
		expect(verifyKickSignature(keys.publicKey, id, ts, reserialized, signature)).toBe(false);
		// Latin-1 instead of UTF-8 bytes for the same text.
		expect(verifyKickSignature(keys.publicKey, id, ts, Buffer.from(raw.toString('utf8'), 'latin1'), signature)).toBe(false);
		// One trailing newline more.
		expect(verifyKickSignature(keys.publicKey, id, ts, Buffer.concat([raw, Buffer.from('\n')]), signature)).toBe(false);
	});

	it('reads the header strictly: junk characters, whitespace, base64url, missing padding or a wrong length are refused', () => {
		const signature = signBytes(id, ts, body);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, signature)).toBe(true);
		// Node's decoder would skip these and still verify; the header is taken as written.
		expect(verifyKickSignature(keys.publicKey, id, ts, body, `${signature.slice(0, 100)}!${signature.slice(100)}`)).toBe(false);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, `${signature.slice(0, 100)} ${signature.slice(100)}`)).toBe(false);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, ` ${signature}`)).toBe(false);
		const url = signature.replace(/\+/g, '-').replace(/\//g, '_');
		expect(url).not.toBe(signature);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, url)).toBe(false);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, signature.replace(/=+$/, ''))).toBe(false);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, `${signature}AAAA`)).toBe(false);
	});

	it('refuses empty, oversized and non-base64 signatures without throwing', () => {
		expect(verifyKickSignature(keys.publicKey, id, ts, body, '')).toBe(false);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, 'A'.repeat(5000))).toBe(false);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, '!!!not base64!!!')).toBe(false);
		expect(verifyKickSignature(keys.publicKey, id, ts, body, 'c2hvcnQ=')).toBe(false);
	});

	it('costs the same for valid and invalid signatures: one RSA check over the same bytes each (constant cost per delivery)', () => {
		const good = signBytes(id, ts, body);
		const bad = signBytes(id, ts, body, other.privateKey);
		const checks = (signature: string) => {
			cryptoVerify.mockClear();
			verifyKickSignature(keys.publicKey, id, ts, body, signature);
			return cryptoVerify.mock.calls.map(([algorithm, data]) => [algorithm, Buffer.from(data as Uint8Array).toString('hex')]);
		};
		const forGood = checks(good);
		expect(forGood).toHaveLength(1);
		expect(checks(bad)).toEqual(forGood);
	});
});
