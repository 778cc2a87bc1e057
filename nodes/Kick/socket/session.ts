/**
 * The Chat Trigger's state while it runs, so ../KickChatTrigger.node.ts only wires it together:
 * what reaches n8n (EmitGate), and the connection as publishing and the log see it (ConnectionReport).
 */
import type { Logger } from 'n8n-workflow';

import type { KickEventItem } from '../events/normalize';
import type { CloseOutcome, ReconnectDecision } from './connection';

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

/** "closed by the server (code 4200)": a close, for messages. */
export function describeOutcome(outcome: CloseOutcome): string {
	const code = outcome.code === null ? '' : ` (code ${outcome.code})`;
	return `${outcome.reason || outcome.cause}${code}`;
}

/**
 * The connection as publishing and the log see it: how the first connection went (publishing
 * waits for it, briefly, to fail early on a wrong key), and one warning per outage, its retries
 * as debug lines, the recovery once.
 */
export class ConnectionReport {
	private connected = false;
	private failures = 0;
	private settleFirst?: (outcome: FirstOutcome) => void;
	readonly first = new Promise<FirstOutcome>((resolve) => (this.settleFirst = resolve));

	constructor(
		private readonly logger: Pick<Logger, 'debug' | 'info' | 'warn'>,
		private readonly label: string,
	) {}

	/** Records how the first connection went; only the first outcome counts (false when one was recorded already). */
	firstOutcome(outcome: Exclude<FirstOutcome, { kind: 'waiting' }>): boolean {
		const settle = this.settleFirst;
		this.settleFirst = undefined;
		settle?.(outcome);
		return settle !== undefined;
	}

	subscribed(): void {
		if (this.firstOutcome({ kind: 'subscribed' })) {
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
		this.firstOutcome({ kind: 'failed', outcome });
		if (this.connected) {
			this.logger.warn(`${this.label}: lost the connection to Kick's live socket: ${describeOutcome(outcome)}; ${wait}. Kick does not resend messages from the gap.`);
		} else {
			this.logger.debug(`${this.label}: connection attempt failed: ${describeOutcome(outcome)}; ${wait}`);
		}
		this.connected = false;
	}
}
