/**
 * Batching benchmark: for N = 1, 50, 51 and 1,000 input items, each
 * asking for one channel's live status by broadcaster ID (Livestream → Get Status), how many
 * requests the node makes against the minimum and against one call per item, and the wall time
 * of both against the emulator answering with 20 ms of latency. The minimum is ceil(N/50)
 * channel lookups plus ceil(L/50) user lookups for the L channels that are live (here one).
 *
 * How it runs: the real router, operation and transport, called through a minimal execute
 * context (test/bench/minimalContext.ts) rather than through the real-n8n harness, so one run
 * takes seconds and measures the node's own work plus API latency, not n8n's workflow
 * overhead. The "one call per item" column is measured too: the same transport sends one
 * GET /public/v1/channels per item, and one GET /public/v1/users for a live one, as a node
 * without batching would.
 */
import { router } from '../../nodes/Kick/actions/router';
import { kickApiRequest } from '../../nodes/Kick/transport';
import { SEED, startKickEmulator } from '../emulator';
import { minimalContext } from './minimalContext';

export interface BatchingBenchRow {
	/** Input items (one broadcaster ID each, all distinct). */
	n: number;
	/** Requests the node made. */
	requests: number;
	/** ceil(N/50) channel lookups + ceil(L/50) user lookups for the L live channels: the fewest the API allows. */
	minimum: number;
	/** What one call per item costs (and one more for each live channel's user). */
	perItemRequests: number;
	/** Wall time of the node's run, ms. */
	wallMs: number;
	/** Wall time of one call per item, ms. */
	perItemWallMs: number;
	/** Output items, all paired with their input. */
	outputItems: number;
}

export const BENCH_SIZES = [1, 50, 51, 1000];
export const LATENCY_MS = 20;

export async function runBatchingBench(sizes: number[] = BENCH_SIZES): Promise<BatchingBenchRow[]> {
	const emulator = await startKickEmulator();
	try {
		emulator.faults.latencyMs = LATENCY_MS;
		const { access_token: accessToken } = emulator.issueAppToken({ clientId: SEED.app.clientId });
		const rows: BatchingBenchRow[] = [];
		for (const n of sizes) {
			// One live channel (NeonVale); the other ids have no channel and are reported offline.
			const items = Array.from({ length: n }, (_, i) => ({ id: i === 0 ? SEED.users.neonvale : 7_000_000 + i }));
			const live = 1;
			const { context, requests } = minimalContext({
				emulator,
				accessToken,
				credentialType: 'kickAppOAuth2Api',
				items,
				parameters: (i) => ({
					authentication: 'appOAuth2',
					resource: 'livestream',
					operation: 'getStatus',
					channel: { __rl: true, mode: 'id', value: String(items[i].id) },
				}),
			});
			const started = performance.now();
			const [output] = await router.call(context);
			const wallMs = performance.now() - started;
			if (output.length !== n || output.some((item, i) => (item.pairedItem as { item: number }).item !== i)) {
				throw new Error(`N=${n}: expected ${n} paired output items, got ${output.length}`);
			}

			const naive = minimalContext({ emulator, accessToken, credentialType: 'kickAppOAuth2Api', items, parameters: () => ({}) });
			const naiveStarted = performance.now();
			for (const item of items) {
				const found = await kickApiRequest.call(naive.context, {
					method: 'GET',
					path: '/public/v1/channels',
					qs: { broadcaster_user_id: [item.id] },
					credentialType: 'kickAppOAuth2Api',
				});
				const [channel] = (found.data as Array<{ stream?: { is_live?: boolean } }> | undefined) ?? [];
				if (channel?.stream?.is_live !== true) continue;
				await kickApiRequest.call(naive.context, {
					method: 'GET',
					path: '/public/v1/users',
					qs: { id: [item.id] },
					credentialType: 'kickAppOAuth2Api',
				});
			}
			const perItemWallMs = performance.now() - naiveStarted;

			rows.push({
				n,
				requests: requests(),
				minimum: Math.ceil(n / 50) + Math.ceil(live / 50),
				perItemRequests: naive.requests(),
				wallMs: Math.round(wallMs),
				perItemWallMs: Math.round(perItemWallMs),
				outputItems: output.length,
			});
		}
		return rows;
	} finally {
		await emulator.close();
	}
}

/** A Markdown table for docs/performance-and-reliability.md and `npm run bench`. */
export function formatBatchingBench(rows: BatchingBenchRow[]): string {
	const lines = [
		`| input ids (N) | requests made | minimum ceil(N/50) + ceil(live/50) | one call per item | wall time | one call per item, wall time |`,
		`|---:|---:|---:|---:|---:|---:|`,
		...rows.map((r) => `| ${r.n} | ${r.requests} | ${r.minimum} | ${r.perItemRequests} | ${r.wallMs} ms | ${r.perItemWallMs} ms |`),
	];
	return `${lines.join('\n')}\n\n(emulator latency ${LATENCY_MS} ms per request; Livestream → Get Status by broadcaster ID, one of the channels live, real router and transport, minimal context)`;
}

if (require.main === module) {
	runBatchingBench()
		.then((rows) => process.stdout.write(`${formatBatchingBench(rows)}\n`))
		.catch((error: unknown) => {
			process.stderr.write(`${String(error)}\n`);
			process.exitCode = 1;
		});
}
