/**
 * n8n's clock, moved by a test: libfaketime (Debian's `libfaketime`, installed when missing)
 * preloaded into the n8n process shifts the wall clock by what a control file says, re-read
 * every second, while the monotonic clock (timers) runs on untouched. A replay "an hour later"
 * then needs no hour of waiting, and the product runs unchanged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { aptInstall } from './services';

const LIBRARY = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

export class ShiftedClock {
	readonly file: string;

	private shiftMs = 0;

	constructor(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
		if (!fs.existsSync(LIBRARY)) aptInstall(['libfaketime'], log);
		if (!fs.existsSync(LIBRARY)) throw new Error(`libfaketime is still missing after installing it (${LIBRARY})`);
		this.file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kick-clock-')), 'faketime');
		fs.writeFileSync(this.file, '+0\n');
	}

	/** The environment that puts an n8n process on this clock. */
	env(): Record<string, string> {
		return {
			LD_PRELOAD: LIBRARY,
			FAKETIME_TIMESTAMP_FILE: this.file,
			FAKETIME_CACHE_DURATION: '1',
			FAKETIME_DONT_FAKE_MONOTONIC: '1',
		};
	}

	/** What this clock reads now. */
	now(): number {
		return Date.now() + this.shiftMs;
	}

	/**
	 * Moves the clock `ms` ahead of real time and waits until n8n's answers show it (the Date
	 * header of its health check, a second's resolution).
	 */
	async shift(ms: number, n8nBaseUrl: string, timeoutMs = 15_000): Promise<void> {
		this.shiftMs = ms;
		fs.writeFileSync(this.file, `+${Math.round(ms / 1000)}s\n`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const answer = await fetch(`${n8nBaseUrl}/healthz`);
			const shown = Date.parse(answer.headers.get('date') ?? '');
			if (Math.abs(shown - this.now()) < 3000) return;
			if (Date.now() > deadline) throw new Error(`n8n's clock did not move by ${ms} ms within ${timeoutMs} ms (its Date header says ${answer.headers.get('date')})`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}

	dispose(): void {
		fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
	}
}
