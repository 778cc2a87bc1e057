/**
 * Everything one Kick Trigger keeps in an n8n process, in one object found by one key (the
 * workflow, the node, and whether it is an editor test): its delivery memory and persisted log,
 * the subscriptions it adopted, and its log-line throttle. Created by
 * the first publish or delivery that needs it and dropped when the trigger is unpublished (the
 * persisted log keeps what a later publish or a restart needs).
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_LATE_DELIVERY_LIMIT_HOURS } from '../lateness';
import { TtlSet } from '../../shared/ttlSet';
import { DeliveryMemory } from '../memory';
import { DeliveryLog } from './deliveryLog';

/** The scope of one trigger node's production (or editor-test) deliveries. */
export function triggerScope(context: IHookFunctions | IWebhookFunctions, test: boolean, nodeId = context.getNode().id): string {
	return `${context.getWorkflow().id ?? ''}:${nodeId}:${test ? 'test' : 'production'}`;
}

/** At most one log line per reason this often; the next line says how many were held back. */
const LOG_INTERVAL_MS = 10_000;

export class TriggerRuntime {
	readonly memory: DeliveryMemory;

	readonly log: DeliveryLog;

	/** The credential's API base URL, when the static data does not have it yet. */
	apiBaseUrl?: string;

	/** Subscriptions accepted after publishing (./adoption.ts). */
	readonly adopted = new Set<string>();

	lastAdoptionLookup = Number.NEGATIVE_INFINITY;

	/**
	 * Keys of the deliveries whose executions started in this process, by arrival: in queue mode
	 * two copies of a delivery reach a worker within moments, whatever their signed time.
	 */
	readonly started = new TtlSet({ ttlMs: 600_000, maxEntries: 100_000 });

	/**
	 * The trigger's static data as n8n's main process holds it for the published workflow
	 * (captured when n8n checks the subscriptions at publish or start). n8n saves that copy whole
	 * each time another trigger of the workflow runs (a poll, a live-socket message), over what
	 * this trigger's executions saved; the log is written into it too, so those saves keep it.
	 */
	publishedStaticData?: IDataObject;

	/** When the execute() step last wrote the persisted log. */
	lastLogWrite = Number.NEGATIVE_INFINITY;

	/** Whether the memory's bound was reported. */
	memoryFullReported = false;

	private readonly logThrottle = new Map<string, { at: number; held: number }>();

	constructor(
		readonly scope: string,
		limitMs = DEFAULT_LATE_DELIVERY_LIMIT_HOURS * 3_600_000,
	) {
		this.memory = new DeliveryMemory({ limitMs });
		this.log = new DeliveryLog(limitMs);
	}

	/** Applies the Late Delivery Limit (it can change while the trigger is published). */
	setLimit(limitMs: number): void {
		if (this.memory.limitMs === limitMs) return;
		this.memory.limitMs = limitMs;
		this.log.ran.limitMs = limitMs;
	}

	/**
	 * Whether a line for `reason` may be logged now, and how many were held back since the last
	 * one: a flood of forged or late deliveries must not flood n8n's log.
	 */
	mayLog(reason: string, nowMs: number): { held: number } | undefined {
		const last = this.logThrottle.get(reason);
		if (last && nowMs - last.at < LOG_INTERVAL_MS) {
			last.held++;
			return undefined;
		}
		this.logThrottle.set(reason, { at: nowMs, held: 0 });
		return { held: last?.held ?? 0 };
	}
}

const runtimes = new Map<string, TriggerRuntime>();

/** The trigger's runtime in this process, created on first use. */
export function runtimeFor(scope: string): TriggerRuntime {
	let runtime = runtimes.get(scope);
	if (!runtime) {
		runtime = new TriggerRuntime(scope);
		runtimes.set(scope, runtime);
	}
	return runtime;
}

/** The runtime if this process has one (no side effects). */
export function existingRuntime(scope: string): TriggerRuntime | undefined {
	return runtimes.get(scope);
}

/** Forgets the trigger in this process (unpublished, or its editor test ended). */
export function dropRuntime(scope: string): void {
	runtimes.delete(scope);
}
