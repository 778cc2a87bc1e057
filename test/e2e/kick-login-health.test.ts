/**
 * examples/kick-login-health.json, published and running on its schedule (every two seconds
 * here instead of daily) in its own n8n whose clock the test moves: against an emulator whose
 * logins end 30 days after they were made, it stays quiet while the login works, alerts Discord
 * when Kick ended it, learns the new login's age once it sees the credential reconnected, and
 * warns before that login ends, 26 days later.
 */
import { randomUUID } from 'node:crypto';

import { SEED, startKickEmulator } from '../emulator';
import { connectKickCredentials, N8nClient, startN8n } from '../harness';
import { ShiftedClock } from '../harness/clock';
import { startDiscordSink } from '../harness/discordSink';
import type { ImportedExample } from '../harness/examples';
import type { N8nProcess } from '../harness/n8nProcess';
import { nodeOutputs, publishExample, type E2eContext } from './helpers';

const DAY = 86_400_000;
const CHECK = 'Check the Kick login';

describe('example: Kick login health (schedule → Check Login → Discord alert)', () => {
	let e2e: E2eContext;
	let health: ImportedExample;
	let n8nProcess: N8nProcess;
	let clock: ShiftedClock;

	/** The report of the first check that started after `since` (a marker in time: nothing is guessed). */
	async function nextCheck(since: number): Promise<Record<string, any>> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const executions = await e2e.n8n.listExecutions(health.id);
			const next = executions
				.filter((execution) => Date.parse(execution.startedAt ?? '') > since + 1000 && execution.stoppedAt)
				.sort((a, b) => Date.parse(a.startedAt ?? '') - Date.parse(b.startedAt ?? ''))[0];
			if (next) {
				const run = await nodeOutputs(e2e.n8n, next.id);
				expect({ status: run.status, error: run.error?.message }).toEqual({ status: 'success', error: undefined });
				return run.output(CHECK)[0];
			}
			if (Date.now() > deadline) throw new Error(`no check started after ${new Date(since).toISOString()}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	beforeAll(async () => {
		clock = new ShiftedClock();
		n8nProcess = await startN8n({ env: clock.env(), tarball: process.env.KICK_PACKAGE_TARBALL });
		const n8n = await N8nClient.login(n8nProcess.baseUrl);
		const emulator = await startKickEmulator();
		const sink = await startDiscordSink();
		e2e = {
			emulator,
			n8n,
			sink,
			kick: await connectKickCredentials(n8n, emulator),
			discordCredential: async (name) => await n8n.createCredential('discordWebhookApi', { webhookUri: sink.webhookUrl(name) }, `Discord ${name} ${randomUUID().slice(0, 6)}`),
			close: async () => {
				await Promise.allSettled([emulator.close(), sink.close()]);
			},
		};
		const alerts = await e2e.discordCredential('bot-alerts');
		health = await publishExample(e2e.n8n, 'kick-login-health', {
			credentials: { kickOAuth2Api: e2e.kick.user, discordWebhookApi: alerts },
			parameters: { 'Every day': { rule: { interval: [{ field: 'seconds', secondsInterval: 2 }] } } },
		});
	});
	afterAll(async () => {
		await e2e?.n8n.unpublish(health?.id).catch(() => undefined);
		await e2e?.close();
		await n8nProcess?.stop();
		clock?.dispose();
	});

	it('a working login: the check says so and Discord hears nothing', async () => {
		const first = await nextCheck(Date.now());
		expect(first).toMatchObject({ status: 'valid', loginSince: null });
		// The check after it has finished too: an alert from the first would have arrived by now.
		await nextCheck(Date.parse(first.checkedAt));
		expect(e2e.sink.messagesFor('bot-alerts')).toEqual([]);
	});

	it('Kick ends the login: Discord is told which credential to reconnect', async () => {
		e2e.emulator.ageLogins(31 * DAY, { userId: SEED.broadcaster.userId });
		const ended = Date.now();
		expect(await nextCheck(ended)).toMatchObject({ status: 'reconnect', credential: e2e.kick.user.name });
		const [alert] = await e2e.sink.waitFor('bot-alerts', 1);
		expect(alert?.content).toBe(`🔑 The Kick login in "${e2e.kick.user.name}" has ended: reconnect the credential (Credentials → "${e2e.kick.user.name}" → Reconnect).`);
	});

	it('after reconnecting, the check knows the login is new, and warns five days before Kick ends it', async () => {
		await e2e.n8n.connectOAuth2(e2e.kick.user);
		const reconnected = Date.now();
		const fresh = await nextCheck(reconnected);
		expect(fresh).toMatchObject({ status: 'valid', daysLeft: 30 });
		expect(Date.parse(fresh.loginSince)).toBeGreaterThanOrEqual(reconnected - 1000);
		e2e.sink.clear();

		// 26 days on: n8n's clock moves ahead, and the emulator's login is 26 days older.
		e2e.emulator.ageLogins(26 * DAY, { userId: SEED.broadcaster.userId });
		await clock.shift(26 * DAY, n8nProcess.baseUrl);
		e2e.n8n = await N8nClient.login(n8nProcess.baseUrl);
		const expiring = await nextCheck(clock.now());
		expect(expiring).toMatchObject({ status: 'expiring', daysLeft: 3 });
		const [alert] = await e2e.sink.waitFor('bot-alerts', 1);
		expect(alert?.content).toBe(`⏳ The Kick login in "${e2e.kick.user.name}" ends in about 3 days (Kick ends logins 30 days after they are made): reconnect the credential before then.`);
	});
});
