/**
 * What a user gets when importing an example: credentials named like the placeholders are
 * picked by n8n; otherwise the nodes are left without one for the user to choose.
 */
import { sharedN8n, type N8nClient } from '../harness';
import { importExample } from '../harness/examples';

describe('importing the examples into n8n', () => {
	let n8n: N8nClient;
	beforeAll(async () => {
		n8n = await sharedN8n();
	});

	it('binds credentials that have the placeholder names (Kick account, Discord mod-log webhook)', async () => {
		const kick = await n8n.createCredential('kickOAuth2Api', { clientId: 'x', clientSecret: 'y' }, 'Kick account');
		const discord = await n8n.createCredential('discordWebhookApi', { webhookUri: 'https://discord.com/api/webhooks/1/abc' }, 'Discord mod-log webhook');
		const imported = await importExample(n8n, 'moderation-log');
		const saved = await n8n.getWorkflow(imported.id);
		const byName = Object.fromEntries(saved.nodes.map((node: any) => [node.name, node.credentials]));
		expect(byName['Kick Trigger']).toEqual({ kickOAuth2Api: { id: kick.id, name: 'Kick account' } });
		expect(byName['Post to mod channel']).toEqual({ discordWebhookApi: { id: discord.id, name: 'Discord mod-log webhook' } });
	});

	it('leaves the others for the user to choose', async () => {
		const imported = await importExample(n8n, 'subscription-health-check');
		const saved = await n8n.getWorkflow(imported.id);
		const alert = saved.nodes.find((node: any) => node.name === 'Alert on Discord');
		expect(alert.credentials).toEqual({ discordWebhookApi: { id: null, name: 'Discord webhook' } });
	});
});
