/**
 * Kick's webhook public key, cached per API base URL (docs/kick-api.md §4.7, §6.3).
 *
 * - The key is fetched once from `<API base URL>/public/v1/public-key` and kept as a parsed
 *   `KeyObject` for the life of the n8n process, so a delivery never parses a PEM.
 * - When the endpoint cannot be reached, Kick's documented key is used (it is the same key for
 *   every app and has not changed since 2025-02).
 * - When a signature fails, the caller may ask for a refetch (key rotation). Refetches are
 *   rate-limited per base URL (one per interval), so a flood of forged deliveries causes at
 *   most one request to Kick per interval.
 * - Concurrent deliveries share one in-flight fetch.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

import type { KeyProvider } from './delivery';

/** Kick's documented key: RSA-2048, SPKI-DER SHA-256 407899e1…a646aa. */
export const KICK_DOCUMENTED_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq/+l1WnlRrGSolDMA+A8
6rAhMbQGmQ2SapVcGM3zq8ANXjnhDWocMqfWcTd95btDydITa10kDvHzw9WQOqp2
MZI7ZyrfzJuz5nhTPCiJwTwnEtWft7nV14BYRDHvlfqPUaZ+1KR4OCaO/wWIk/rQ
L/TjY0M70gse8rlBkbo2a8rKhu69RQTRsoaf4DVhDPEeSeI5jVrRDGAMGL3cGuyY
6CLKGdjVEM78g3JfYOvDU/RvfqD7L89TZ3iN94jrmWdGz34JNlEI5hqK8dd7C5EF
BEbZ5jgB8s8ReQV8H+MkuffjdAj3ajDDX3DOJMIut1lBrUVD1AaSrGCKHooWoL2e
twIDAQAB
-----END PUBLIC KEY-----
`;

/** Default minimum time between two refetches of the same base URL's key. */
const DEFAULT_REFETCH_INTERVAL_MS = 10_000;

export type PemFetcher = () => Promise<string>;

export type KeySource = 'fetched' | 'fallback';

interface CacheEntry {
	key: KeyObject;
	pem: string;
	source: KeySource;
}

/** Parses an RSA public key PEM (SPKI). Throws when the text is not one. */
export function parsePublicKeyPem(pem: string): KeyObject {
	const key = createPublicKey({ key: pem, format: 'pem' });
	if (key.asymmetricKeyType !== 'rsa') {
		throw new Error(`Expected an RSA public key, got ${key.asymmetricKeyType ?? 'an unknown key type'}`);
	}
	return key;
}

/** The PEM text from the public-key endpoint's answer `{ data: { public_key } }`. */
export function pemFromResponse(body: unknown): string {
	const data = (body as { data?: { public_key?: unknown } } | undefined)?.data;
	const pem = data?.public_key;
	if (typeof pem !== 'string' || !pem.includes('BEGIN PUBLIC KEY')) {
		throw new Error('The public-key endpoint did not return a PEM public key');
	}
	return pem;
}

/** The key the endpoint serves, or undefined when it cannot be reached or answers no RSA key. */
async function fetchKey(fetchPem: PemFetcher): Promise<CacheEntry | undefined> {
	try {
		const pem = await fetchPem();
		return { key: parsePublicKeyPem(pem), pem, source: 'fetched' };
	} catch {
		return undefined;
	}
}

export class PublicKeyCache {
	private readonly entries = new Map<string, CacheEntry>();

	/** A load or refetch in flight per base URL, which concurrent callers share. */
	private readonly inflight = new Map<string, Promise<KeyObject | undefined>>();

	/** When a failed check last made the cache ask the endpoint again, per base URL. */
	private readonly refreshedAt = new Map<string, number>();

	/** `now`: a clock in ms, for tests. */
	constructor(private readonly options: { now?: () => number; refetchIntervalMs?: number } = {}) {}

	/** The cached key for this base URL, without any I/O. */
	peek(baseUrl: string): KeyObject | undefined {
		return this.entries.get(baseUrl)?.key;
	}

	/**
	 * The key for this base URL: cached, else fetched, else (endpoint unreachable or answering
	 * nonsense) Kick's documented key. Never throws.
	 */
	async get(baseUrl: string, fetchPem: PemFetcher): Promise<KeyObject> {
		const cached = this.entries.get(baseUrl);
		if (cached) return cached.key;
		return (await this.shared(baseUrl, async () => {
			const pem = KICK_DOCUMENTED_PUBLIC_KEY_PEM;
			const entry = (await fetchKey(fetchPem)) ?? { key: parsePublicKeyPem(pem), pem, source: 'fallback' };
			this.entries.set(baseUrl, entry);
			return entry.key;
		})) as KeyObject;
	}

	/**
	 * After a signature failed with the cached key: the new key when Kick serves another one, else
	 * undefined. At most one refetch per interval; the first failure after loading refetches at
	 * once, so a rotation is picked up on the first delivery signed with the new key.
	 */
	async refreshAfterFailure(baseUrl: string, fetchPem: PemFetcher): Promise<KeyObject | undefined> {
		const cached = this.entries.get(baseUrl);
		if (!cached) return await this.get(baseUrl, fetchPem);
		const pending = this.inflight.get(baseUrl);
		if (pending) return await pending;
		const now = (this.options.now ?? Date.now)();
		const last = this.refreshedAt.get(baseUrl);
		if (last !== undefined && now - last < (this.options.refetchIntervalMs ?? DEFAULT_REFETCH_INTERVAL_MS)) return undefined;
		this.refreshedAt.set(baseUrl, now);
		return await this.shared(baseUrl, async () => {
			const fetched = await fetchKey(fetchPem);
			if (!fetched || fetched.pem.replace(/\s+/g, '') === cached.pem.replace(/\s+/g, '')) return undefined;
			this.entries.set(baseUrl, fetched);
			return fetched.key;
		});
	}

	/** Pre-loads the key (e.g. when the workflow is published) so the first delivery does not wait. */
	async warm(baseUrl: string, fetchPem: PemFetcher): Promise<KeySource> {
		await this.get(baseUrl, fetchPem);
		return this.entries.get(baseUrl)?.source ?? 'fallback';
	}

	/** The cache seen from one trigger: `apiBaseUrl` is its credential's (Kick's, or the emulator's). */
	provider(apiBaseUrl: string, fetchPem: PemFetcher): KeyProvider {
		return {
			current: () => this.peek(apiBaseUrl),
			load: async () => await this.get(apiBaseUrl, fetchPem),
			refresh: async () => await this.refreshAfterFailure(apiBaseUrl, fetchPem),
		};
	}

	/** Runs `load` once for concurrent callers of this base URL. */
	private async shared(baseUrl: string, load: () => Promise<KeyObject | undefined>): Promise<KeyObject | undefined> {
		let pending = this.inflight.get(baseUrl);
		if (!pending) {
			pending = load().finally(() => this.inflight.delete(baseUrl));
			this.inflight.set(baseUrl, pending);
		}
		return await pending;
	}
}

/** The process-wide cache every Kick Trigger shares (one entry per API base URL). */
export const sharedPublicKeyCache = new PublicKeyCache();
