/**
 * `npm run bench`: every micro-benchmark in one run, printed as one table of ratios.
 * `npm run bench -- --write-docs` also rewrites the performance section of
 * docs/performance-and-reliability.md from the same numbers, so the page never carries
 * hand-typed figures.
 */
import os from 'node:os';

import { formatBatchingBench, runBatchingBench } from './batching.bench';
import { refuseRenamedOptions, WRITE_DOCS, writeDocsSection } from './docsSection';
import { formatLedgerBench, runLedgerBench } from './ledger.bench';
import { formatMemoryBench, runMemoryBench } from './memory.bench';
import { runWebhookBench } from './webhook.bench';

function formatWebhook(rows: Awaited<ReturnType<typeof runWebhookBench>>): string {
	return [
		'| path | deliveries/s | ratio | note |',
		'|---|---:|---:|---|',
		...rows.map((row) => `| ${row.name} | ${row.opsPerSec.toLocaleString('en-US')} | ${row.ratio === undefined ? '' : row.ratio.toFixed(2)} | ${row.note ?? ''} |`),
	].join('\n');
}

async function main(): Promise<void> {
	refuseRenamedOptions(process.argv);
	const started = Date.now();
	const webhook = await runWebhookBench();
	const batching = await runBatchingBench();
	const memory = runMemoryBench();
	const ledger = runLedgerBench();
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`;
	const section = [
		'## Performance',
		'',
		`Measured by \`npm run bench\` in one run on ${machine}, ${new Date().toISOString().slice(0, 10)}. Ratios compare numbers from the same run.`,
		'',
		'### Webhook path (Kick Trigger)',
		'',
		'Verify + parse + normalize of a chat event, against the ceiling (RSA verify with a cached key + `JSON.parse`, the least any verifying receiver does) and the naive way (parsing the PEM key on every delivery), per second of CPU time. These are the trigger\'s own costs only; in a real n8n they are a few percent of what a delivery costs n8n (see *Reliability under load*), which is why the webhook path has no speed-only code: a raw-byte prefilter and a compiled schema checker made it faster here but made no measurable difference end to end, and were removed. A delivery that runs also gets its schema checked with zod and its event ID computed.',
		'',
		formatWebhook(webhook),
		'',
		'### Delivery memory (Kick Trigger)',
		'',
		"What remembering the deliveries that ran costs (see *Security and delivery rules*): heap per key in the n8n process, static-data bytes per key across restarts, and deliveries recorded per second at the start and at the end of a long run, the memory full and letting go of its oldest second at the end. Both rates are far above anything n8n can run (about a hundred executions per second here); the end-to-end long run is case g under *Reliability under load*.",
		'',
		formatMemoryBench(memory),
		'',
		'### Events shared by two Kick triggers',
		'',
		"What the record of the events a workflow's Kick triggers ran costs (see *Two Kick triggers in one workflow*): heap per event in the n8n process, static-data bytes per event across restarts, and how fast a chat message's two copies are decided at the start and at the end of a long run, the record full and letting go of its oldest event at the end.",
		'',
		formatLedgerBench(ledger),
		'',
		'### Batched lookups (Kick node)',
		'',
		'N input items each asking for one broadcaster: the node combines them into the fewest calls Kick allows (50 IDs per call).',
		'',
		formatBatchingBench(batching),
	].join('\n');
	process.stdout.write(`${section}\n\n(bench took ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

	if (process.argv.includes(WRITE_DOCS)) writeDocsSection('performance', section);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
