/**
 * The emulator's webhook key: RSA-2048, RSASSA-PKCS1-v1_5 with SHA-256 over
 * `messageId.timestamp.rawBody`, base64 (docs/kick-api.md §6.3). Kick's real private key is not
 * available, so the emulator serves its own public key at /public/v1/public-key instead.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { Signer } from './types';

interface KeyPair {
	privateKey: KeyObject;
	publicKeyPem: string;
}

function newKeyPair(): KeyPair {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return {
		privateKey,
		publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
	};
}

/**
 * RSA-2048 generation takes up to a few hundred ms, so emulators in one process start with the
 * same first key; `rotateKey()` always makes a new one, for that emulator only.
 */
let firstKeyPair: KeyPair | undefined;

function signedBytes(messageId: string, timestamp: string, rawBody: Buffer | string): Buffer {
	const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
	return Buffer.concat([Buffer.from(`${messageId}.${timestamp}.`, 'utf8'), body]);
}

export class EmulatorSigner implements Signer {
	private current = (firstKeyPair ??= newKeyPair());
	/** The key before the last rotation, for deliveries that should fail after a rotation. */
	private previous: KeyPair | null = null;

	get publicKeyPem(): string {
		return this.current.publicKeyPem;
	}

	sign(messageId: string, timestamp: string, rawBody: Buffer | string): string {
		return this.signWith('current', messageId, timestamp, rawBody);
	}

	signWith(
		which: 'current' | 'previous',
		messageId: string,
		timestamp: string,
		rawBody: Buffer | string,
	): string {
		const pair = which === 'previous' ? this.previous : this.current;
		if (!pair) throw new Error('Kick emulator: no previous key — call rotateKey() first');
		const data = signedBytes(messageId, timestamp, rawBody);
		return sign('sha256', data, pair.privateKey).toString('base64');
	}

	/** Signs with the given key from now on (tests that sign deliveries themselves). */
	useKeyPair(privateKey: KeyObject, publicKeyPem: string): void {
		this.previous = this.current;
		this.current = { privateKey, publicKeyPem };
	}

	rotateKey(): void {
		this.previous = this.current;
		this.current = newKeyPair();
	}
}
