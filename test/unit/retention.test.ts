/**
 * What a Kick trigger keeps in an n8n process goes when it stops: each trigger is published and
 * unpublished 1,000 times (the Kick Trigger with deliveries that ran in between, the Chat Trigger
 * with chat it took, the Polling Trigger with a poll that ran its workflow), and the state the
 * process retains (every runtime, record and memory of a trigger, counted in a heap snapshot)
 * is back where it was after the first cycles. The cycles run in a process of their own
 * (./retentionCycles.ts): this one's heap also holds what earlier test files left.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.join(__dirname, '..', '..');

interface Retained {
	cycles: number;
	start: Record<string, number>;
	end: Record<string, number>;
}

it('publish and unpublish each trigger 1,000 times: the state the process retains is back at its start', async () => {
	// TypeScript before JSON: a node's codex file has the node's name with .json.
	const env = { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.test.json'), TS_NODE_PREFER_TS_EXTS: 'true' };
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--expose-gc', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'retentionCycles.ts')],
		{ cwd: ROOT, env, maxBuffer: 1 << 20 },
	);
	const retained = JSON.parse(stdout.trim().split('\n').pop() as string) as Retained;
	expect(retained.cycles).toBe(1_000);
	expect(Object.keys(retained.start).sort()).toEqual(['GroupBuffer', 'SeenMemory', 'SocketRuntime', 'WebhookRuntime', 'WorkflowRecord']);
	expect(retained.end).toEqual(retained.start);
}, 300_000);
