/**
 * Fault injection, applied before routing. Counting knobs (`rateLimitAfter`, `rateLimitCount`,
 * `fail5xx`, `dropConnections`) count down in place, so tests can watch them drain.
 */
import { randomBytes } from 'node:crypto';
import type { Reply } from './http';
import type { FaultKnobs } from './types';
import { epochSeconds, sleep } from './util';

export type Area = 'oauth' | 'api' | 'website' | 'other';

export function areaOf(path: string): Area {
	if (path.startsWith('/oauth/')) return 'oauth';
	if (path.startsWith('/public/')) return 'api';
	if (path.startsWith('/api/')) return 'website';
	return 'other';
}

export function defaultFaults(): FaultKnobs {
	return {
		latencyMs: 0,
		rateLimitAfter: null,
		rateLimitCount: null,
		retryAfterSeconds: null,
		rateLimitResetHeader: false,
		chatRateLimit: null,
		rateWindow: null,
		fail5xx: 0,
		failStatus: 500,
		dropConnections: 0,
		cloudflare: 'off',
		cloudflareJsonBlock: false,
		publicKeyDown: false,
		pathFilter: undefined,
	};
}

const FAILURE_MESSAGES: Record<number, string> = {
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
};

const CLOUDFLARE_PAGE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1"></head><body><div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">kick.com</h1><h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2><noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript></div></div><script>window._cf_chl_opt={cType:'managed'};</script></body></html>`;

const cloudflareChallenge = (): Reply => ({
	status: 403,
	html: CLOUDFLARE_PAGE,
	headers: {
		server: 'cloudflare',
		'cf-mitigated': 'challenge',
		'cf-ray': `${randomBytes(8).toString('hex')}-FRA`,
	},
});

interface Bucket {
	config: { perSecond: number; burst: number };
	tokens: number;
	last: number;
}

/**
 * What one window of Kick's request limit covers in this emulator. Kick does not say whether its
 * limits are per app, per token or per endpoint (KickDevDocs#360); one window per app, shared by
 * all of the app's tokens and endpoints, is the strictest of those, so the emulator plays it.
 */
export const RATE_LIMIT_SCOPE = 'app' as const;

export class FaultInjector {
	private chatBucket: Bucket | null = null;

	/** Request times per Kick app within the current rate window (`rateWindow`). */
	private readonly windows = new Map<string, number[]>();

	constructor(
		private readonly knobs: () => FaultKnobs,
		/** Kick's clock (./webhookDelivery.ts): real time unless a test moves it. */
		private readonly now: () => number = Date.now,
	) {}

	reset(): void {
		this.chatBucket = null;
		this.windows.clear();
	}

	/** 'drop' = destroy the socket; a Reply = answer it instead of routing; undefined = go on. */
	async apply(method: string, path: string, clientId?: string): Promise<'drop' | Reply | undefined> {
		const f = this.knobs();
		const area = areaOf(path);
		if (area === 'api' && f.rateWindow) {
			const refused = this.overWindow(f.rateWindow, RATE_LIMIT_SCOPE === 'app' ? (clientId ?? 'anonymous') : path);
			if (refused) return refused;
		}
		const inScope = f.pathFilter ? f.pathFilter.test(path) : area === 'api' || area === 'oauth';

		if (inScope && f.latencyMs > 0) await sleep(f.latencyMs);
		if (inScope && f.dropConnections > 0) {
			f.dropConnections--;
			return 'drop';
		}
		if (f.cloudflare === area && (!f.pathFilter || f.pathFilter.test(path))) {
			return cloudflareChallenge();
		}
		if (inScope && f.fail5xx > 0) {
			f.fail5xx--;
			return {
				status: f.failStatus,
				json: { data: null, message: FAILURE_MESSAGES[f.failStatus] ?? 'Internal server error' },
			};
		}
		if (inScope && f.rateLimitAfter !== null) {
			if (f.rateLimitAfter > 0) {
				f.rateLimitAfter--;
			} else {
				if (f.rateLimitCount !== null && --f.rateLimitCount <= 0) {
					f.rateLimitAfter = null;
					f.rateLimitCount = null;
				}
				return this.tooManyRequests(f, f.retryAfterSeconds);
			}
		}
		return this.routeFaults(f, method, path);
	}

	/** Faults tied to one endpoint; they ignore `pathFilter`. */
	private routeFaults(f: FaultKnobs, method: string, path: string): Reply | undefined {
		if (method === 'POST' && path === '/public/v1/chat') {
			if (f.cloudflareJsonBlock) {
				// Cloudflare's WAF in front of api.kick.com (docs/kick-api.md §1.4).
				return {
					status: 403,
					json: { error: 'Request blocked by security policy.', reference: randomBytes(4).toString('hex') },
				};
			}
			if (f.chatRateLimit) {
				const wait = this.takeChatToken(f.chatRateLimit);
				if (wait > 0) return this.tooManyRequests(f, Math.max(1, Math.ceil(wait)));
			}
		}
		if (method === 'GET' && path === '/public/v1/public-key' && f.publicKeyDown) {
			return { status: 500, json: { data: null, message: 'Internal server error' } };
		}
		return undefined;
	}

	private tooManyRequests(f: FaultKnobs, retryAfterSeconds: number | null): Reply {
		const headers: Record<string, string> = {};
		if (retryAfterSeconds !== null) headers['retry-after'] = String(retryAfterSeconds);
		if (f.rateLimitResetHeader) {
			headers['x-ratelimit-reset'] = String(epochSeconds() + (retryAfterSeconds ?? 1));
		}
		return { status: 429, json: { data: {}, message: 'Too Many Requests' }, headers };
	}

	/** A sliding window in which every request counts, answered or refused; no rate-limit header. */
	private overWindow(config: { limit: number; windowMs: number }, key: string): Reply | undefined {
		const now = this.now();
		const times = (this.windows.get(key) ?? []).filter((time) => time > now - config.windowMs);
		const full = times.length >= config.limit;
		times.push(now);
		this.windows.set(key, times);
		return full ? { status: 429, json: { data: {}, message: 'Too Many Requests' } } : undefined;
	}

	/** Token bucket: 0 = a token was taken, else seconds until the next one. */
	private takeChatToken(config: { perSecond: number; burst: number }): number {
		const now = this.now();
		if (this.chatBucket?.config !== config) {
			// A new limit object (or the first use) starts with a full bucket.
			this.chatBucket = { config, tokens: config.burst, last: now };
		}
		const bucket = this.chatBucket;
		const refill = ((now - bucket.last) / 1000) * config.perSecond;
		bucket.tokens = Math.min(config.burst, bucket.tokens + refill);
		bucket.last = now;
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return 0;
		}
		return (1 - bucket.tokens) / config.perSecond;
	}
}
