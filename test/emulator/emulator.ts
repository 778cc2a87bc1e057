/** Wires state, tokens, signer, faults and the HTTP server into one `KickEmulator`. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rfc3339Seconds, ulid } from './util';
import { WebhookDelivery } from './webhookDelivery';
import { defaultFaults, FaultInjector } from './faults';
import type { Env } from './http';
import { PusherServer } from './pusher';
import { createHandler } from './server';
import { KickSources } from './sources';
import { EmulatorSigner } from './signer';
import type { EmulatorApp, EmulatorState } from './state/model';
import { createSeedState } from './state/seed';
import * as streams from './streams';
import { TokenService } from './tokens';
import type {
	DeliveryOptions,
	DeliveryResult,
	FaultKnobs,
	KickEmulator,
	RequestLogEntry,
	SubscriberDeliveryOptions,
	SubscriberDeliveryResult,
	TokenSet,
} from './types';

class Emulator implements KickEmulator {
	url = '';
	readonly state: EmulatorState = createSeedState();
	readonly requests: RequestLogEntry[] = [];
	faults: FaultKnobs = defaultFaults();
	readonly signer = new EmulatorSigner();
	private readonly tokens = new TokenService(this.state);
	readonly webhooks: WebhookDelivery = new WebhookDelivery(this.state, this.signer);
	// Request limits run on Kick's clock too, so a test can move past a window instead of waiting.
	private readonly injector = new FaultInjector(() => this.faults, () => this.webhooks.clock.now());
	readonly server: Server;
	readonly pusher: PusherServer = new PusherServer(this.state);
	readonly sources = new KickSources(this.state, this.webhooks, this.pusher);

	constructor() {
		const env: Env = { state: this.state, tokens: this.tokens, signer: this.signer };
		this.server = createServer(
			createHandler({ env, requests: () => this.requests, faults: this.injector }),
		);
		this.pusher.attach(this.server);
	}

	get apps(): EmulatorApp[] {
		return this.state.apps;
	}

	set apps(apps: EmulatorApp[]) {
		this.state.apps = apps;
	}

	/** Empties the log in place, so a reference a test holds stays live. */
	clearRequests(): void {
		this.requests.length = 0;
	}

	/** Restores the defaults in place (and refills the chat bucket). */
	resetFaults(): void {
		Object.assign(this.faults, defaultFaults());
		this.injector.reset();
	}

	issueUserToken(opts: { userId: number; scopes?: string[]; clientId?: string; expiresIn?: number }): TokenSet {
		return this.tokens.issueUserToken(opts);
	}

	issueAppToken(opts?: { clientId?: string; expiresIn?: number }): TokenSet {
		return this.tokens.issueAppToken(opts);
	}

	expireAccessTokens(filter?: { accessToken?: string; kind?: 'user' | 'app' }): number {
		return this.tokens.expireAccessTokens(filter);
	}

	revokeRefreshTokens(filter?: { refreshToken?: string }): number {
		return this.tokens.revokeRefreshTokens(filter);
	}

	ageLogins(ms: number, filter?: { userId?: number; clientId?: string }): number {
		return this.tokens.ageLogins(ms, filter);
	}

	disconnectApp(userId: number, clientId: string = this.state.apps[0].clientId): void {
		this.tokens.disconnectApp(userId, clientId);
	}

	async deliver(opts: DeliveryOptions): Promise<DeliveryResult> {
		const timestamp = opts.timestamp ?? rfc3339Seconds(new Date(this.webhooks.clock.now() - (opts.staleSeconds ?? 0) * 1000));
		const subscriptionId = opts.subscriptionId ?? '';
		const clientId = this.state.subscriptions.find((subscription) => subscription.id === subscriptionId)?.appId ?? '';
		return await this.webhooks.send({ ...opts, timestamp }, opts.url, opts.event, opts.body, opts.subscriptionId ?? ulid(), clientId);
	}

	deliverToSubscribers(
		event: string,
		broadcasterUserId: number,
		body: object | string,
		opts?: SubscriberDeliveryOptions,
	): Promise<SubscriberDeliveryResult[]> {
		return this.webhooks.sendNow(event, broadcasterUserId, body, opts);
	}

	startStream(broadcasterUserId: number, options?: streams.StartStreamOptions) {
		return streams.startStream(this.state, broadcasterUserId, options);
	}

	endStream(broadcasterUserId: number): void {
		streams.endStream(this.state, broadcasterUserId);
	}

	updateStream(broadcasterUserId: number, update: streams.StreamUpdate): void {
		streams.updateStream(this.state, broadcasterUserId, update);
	}

	redeemReward(broadcasterUserId: number, options: streams.RedeemOptions) {
		return streams.redeemReward(this.state, broadcasterUserId, options);
	}

	giftKicks(broadcasterUserId: number, userId: number, amount: number): void {
		streams.giftKicks(this.state, broadcasterUserId, userId, amount);
	}

	addChannels(count: number, options?: streams.AddChannelsOptions) {
		return streams.addChannels(this.state, count, options);
	}

	async close(): Promise<void> {
		await this.pusher.shutdown();
		return await new Promise((resolve, reject) => {
			this.server.close((error) => (error ? reject(error) : resolve()));
			this.server.closeAllConnections();
		});
	}
}

/** Starts an emulator on `host:port` (default 127.0.0.1 and a free port). */
export async function startKickEmulator(
	options: { port?: number; host?: string } = {},
): Promise<KickEmulator> {
	const host = options.host ?? '127.0.0.1';
	const emulator = new Emulator();
	await new Promise<void>((resolve, reject) => {
		emulator.server.once('error', reject);
		emulator.server.listen(options.port ?? 0, host, () => resolve());
	});
	const { port } = emulator.server.address() as AddressInfo;
	// A wildcard bind is reached through loopback; IPv6 literals need brackets in a URL.
	let urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	if (urlHost.includes(':')) urlHost = `[${urlHost}]`;
	emulator.url = `http://${urlHost}:${port}`;
	emulator.pusher.url = `ws://${urlHost}:${port}`;
	return emulator;
}
