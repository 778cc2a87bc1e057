/**
 * Kick's webhook signature (REFERENCE.md §6.3): RSASSA-PKCS1-v1_5 with SHA-256 over
 * `messageId + "." + timestamp + "." + rawBody`, base64 in `Kick-Event-Signature`.
 *
 * The body must be the exact bytes Kick sent (n8n keeps them in `req.rawBody`): bodies carry
 * non-ASCII text, and re-serialising parsed JSON changes the bytes. The key is a parsed
 * `KeyObject` from the public-key cache, so a delivery never parses a PEM.
 */
import { verify, type KeyObject } from 'node:crypto';

/** A 2048-bit signature is 344 base64 characters; anything far longer is not a Kick signature. */
const MAX_SIGNATURE_LENGTH = 1024;

/** The exact bytes Kick signs. */
export function signedPayload(messageId: string, timestamp: string, rawBody: Buffer): Buffer {
	const prefix = Buffer.from(`${messageId}.${timestamp}.`, 'utf8');
	return Buffer.concat([prefix, rawBody], prefix.length + rawBody.length);
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
	if (signatureBase64.length === 0 || signatureBase64.length > MAX_SIGNATURE_LENGTH) return false;
	const signature = Buffer.from(signatureBase64, 'base64');
	if (signature.length === 0) return false;
	try {
		// One-shot: copying 1-2 KB is cheaper than the stream object createVerify builds.
		return verify('sha256', signedPayload(messageId, timestamp, rawBody), key, signature);
	} catch {
		return false;
	}
}
