/**
 * The compatibility suite: the same checks on every n8n line this package supports (the 1.x LTS
 * line and 2.x, each the pinned runtime in runtime/), each with the package installed from its
 * tarball the way n8n installs community packages:
 * - both credentials connected through n8n's real OAuth2 flows against the emulator, which takes
 *   client credentials only where Kick documents them (the form body, never a Basic header);
 * - operations of each kind: user token, app token, no credential (public lookup), OAuth helper;
 * - the three triggers: Kick Trigger publish → deliveries → unpublish (subscriptions created and
 *   deleted), Kick Chat Trigger (socket opened, chat runs the workflow, closed on unpublish),
 *   Kick Polling Trigger (a stream going live runs the workflow once);
 * - what the Kick Trigger relies on in how n8n handles a webhook: answers without an execution
 *   (n8n's own 200, a refusal the trigger writes), parameters that are expressions (resolved on
 *   every request and execution), and the delivery log its execution step writes, saved by n8n
 *   with the workflow's static data;
 * - Kick logins that end: Token → Check Login makes n8n refresh the login and reports it, and an
 *   ended login's error names the credential and says to reconnect it (n8n 1.x and 2.x report a
 *   refused refresh differently);
 * - every example imports cleanly: its node types and versions exist in that n8n.
 */
import { randomUUID } from 'node:crypto';

import { KickOAuth2Api } from '../../credentials/KickOAuth2Api.credentials';
import { sampleEvent, SEED, startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, N8nClient, runNode, startN8n, type KickCredentials } from '../harness';
import { exampleNames, importExample, loadExample } from '../harness/examples';
import { chatMessageEvent } from '../harness/kickEvents';
import type { N8nProcess } from '../harness/n8nProcess';
import { EVERY_5_SECONDS } from '../harness/polling';
import { publishKickTrigger, readExecutions, waitForCount } from '../load/workflows';
import { waitUntil } from '../support/wait';
import { RECORD_KEY } from '../../nodes/Kick/events/record';
import { STATE_KEY } from '../../nodes/Kick/poll/state';
import { messageKey } from '../../nodes/Kick/webhook/delivery';

const runtime = require('../../scripts/runtime.js') as { LINES: string[] };

jest.setTimeout(180_000);

function twoNodeWorkflow(name: string, trigger: Record<string, unknown>) {
	return {
		name,
		nodes: [
			{ id: randomUUID(), position: [0, 0], ...trigger },
			{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [trigger.name as string]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

describe.each(runtime.LINES.map((line) => [line]))('n8n %s.x line', (line) => {
	let n8nProcess: N8nProcess;
	let n8n: N8nClient;
	let emulator: KickEmulator;
	let credentials: KickCredentials;

	beforeAll(async () => {
		n8nProcess = await startN8n({ line });
		n8n = await N8nClient.login(n8nProcess.baseUrl);
		emulator = await startKickEmulator();
		credentials = await connectKickCredentials(n8n, emulator);
	}, 300_000);

	afterAll(async () => {
		await n8nProcess?.stop();
		await emulator?.close();
	});

	beforeEach(() => emulator.resetFaults());

	const tokenRequests = () => emulator.requests.filter((request) => request.path === '/oauth/token');

	it('runs the pinned version', () => {
		expect(n8nProcess.version.split('.')[0]).toBe(line);
	});

	it("the user credential connects through n8n's OAuth2 flow: PKCE, client id and secret in the body", async () => {
		const exchange = tokenRequests().find((request) => (request.body as Record<string, string>)?.grant_type === 'authorization_code');
		expect(exchange).toBeDefined();
		expect(exchange?.status).toBe(200);
		expect(exchange?.headers.authorization).toBeUndefined();
		expect(exchange?.body).toMatchObject({ client_id: SEED.app.clientId, client_secret: SEED.app.clientSecret, code_verifier: expect.any(String) });
		// n8n 2.x makes a fresh PKCE pair per login; 1.x sends the credential's fixed pair.
		const authorize = emulator.requests.find((request) => request.path === '/oauth/authorize');
		const fixed = String(new KickOAuth2Api().properties.find((property) => property.name === 'authQueryParameters')?.default);
		expect(authorize?.query.code_challenge).toEqual(expect.any(String));
		expect(fixed.includes(`code_challenge=${String(authorize?.query.code_challenge)}`)).toBe(line === '1');
		const run = await runNode(n8n, { parameters: { authentication: 'userOAuth2', resource: 'user', operation: 'get' }, credentials: { kickOAuth2Api: credentials.user } });
		expect(run.error).toBeUndefined();
		expect(run.items[0]?.json).toMatchObject({ user_id: SEED.broadcaster.userId });
	});

	it('an expired user token is refreshed with the client secret in the body', async () => {
		expect(emulator.expireAccessTokens({ kind: 'user' })).toBeGreaterThan(0);
		emulator.clearRequests();
		const run = await runNode(n8n, { parameters: { authentication: 'userOAuth2', resource: 'user', operation: 'get' }, credentials: { kickOAuth2Api: credentials.user } });
		expect(run.error).toBeUndefined();
		const refresh = tokenRequests().find((request) => (request.body as Record<string, string>)?.grant_type === 'refresh_token');
		expect(refresh).toMatchObject({ status: 200, body: { client_secret: SEED.app.clientSecret } });
		expect(refresh?.headers.authorization).toBeUndefined();
	});

	it('the app credential gets its token by client credentials, in the body', async () => {
		emulator.clearRequests();
		const run = await runNode(n8n, {
			parameters: { authentication: 'appOAuth2', resource: 'channel', operation: 'getMany', channels: 'neonvale' },
			credentials: { kickAppOAuth2Api: credentials.app },
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0]?.json).toMatchObject({ slug: 'neonvale' });
		const minted = tokenRequests().find((request) => (request.body as Record<string, string>)?.grant_type === 'client_credentials');
		if (minted) {
			expect(minted).toMatchObject({ status: 200, body: { client_id: SEED.app.clientId, client_secret: SEED.app.clientSecret } });
			expect(minted.headers.authorization).toBeUndefined();
		}
	});

	it('a write, a public lookup without a credential, and an OAuth helper', async () => {
		const sent = await runNode(n8n, {
			parameters: { authentication: 'userOAuth2', resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: `compat ${line}`, options: {} },
			credentials: { kickOAuth2Api: credentials.user },
		});
		expect(sent.error).toBeUndefined();
		expect(emulator.state.chat.some((message) => message.content === `compat ${line}`)).toBe(true);

		const lookup = await runNode(n8n, {
			parameters: { authentication: 'none', resource: 'channel', operation: 'getPublicInfo', channel: { __rl: true, mode: 'url', value: 'https://kick.com/neonvale' }, options: { websiteBaseUrl: emulator.url } },
		});
		expect(lookup.error).toBeUndefined();
		expect(lookup.items[0]?.json).toMatchObject({ slug: 'neonvale', source: 'website' });

		const authorize = await runNode(n8n, {
			parameters: { authentication: 'appOAuth2', resource: 'oauth', operation: 'createAuthorizationUrl', redirectUri: 'http://127.0.0.1:3000/callback', scopes: ['user:read'], options: {} },
			credentials: { kickAppOAuth2Api: credentials.app },
		});
		expect(authorize.error).toBeUndefined();
		expect(String(authorize.items[0]?.json.authorization_url)).toMatch(/\/oauth\/authorize\?client_id=.+&redirect=127\.0\.0\.1&redirect_uri=/);
	});

	it("Kick logins that end: Check Login reports the login, and an ended one's error names the credential and says to reconnect", async () => {
		const user = { kickOAuth2Api: credentials.user };
		const working = await runNode(n8n, { parameters: { authentication: 'userOAuth2', resource: 'token', operation: 'checkLogin' }, credentials: user });
		expect(working.error).toBeUndefined();
		expect(working.items[0]?.json).toMatchObject({ status: 'valid', credential: credentials.user.name });

		emulator.ageLogins(31 * 86_400_000);
		const ended = await runNode(n8n, { parameters: { authentication: 'userOAuth2', resource: 'token', operation: 'checkLogin' }, credentials: user });
		expect(ended.items[0]?.json).toMatchObject({ status: 'reconnect' });
		emulator.expireAccessTokens({ kind: 'user' });
		const failed = await runNode(n8n, { parameters: { authentication: 'userOAuth2', resource: 'user', operation: 'get' }, credentials: user });
		expect(failed.error?.message).toBe(`The Kick login in credential "${credentials.user.name}" has ended: reconnect the credential`);

		// Reconnected, for the tests after this one.
		await n8n.connectOAuth2(credentials.user);
		expect((await runNode(n8n, { parameters: { authentication: 'userOAuth2', resource: 'user', operation: 'get' }, credentials: user })).error).toBeUndefined();
	});

	it('Kick Trigger: publish creates the subscriptions, signed deliveries run, unpublish deletes them', async () => {
		const trigger = await publishKickTrigger(n8n, emulator, credentials.user, { events: ['chat.message.sent', 'channel.followed'] });
		const own = () => emulator.state.subscriptions.filter((subscription) => subscription.appId === SEED.app.clientId).map((subscription) => subscription.event).sort();
		expect(own()).toEqual(['channel.followed', 'chat.message.sent']);
		const results = [
			...(await emulator.deliverToSubscribers('chat.message.sent', SEED.broadcaster.userId, sampleEvent('chat.message.sent'))),
			...(await emulator.deliverToSubscribers('channel.followed', SEED.broadcaster.userId, sampleEvent('channel.followed'))),
		];
		expect(results.map((result) => result.status)).toEqual([200, 200]);
		const records = await readExecutions(n8n, trigger.id, await waitForCount(n8n, trigger.id, 2, 30_000));
		expect(records.map((record) => record.messageId).sort()).toEqual(results.map((result) => result.messageId).sort());
		// A forgery is refused without an execution.
		const forged = await emulator.deliverToSubscribers('chat.message.sent', SEED.broadcaster.userId, sampleEvent('chat.message.sent'), { tamper: 'body' });
		expect(forged.map((result) => result.status)).toEqual([401]);
		await n8n.unpublish(trigger.id);
		expect(own()).toEqual([]);
		expect(await n8n.listExecutions(trigger.id)).toHaveLength(2);
	});

	it('what the Kick Trigger relies on in n8n: answers without an execution, parameters that are expressions, the record saved with the execution', async () => {
		const trigger = await publishKickTrigger(n8n, emulator, credentials.user, {
			events: ['chat.message.sent'],
			// Expressions: read through n8n on every request and execution, not from the saved node.
			filters: { commandPrefix: '={{ "!" }}' },
			options: { lateDeliveryLimitHours: '={{ 24 }}' },
		});
		const me = SEED.broadcaster.userId;
		const send = async (content: string) => (await emulator.deliverToSubscribers('chat.message.sent', me, chatMessageEvent(emulator, content)))[0]!;
		const command = await send('!hello');
		const chatter = await send('just chatting');
		const again = await emulator.deliver({ url: trigger.url, event: 'chat.message.sent', body: command.rawBody, messageId: command.messageId, timestamp: command.timestamp, subscriptionId: command.subscriptionId });
		// Answers without an execution: status and JSON body (a forgery's 401 is checked above).
		expect([chatter.status, JSON.parse(chatter.body)]).toEqual([200, { message: 'Received; filtered out' }]);
		expect([again.status, JSON.parse(again.body)]).toEqual([200, { message: 'Received; duplicate delivery' }]);
		const marker = await send('!marker');
		const records = await readExecutions(n8n, trigger.id, await waitForCount(n8n, trigger.id, 2, 30_000));
		expect(records.map((record) => record.messageId).sort()).toEqual([command.messageId, marker.messageId].sort());
		// n8n saved the workflow's record, written by the execution step, with the execution: the command's message id is in it.
		const saved = await waitUntil('the record in the static data', async () => {
			const staticData = (await n8n.getWorkflow(trigger.id)).staticData as Record<string, any> | null;
			const memory = staticData?.global?.[RECORD_KEY]?.memory;
			return typeof memory === 'string' && memory.includes(messageKey(command.messageId)) ? memory : undefined;
		}, 30_000);
		expect(saved).toContain(messageKey(command.messageId));
		// A delivery that does not run but must be remembered (its body is a wanted event under another, unsigned,
		// type header) is written by webhook(), and n8n saves it after the request.
		const rewritten = await emulator.deliver({ url: trigger.url, event: 'kicks.gifted', body: chatMessageEvent(emulator, '!rewritten'), subscriptionId: command.subscriptionId });
		expect([rewritten.status, JSON.parse(rewritten.body)]).toEqual([200, { message: 'Received; filtered out' }]);
		await waitUntil('the remembered delivery in the saved record', async () => {
			const staticData = (await n8n.getWorkflow(trigger.id)).staticData as Record<string, any> | null;
			return String(staticData?.global?.[RECORD_KEY]?.memory ?? '').includes(messageKey(rewritten.messageId));
		}, 30_000);
		await n8n.unpublish(trigger.id);
	});

	it('Kick Chat Trigger: connects on publish, chat runs the workflow, unpublish closes the socket', async () => {
		const name = 'Kick Chat Trigger';
		const workflow = await n8n.createWorkflow(
			twoNodeWorkflow(`compat chat ${line}`, {
				name,
				type: 'n8n-nodes-kick.kickChatTrigger',
				typeVersion: 1,
				parameters: { channel: 'neonvale', events: ['chat.message.sent'], filters: {}, customEndpoints: true, pusherHost: emulator.pusher.url, websiteBaseUrl: emulator.url },
			}),
		);
		const channel = `chatrooms.${SEED.broadcaster.chatroomId}.v2`;
		await n8n.publish(workflow.id);
		await waitUntil('the chat subscription', () => emulator.pusher.subscriberCount(channel) === 1, 40_000);
		const message = emulator.pusher.kick.chatMessage({ content: `hello from ${line}` });
		const [execution] = await n8n.waitForExecutions(workflow.id, 1, 30_000);
		const { data } = await n8n.getExecution(execution!.id);
		expect(data.resultData.runData[name][0].data.main[0][0].json).toMatchObject({ event: 'chat.message.sent', source: 'live-socket', messageId: message.id });
		await n8n.unpublish(workflow.id);
		await waitUntil('the socket to close', () => emulator.pusher.subscriberCount(channel) === 0, 40_000);
	});

	it('Kick Polling Trigger: a stream going live runs the workflow once', async () => {
		const name = 'Kick Polling Trigger';
		const workflow = await n8n.createWorkflow({
			...twoNodeWorkflow(`compat polling ${line}`, {
				name,
				type: 'n8n-nodes-kick.kickPollingTrigger',
				typeVersion: 1,
				parameters: { pollTimes: EVERY_5_SECONDS, authentication: 'appOAuth2', channels: 'neonvale', events: ['livestream.status.updated'] },
				credentials: { kickAppOAuth2Api: { id: credentials.app.id, name: credentials.app.name } },
			}),
		});
		emulator.endStream(SEED.broadcaster.userId);
		emulator.clearRequests();
		await n8n.publish(workflow.id);
		const polls = () => emulator.requests.filter((request) => request.path === '/public/v1/channels' && request.status === 200).length;
		const before = polls();
		await waitUntil('a poll after publishing', () => polls() > before, 40_000);
		emulator.startStream(SEED.broadcaster.userId, { title: `compat ${line}` });
		const [execution] = await n8n.waitForExecutions(workflow.id, 1, 40_000);
		const { data } = await n8n.getExecution(execution!.id);
		expect(data.resultData.runData[name][0].data.main[0]).toHaveLength(1);
		expect(data.resultData.runData[name][0].data.main[0][0].json).toMatchObject({ event: 'livestream.status.updated', source: 'poll', is_live: true });
		// n8n saved the static data the poll wrote with the items it returned: the stream is live in the stored state.
		await waitUntil('the poll state saved with the run', async () => {
			const staticData = (await n8n.getWorkflow(workflow.id)).staticData as Record<string, any> | null;
			return staticData?.[`node:${name}`]?.[STATE_KEY]?.channels?.[String(SEED.broadcaster.userId)]?.live === true;
		}, 30_000);
		await n8n.unpublish(workflow.id);
	});

	it('every example imports, with node types and versions this n8n has', async () => {
		const cookie = (n8n as unknown as { cookie: string }).cookie;
		const types = (await (await fetch(`${n8nProcess.baseUrl}/types/nodes.json`, { headers: { cookie, 'browser-id': 'kick-tests' } })).json()) as Array<{ name: string; version: number | number[] }>;
		const versions = new Map<string, number[]>();
		for (const type of types) versions.set(type.name, [...(versions.get(type.name) ?? []), ...[type.version].flat()]);
		const problems: string[] = [];
		for (const name of exampleNames()) {
			for (const node of loadExample(name).nodes) {
				if (node.type === 'n8n-nodes-base.stickyNote') continue;
				if (!versions.get(node.type)?.includes(node.typeVersion)) problems.push(`${name}: ${node.type}@${node.typeVersion}`);
			}
			const imported = await importExample(n8n, name, { replace: { 'https://n8n.example.com': n8nProcess.baseUrl } });
			expect((await n8n.getWorkflow(imported.id)).nodes.length).toBe(loadExample(name).nodes.length);
		}
		expect(problems).toEqual([]);
	});
});
