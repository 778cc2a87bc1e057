/**
 * `npm run bench:e2e`: the reliability-under-load measurements, through a real
 * n8n (started here, with this package installed from its tarball) and the Kick emulator, on
 * loopback. Prints one table; `--write-docs` also replaces the section between
 * `<!-- reliability:start -->` and `<!-- reliability:end -->` of docs/performance-and-reliability.md
 * with it (numbers are never typed by hand; ../bench/docsSection.ts).
 *
 * Runs on three n8n configurations: n8n's defaults, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true
 * (what `npm start` uses; the targets apply here) and N8N_EXPRESSION_ENGINE=legacy. The engine
 * only matters for the cases it affects (a, c); the others run under lazy acquire.
 *
 * Options: `--quick` (small sizes: a smoke test of the bench itself), `--only=a,c` (some cases),
 * `--chat-rules` (cases c and f also measure a second trigger with the chat bot's rules on, chat
 * senders with badges for both: in c its slices rotate with the others, in f it reads the same
 * frames at the same time; printed as a comparison after the runs),
 * `--config=defaults,lazy,legacy` (some configurations), `--queue` (n8n's queue mode instead: Kick
 * Trigger throughput with one webhook process and with two behind a round-robin proxy, and the
 * mixed burst through it; section `queue`), `--tarball=<path>` (install this package tarball instead of
 * building and packing), `--print-docs` (print the section
 * without writing it). Environment: KICK_BENCH_N8N_ENV (JSON, extra
 * environment for n8n, e.g. NODE_OPTIONS for a CPU profile).
 *
 * Every loop is bounded in count and in time. Exit code 1 when a correctness check fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { N8nClient, startN8n } from '../harness';
import { PRINT_DOCS, refuseRenamedOptions, WRITE_DOCS, writeDocsSection } from '../bench/docsSection';
import { CHAT_RULES_FILTERS } from './events';
import { runLiveSocketFirehose, runLiveSocketLatency, type LiveSocketFirehoseResult, type LiveSocketLatencyResult } from './liveSocket';
import { runTwoTriggerChat, runTwoTriggerStreams, type TwoTriggerChatResult, type TwoTriggerStreamResult } from './twoTriggers';
import {
	runChatRateLimit,
	runFirehose,
	runLongRun,
	runMixedBurst,
	runRateWindow,
	runThroughput,
	type ChatLimitResult,
	type FirehoseResult,
	type LongRunResult,
	type MixedResult,
	type RateWindowResult,
	type ThroughputResult,
} from './scenarios';

const ROOT = path.join(__dirname, '..', '..');
const packaging = require('../../scripts/install-package.js') as { packPackage(options?: { build?: boolean }): string };
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const ALL_CASES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
const only = (args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',') ?? ALL_CASES).map((entry) => entry.trim());
const CHAT_RULES = args.includes('--chat-rules');

const SIZES = quick
	? { throughput: 120, throughputRounds: 4, mixed: 400, firehose: 1000, firehosePrefill: 100, chat: 120, latency: 40, socketFirehose: 1000, longRun: { rounds: 3, kickPerRound: 400, webhookPerRound: 400 }, rateWindow: { chatMessages: 40, statusItems: 500, limit: 25, windowMs: 60_000 }, twoTriggers: { commands: 60, streams: 3 } }
	: { throughput: 1200, throughputRounds: 12, mixed: 2000, firehose: 4000, firehosePrefill: 600, chat: 500, latency: 200, socketFirehose: 5000, longRun: { rounds: 10, kickPerRound: 2000, webhookPerRound: 2000 }, rateWindow: { chatMessages: 300, statusItems: 1000, limit: 100, windowMs: 60_000 }, twoTriggers: { commands: 300, streams: 10 } };
const CONCURRENCY = 8;
const CHAT_LIMIT = { perSecond: 50, burst: 50 };

const log = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value: number) => `${fmt(value)} ms`;
const mark = (ok: boolean) => (ok ? '✅' : '❌');

interface Results {
	throughput?: ThroughputResult;
	mixed?: MixedResult;
	firehose?: FirehoseResult;
	chat?: ChatLimitResult;
	latency?: LiveSocketLatencyResult;
	socketFirehose?: LiveSocketFirehoseResult;
	longRun?: LongRunResult;
	rateWindow?: RateWindowResult;
	twoTriggerChat?: TwoTriggerChatResult;
	twoTriggerStreams?: TwoTriggerStreamResult;
}

/** One n8n configuration and what was measured on it. */
interface Run {
	/** Short name used on the command line: defaults, lazy, legacy. */
	key: string;
	label: string;
	env: Record<string, string>;
	cases: string[];
	/** Whether this configuration's results are held against the targets (the others are reported). */
	targeted: boolean;
	results: Results;
}

function table(runs: Run[]): string {
	const rows: string[][] = [];
	for (const run of runs) {
		const { throughput: a, mixed: b, firehose: c, chat: d, latency: e, socketFirehose: f, longRun: g, rateWindow: h, twoTriggerChat: i, twoTriggerStreams: iStreams } = run.results;
		const on = `<br>*${run.label}*`;
		// Targets apply to the configuration they were set for; the others are reported only.
		const target = (text: string) => (run.targeted ? text : '(reported)');
		const met = (ok: boolean) => (run.targeted ? mark(ok) : '');
		if (a) {
			const side = (name: string, s: ThroughputResult['kick']) =>
				`${name}: **${fmt(s.perSecond, 1)} deliveries/s** sustained (answered ${fmt(s.answeredPerSecond)}/s); send → execution finished p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}; ${s.executions}/${s.deliveries} executed`;
			rows.push([`a. Throughput, ${a.kick.deliveries} signed chat deliveries to each, concurrency ${CONCURRENCY}${on}`, side('bare Webhook → No Op', a.webhook), '', '']);
			rows.push(['', side('Kick Trigger → No Op', a.kick), '', '']);
			if (a.webhookWithCredential) rows.push(['', side('bare Webhook → No Op, plus an unconnected node holding the Kick credential', a.webhookWithCredential), '', '']);
			const sorted = [...a.roundRatios].sort((x, y) => x - y);
			const median = sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2 : Number.NaN;
			const spread = sorted.length ? `; per round (${sorted.length} rounds of ${fmt(a.kick.deliveries / sorted.length)}): median ${fmt(median, 2)}, range ${fmt(sorted[0]!, 2)}–${fmt(sorted[sorted.length - 1]!, 2)}` : '';
			rows.push(['', `Kick Trigger / bare Webhook: **${fmt(a.ratio, 2)}**${spread}`, target('≥ 0.95'), met(a.ratio >= 0.95 && a.problems.length === 0)]);
			if (a.ratioWithCredential !== undefined) {
				rows.push(['', `Kick Trigger / Webhook workflow holding a credential, as the Kick Trigger's does (n8n checks every node's credentials in its database before each execution): **${fmt(a.ratioWithCredential, 2)}**`, '(reported)', '']);
			}
		}
		if (b) {
			rows.push([
				`b. Mixed burst, ${fmt(Object.values(b.sent).reduce((x, y) => x + y, 0))} deliveries over ${b.eventTypes} event types, concurrency ${CONCURRENCY}${on}`,
				`sent: ${b.sent.authentic} authentic, ${b.sent.duplicate} exact duplicates, ${b.sent.replay} duplicate-subscription replays, ${b.sent.forged} forged/tampered, ${b.sent.late} 15 minutes late, ${b.sent['too-late']} past the Late Delivery Limit`,
				'',
				'',
			]);
			rows.push([
				'',
				`${b.executions} executions: **${b.executedOnce}/${b.events} authentic events ran exactly once** (${b.notExecuted} never, ${b.executedTwiceOrMore} twice or more)`,
				'every authentic event once',
				mark(b.executedOnce === b.events && b.executions === b.events),
			]);
			rows.push([
				'',
				`forged or too-late executions: **${b.forgedOrTooLateExecuted}**; answers: forged ${answers(b.answers.forged)}, late ${answers(b.answers.late)}, too late ${answers(b.answers['too-late'])}, exact duplicates ${answers(b.answers.duplicate)}, replays ${answers(b.answers.replay)}`,
				'0',
				mark(b.forgedOrTooLateExecuted === 0 && b.unknownExecuted === 0),
			]);
			rows.push(['', `5xx answers: **${b.fiveXx}**, no answer: ${b.noAnswer}; ${fmt(b.seconds, 1)} s from first send to last execution`, '0', mark(b.fiveXx === 0 && b.noAnswer === 0 && b.problems.length === 0)]);
		}
		if (c) {
			rows.push([
				`c. Chat firehose, ${fmt(c.deliveries)} chat deliveries, concurrency ${CONCURRENCY}, 1% commands, trigger's command prefix \`!\`${on}`,
				`Kick Trigger answered **${fmt(c.perSecond)} deliveries/s**; n8n's no-workflow answer (unregistered path → 404): ${fmt(c.baselinePerSecond)}/s; ratio **${fmt(c.ratio, 2)}**`,
				target('≥ 0.7'),
				met(c.ratio >= 0.7),
			]);
			rows.push([
				'',
				`n8n's own Webhook node answering without an execution (its IP Whitelist refusing: 403): ${fmt(c.nodeRefusalPerSecond)}/s, so n8n's part of any trigger's answer leaves ${fmt(c.nodeRefusalPerSecond / c.baselinePerSecond, 2)} of the 404 rate; Kick Trigger / Webhook node refusal **${fmt(c.ratioToNodeRefusal, 2)}**`,
				'(reported)',
				'',
			]);
			rows.push([
				'',
				`commands executed **${c.commandsExecuted}/${c.commandsSent}**; executions added to n8n's database: ${c.executionsAdded} (the commands only)`,
				'= commands sent',
				mark(c.problems.length === 0),
			]);
		}
		if (d) {
			rows.push([
				`d. Kick node Chat → Send Message, ${d.messages} items in one run, emulator limit ${d.perSecond}/s (burst ${d.burst})${on}`,
				`${d.delivered}/${d.messages} delivered once, ${d.deliveredTwice} twice, ${d.missing} missing; ${d.rateLimited} × 429 waited out; **${fmt(d.seconds, 2)} s** (first → last message ${fmt(d.postSpanSeconds, 2)} s) vs limit-bound minimum ${fmt(d.minimumSeconds, 2)} s = **${fmt(d.ratio, 3)}×**${d.unlimitedSeconds === undefined ? '' : `; the same ${d.messages} messages with no limit: ${fmt(d.unlimitedSeconds, 2)} s`}`,
				'≤ 1.10×, all once',
				mark(d.ratio <= 1.1 && d.problems.length === 0),
			]);
		}
		if (h) {
			rows.push([
				`h. Kick's own request limit, ${h.limit} requests a minute per Kick app, 429s with **no header**: two runs at once, Chat → Send Message × ${fmt(h.chatMessages)} and Livestream → Get Status × ${fmt(h.statusItems)} channels by name${on}`,
				`${h.accepted} requests accepted, ${h.refused} refused; items failed: **${h.failedItems}**; chat messages delivered ${h.delivered}/${h.chatMessages}; **${fmt(h.seconds, 1)} s** first → last request vs limit-bound minimum ${fmt(h.minimumSeconds, 1)} s = **${fmt(h.ratio, 3)}×**`,
				'≤ 1.15×, no item failing',
				mark(h.ratio <= 1.15 && h.failedItems === 0 && h.problems.length === 0),
			]);
		}
		if (e) {
			const side = (name: string, x: LiveSocketLatencyResult['chatTrigger']) =>
				`${name}: p50 **${ms(x.p50)}**, p95 ${ms(x.p95)}, p99 ${ms(x.p99)}; ${x.executedOnce}/${x.sent} executed once`;
			rows.push([
				`e. Latency, send → execution started, ${e.messages} messages to each trigger at ${fmt(e.ratePerSecond)}/s (alternating)${on}`,
				`${side('Kick Chat Trigger (live socket)', e.chatTrigger)}<br>${side('Kick Trigger (signed webhook, signing included)', e.kickTrigger)}`,
				'every message once',
				mark(e.problems.length === 0),
			]);
		}
		if (f) {
			rows.push([
				`f. Live-socket chat firehose, ${fmt(f.messages)} chat messages in one burst, 1% commands, prefix \`!\`${on}`,
				`Kick Chat Trigger read and filtered **${fmt(f.perSecond)} chat messages/s** (last message in n8n after ${fmt(f.receiveSeconds, 2)} s); commands executed once **${f.commandsExecutedOnce}/${f.commandsSent}**, other executions ${f.otherExecutions}; whole burst through n8n in ${fmt(f.allFinishedSeconds, 2)} s`,
				'every command once, no other execution',
				mark(f.problems.length === 0),
			]);
		}
		if (g) {
			const rates = (pick: (round: LongRunResult['rounds'][number]) => number) => g.rounds.map((round) => fmt(pick(round), 0)).join(', ');
			rows.push([
				`g. Long run, ${fmt(g.deliveries)} chat deliveries that all run, in ${g.rounds.length} rounds of ${fmt(g.deliveries / g.rounds.length)}, each interleaved with as many to a bare Webhook${on}`,
				`Kick Trigger deliveries/s per round: ${rates((round) => round.kickPerSecond)} (last / first ${fmt(g.kickEndOverStart, 2)}); bare Webhook: ${rates((round) => round.webhookPerSecond)} (${fmt(g.webhookEndOverStart, 2)}), n8n's own slowdown as its execution history grows. Kick Trigger / bare Webhook: **${fmt(g.ratioFirst, 2)}** in the first round, **${fmt(g.ratioLast, 2)}** in the last`,
				target('last ≥ 0.9 × first, against the bare Webhook'),
				met(g.ratioLast >= 0.9 * g.ratioFirst && g.problems.length === 0),
			]);
			rows.push([
				'',
				`the workflow's static data: ${fmt(g.staticDataBytesBefore)} B after publishing, at most ${fmt(g.staticDataBytesMax)} B (after each round: ${g.rounds.map((round) => fmt(round.staticDataBytes)).join(', ')} B)`,
				'bounded',
				mark(g.staticDataBytesMax < 32_000),
			]);
		}
		if (i) {
			const lossy = i.modes.find((mode) => mode.mode === 'lossy');
			const latency = (mode: string) => {
				const found = i.modes.find((entry) => entry.mode === mode);
				return found ? `p50 ${ms(found.latency.p50)}, p99 ${ms(found.latency.p99)}` : '?';
			};
			if (lossy) {
				const fates = Object.entries(lossy.fates)
					.sort(([x], [y]) => x.localeCompare(y))
					.map(([pair, count]) => `${pair} ${count}`)
					.join(', ');
				rows.push([
					`i. Two triggers, lossy sources: *Chat command bot with a fallback* (Kick Trigger + Kick Chat Trigger holding ${i.holdSeconds} s), ${lossy.commands} commands at ${fmt(i.ratePerSecond)}/s, each copy ${fmt(i.shares.lost * 100)}% lost and ${fmt(i.shares.late * 100)}% late (1–10 s) on each source independently${on}`,
					`webhook/socket copies: ${fates}. **${lossy.repliedOnce}/${lossy.reached} commands that reached a source answered exactly once** (${lossy.neverReplied} never, ${lossy.repliedTwice} twice); lost on both and answered: ${lossy.unreachedReplied}; webhook answers ${answers(lossy.webhookAnswers)}`,
					'every command that reached a source once',
					mark(lossy.repliedOnce === lossy.reached && lossy.unreachedReplied === 0 && lossy.problems.length === 0),
				]);
			}
			rows.push([
				'',
				`first copy sent → reply in chat: lossy, both triggers **${latency('lossy')}**; both sources delivering everything ${latency('both')}; the webhook alone (example without the Chat Trigger) ${latency('webhook-alone')}; the socket alone (without the Kick Trigger, so nothing held) ${latency('socket-alone')}`,
				'(reported)',
				mark(i.problems.length === 0),
			]);
		}
		if (iStreams) {
			const fates = Object.entries(iStreams.fates)
				.map(([fate, count]) => `${fate} ${count}`)
				.join(', ');
			rows.push([
				`i. Two triggers, lossy webhook: *Stream live → Discord, never missed* (Kick Trigger + Kick Polling Trigger every 5 s), ${iStreams.streams} streams${on}`,
				`webhook copies of the ${iStreams.events} starts and ends: ${fates} (late: 6–12 s); Discord: **${iStreams.announcements} announcements, ${iStreams.followUps} follow-ups**; webhook answers ${answers(iStreams.webhookAnswers)}; ${fmt(iStreams.seconds)} s`,
				'one of each per stream',
				mark(iStreams.problems.length === 0),
			]);
		}
	}
	return ['| case | result | target | met |', '|---|---|---|:-:|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

const answers = (counts: Record<string, number>) =>
	Object.entries(counts)
		.map(([status, count]) => `${count}× ${status}`)
		.join(', ') || 'none';

function machine(): string {
	const cpus = os.cpus();
	const n8nVersion = (() => {
		try {
			return JSON.parse(fs.readFileSync(path.join(ROOT, 'runtime', 'n8n', 'node_modules', 'n8n', 'package.json'), 'utf8')).version as string;
		} catch {
			return '?';
		}
	})();
	return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}; n8n ${n8nVersion} on Node 24 (SQLite, default execution saving), load generator on Node ${process.version}, loopback`;
}

function reliabilitySection(runs: Run[], tableText: string, command: string, summary = ''): string {
	const by = (key: string) => runs.find((run) => run.key === key)?.results;
	const defaults = by('defaults');
	const lazy = by('lazy');
	const legacy = by('legacy');
	const rate = (value: number | undefined, digits = 0) => (value === undefined ? '?' : fmt(value, digits));
	const adminRows = [
		['n8n defaults', defaults],
		['`N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`', lazy],
		['`N8N_EXPRESSION_ENGINE=legacy` (no isolation)', legacy],
	]
		.filter(([, results]) => results)
		.map(([label, results]) => {
			const r = results as Results;
			return `| ${label as string} | ${rate(r.throughput?.webhook.perSecond, 1)}/s | ${rate(r.throughput?.kick.perSecond, 1)}/s | ${rate(r.firehose?.perSecond)}/s | ${rate(r.firehose?.baselinePerSecond)}/s |`;
		});
	const busy = (results: Results | undefined, label: string) =>
		results?.firehose && results.throughput
			? `${label}: ${fmt(results.firehose.perSecond)} filtered chat messages/s answered, against ${fmt(results.throughput.kick.perSecond, 1)} events/s that start an execution (${fmt(results.firehose.perSecond / results.throughput.kick.perSecond, 0)}×)`
			: undefined;
	const busyLines = [busy(lazy, 'with lazy isolates'), busy(defaults, "n8n's defaults")].filter(Boolean);
	return [
		'## Reliability under load',
		'',
		`Measured by \`${command}\` ${summary ? 'in several runs' : 'in one run'} on ${machine()}, ${new Date().toISOString().slice(0, 10)}: a real n8n with this package installed from its tarball, and the Kick emulator sending deliveries signed exactly like Kick's (RSA-SHA256 over message id, timestamp and body; Kick's headers). Targets apply to n8n with lazy expression isolates (see *For n8n administrators* below); the other configurations are reported.`,
		'',
		tableText,
		'',
		...(summary ? [summary, ''] : []),
		"- **a.** The same stream of signed deliveries goes to a published Kick Trigger workflow and to a workflow with n8n's own Webhook node, on the same n8n, in many short alternating rounds (A B, B A, …, so drift hits both alike); latency runs from sending to the execution's `stoppedAt` in n8n's REST API. Both are bound by how fast n8n creates and runs executions. The ratio is over all rounds; the per-round ratios show how much one round can say. A third workflow is the Webhook one plus an unconnected node holding the Kick credential: before every execution of a workflow whose nodes hold a credential, n8n looks the credentials up in its database (its credentials permission check), a cost every Kick Trigger execution carries because the trigger holds its credential.",
		"- **b.** Exact duplicates repeat a message id; duplicate-subscription replays repeat a body under a new message id (dropped because the trigger's *Ignore Duplicate Payloads* option is on); forged deliveries are tampered (body, signature or message id) or signed with another key and are the only ones answered 401; late ones are 15 minutes old and run like the others; too-late ones are 25 hours old, past the Late Delivery Limit, and are answered 200 without an execution. Executions are matched to deliveries by message id.",
		"- **c.** Deliveries the trigger does not need (here: chat that does not start with the command prefix) are answered without starting an execution and without writing to n8n's database; the rate is compared with n8n answering a request for a webhook path nobody registered, and with n8n's own Webhook node refusing a request (its IP Whitelist option), in slices whose order rotates. For a registered path n8n loads the workflow from its database and builds the node's context before any node sees the request; the Webhook node's refusal is that cost with nothing after it, the most any trigger can answer. The trigger first ran 600 commands, so its log of what ran (read by n8n from its database with every request) is at its bound, as on a busy bot's channel.",
		"- **d.** The Kick node waits out Kick's `Retry-After` on 429, so a long list of chat messages is delivered at the rate Kick allows, each exactly once.",
		"- **h.** Kick limits requests without saying how many or sending a header (KickDevDocs#360). The emulator plays the strictest plausible form: one window per Kick app, refused requests counting. The node learns the limit from the first 429 and paces every request of that Kick app in the n8n process to it, so a run larger than the window waits its turn instead of failing; before, a few blind retries gave up after about 15 seconds and the items failed. The minimum is when the accepted requests could have gone out, a window's worth at a time.",
		"- **e.** Chat messages on the emulator's live socket and signed webhook deliveries, sent alternately at a steady rate far below n8n's limit, each timed from the moment it left the emulator to the start of the execution it triggered (n8n's `startedAt`). The Chat Trigger needs no HTTP request and no signature check before n8n starts a run.",
		"- **f.** A burst of chat on the live socket to a Chat Trigger with the command prefix `!`: messages that are not commands are dropped inside the trigger, with no execution and nothing written to n8n's database. The last message is a command; its item says when the trigger had read the whole burst.",
		"- **g.** Every delivery that runs is remembered (see *Security and delivery rules*), so the cost of a delivery must not grow as the memory fills: rounds of chat deliveries that all run, each interleaved (in eight slices) with as many to a bare Webhook workflow on the same n8n (n8n's own slowdown as its execution history grows shows there). The static data is what n8n reads from its database for every request to the workflow; the trigger keeps its part bounded.",
		"- **i.** The two examples that start one workflow with two Kick triggers (see *Two Kick triggers in one workflow*), each copy of each event lost or late on each source independently, drawn from a fixed seed. Chat: a command that reached at least one source must be answered once, one that reached neither never; latency runs from the first copy that was not lost leaving the emulator to the reply in Kick's chat (the Kick node's call), for the example as shipped (with its hold), for both sources delivering everything, and for the example with one trigger removed. Streams: the poll reads the channel's state, so it sees every stream that lasts past one poll; only the webhook copies are lost or late.",
		'',
		'### For n8n administrators: lazy expression isolates',
		'',
		`n8n 2.x evaluates expressions in V8 isolates (its \`vm\` expression engine). By default it takes an isolate for every webhook request to any trigger other than its own Webhook node, before the trigger runs, and that isolate costs more than everything the Kick Trigger does with a delivery. \`N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true\` is n8n's own setting: expressions stay isolated exactly as before, but an isolate is only taken when an expression is actually evaluated. The Kick Trigger (version 1.1) evaluates none for a delivery, so with this setting it ran at ${rate(lazy?.throughput?.ratio, 2)} × the throughput of n8n's own Webhook node, and plain Webhook workflows get faster too. \`N8N_EXPRESSION_ENGINE=legacy\` also removes the cost, but by running expressions without isolation (n8n calls it less secure and plans to deprecate it). \`npm start\` sets lazy acquire (\`--no-lazy-isolates\` turns it off). Measured in the run above, on the same machine:`,
		'',
		'| n8n setting | bare Webhook → No Op | Kick Trigger → No Op | Kick Trigger, filtered chat answered | n8n, unregistered path answered |',
		'|---|---:|---:|---:|---:|',
		...adminRows,
		'',
		'Kick Triggers added before version 1.1 keep working unchanged; at version 1, n8n evaluates one expression per request (and so takes an isolate even with lazy acquire). Triggers added now are at 1.1.',
		'',
		'### Busy channels: filter in the trigger',
		'',
		"Use the Kick Trigger's own filters (Events, Command Prefix and Command Names, Ignore Chat From, Minimum KICKs Amount, Reward Titles, Stream Status) rather than an IF node after the trigger. A delivery the trigger filters out costs no execution and writes nothing to n8n's database; one that an IF node drops costs a full execution. Measured above:",
		'',
		...busyLines.map((line) => `- ${line}.`),
		'',
		'### When n8n is down, deliveries are lost',
		'',
		"Kick does not reliably retry a failed delivery. A delivery sent while n8n is stopped or restarting is refused (the sender sees the connection refused, or n8n's own error for a request caught by its shutdown) and is not sent again, and Kick deletes the subscriptions of an endpoint that keeps failing for about a day. What a sender can conclude: a delivery answered 200 ran exactly once; one that failed while n8n was shutting down ran at most once (n8n may have started it before the connection was cut); none runs twice. Publishing the workflow again, or a scheduled Event Subscription → Reconcile, re-creates missing subscriptions, but events from the gap are gone: keep n8n's downtime short.",
	].join('\n');
}

async function measure(run: Run, tarball: string): Promise<void> {
	const started = Date.now();
	log(`[bench:e2e] starting n8n (${run.label})…`);
	const n8nProcess = await startN8n({ tarball, env: run.env, log: (line) => log(`[n8n] ${line}`) });
	try {
		const n8n = await N8nClient.login(n8nProcess.baseUrl);
		log(`[bench:e2e] n8n ready at ${n8nProcess.baseUrl} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
		if (run.cases.includes('a')) {
			log(`[bench:e2e] a. throughput: ${SIZES.throughput} deliveries to each workflow…`);
			run.results.throughput = await runThroughput(n8n, { deliveries: SIZES.throughput, concurrency: CONCURRENCY, rounds: SIZES.throughputRounds, withCredentialBaseline: true, log });
		}
		if (run.cases.includes('b')) {
			log(`[bench:e2e] b. mixed burst: ${SIZES.mixed} deliveries…`);
			run.results.mixed = await runMixedBurst(n8n, { deliveries: SIZES.mixed, concurrency: CONCURRENCY, log });
		}
		if (run.cases.includes('c')) {
			log(`[bench:e2e] c. chat firehose: ${SIZES.firehose} deliveries…`);
			run.results.firehose = await runFirehose(n8n, { deliveries: SIZES.firehose, concurrency: CONCURRENCY, maxSeconds: 120, prefillCommands: SIZES.firehosePrefill, chatRules: CHAT_RULES, log });
		}
		if (run.cases.includes('d')) {
			log(`[bench:e2e] d. chat under rate limit: ${SIZES.chat} messages…`);
			run.results.chat = await runChatRateLimit(n8n, { messages: SIZES.chat, ...CHAT_LIMIT, measureUnlimited: true });
		}
		if (run.cases.includes('h')) {
			log(`[bench:e2e] h. Kick's request limit without headers: ${SIZES.rateWindow.chatMessages} chat messages and ${SIZES.rateWindow.statusItems} status lookups…`);
			run.results.rateWindow = await runRateWindow(n8n, SIZES.rateWindow);
		}
		if (run.cases.includes('e')) {
			log(`[bench:e2e] e. latency: ${SIZES.latency} messages to each trigger…`);
			run.results.latency = await runLiveSocketLatency(n8n, { messages: SIZES.latency, log });
		}
		if (run.cases.includes('g')) {
			log(`[bench:e2e] g. long run: ${SIZES.longRun.rounds} rounds of ${SIZES.longRun.kickPerRound} deliveries…`);
			run.results.longRun = await runLongRun(n8n, { ...SIZES.longRun, concurrency: CONCURRENCY, log });
		}
		if (run.cases.includes('i')) {
			log(`[bench:e2e] i. two triggers, lossy sources: ${SIZES.twoTriggers.commands} chat commands, ${SIZES.twoTriggers.streams} streams…`);
			run.results.twoTriggerChat = await runTwoTriggerChat(n8n, { commands: SIZES.twoTriggers.commands, log });
			run.results.twoTriggerStreams = await runTwoTriggerStreams(n8n, { streams: SIZES.twoTriggers.streams, log });
		}
		if (run.cases.includes('f')) {
			log(`[bench:e2e] f. live-socket firehose: ${SIZES.socketFirehose} chat messages…`);
			run.results.socketFirehose = await runLiveSocketFirehose(n8n, { messages: SIZES.socketFirehose, chatRules: CHAT_RULES, log });
		}
	} finally {
		await n8nProcess.stop();
	}
}

// ---------------------------------------------------------------------------------------------
// --queue: n8n's queue mode (PostgreSQL, Redis, main, webhook processes behind a round-robin
// proxy, one worker), with one webhook process and with two.
// ---------------------------------------------------------------------------------------------

interface QueueRun {
	webhookProcesses: number;
	throughput?: ThroughputResult;
	mixed?: MixedResult;
}

function queueTable(runs: QueueRun[]): string {
	const rows: string[][] = [];
	for (const run of runs) {
		const label = `${run.webhookProcesses} webhook process${run.webhookProcesses === 1 ? '' : 'es'} behind the load balancer, 1 worker`;
		if (run.throughput) {
			const { kick, webhook, ratio } = run.throughput;
			rows.push([
				`q${run.webhookProcesses}. Throughput, ${kick.deliveries} signed chat deliveries, concurrency ${CONCURRENCY}<br>*${label}*`,
				`Kick Trigger → No Op: **${fmt(kick.perSecond, 1)} deliveries/s** (answered ${fmt(kick.answeredPerSecond)}/s; send → execution finished p50 ${ms(kick.p50)}, p99 ${ms(kick.p99)}); bare Webhook → No Op: ${fmt(webhook.perSecond, 1)}/s; ratio ${fmt(ratio, 2)}; ${kick.executions}/${kick.deliveries} executed once`,
				'every delivery once',
				mark(run.throughput.problems.length === 0),
			]);
		}
		if (run.mixed) {
			const b = run.mixed;
			rows.push([
				`q${run.webhookProcesses}. Mixed burst, ${fmt(Object.values(b.sent).reduce((x, y) => x + y, 0))} deliveries over ${b.eventTypes} event types<br>*${label}*`,
				`**${b.executedOnce}/${b.events} authentic events ran exactly once** (${b.notExecuted} never, ${b.executedTwiceOrMore} twice); copies that reached the second webhook process stopped by the worker at the trigger: ${b.stoppedAtTrigger}; forged or too-late executions ${b.forgedOrTooLateExecuted}; 5xx ${b.fiveXx}; no answer ${b.noAnswer}; ${fmt(b.seconds, 1)} s`,
				'every authentic event once, 0 forged, 0 5xx',
				mark(b.problems.length === 0),
			]);
		}
	}
	return ['| case | result | target | met |', '|---|---|---|:-:|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function queueSection(runs: QueueRun[], tableText: string): string {
	const one = runs.find((run) => run.webhookProcesses === 1)?.throughput?.kick.perSecond;
	const two = runs.find((run) => run.webhookProcesses === 2)?.throughput?.kick.perSecond;
	const scaling = one && two ? ` Two webhook processes gave ${fmt(two / one, 2)}× the deliveries/s of one on this 2-core machine, where main, both webhook processes, the worker, PostgreSQL, Redis and the load generator share the two cores; with a core per process they scale further.` : '';
	return [
		`Measured by \`npm run bench:e2e -- --queue ${WRITE_DOCS}\` on ${machine().replace('(SQLite, default execution saving)', '(PostgreSQL, Redis, queue mode)')}, ${new Date().toISOString().slice(0, 10)}, with \`N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true\` in every process.${scaling}`,
		'',
		tableText,
	].join('\n');
}

async function queueBench(tarball: string): Promise<void> {
	const { startQueueTopology } = await import('../harness/queueMode');
	const runs: QueueRun[] = [];
	for (const webhookProcesses of [1, 2]) {
		log(`[bench:e2e] queue mode with ${webhookProcesses} webhook process(es): starting PostgreSQL, Redis and n8n…`);
		const topology = await startQueueTopology({ webhookProcesses, tarball, env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, log: (line) => log(`[n8n] ${line}`) });
		try {
			const n8n = await N8nClient.login(topology.main.baseUrl);
			const run: QueueRun = { webhookProcesses };
			run.throughput = await runThroughput(n8n, { deliveries: SIZES.throughput, concurrency: CONCURRENCY, rounds: 4, webhookBaseUrl: topology.webhookBaseUrl, log });
			if (webhookProcesses === 2) run.mixed = await runMixedBurst(n8n, { deliveries: SIZES.mixed, concurrency: CONCURRENCY, webhookBaseUrl: topology.webhookBaseUrl, log });
			runs.push(run);
		} finally {
			await topology.stop();
		}
	}
	const tableText = queueTable(runs);
	process.stdout.write(`\n${tableText}\n\nMachine: ${machine()}\n`);
	const problems = runs.flatMap((run) => [...(run.throughput?.problems ?? []), ...(run.mixed?.problems ?? [])]);
	if (problems.length) process.stdout.write(`\nCorrectness problems:\n${problems.map((problem) => `- ${problem}`).join('\n')}\n`);
	if (args.includes(WRITE_DOCS)) {
		if (quick) throw new Error(`${WRITE_DOCS} needs the full run (no --quick)`);
		writeDocsSection('queue', queueSection(runs, tableText));
	}
	if (problems.length) process.exitCode = 1;
}

async function main(): Promise<void> {
	const started = Date.now();
	refuseRenamedOptions(args);
	if (args.includes('--queue')) {
		await queueBench(args.find((arg) => arg.startsWith('--tarball='))?.slice('--tarball='.length) ?? packaging.packPackage());
		process.stdout.write(`(bench:e2e --queue took ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
		return;
	}
	// Three n8n configurations, one table. n8n 2.41 evaluates expressions in V8 isolates
	// ('vm' engine). By default every webhook request of a trigger other than n8n's own Webhook
	// node takes an isolate; with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true an isolate is taken only
	// when an expression is evaluated (the Kick Trigger 1.1 evaluates none); 'legacy' runs
	// expressions without isolation. Targets are held under lazy acquire, the configuration
	// `npm start` uses; the other two are reported. `--config=defaults,lazy,legacy` picks some.
	const configs = (args.find((arg) => arg.startsWith('--config='))?.slice('--config='.length) ?? 'defaults,lazy,legacy').split(',').map((entry) => entry.trim());
	const extraEnv = process.env.KICK_BENCH_N8N_ENV ? (JSON.parse(process.env.KICK_BENCH_N8N_ENV) as Record<string, string>) : {};
	const engineCases = only.filter((entry) => entry === 'a' || entry === 'c');
	const all: Run[] = [
		{ key: 'defaults', label: "n8n defaults (expression engine 'vm')", env: { ...extraEnv }, cases: engineCases, targeted: false, results: {} },
		{ key: 'lazy', label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { ...extraEnv, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, cases: only, targeted: true, results: {} },
		{ key: 'legacy', label: 'N8N_EXPRESSION_ENGINE=legacy', env: { ...extraEnv, N8N_EXPRESSION_ENGINE: 'legacy' }, cases: engineCases, targeted: false, results: {} },
	];
	const selected = all.filter((run) => configs.includes(run.key) && run.cases.length > 0);
	if (selected.length === 0) throw new Error(`--config must name some of: ${all.map((run) => run.key).join(', ')}`);
	const tarball = args.find((arg) => arg.startsWith('--tarball='))?.slice('--tarball='.length) ?? packaging.packPackage();
	// Ratios move between runs on a shared machine: `--runs=3` measures everything three times,
	// prints every table, and the page shows the run whose targeted throughput ratio is the
	// median, with every run's targeted ratios listed.
	const repetitions = Math.max(1, Number(args.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 1));
	const measured: Run[][] = [];
	for (let repetition = 0; repetition < repetitions; repetition++) {
		const runs = selected.map((run) => ({ ...run, results: {} }));
		for (const run of runs) await measure(run, tarball);
		measured.push(runs);
		if (repetitions > 1) process.stdout.write(`\nRun ${repetition + 1} of ${repetitions}:\n\n${table(runs)}\n`);
	}
	const targeted = (runs: Run[]) => runs.find((run) => run.targeted)?.results;
	const byThroughput = [...measured].sort((x, y) => (targeted(x)?.throughput?.ratio ?? 0) - (targeted(y)?.throughput?.ratio ?? 0));
	const runs = byThroughput[Math.floor((byThroughput.length - 1) / 2)] as Run[];
	const tableText = table(runs);
	const summary = repetitions > 1 ? runsSummary(measured.map(targeted)) : '';
	process.stdout.write(`\n${repetitions > 1 ? 'The median run:\n\n' : ''}${tableText}\n${summary ? `\n${summary}\n` : ''}\nMachine: ${machine()}\n(bench:e2e took ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
	if (CHAT_RULES) process.stdout.write(`\n${chatRulesSummary(measured.map(targeted))}\n`);
	const problems = measured.flat().flatMap((run) =>
		Object.entries(run.results).flatMap(([name, result]) => ((result as { problems?: string[] } | undefined)?.problems ?? []).map((problem) => `${run.label}, ${name}: ${problem}`)),
	);
	if (problems.length) process.stdout.write(`\nCorrectness problems:\n${problems.map((problem) => `- ${problem}`).join('\n')}\n`);

	const command = `npm run bench:e2e -- ${repetitions > 1 ? `--runs=${repetitions} ` : ''}${WRITE_DOCS}`;
	// Case i has its own section (*Two Kick triggers in one workflow, measured*).
	if (only.length === 1 && only[0] === 'i') {
		const section = twoTriggersSection(measured.map((runs) => targeted(runs)), repetitions);
		if (args.includes(PRINT_DOCS)) process.stdout.write(`\n${section}\n`);
		if (args.includes(WRITE_DOCS)) {
			if (quick) throw new Error(`${WRITE_DOCS} needs the full sizes (no --quick)`);
			writeDocsSection('two-triggers', section);
		}
		if (problems.length) process.exitCode = 1;
		return;
	}
	if (args.includes(PRINT_DOCS)) process.stdout.write(`\n${reliabilitySection(runs, tableText, command, summary)}\n`);
	if (args.includes(WRITE_DOCS)) {
		if (quick || CHAT_RULES || only.length < ALL_CASES.length || runs.length < all.length) throw new Error(`${WRITE_DOCS} needs the full run (no --quick, --chat-rules, --only or --config)`);
		writeDocsSection('reliability', reliabilitySection(runs, tableText, command, summary));
	}
	if (problems.length) process.exitCode = 1;
}

/** `--chat-rules`: cases c and f with the chat bot's rules on against off, every run and the median of each ratio. */
function chatRulesSummary(results: Array<Results | undefined>): string {
	const median = (values: number[]) => {
		const sorted = [...values].sort((x, y) => x - y);
		return sorted.length ? ((sorted[Math.floor((sorted.length - 1) / 2)] as number) + (sorted[Math.ceil((sorted.length - 1) / 2)] as number)) / 2 : Number.NaN;
	};
	const line = (label: string, pairs: Array<[number, number] | undefined>, unit: string) => {
		const known = pairs.filter((pair): pair is [number, number] => pair !== undefined && pair.every(Number.isFinite));
		if (known.length === 0) return undefined;
		const runs = known.map(([on, off], index) => `run ${index + 1}: on ${fmt(on)} ${unit}, off ${fmt(off)} ${unit} (on/off ${fmt(on / off, 3)})`);
		return `- ${label}: ${runs.join('; ')}; median on/off **${fmt(median(known.map(([on, off]) => on / off)), 3)}**`;
	};
	const lines = [
		line('c. Kick Trigger, filtered chat answered', results.map((r) => (r?.firehose?.rules ? [r.firehose.rules.perSecond, r.firehose.perSecond] : undefined)), 'deliveries/s'),
		line('f. Kick Chat Trigger, chat read and filtered', results.map((r) => (r?.socketFirehose?.rules ? [r.socketFirehose.rules.perSecond, r.socketFirehose.perSecond] : undefined)), 'messages/s'),
		line(
			'f. the same, first message sent → last command finished (lower is faster; on/off of the time)',
			results.map((r) => (r?.socketFirehose?.rules ? [r.socketFirehose.rules.allFinishedSeconds * 1000, r.socketFirehose.allFinishedSeconds * 1000] : undefined)),
			'ms',
		),
	].filter(Boolean);
	return [
		`The chat bot's rules on against off (Only From ${CHAT_RULES_FILTERS.onlyFrom.join(', ')}; a ${CHAT_RULES_FILTERS.cooldownSeconds} s cooldown per command and per viewer, holding back none of the commands): two triggers on the same n8n, in c in rotating slices, in f reading the same frames at the same time:`,
		...lines,
	].join('\n');
}

/** Case i in every run: once-each counts and latencies, one row per run. */
function twoTriggersSection(results: Array<Results | undefined>, repetitions: number): string {
	const rows = results.map((result, index) => {
		const chat = result?.twoTriggerChat;
		const streams = result?.twoTriggerStreams;
		const mode = (name: string) => chat?.modes.find((entry) => entry.mode === name);
		const lossy = mode('lossy');
		const latency = (name: string) => {
			const found = mode(name);
			return found ? `${ms(found.latency.p50)} / ${ms(found.latency.p99)}` : '?';
		};
		return [
			`${index + 1}`,
			lossy ? `**${lossy.repliedOnce}/${lossy.reached}** once (${lossy.neverReplied} never, ${lossy.repliedTwice} twice); ${lossy.commands - lossy.reached} lost on both, ${lossy.unreachedReplied} answered` : '?',
			latency('lossy'),
			latency('both'),
			latency('webhook-alone'),
			latency('socket-alone'),
			streams ? `**${streams.announcements} + ${streams.followUps}** for ${streams.streams} streams (webhook copies: ${Object.entries(streams.fates).map(([fate, count]) => `${count} ${fate}`).join(', ')})` : '?',
		];
	});
	const first = results[0]?.twoTriggerChat;
	const lossy = first?.modes.find((entry) => entry.mode === 'lossy');
	return [
		`Measured by \`npm run bench:e2e -- --only=i${repetitions > 1 ? ` --runs=${repetitions}` : ''} ${WRITE_DOCS}\` on ${machine()}, ${new Date().toISOString().slice(0, 10)}, with lazy expression isolates: the two examples above in a real n8n, the emulator losing ${fmt((first?.shares.lost ?? 0) * 100)}% and delaying ${fmt((first?.shares.late ?? 0) * 100)}% of each source's copies independently (late chat copies 1–10 s, late stream webhooks 6–12 s, mostly after the other copy ran). Chat: ${lossy?.commands ?? '?'} commands at ${fmt(first?.ratePerSecond ?? 0)}/s to *Chat command bot with a fallback* (hold ${first?.holdSeconds ?? '?'} s); latency runs from the first copy of a command that was not lost leaving the emulator to the bot's reply in Kick's chat, p50 / p99 (what the hold adds shows where the webhook copy was lost or late), next to the same example with both sources delivering everything and with one trigger removed (each source alone; the socket alone holds nothing). Streams: *Stream live → Discord, never missed*, polling every 5 s; the poll reads the channel's state, so only webhook copies are lost or late there.`,
		'',
		'| run | chat commands that reached a source, answered | lossy, both triggers | both sources, nothing lost | webhook alone | socket alone | stream announcements + follow-ups |',
		'|---|---|---:|---:|---:|---:|---|',
		...rows.map((row) => `| ${row.join(' | ')} |`),
	].join('\n');
}

/** The targeted ratios of every run, and their medians. */
function runsSummary(results: Array<Results | undefined>): string {
	const median = (values: number[]) => {
		const sorted = [...values].sort((x, y) => x - y);
		return sorted.length ? ((sorted[Math.floor((sorted.length - 1) / 2)] as number) + (sorted[Math.ceil((sorted.length - 1) / 2)] as number)) / 2 : Number.NaN;
	};
	const line = (label: string, values: Array<number | undefined>) => {
		const known = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
		return known.length ? `- ${label}: ${known.map((value) => fmt(value, 2)).join(', ')} (median **${fmt(median(known), 2)}**)` : undefined;
	};
	return [
		`Every targeted ratio in each of the ${results.length} runs (the table shows the run with the median throughput ratio):`,
		'',
		line('a. Kick Trigger / bare Webhook', results.map((result) => result?.throughput?.ratio)),
		line('a. Kick Trigger / Webhook workflow holding a credential', results.map((result) => result?.throughput?.ratioWithCredential)),
		line("c. Kick Trigger firehose / n8n's no-workflow answer", results.map((result) => result?.firehose?.ratio)),
		line("c. n8n's Webhook node refusing / n8n's no-workflow answer", results.map((result) => (result?.firehose ? result.firehose.nodeRefusalPerSecond / result.firehose.baselinePerSecond : undefined))),
		line('c. Kick Trigger firehose / Webhook node refusing', results.map((result) => result?.firehose?.ratioToNodeRefusal)),
		line('g. Kick Trigger / bare Webhook, last round / first round', results.map((result) => (result?.longRun ? result.longRun.ratioLast / result.longRun.ratioFirst : undefined))),
		line('g. Kick Trigger alone, last round / first round', results.map((result) => result?.longRun?.kickEndOverStart)),
	]
		.filter((entry) => entry !== undefined)
		.join('\n');
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
