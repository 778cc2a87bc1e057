/**
 * The Chat Trigger's state while it runs, in three small parts with one job each, so
 * ../KickChatTrigger.node.ts only wires them together: what reaches n8n (EmitGate), what publishing waits for
 * (FirstConnection), and what the log says about the connection (ConnectionReport).
 */
import type { Logger } from 'n8n-workflow';

import type { KickEventItem } from '../events/normalize';
import type { CloseOutcome } from './connection';
import type { ReconnectDecision } from './policy';

/**
 * Items on their way to n8n. In an editor test ("Listen for test event") n8n replaces `emit` only
 * after trigger() returned, so items are held until then, and only the first batch is shown.
 */
export class EmitGate {
	private ready: boolean;
	private emittedOnce = false;
	private readonly held: KickEventItem[][] = [];

	constructor(
		private readonly manual: boolean,
		private readonly emit: (items: KickEventItem[]) => void,
	) {
		this.ready = !manual;
	}

	get emitted(): boolean {
		return this.emittedOnce;
	}

	push(items: KickEventItem[]): void {
		if (this.manual && this.emittedOnce) return;
		if (!this.ready) {
			this.held.push(items);
			return;
		}
		this.emittedOnce = true;
		this.emit(items);
	}

	/** n8n is ready: what was held goes out now. */
	open(): void {
		this.ready = true;
		for (const items of this.held.splice(0)) this.push(items);
	}
}

export type FirstOutcome = { kind: 'subscribed' } | { kind: 'failed'; outcome: CloseOutcome } | { kind: 'fatal'; outcome: CloseOutcome } | { kind: 'waiting' };

/** How the first connection went: publishing waits for it, briefly, to fail early on a wrong key. */
export class FirstConnection {
	private current: FirstOutcome = { kind: 'waiting' };
	private resolve: (outcome: FirstOutcome) => void = () => undefined;
	readonly outcome = new Promise<FirstOutcome>((resolve) => (this.resolve = resolve));
	/** Set once publishing stopped waiting: later fatal codes go to n8n's emitError instead. */
	publishDone = false;

	get waiting(): boolean {
		return this.current.kind === 'waiting';
	}

	/** Records the outcome; only the first one counts. */
	report(outcome: Exclude<FirstOutcome, { kind: 'waiting' }>): void {
		if (!this.waiting) return;
		this.current = outcome;
		this.resolve(outcome);
	}
}

/** "closed by the server (code 4200)": a close, for messages. */
export function describeOutcome(outcome: CloseOutcome): string {
	const code = outcome.code === null ? '' : ` (code ${outcome.code})`;
	return `${outcome.reason || outcome.cause}${code}`;
}

/** The connection in the log: one warning per outage, its retries as debug lines, the recovery once. */
export class ConnectionReport {
	private connected = false;
	private failures = 0;

	constructor(
		private readonly logger: Pick<Logger, 'debug' | 'info' | 'warn'>,
		private readonly label: string,
		private readonly first: FirstConnection,
	) {}

	subscribed(): void {
		if (this.first.waiting) {
			this.first.report({ kind: 'subscribed' });
			this.logger.info(`${this.label}: listening to Kick's live socket`);
		} else if (!this.connected) {
			this.logger.info(`${this.label}: reconnected to Kick's live socket after ${this.failures} failed ${this.failures === 1 ? 'attempt' : 'attempts'}`);
		}
		this.connected = true;
		this.failures = 0;
	}

	disconnected(outcome: CloseOutcome, next: ReconnectDecision): void {
		this.failures++;
		if (!next.reconnect) return;
		const wait = `reconnecting in ${Math.round(next.delayMs / 100) / 10} s`;
		this.first.report({ kind: 'failed', outcome });
		if (this.connected) {
			this.logger.warn(`${this.label}: lost the connection to Kick's live socket: ${describeOutcome(outcome)}; ${wait}. Kick does not resend messages from the gap.`);
		} else {
			this.logger.debug(`${this.label}: connection attempt failed: ${describeOutcome(outcome)}; ${wait}`);
		}
		this.connected = false;
	}
}
