/**
 * The Kick node's parameter panel in the real editor: every operation of every resource can be
 * chosen, and its panel shows exactly that operation's parameters (the ones its module declares,
 * where their other display rules allow) without an error; the Authentication choice shows the
 * credential that applies, or none.
 *
 * What the panel should show comes from where a parameter is declared (each operation's module
 * lists its own), not from its display rules: a display rule naming the wrong operation, or none,
 * fails here.
 */
import type { Browser } from 'playwright-core';
import { NodeHelpers, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { startKickEmulator, type KickEmulator } from '../emulator';
import { connectKickCredentials, sharedN8n, type N8nClient } from '../harness';
import { launchChromium } from './browser';
import { capture, Editor, settle } from './editor';
import { createKickNodeWorkflow } from './workflows';

// The built package, as n8n loads it.
const { resources } = require('../../dist/nodes/Kick/actions/operations') as {
	resources: Record<string, { name: string; module: { operations: Record<string, { description: INodeProperties[] }>; description: INodeProperties[] } }>;
};
const { Kick } = require('../../dist/nodes/Kick/Kick.node') as { Kick: new () => { description: INodeTypeDescription } };

const nodeDescription = new Kick().description;
const COMMON = ['authentication', 'resource', 'operation'];

/** A display rule without its resource and operation conditions (those are what is tested). */
function withoutResourceAndOperation(property: INodeProperties): INodeProperties {
	const strip = (rule?: Record<string, unknown>) =>
		rule ? Object.fromEntries(Object.entries(rule).filter(([name]) => name !== 'resource' && name !== 'operation')) : undefined;
	const { displayOptions } = property;
	if (!displayOptions) return property;
	return { ...property, displayOptions: { show: strip(displayOptions.show) as never, hide: strip(displayOptions.hide) as never } };
}

/** The parameters an operation's panel must show: those its module declares whose other rules hold. */
function expectedFor(resource: string, operation: string, declared: INodeProperties[]): { names: string[]; notices: string[] } {
	const base = { authentication: 'userOAuth2', resource, operation };
	const values = NodeHelpers.getNodeParameters(nodeDescription.properties, base, true, false, null, nodeDescription) ?? base;
	const node = { id: 'x', name: 'Kick', type: 'n8n-nodes-kick.kick', typeVersion: 1, position: [0, 0] as [number, number], parameters: values };
	const shown = declared.filter((property) => NodeHelpers.displayParameter(values, withoutResourceAndOperation(property), node, nodeDescription));
	return {
		names: [...COMMON, ...shown.filter((property) => property.type !== 'notice').map((property) => property.name)].sort(),
		notices: shown.filter((property) => property.type === 'notice').map((property) => property.displayName),
	};
}

/** Text as a notice shows it: its HTML rendered. */
function noticeText(html: string): string {
	return html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

function operationOptions(resource: string): Array<{ name: string; value: string }> {
	const property = resources[resource]!.module.description.find((candidate) => candidate.name === 'operation');
	return (property?.options ?? []) as Array<{ name: string; value: string }>;
}

describe('the Kick node in the n8n editor', () => {
	let n8n: N8nClient;
	let emulator: KickEmulator;
	let browser: Browser;
	/** One signed-in editor for the file: opening the editor is most of a test's time. */
	let editor: Editor;

	let workflowId: string;

	beforeAll(async () => {
		n8n = await sharedN8n();
		emulator = await startKickEmulator();
		await connectKickCredentials(n8n, emulator);
		browser = await launchChromium();
		editor = await Editor.open(browser, n8n.baseUrl);
		// One workflow for the file, edited by this one editor (n8n saves as it goes; a second
		// editor on it would be asked whether to overwrite).
		workflowId = await createKickNodeWorkflow(n8n, 'Kick node');
	}, 120_000);

	afterAll(async () => {
		await editor?.close();
		await browser?.close();
		await emulator?.close();
	});

	it.each(Object.keys(resources))('every %s operation shows its own parameters and no error', async (resource) => {
		await capture(editor, `kick-node-${resource}`, async () => {
			await editor.showNode(workflowId, 'kick');
			await editor.choose('resource', resources[resource]!.name);
			const problems: string[] = [];
			for (const option of operationOptions(resource)) {
				await editor.choose('operation', option.name);
				const declared = resources[resource]!.module.operations[option.value]?.description ?? [];
				const expected = expectedFor(resource, option.value, declared);
				// The panel re-renders after the choice: read until it settles on the expected names.
				const shown = await settle(async () => (await editor.parameterNames()).sort(), expected.names, 10_000);
				const notices = await editor.notices();
				const where = `${resources[resource]!.name} → ${option.name}`;
				if (JSON.stringify(shown) !== JSON.stringify(expected.names)) {
					problems.push(`${where}: shows [${shown.join(', ')}], its module declares [${expected.names.join(', ')}]`);
				}
				for (const notice of expected.notices) {
					if (!notices.some((seen) => seen.text.includes(noticeText(notice).slice(0, 60)))) problems.push(`${where}: notice missing: ${noticeText(notice).slice(0, 80)}`);
				}
				for (const notice of notices.filter((seen) => seen.kind === 'danger')) problems.push(`${where}: error notice: ${notice.text}`);
				if (editor.pageErrors.length > 0) problems.push(`${where}: the editor threw: ${editor.pageErrors.splice(0).join('; ')}`);
			}
			expect(problems).toEqual([]);
		});
	});

	it('shows the credential the Authentication choice needs, and none for public data', async () => {
		await capture(editor, 'kick-node-authentication', async () => {
			await editor.showNode(workflowId, 'kick');
			await editor.choose('resource', 'Channel');
			await editor.choose('operation', 'Get Public Info');
			const seen: Record<string, string[]> = {};
			for (const choice of ['Kick OAuth2 API (User)', 'Kick App OAuth2 API (App)', 'None (Public Data)']) {
				await editor.choose('authentication', choice);
				seen[choice] = await editor.credentialLabels();
			}
			expect(seen).toEqual({
				'Kick OAuth2 API (User)': ['Credential for Kick OAuth2 API'],
				'Kick App OAuth2 API (App)': ['Credential for Kick App OAuth2 API'],
				'None (Public Data)': [],
			});
		});
	});
});
