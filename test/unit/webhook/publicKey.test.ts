import { createHash } from 'node:crypto';

import {
	KICK_DOCUMENTED_PUBLIC_KEY_PEM,
	PublicKeyCache,
	parsePublicKeyPem,
	pemFromResponse,
} from '../../../nodes/Kick/webhook/publicKey';
import { jsonFixture, makeKeys } from './helpers';

const BASE = 'https://api.kick.test';

function spkiSha256(pem: string): string {
	return createHash('sha256').update(parsePublicKeyPem(pem).export({ type: 'spki', format: 'der' })).digest('hex');
}

describe("Kick's documented key", () => {
	it('is the RSA-2048 key with SPKI-DER SHA-256 407899e1…a646aa', () => {
		expect(spkiSha256(KICK_DOCUMENTED_PUBLIC_KEY_PEM)).toBe('407899e1bb8e86c10ecc032cd8c5d02f1180e8b3c58686ddfe1fb541d8a646aa');
		expect(parsePublicKeyPem(KICK_DOCUMENTED_PUBLIC_KEY_PEM).asymmetricKeyDetails?.modulusLength).toBe(2048);
	});

	it('is the key the public-key endpoint returns (reference payload)', () => {
		expect(spkiSha256(pemFromResponse(jsonFixture('get-public-key.json')))).toBe(spkiSha256(KICK_DOCUMENTED_PUBLIC_KEY_PEM));
	});
});

describe('pemFromResponse', () => {
	it('refuses answers without a PEM', () => {
		expect(() => pemFromResponse({ data: {} })).toThrow();
		expect(() => pemFromResponse({ data: { public_key: 'nope' } })).toThrow();
		expect(() => pemFromResponse(undefined)).toThrow();
	});
});

describe('PublicKeyCache', () => {
	const keys = makeKeys();
	const rotated = makeKeys();

	it('fetches once per base URL and shares one in-flight fetch', async () => {
		const cache = new PublicKeyCache();
		const fetchPem = jest.fn(async () => keys.publicPem);
		const [a, b] = await Promise.all([cache.get(BASE, fetchPem), cache.get(BASE, fetchPem)]);
		await cache.get(BASE, fetchPem);
		expect(a.equals(keys.publicKey)).toBe(true);
		expect(b).toBe(a);
		expect(cache.peek(BASE)).toBe(a);
		expect(await cache.warm(BASE, fetchPem)).toBe('fetched');
		expect(fetchPem).toHaveBeenCalledTimes(1);
		expect(cache.peek('https://other.test')).toBeUndefined();
	});

	it("falls back to Kick's documented key when the endpoint cannot be reached or answers nonsense", async () => {
		const cache = new PublicKeyCache();
		const unreachable = jest.fn(async () => {
			throw new Error('ECONNREFUSED');
		});
		const key = await cache.get(BASE, unreachable);
		expect(key.equals(parsePublicKeyPem(KICK_DOCUMENTED_PUBLIC_KEY_PEM))).toBe(true);
		expect(await cache.warm(BASE, unreachable)).toBe('fallback');
		const cache2 = new PublicKeyCache();
		const nonsense = jest.fn(async () => 'not a pem');
		await cache2.get(BASE, nonsense);
		expect(await cache2.warm(BASE, nonsense)).toBe('fallback');
		// The fallback is kept: asking again fetches nothing.
		expect(unreachable).toHaveBeenCalledTimes(1);
		expect(nonsense).toHaveBeenCalledTimes(1);
	});

	it('refetches after a failed check at once the first time, then at most once per interval', async () => {
		let now = 1_000_000;
		const cache = new PublicKeyCache({ now: () => now, refetchIntervalMs: 60_000 });
		let served = keys.publicPem;
		const fetchPem = jest.fn(async () => served);
		await cache.get(BASE, fetchPem);

		// Same key served: nothing new.
		expect(await cache.refreshAfterFailure(BASE, fetchPem)).toBeUndefined();
		expect(fetchPem).toHaveBeenCalledTimes(2);

		// Kick rotates; within the interval no refetch happens (a forged flood costs nothing).
		served = rotated.publicPem;
		now += 30_000;
		expect(await cache.refreshAfterFailure(BASE, fetchPem)).toBeUndefined();
		expect(fetchPem).toHaveBeenCalledTimes(2);

		// After the interval the rotated key is picked up and cached.
		now += 30_000;
		const fresh = await cache.refreshAfterFailure(BASE, fetchPem);
		expect(fresh?.equals(rotated.publicKey)).toBe(true);
		expect(cache.peek(BASE)?.equals(rotated.publicKey)).toBe(true);
		expect(fetchPem).toHaveBeenCalledTimes(3);
	});

	it('replaces a fallback key when the endpoint comes back after a failed check', async () => {
		let up = false;
		const cache = new PublicKeyCache({ now: () => 0 });
		const fetchPem = async () => {
			if (!up) throw new Error('down');
			return keys.publicPem;
		};
		await cache.get(BASE, fetchPem);
		up = true;
		// Cached: the fallback stays until a failed check asks again.
		expect(await cache.warm(BASE, fetchPem)).toBe('fallback');
		const fresh = await cache.refreshAfterFailure(BASE, fetchPem);
		expect(fresh?.equals(keys.publicKey)).toBe(true);
		expect(await cache.warm(BASE, fetchPem)).toBe('fetched');
	});

	it('keeps the cached key when a refetch fails', async () => {
		let now = 0;
		const cache = new PublicKeyCache({ now: () => now });
		let fail = false;
		const fetchPem = async () => {
			if (fail) throw new Error('down');
			return keys.publicPem;
		};
		await cache.get(BASE, fetchPem);
		fail = true;
		now += 120_000;
		expect(await cache.refreshAfterFailure(BASE, fetchPem)).toBeUndefined();
		expect(cache.peek(BASE)?.equals(keys.publicKey)).toBe(true);
	});

	it('coalesces concurrent refetches', async () => {
		const cache = new PublicKeyCache({ now: () => 0 });
		let served = keys.publicPem;
		const fetchPem = jest.fn(async () => served);
		await cache.get(BASE, fetchPem);
		served = rotated.publicPem;
		const results = await Promise.all([1, 2, 3].map(() => cache.refreshAfterFailure(BASE, fetchPem)));
		expect(fetchPem).toHaveBeenCalledTimes(2);
		for (const result of results) expect(result?.equals(rotated.publicKey)).toBe(true);
	});
});
