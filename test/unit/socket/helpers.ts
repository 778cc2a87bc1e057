/** Shared helpers for the live-socket unit tests: the captured frames and a `ws` client factory. */
import fs from 'node:fs';
import path from 'node:path';
import { WebSocket as WsClient } from 'ws';

import type { LiveClock, LiveSocket, SocketFactory } from '../../../nodes/Kick/socket/connection';
import { parseFrame, type PusherFrame } from '../../../nodes/Kick/socket/frames';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'live-socket');

export interface SampleFile {
	_source: Record<string, unknown> & { form: string; json_path?: string };
	frame?: { event: string; data: unknown; channel?: string | null };
	data?: unknown;
}

export function readSample(name: string): SampleFile {
	return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as SampleFile;
}

export function sampleNames(): string[] {
	return fs
		.readdirSync(FIXTURES)
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.slice(0, -'.json'.length))
		.sort();
}

/**
 * A captured sample as the frame the node receives. Raw frames go through the real parser
 * (text → frame, data decoded a second time); decoded samples (the collector kept only the
 * parsed data) take their event name from the collector's key.
 */
export function sampleFrame(name: string): PusherFrame {
	const sample = readSample(name);
	if (sample.frame) {
		const { channel, ...rest } = sample.frame;
		const frame = parseFrame(JSON.stringify(channel ? sample.frame : rest));
		if (!frame) throw new Error(`sample ${name} is not a frame`);
		return frame;
	}
	const key = /definitions\[(".*?")\]/.exec(sample._source.json_path ?? '')?.[1];
	if (!key) throw new Error(`sample ${name} has no event name`);
	const event = (JSON.parse(key) as string).replace(/ \(.*\)$/, '');
	return { event, data: sample.data };
}

/** Node's WebSocket API, from the `ws` package (jest runs on a Node without a global WebSocket). */
export const wsFactory: SocketFactory = (url) => new WsClient(url) as unknown as LiveSocket;

export const BROADCASTER = {
	is_anonymous: false,
	user_id: 2841377,
	username: 'NeonVale',
	is_verified: true,
	profile_picture: null,
	channel_slug: 'neonvale',
	identity: null,
	channel_id: 2712044,
	chatroom_id: 2690417,
};

/**
 * A clock the test moves by hand: waits end only when advance() passes their due time (or their
 * signal fires), so a backoff or timeout is checked exactly, without waiting for it.
 */
export class ManualClock implements LiveClock {
	private time = Date.UTC(2026, 0, 1);
	private readonly waits = new Set<{ due: number; done: (due: boolean) => void }>();

	now = (): number => this.time;

	pause = async (ms: number, signal: AbortSignal): Promise<boolean> => {
		if (signal.aborted) return false;
		if (ms <= 0) return true;
		return await new Promise<boolean>((resolve) => {
			const wait = {
				due: this.time + ms,
				done: (due: boolean) => {
					this.waits.delete(wait);
					signal.removeEventListener('abort', onAbort);
					resolve(due);
				},
			};
			const onAbort = () => wait.done(false);
			this.waits.add(wait);
			signal.addEventListener('abort', onAbort, { once: true });
		});
	};

	/** How long each pending wait still has to go, shortest first. */
	pending(): number[] {
		return [...this.waits].map((wait) => wait.due - this.time).sort((a, b) => a - b);
	}

	advance(ms: number): void {
		this.time += ms;
		for (const wait of [...this.waits]) if (wait.due <= this.time) wait.done(true);
	}
}
