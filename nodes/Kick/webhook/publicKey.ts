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
export const DEFAULT_REFETCH_INTERVAL_MS = 10_000;

export type PemFetcher = () => Promise<string>;

export type KeySource = 'fetched' | 'fallback';

interface CacheEntry {
	key: KeyObject;
	pem: string;
	source: KeySource;
	/** When a signature failure last made us ask the endpoint again (undefined: never). */
	lastRefreshAt?: number;
	inflight?: Promise<KeyObject | undefined>;
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

function normalizePem(pem: string): string {
	return pem.replace(/\s+/g, '');
}

let documentedKey: KeyObject | undefined;
function documentedKeyObject(): KeyObject {
	documentedKey ??= parsePublicKeyPem(KICK_DOCUMENTED_PUBLIC_KEY_PEM);
	return documentedKey;
}

export interface PublicKeyCacheOptions {
	/** Clock in ms (injectable for tests). */
	now?: () => number;
	refetchIntervalMs?: number;
}

export class PublicKeyCache {
	private readonly entries = new Map<string, CacheEntry>();

	private readonly now: () => number;

	private readonly refetchIntervalMs: number;

	constructor(options: PublicKeyCacheOptions = {}) {
		this.now = options.now ?? Date.now;
		this.refetchIntervalMs = options.refetchIntervalMs ?? DEFAULT_REFETCH_INTERVAL_MS;
	}

	/** The cached key for this base URL, without any I/O. */
	peek(baseUrl: string): KeyObject | undefined {
		return this.entries.get(baseUrl)?.key;
	}

	/** Where the cached key came from, for logs and tests. */
	source(baseUrl: string): KeySource | undefined {
		return this.entries.get(baseUrl)?.source;
	}

	/**
	 * The key for this base URL: cached, else fetched, else (endpoint unreachable or answering
	 * nonsense) Kick's documented key. Never throws.
	 */
	async get(baseUrl: string, fetchPem: PemFetcher): Promise<KeyObject> {
		const entry = this.entries.get(baseUrl);
		if (entry) return entry.key;
		const pending = this.pending.get(baseUrl);
		if (pending) return await pending;
		const loading = this.load(baseUrl, fetchPem);
		this.pending.set(baseUrl, loading);
		try {
			return await loading;
		} finally {
			this.pending.delete(baseUrl);
		}
	}

	private readonly pending = new Map<string, Promise<KeyObject>>();

	private async load(baseUrl: string, fetchPem: PemFetcher): Promise<KeyObject> {
		const fetched = await fetchAndParse(fetchPem);
		const entry: CacheEntry = fetched
			? { key: fetched.key, pem: fetched.pem, source: 'fetched' }
			: { key: documentedKeyObject(), pem: KICK_DOCUMENTED_PUBLIC_KEY_PEM, source: 'fallback' };
		this.entries.set(baseUrl, entry);
		return entry.key;
	}

	/**
	 * After a signature failed with the cached key: refetch the key unless a failure already
	 * caused a refetch less than one interval ago (the first failure after loading refetches at
	 * once, so a rotation is picked up on the first delivery signed with the new key). Resolves
	 * to the new key when it differs from the cached one, or undefined (rate-limited,
	 * unreachable, or unchanged) — then the failure stands.
	 */
	async refreshAfterFailure(baseUrl: string, fetchPem: PemFetcher): Promise<KeyObject | undefined> {
		const entry = this.entries.get(baseUrl);
		if (!entry) return await this.get(baseUrl, fetchPem);
		if (entry.inflight) return await entry.inflight;
		const now = this.now();
		if (entry.lastRefreshAt !== undefined && now - entry.lastRefreshAt < this.refetchIntervalMs) return undefined;
		entry.lastRefreshAt = now;
		const refetch = (async () => {
			const fetched = await fetchAndParse(fetchPem);
			if (!fetched || normalizePem(fetched.pem) === normalizePem(entry.pem)) return undefined;
			entry.key = fetched.key;
			entry.pem = fetched.pem;
			entry.source = 'fetched';
			return fetched.key;
		})();
		entry.inflight = refetch;
		try {
			return await refetch;
		} finally {
			entry.inflight = undefined;
		}
	}

	/** Pre-loads the key (e.g. when the workflow is published) so the first delivery does not wait. */
	async warm(baseUrl: string, fetchPem: PemFetcher): Promise<KeySource> {
		await this.get(baseUrl, fetchPem);
		return this.entries.get(baseUrl)?.source ?? 'fallback';
	}

	clear(): void {
		this.entries.clear();
		this.pending.clear();
	}
}

async function fetchAndParse(fetchPem: PemFetcher): Promise<{ key: KeyObject; pem: string } | undefined> {
	let pem: string;
	try {
		pem = await fetchPem();
	} catch {
		return undefined;
	}
	try {
		return { key: parsePublicKeyPem(pem), pem };
	} catch {
		return undefined;
	}
}

/** The process-wide cache every Kick Trigger shares (one entry per API base URL). */
export const sharedPublicKeyCache = new PublicKeyCache();

export interface KeyProviderOptions {
	/** The credential's API base URL (Kick's, or the emulator's): where the key comes from. */
	apiBaseUrl: string;
	/** Fetches the PEM from `<apiBaseUrl>/public/v1/public-key` (see `pemFromResponse`). */
	fetchPem: PemFetcher;
	cache?: PublicKeyCache;
}

/** The process-wide key cache, seen from one trigger. */
export function keyProvider(options: KeyProviderOptions): KeyProvider {
	const cache = options.cache ?? sharedPublicKeyCache;
	const { apiBaseUrl, fetchPem } = options;
	return {
		current: () => cache.peek(apiBaseUrl),
		load: async () => await cache.get(apiBaseUrl, fetchPem),
		refresh: async () => await cache.refreshAfterFailure(apiBaseUrl, fetchPem),
	};
}
