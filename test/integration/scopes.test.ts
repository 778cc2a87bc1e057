import { kickTestBed, locator } from './kickSetup';

describe('a user credential with some scopes only', () => {
	const bed = kickTestBed({ scopes: ['user:read', 'channel:read'] });

	it('an operation whose scope was not granted is refused before any request, naming the scope', async () => {
		const run = await bed.run({ resource: 'chat', operation: 'sendMessage', sendAs: 'bot', content: 'hi' });
		expect(run.error?.message).toBe("Credential: the connected Kick account did not grant the 'chat:write' scope");
		expect(run.error?.description).toMatch(/reconnect/);
		expect(bed.dataCalls()).toHaveLength(0);
	});

	it('an operation whose scope was granted runs', async () => {
		const run = await bed.run({ resource: 'channel', operation: 'get', channel: locator('slug', 'neonvale') });
		expect(run.error).toBeUndefined();
	});
});
