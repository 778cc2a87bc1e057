/**
 * Pacing a Kick app's requests to the limit Kick enforces but does not publish
 * (docs/kick-api.md §1.6). Kick's 429s usually carry no header, so a few blind retries give up
 * long before a one-minute window frees up, and the items of a large run fail. Instead, every
 * request of one Kick app in this n8n process goes through one pacer, which learns the limit
 * from Kick's answers:
 *
 * - Until Kick refuses a request, requests go out as fast as they come.
 * - A 429 without a header means the window is full: the limit is the number of requests Kick
 *   accepted within the window. From then on at most that many go out in any window (refused
 *   ones count too, as they may at Kick), each waiting for the oldest to leave the window.
 * - A 429 with `Retry-After` or `X-RateLimit-Reset` holds every request of the app until then.
 * - Recovering: after a whole window at the limit without a 429, the limit grows by a quarter;
 *   after ten windows without a 429 it is forgotten (Kick stopped limiting, or raised it).
 *
 * The window's length is the one thing assumed (`UNCONFIRMED.rateLimitWindowMs`): Kick's staff
 * speak of requests "per minute" (KickDevDocs#360). RatePacer is pure apart from the clock and
 * the wait it is given.
 */
import { sleep } from 'n8n-workflow';

import { UNCONFIRMED } from '../shared/kick.constants';

export interface PacerClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** One request's place in the pacer, to report its answer. */
export interface PacerTicket {
	at: number;
	/** Kick acted on it (until it answers: no). */
	accepted: boolean;
}

export type PacerOutcome = { kind: 'accepted' } | { kind: 'limited'; hintedMs?: number } | { kind: 'other' };

const GROWTH = 1.25;
const FORGET_AFTER_WINDOWS = 10;

export class RatePacer {
	/** Requests sent within the last window, oldest first. */
	private sends: PacerTicket[] = [];

	/** The learned limit per window (undefined: Kick has not limited lately). Read by tests and errors. */
	limit: number | undefined;

	/** Until when every request waits (a header told us). */
	private blockedUntil = 0;

	private lastLimitedAt = Number.NEGATIVE_INFINITY;

	/** When the window last ran full without a 429, to grow the limit at most once per window. */
	private lastGrowthAt = Number.NEGATIVE_INFINITY;

	/** Decisions are taken one after another, in arrival order; the requests then run at once. */
	private queue: Promise<void> = Promise.resolve();

	constructor(
		readonly windowMs: number,
		private readonly clock: PacerClock,
	) {}

	/**
	 * Waits until a request may go out, then records it. Undefined when its turn would come only
	 * after `deadline` (it does not wait then).
	 */
	async acquire(deadline = Number.POSITIVE_INFINITY): Promise<PacerTicket | undefined> {
		const turn = this.queue.then(async () => {
			for (;;) {
				const now = this.clock.now();
				const wait = this.waitMs(now);
				if (wait <= 0) break;
				if (now + wait > deadline) return undefined;
				await this.clock.sleep(wait);
			}
			const ticket: PacerTicket = { at: this.clock.now(), accepted: false };
			this.sends.push(ticket);
			return ticket;
		});
		this.queue = turn.then(
			() => undefined,
			() => undefined,
		);
		return await turn;
	}

	/** Reports how Kick answered a request. */
	settle(ticket: PacerTicket, outcome: PacerOutcome): void {
		const now = this.clock.now();
		this.prune(now);
		ticket.accepted = outcome.kind === 'accepted';
		if (outcome.kind !== 'limited') {
			this.recover(now);
			return;
		}
		this.lastLimitedAt = now;
		if (outcome.hintedMs !== undefined) {
			this.blockedUntil = Math.max(this.blockedUntil, now + outcome.hintedMs);
			return;
		}
		const accepted = this.sends.filter((send) => send.accepted).length;
		this.limit = Math.max(1, accepted);
	}

	private waitMs(now: number): number {
		this.prune(now);
		const blocked = this.blockedUntil - now;
		const limit = this.limit;
		if (limit === undefined || this.sends.length < limit) return blocked;
		// The window is full: wait for enough of the oldest to leave it.
		const oldestToLeave = this.sends[this.sends.length - limit] as PacerTicket;
		return Math.max(blocked, oldestToLeave.at + this.windowMs - now + 1);
	}

	private recover(now: number): void {
		const limit = this.limit;
		if (limit === undefined) return;
		if (now - this.lastLimitedAt > FORGET_AFTER_WINDOWS * this.windowMs) {
			this.limit = undefined;
			return;
		}
		const quiet = now - this.lastLimitedAt > this.windowMs && now - this.lastGrowthAt > this.windowMs;
		if (quiet && this.sends.length >= limit) {
			this.limit = Math.ceil(limit * GROWTH);
			this.lastGrowthAt = now;
		}
	}

	private prune(now: number): void {
		let drop = 0;
		while (drop < this.sends.length && (this.sends[drop] as PacerTicket).at <= now - this.windowMs) drop++;
		if (drop > 0) this.sends = this.sends.slice(drop);
	}
}

/** One pacer per limit Kick enforces (API base URL and limit key) in this n8n process. */
const pacers = new Map<string, RatePacer>();

const CLOCK: PacerClock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

export function pacerFor(apiBaseUrl: string, limitKey: string): RatePacer {
	const key = `${apiBaseUrl}\n${limitKey}`;
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new RatePacer(UNCONFIRMED.rateLimitWindowMs, CLOCK);
		pacers.set(key, pacer);
	}
	return pacer;
}
