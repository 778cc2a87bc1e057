/**
 * Nothing of the old manual is lost. Until commit 9587281 the README (892 lines) was the
 * package's only manual; it became a short front door and docs/ pages. This inventory lists every
 * heading of that README and its key facts and figures, and where each went: a heading must
 * exist at its new place, and a fact must be on its page and on no other page of the manual, so
 * a fact that is dropped, or copied to a second page, fails here. The tables the benchmarks
 * write (between `<!-- name:start -->` markers) are checked by their markers and case labels,
 * not their figures, which every run rewrites.
 *
 * Facts marked "trigger internals" describe how the triggers remember what ran (memory bounds,
 * bytes per entry); when those change, change the figure here and on its page together.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { brokenTarget, githubSlug, repositoryTarget, ROOT } from '../support/markdown';

const OLD_README = '9587281';

/** Every heading of the README at 9587281, and where its text is now (file#anchor). */
const HEADINGS: Array<[heading: string, now: string]> = [
	['# n8n-nodes-kick', 'README.md#n8n-nodes-kick'],
	['## Installation', 'README.md#installation'],
	['## Compatibility', 'docs/compatibility.md#compatibility'],
	['## Which trigger?', 'README.md#which-trigger'],
	['### Two Kick triggers in one workflow: one run per event', 'docs/two-triggers.md#two-kick-triggers-in-one-workflow-one-run-per-event'],
	['## Set up a Kick app', 'docs/credentials.md#set-up-a-kick-app'],
	['## Credentials', 'docs/credentials.md#the-two-credentials'],
	['## Kick node', 'docs/kick-node.md#kick-node'],
	["### Choices where Kick's documentation is unclear", 'docs/kick-node.md#choices-where-kicks-documentation-is-unclear'],
	['### Public lookups without a Kick app', 'docs/kick-node.md#public-lookups-without-a-kick-app'],
	['### Account linking (OAuth resource)', 'docs/kick-node.md#account-linking-oauth-resource'],
	['## Kick Trigger', 'docs/kick-trigger.md#kick-trigger'],
	['### Security and delivery rules', 'docs/kick-trigger.md#security-and-delivery-rules'],
	['### Busy channels', 'docs/kick-trigger.md#busy-channels'],
	['## Kick Chat Trigger', 'docs/kick-chat-trigger.md#kick-chat-trigger'],
	['## Kick Polling Trigger', 'docs/kick-polling-trigger.md#kick-polling-trigger'],
	['## Example workflows', 'README.md#example-workflows'],
	['## Troubleshooting', 'docs/troubleshooting.md#troubleshooting'],
	['## Reliability under load', 'docs/performance-and-reliability.md#reliability-under-load'],
	['### For n8n administrators: lazy expression isolates', 'docs/performance-and-reliability.md#for-n8n-administrators-lazy-expression-isolates'],
	['### Busy channels: filter in the trigger', 'docs/performance-and-reliability.md#busy-channels-filter-in-the-trigger'],
	['### When n8n is down, deliveries are lost', 'docs/performance-and-reliability.md#when-n8n-is-down-deliveries-are-lost'],
	['## Queue mode', 'docs/queue-mode.md#queue-mode'],
	['## Performance', 'docs/performance-and-reliability.md#performance'],
	['### Webhook path (Kick Trigger)', 'docs/performance-and-reliability.md#webhook-path-kick-trigger'],
	['### Delivery memory (Kick Trigger)', 'docs/performance-and-reliability.md#what-the-triggers-remember'],
	['### Events shared by two Kick triggers', 'docs/performance-and-reliability.md#what-the-triggers-remember'],
	['### Batched lookups (Kick node)', 'docs/performance-and-reliability.md#batched-lookups-kick-node'],
	['## Development', 'README.md#development'],
	['### Releasing', 'CONTRIBUTING.md#releasing'],
	['### Architecture', 'CONTRIBUTING.md#code-layout'],
	['## License', 'README.md#license'],
];

/** Key facts and figures of the old README, each on exactly one page of the manual now. */
const FACTS: Array<[fact: string, page: string]> = [
	// Installation, compatibility
	['n8n 3 loads only verified community packages unless', 'README.md'],
	['`N8N_REINSTALL_MISSING_PACKAGES=true`', 'docs/queue-mode.md'],
	['| 2.41.1 | 24.21 |', 'docs/compatibility.md'],
	['| 1.123.81 (1.x LTS) | 22.23 |', 'docs/compatibility.md'],
	['The minimum is n8n 1.123', 'docs/compatibility.md'],
	["Kick Chat Trigger needs Node.js 22 or newer (it uses Node's built-in WebSocket", 'docs/compatibility.md'],
	['n8n 1.x cannot send PKCE together with body authentication', 'docs/compatibility.md'],
	['are called **Activate / Deactivate** in n8n 1.x', 'docs/compatibility.md'],
	// Which trigger
	['| Delay | usually about a second | under a second | up to the poll interval (a minute by default) |', 'README.md'],
	['| While n8n is down | Kick does not resend | not replayed | changes are reported at the next poll |', 'README.md'],
	['| Not seen | — | title/category changes (not on the public socket) |', 'README.md'],
	// Two triggers in one workflow
	["the socket's copy, whose start comes from Kick's website: within 10 seconds", 'docs/two-triggers.md'],
	['end times within 15 minutes', 'docs/two-triggers.md'],
	['same viewer, reward title and status within 2 minutes', 'docs/two-triggers.md'],
	['same subscriber name within 5 minutes', 'docs/two-triggers.md'],
	['same gifter (or anonymous) and number of giftees within 5 minutes', 'docs/two-triggers.md'],
	['same sender and amount within 2 minutes', 'docs/two-triggers.md'],
	['same banned user and kind within 2 minutes', 'docs/two-triggers.md'],
	['Every earlier copy absorbs at most one copy from each other trigger', 'docs/two-triggers.md'],
	['chat messages at most four times a second', 'docs/two-triggers.md'],
	['Workflows that must run each event once in queue mode should start with one Kick trigger', 'docs/two-triggers.md'],
	// Kick app and credentials
	['two-factor authentication must be on', 'docs/credentials.md'],
	['`https://<your-n8n>/rest/oauth2-credential/callback`', 'docs/credentials.md'],
	['Kick also only starts webhook deliveries once an app has a bot', 'docs/credentials.md'],
	['Use one Kick app per receiving workflow, or one receiver workflow that routes events', 'docs/credentials.md'],
	['all 11 by default', 'docs/credentials.md'],
	['Kick rotates it on every refresh', 'docs/credentials.md'],
	["Kick ends a Kick account's login about 30 days after it was made", 'docs/credentials.md'],
	// Kick node
	['slugs and IDs in separate calls, 50 per call', 'docs/kick-node.md'],
	['a Kick node run waits up to 15 minutes in all, a trigger\'s request 30 seconds', 'docs/kick-node.md'],
	['1,000 items cost 20 requests', 'docs/kick-node.md'],
	['the KICKs leaderboard returns the top 10 by default (1–100)', 'docs/kick-node.md'],
	['up to 50 subscription IDs per delete', 'docs/kick-node.md'],
	['Cloudflare often answers servers with a 403 challenge page', 'docs/kick-node.md'],
	// Kick Trigger
	['any of the 10, or All Events', 'docs/kick-trigger.md'],
	['Publishing again repairs anything Kick dropped', 'docs/kick-trigger.md'],
	['`late` (more than a minute after Kick\'s timestamp)', 'docs/kick-trigger.md'],
	['the key is refetched (at most once every 10 seconds)', 'docs/kick-trigger.md'],
	['**Late Delivery Limit** (Options, 24 hours by default)', 'docs/kick-trigger.md'],
	['a body over 1 MiB → `413`', 'docs/kick-trigger.md'],
	['answers a body that is not JSON with `422`', 'docs/kick-trigger.md'],
	['`?event=chat.message.sent` picks one', 'docs/kick-trigger.md'],
	["The trigger's version is 1.1; triggers added before keep working at version 1", 'docs/kick-trigger.md'],
	['A big channel\'s chat sends hundreds of messages per second', 'docs/kick-trigger.md'],
	// Kick Chat Trigger
	['Pusher codes 4000–4099 stop the trigger with an error', 'docs/kick-chat-trigger.md'],
	['4100–4199 back off, 4200–4299 reconnect at once', 'docs/kick-chat-trigger.md'],
	['anything nested deeper than 32 levels replaced by a marker', 'docs/kick-chat-trigger.md'],
	['parts are merged for two seconds', 'docs/kick-chat-trigger.md'],
	['`follower.username` is null, `followerKnown: false`', 'docs/kick-chat-trigger.md'],
	// Kick Polling Trigger
	['one request per 50 channels per poll (200 channels = 4)', 'docs/kick-polling-trigger.md'],
	['Kick has limited requests at 20 a minute and at 100 a minute', 'docs/kick-polling-trigger.md'],
	['up to 900 channels (18 requests', 'docs/kick-polling-trigger.md'],
	['the poll waits up to 30 seconds for its turn', 'docs/kick-polling-trigger.md'],
	['n8n polls at most once a minute per poll time', 'docs/kick-polling-trigger.md'],
	['Kick refreshes viewer counts about once a minute', 'docs/kick-polling-trigger.md'],
	// Examples
	['`sendLegacy: undefined`', 'README.md'],
	['or will within 5 days', 'README.md'],
	['Credentials named "Kick account", "Kick app" and "Discord webhook" are picked up automatically on import', 'README.md'],
	// Troubleshooting
	['`inSyncBefore: false` with `created` listing events', 'docs/troubleshooting.md'],
	["bad-signature` when deliveries do not carry Kick's signature over the exact bytes", 'docs/troubleshooting.md'],
	['Kick kept refusing for longer than the node waits (15 minutes)', 'docs/troubleshooting.md'],
	['Turning webhooks off deletes all of the app\'s subscriptions at Kick', 'docs/troubleshooting.md'],
	// Queue mode
	['two webhook processes behind a round-robin load balancer and a worker', 'docs/queue-mode.md'],
	['`hash $http_kick_event_message_id;`', 'docs/queue-mode.md'],
	['a worker restarted in the middle of a burst lost nothing', 'docs/queue-mode.md'],
	["n8n gives a worker no copy of a workflow's static data", 'docs/queue-mode.md'],
	// Development
	['`owner@kick-nodes.test` / `KickNodes-2026!`', 'README.md'],
	['`npm start -- --port 5679`', 'CONTRIBUTING.md'],
	['(`--no-lazy-isolates` turns them off)', 'CONTRIBUTING.md'],
	['`npm run test:unit -- --runTestsByPath test/unit/socket/frames.test.ts`', 'CONTRIBUTING.md'],
	['`test-results/browser/<test>/`', 'CONTRIBUTING.md'],
	['n8n 1.123.81 on Node 22 (`runtime/n8n-1/`)', 'CONTRIBUTING.md'],
	['`prepublishOnly` guard (`scripts/release-guard.js`)', 'CONTRIBUTING.md'],
	['nodes/Kick/actions/router.ts', 'CONTRIBUTING.md'],
];

/**
 * Trigger internals whose figures changed since: the triggers now remember what ran in one
 * record per workflow. What the old README said, and where the new figure is stated (once).
 */
const CHANGED: Array<[was: string, now: string, page: string]> = [
	['holds up to 200,000 keys per trigger (about 100 bytes each', 'At most **200,000 entries, about 100 bytes each in memory**', 'docs/performance-and-reliability.md'],
	["the newest 1,000 keys are kept in the workflow's static data (about 16 bytes each, 16 KB at most)", 'The newest **2,000 entries, about 14 bytes each** (about 29 KB)', 'docs/performance-and-reliability.md'],
	['ran for 24 hours (at most 20,000 events, about 550 bytes each in memory, oldest out first', 'or the longest Late Delivery Limit of its Kick Triggers) in one record', 'docs/two-triggers.md'],
	["the newest 1,000 (about 60 bytes each) are written into the workflow's static data", 'written into the workflow\'s static data with each run (chat at most every quarter second', 'docs/performance-and-reliability.md'],
	['(200,000 keys; after a restart, the newest 1,000)', "within the Late Delivery Limit than the workflow's record holds", 'docs/troubleshooting.md'],
];

/** The sections the benchmarks write, and labels each must keep (its figures change every run). */
const MEASURED: Record<string, string[]> = {
	'two-triggers': ['| run | chat commands that reached a source, answered |'],
	reliability: ['a. Throughput', 'b. Mixed burst', 'c. Chat firehose', 'd. Kick node Chat → Send Message', 'e. Latency', 'f. Live-socket chat firehose', 'g. Long run', "h. Kick's own request limit"],
	queue: ['q1. Throughput', 'q2. Mixed burst'],
	performance: ['| heap per entry |', '| static data per persisted entry |', '| input ids (N) | requests made |'],
};

/** The manual that replaced the README: the README, the pages under docs/ it became, CONTRIBUTING.md. */
const OTHER_DOCS = new Set(['docs/kick-api.md', 'docs/ARCHITECTURE.md']);
const MANUAL = [
	'README.md',
	...fs
		.readdirSync(path.join(ROOT, 'docs'))
		.filter((file) => file.endsWith('.md'))
		.map((file) => `docs/${file}`)
		.filter((file) => !OTHER_DOCS.has(file)),
	'CONTRIBUTING.md',
];

const flat = (text: string) => text.replace(/\s+/g, ' ');
const pages = new Map(MANUAL.map((page) => [page, flat(fs.readFileSync(path.join(ROOT, page), 'utf8'))]));

function oldReadme(): string | undefined {
	try {
		return execFileSync('git', ['show', `${OLD_README}:README.md`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	} catch {
		return undefined;
	}
}

describe(`what the README of ${OLD_README} held, and where it is now`, () => {
	const old = oldReadme();

	// A clone without that commit (a shallow one) cannot show the old README; the list above is its copy.
	(old ? it : it.skip)(`lists every heading of the README at ${OLD_README}, and its facts are still in it`, () => {
		const headings = [...(old as string).replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} .+$/gm)].map((match) => match[0]);
		expect(HEADINGS.map(([heading]) => heading)).toEqual(headings);
		const before = flat(old as string);
		expect(FACTS.filter(([fact]) => !before.includes(flat(fact))).map(([fact]) => fact)).toEqual([]);
		expect(CHANGED.filter(([was]) => !before.includes(flat(was))).map(([was]) => was)).toEqual([]);
	});

	it.each(HEADINGS)('%s → %s', (_heading, now) => {
		const target = repositoryTarget(now, 'README.md');
		expect(target && brokenTarget(target)).toBeUndefined();
	});

	it('each heading went to a heading of its own name, or one the inventory names', () => {
		// A renamed heading is deliberate: the list above says where it went.
		const renamed = HEADINGS.filter(([heading, now]) => githubSlug(heading.replace(/^#+ /, '')) !== now.split('#')[1]);
		expect(renamed.map(([heading]) => heading)).toEqual(['## Credentials', '### Delivery memory (Kick Trigger)', '### Events shared by two Kick triggers', '### Architecture']);
	});

	it.each(FACTS)('"%s" is on %s and on no other page of the manual', (fact, page) => {
		const on = MANUAL.filter((candidate) => pages.get(candidate)?.includes(flat(fact)));
		expect(on).toEqual([page]);
	});

	it.each(CHANGED)('"%s" changed to "%s", on %s and on no other page', (_was, now, page) => {
		expect(MANUAL.filter((candidate) => pages.get(candidate)?.includes(flat(now)))).toEqual([page]);
	});

	it.each(Object.entries(MEASURED))('the measured section "%s" is on docs/performance-and-reliability.md once, with its cases', (name, labels) => {
		const holding = MANUAL.filter((page) => pages.get(page)?.includes(`<!-- ${name}:start -->`));
		expect(holding).toEqual(['docs/performance-and-reliability.md']);
		const text = pages.get('docs/performance-and-reliability.md') as string;
		const section = text.slice(text.indexOf(`<!-- ${name}:start -->`), text.indexOf(`<!-- ${name}:end -->`));
		expect(section.length).toBeGreaterThan(100);
		expect(labels.filter((label) => !section.includes(label))).toEqual([]);
	});

	it('the benchmarks write those sections into that page', () => {
		const writer = fs.readFileSync(path.join(ROOT, 'test', 'bench', 'docsSection.ts'), 'utf8');
		expect(writer).toContain("PERFORMANCE_PAGE = 'docs/performance-and-reliability.md'");
		const sources = ['test/bench/index.ts', 'test/load/bench-e2e.ts'].map((file) => fs.readFileSync(path.join(ROOT, file), 'utf8')).join('\n');
		const written = [...sources.matchAll(/writeDocsSection\('([a-z-]+)'/g)].map((match) => match[1]).sort();
		expect(written).toEqual(Object.keys(MEASURED).sort());
	});
});
