/**
 * Kick's webhook signature (docs/kick-api.md §6.3): RSASSA-PKCS1-v1_5 with SHA-256 over
 * `messageId + "." + timestamp + "." + rawBody`, base64 in `Kick-Event-Signature`.
 *
 * The body must be the exact bytes Kick sent (n8n keeps them in `req.rawBody`): bodies carry
 * non-ASCII text, and re-serializing parsed JSON changes the bytes. The key is a parsed
 * `KeyObject` from the public-key cache, so a delivery never parses a PEM.
 */
import { verify, type KeyObject } from 'node:crypto';

/** Standard base64 with padding, nothing else (no whitespace, no URL-safe alphabet, no junk). */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The exact bytes Kick signs. */
export function signedPayload(messageId: string, timestamp: string, rawBody: Buffer): Buffer {
	const prefix = Buffer.from(`${messageId}.${timestamp}.`, 'utf8');
	return Buffer.concat([prefix, rawBody], prefix.length + rawBody.length);
}

const signatureLengths = new WeakMap<KeyObject, number | undefined>();

/** The signature length an RSA key produces, in bytes (its modulus length), read once per key. */
function signatureBytes(key: KeyObject): number | undefined {
	if (signatureLengths.has(key)) return signatureLengths.get(key);
	const bits = key.asymmetricKeyDetails?.modulusLength;
	const bytes = bits ? Math.ceil(bits / 8) : undefined;
	signatureLengths.set(key, bytes);
	return bytes;
}

/**
 * The signature's bytes when the header is strict base64 of exactly the key's signature length;
 * undefined otherwise. Node's own base64 decoder skips junk characters and accepts base64url, so
 * a mangled header could still verify: the header is checked as written.
 */
export function decodeSignature(key: KeyObject, signatureBase64: string): Buffer | undefined {
	const expected = signatureBytes(key);
	if (expected === undefined || signatureBase64.length !== Math.ceil(expected / 3) * 4 || !STRICT_BASE64.test(signatureBase64)) {
		return undefined;
	}
	const signature = Buffer.from(signatureBase64, 'base64');
	return signature.length === expected ? signature : undefined;
}

/**
 * Whether `signatureBase64` is Kick's signature of this delivery under `key`. Never throws:
 * malformed signatures and keys that cannot verify count as invalid.
 */
export function verifyKickSignature(
	key: KeyObject,
	messageId: string,
	timestamp: string,
	rawBody: Buffer,
	signatureBase64: string,
): boolean {
	const signature = decodeSignature(key, signatureBase64);
	if (!signature) return false;
	try {
		// One-shot: copying 1-2 KB is cheaper than the stream object createVerify builds.
		return verify('sha256', signedPayload(messageId, timestamp, rawBody), key, signature);
	} catch {
		return false;
	}
}
