/**
 * How Kick delivers webhooks on its bad days (docs/kick-api.md §6.5): late, in bursts, and with
 * consequences for endpoints that fail.
 *
 * - **Kick's clock.** The emulator keeps its own "now" (real time unless a test sets it), which
 *   tests move by hand: a delivery held back for hours needs no real waiting. An event's timestamp
 *   is Kick's now when it happened.
 * - **Held-back deliveries.** An event can be held for a while of Kick time; moving the clock
 *   sends everything that fell due at once, a burst of late deliveries carrying their original
 *   timestamps.
 * - **Unsubscribing.** "If an app's webhook continually fails to process an event for over a day,
 *   Kick automatically unsubscribes the app from that event" (Webhooks → Disabling of Webhooks).
 *   Every delivery to a subscription is counted on Kick's clock; a subscription whose deliveries
 *   have failed without a success in between for more than a day is deleted. Failing means no
 *   2xx answer: Kick documents no retry, so each failure loses the event.
 */
import { deliver } from './deliveries';
import type { EmulatorSigner } from './signer';
import type { EmulatorState, SubscriptionRecord } from './state/model';
import type { DeliveryResult, SubscriberDeliveryOptions, SubscriberDeliveryResult } from './types';
import { rfc3339Seconds, ulid } from './util';

/** Kick: "for over a day". */
export const UNSUBSCRIBE_AFTER_FAILING_MS = 24 * 3_600_000;

/** Kick's now: real time, until a test sets it; then it stands still until moved or reset. */
export class KickClock {
	private frozen: number | undefined;

	now(): number {
		return this.frozen ?? Date.now();
	}

	set(ms: number): void {
		this.frozen = ms;
	}

	advanceBy(ms: number): void {
		this.frozen = this.now() + ms;
	}

	/** Back to real time. */
	reset(): void {
		this.frozen = undefined;
	}
}

export interface SubscriptionHealth {
	/** Kick time of the first failure since the last success (null: not failing). */
	failingSince: number | null;
	failures: number;
	successes: number;
}

export interface Unsubscribed {
	subscription: SubscriptionRecord;
	/** Kick time. */
	at: number;
	failingSince: number;
}

export interface HeldDelivery {
	subscriptionId: string;
	clientId: string;
	url: string;
	event: string;
	body: object | string;
	messageId: string;
	timestamp: string;
	/** Kick time at which it goes out. */
	dueAt: number;
	options: SubscriberDeliveryOptions;
}

export interface AdvanceOptions {
	/** How many of the due deliveries are in flight at once (default: all of them). */
	concurrency?: number;
}

export class WebhookDelivery {
	readonly clock = new KickClock();

	readonly unsubscribed: Unsubscribed[] = [];

	private readonly health = new Map<string, SubscriptionHealth>();

	private held: HeldDelivery[] = [];

	constructor(
		private readonly state: EmulatorState,
		private readonly signer: EmulatorSigner,
	) {}

	/** Deliveries held back and not yet sent. */
	get pending(): number {
		return this.held.length;
	}

	healthOf(subscriptionId: string): SubscriptionHealth | undefined {
		return this.health.get(subscriptionId);
	}

	/** The subscriptions of (event, broadcaster) with a webhook URL to deliver to. */
	targets(event: string, broadcasterUserId: number): Array<{ subscription: SubscriptionRecord; url: string }> {
		return this.state.subscriptions.flatMap((subscription) => {
			if (subscription.event !== event || subscription.broadcasterUserId !== broadcasterUserId) return [];
			const url = this.state.apps.find((app) => app.clientId === subscription.appId)?.webhookUrl;
			return url ? [{ subscription, url }] : [];
		});
	}

	/**
	 * One delivery per matching subscription, each with its own message id (duplicate
	 * subscriptions give duplicate events, as on Kick), sent now.
	 */
	async sendNow(event: string, broadcasterUserId: number, body: object | string, options: SubscriberDeliveryOptions = {}): Promise<SubscriberDeliveryResult[]> {
		const timestamp = options.timestamp ?? rfc3339Seconds(new Date(this.clock.now() - (options.staleSeconds ?? 0) * 1000));
		return await Promise.all(
			this.targets(event, broadcasterUserId).map(async ({ subscription, url }) => await this.send({ ...options, timestamp }, url, event, body, subscription.id, subscription.appId)),
		);
	}

	/**
	 * The event happens now (Kick's clock) and its deliveries are held back for `delayMs` of Kick
	 * time; `advance` sends them when they fall due.
	 */
	hold(event: string, broadcasterUserId: number, body: object | string, delayMs: number, options: SubscriberDeliveryOptions = {}): HeldDelivery[] {
		const happened = this.clock.now();
		const timestamp = options.timestamp ?? rfc3339Seconds(new Date(happened));
		const held = this.targets(event, broadcasterUserId).map(({ subscription, url }) => ({
			subscriptionId: subscription.id,
			clientId: subscription.appId,
			url,
			event,
			body,
			messageId: ulid(happened),
			timestamp,
			dueAt: happened + delayMs,
			options,
		}));
		this.held.push(...held);
		return held;
	}

	/** Moves Kick's clock forward and sends every held delivery that fell due, at once. */
	async advance(ms: number, options: AdvanceOptions = {}): Promise<SubscriberDeliveryResult[]> {
		this.clock.advanceBy(ms);
		const now = this.clock.now();
		const due = this.held.filter((delivery) => delivery.dueAt <= now);
		this.held = this.held.filter((delivery) => delivery.dueAt > now);
		const results: SubscriberDeliveryResult[] = new Array(due.length);
		let next = 0;
		const worker = async (): Promise<void> => {
			while (next < due.length) {
				const index = next++;
				const delivery = due[index] as HeldDelivery;
				results[index] = await this.send(
					{ ...delivery.options, messageId: delivery.messageId, timestamp: delivery.timestamp },
					delivery.url,
					delivery.event,
					delivery.body,
					delivery.subscriptionId,
					delivery.clientId,
				);
			}
		};
		await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? due.length, due.length)) }, worker));
		return results;
	}

	/** Counts an answer to a delivery of `subscriptionId` (a no-op for subscriptions Kick does not have). */
	record(subscriptionId: string, status: number): void {
		const subscription = this.state.subscriptions.find((candidate) => candidate.id === subscriptionId);
		if (!subscription) return;
		const now = this.clock.now();
		const health = this.health.get(subscriptionId) ?? { failingSince: null, failures: 0, successes: 0 };
		this.health.set(subscriptionId, health);
		if (status >= 200 && status < 300) {
			health.successes++;
			health.failingSince = null;
			return;
		}
		health.failures++;
		health.failingSince ??= now;
		if (now - health.failingSince > UNSUBSCRIBE_AFTER_FAILING_MS) {
			this.state.subscriptions = this.state.subscriptions.filter((candidate) => candidate.id !== subscriptionId);
			this.unsubscribed.push({ subscription, at: now, failingSince: health.failingSince });
		}
	}

	/** Sends one delivery and counts its answer against its subscription. */
	async send(
		options: SubscriberDeliveryOptions & { messageId?: string },
		url: string,
		event: string,
		body: object | string,
		subscriptionId: string,
		clientId: string,
	): Promise<SubscriberDeliveryResult> {
		const result: DeliveryResult = await deliver(this.signer, { ...options, url, event, body, subscriptionId });
		// A tampered delivery is a test's forgery, not something Kick sent: it does not count.
		if (!options.tamper) this.record(subscriptionId, result.status);
		return { ...result, subscriptionId, clientId };
	}

	reset(): void {
		this.held = [];
		this.health.clear();
		this.unsubscribed.length = 0;
		this.clock.reset();
	}
}
