/**
 * Kick logins that end (real n8n, emulator): Kick ends a login about 30 days after it was made,
 * however often it is refreshed (KickDevDocs#397); the emulator plays that on its own clock.
 * Token → Check Login reports it before a workflow needs it, and every error an ended login
 * causes names the credential and says to reconnect it.
 */
import { randomUUID } from 'node:crypto';

import { SEED } from '../emulator';
import { nodeOutputs } from '../e2e/helpers';
import { kickTestBed, locator } from './kickSetup';

const DAY = 86_400_000;
const refreshes = (bed: ReturnType<typeof kickTestBed>) => bed.calls('/oauth/token').filter((call) => (call.body as { grant_type?: string } | undefined)?.grant_type === 'refresh_token');

describe('Kick logins that end (real n8n, emulator)', () => {
	const bed = kickTestBed();

	it('Check Login refreshes the login through n8n and reports it working; the credential keeps working', async () => {
		const run = await bed.run({ resource: 'token', operation: 'checkLogin', warnDaysBefore: 5 });
		expect(run.error).toBeUndefined();
		expect(run.items[0]?.json).toMatchObject({
			status: 'valid',
			credential: bed.credentials.user.name,
			loginSince: null,
			daysLeft: null,
			user: { user_id: SEED.broadcaster.userId },
		});
		expect(run.items[0]?.json.scopes).toContain('user:read');
		expect(run.items[0]?.json.message).toMatch(/works\. How long it has left is not known yet/);
		// One real refresh, done by n8n (which stored the rotated tokens).
		expect(refreshes(bed)).toHaveLength(1);
		expect(bed.calls('/oauth/revoke')).toHaveLength(1);
		const after = await bed.run({ resource: 'user', operation: 'get' });
		expect(after.error).toBeUndefined();
	});

	it('an ended login: Check Login reports it (no error), and any operation fails naming the credential and saying to reconnect', async () => {
		bed.emulator.ageLogins(31 * DAY, { userId: SEED.broadcaster.userId });
		const check = await bed.run({ resource: 'token', operation: 'checkLogin' });
		expect(check.error).toBeUndefined();
		expect(check.items[0]?.json).toMatchObject({ status: 'reconnect', credential: bed.credentials.user.name });
		expect(check.items[0]?.json.message).toBe(`The Kick login in "${bed.credentials.user.name}" has ended: reconnect the credential (Credentials → "${bed.credentials.user.name}" → Reconnect).`);

		bed.emulator.expireAccessTokens({ kind: 'user' });
		const operation = await bed.run({ resource: 'channel', operation: 'get', channel: locator('slug', 'neonvale') });
		expect(operation.error?.message).toBe(`The Kick login in credential "${bed.credentials.user.name}" has ended: reconnect the credential`);
		expect(operation.error?.description).toMatch(/about 30 days after it was made.*Reconnect/s);
	});

	it('a polling trigger with an ended login fails the same way', async () => {
		const workflow = await bed.n8n.createWorkflow({
			name: `ended login poll ${randomUUID().slice(0, 6)}`,
			nodes: [
				{
					id: randomUUID(),
					name: 'Kick Polling Trigger',
					type: 'n8n-nodes-kick.kickPollingTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { authentication: 'userOAuth2', events: ['livestream.status.updated'] },
					credentials: { kickOAuth2Api: { id: bed.credentials.user.id, name: bed.credentials.user.name } },
				},
			],
			connections: {},
		});
		bed.emulator.expireAccessTokens({ kind: 'user' });
		const executionId = await bed.n8n.runManually(workflow.id, 'Kick Polling Trigger', 30_000);
		const run = await nodeOutputs(bed.n8n, executionId);
		expect(run.error?.message).toBe(`The Kick login in credential "${bed.credentials.user.name}" has ended: reconnect the credential`);
	});

	it('after reconnecting, Check Login works again and every operation with it', async () => {
		await bed.n8n.connectOAuth2(bed.credentials.user);
		const check = await bed.run({ resource: 'token', operation: 'checkLogin' });
		expect(check.items[0]?.json).toMatchObject({ status: 'valid' });
		expect((await bed.run({ resource: 'user', operation: 'get' })).error).toBeUndefined();
	});
});
