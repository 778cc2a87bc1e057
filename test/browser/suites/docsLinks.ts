/**
 * The Docs links a user clicks in the editor: each Kick node's panel (its "Docs" link, from the
 * codex's primaryDocumentation, with n8n's `?utm_…` query) and each Kick credential's dialog
 * (its docs link, the credential's documentationUrl) open a page of this repository that
 * exists: the node's own page, titled with its name, and the credential's own heading. The
 * address is mapped to the file in this checkout, and the heading found with GitHub's anchor
 * rules (test/support/markdown.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Browser, Locator } from 'playwright-core';

import type { N8nClient } from '../../harness';
import { brokenTarget, githubSlug, repositoryTarget, ROOT, title } from '../../support/markdown';
import { launchChromium } from '../browser';
import { inEditor } from '../editor';
import type { EditorTarget } from '../target';

const NODES = [
	{ id: 'kick', name: 'Kick', type: 'n8n-nodes-kick.kick', typeVersion: 1 },
	{ id: 'trigger', name: 'Kick Trigger', type: 'n8n-nodes-kick.kickTrigger', typeVersion: 1.1, webhookId: '5a0e2c4d-6b1f-4e3a-9c7d-8e9f0a1b2c3d' },
	{ id: 'chat', name: 'Kick Chat Trigger', type: 'n8n-nodes-kick.kickChatTrigger', typeVersion: 1 },
	{ id: 'polling', name: 'Kick Polling Trigger', type: 'n8n-nodes-kick.kickPollingTrigger', typeVersion: 1 },
];

const CREDENTIALS = [
	{ type: 'kickOAuth2Api', displayName: 'Kick OAuth2 API' },
	{ type: 'kickAppOAuth2Api', displayName: 'Kick App OAuth2 API' },
];

/** The links in `scope` that lead into this repository, as the browser resolves them. */
async function repositoryLinks(scope: Locator): Promise<string[]> {
	const hrefs = await scope.locator('a[href]').evaluateAll((elements) => elements.map((element) => (element as unknown as { href: string }).href));
	return [...new Set(hrefs.filter((href) => repositoryTarget(href) !== undefined))];
}

/** What is wrong with a Docs link: it leads nowhere in the repository, or not to `expected`. */
function problems(link: string, expected: (file: string, anchor?: string) => string | undefined): string[] {
	const target = repositoryTarget(link);
	if (!target) return [`${link}: not a page of this repository`];
	const broken = brokenTarget(target);
	if (broken) return [`${link}: ${broken}`];
	const wrong = expected(target.file, target.anchor);
	return wrong ? [`${link}: ${wrong}`] : [];
}

export function describeDocsLinks(target: EditorTarget): void {
	describe(`the Docs links of the Kick nodes and credentials in the n8n editor (n8n ${target.line}.x)`, () => {
		let n8n: N8nClient;
		let browser: Browser;
		const created: string[] = [];

		beforeAll(async () => {
			n8n = await target.client();
			browser = await launchChromium();
		}, 120_000);

		afterAll(async () => {
			await browser?.close();
			for (const id of created) await n8n.rest('DELETE', `/credentials/${id}`).catch(() => undefined);
		});

		it("each node's Docs link opens the node's own page", async () => {
			const workflow = await n8n.createWorkflow({
				name: `browser: docs links ${Date.now()}`,
				nodes: NODES.map((node, index) => ({ ...node, position: [index * 300, 0], parameters: {} })),
				connections: {},
			});
			const found: string[] = [];
			await inEditor(browser, n8n.baseUrl, 'docs-links-nodes', async (editor) => {
				for (const node of NODES) {
					const ndv = await editor.openNode(workflow.id, node.id);
					const docs = ndv.getByRole('link', { name: 'Docs' });
					await docs.first().waitFor({ timeout: 30_000 });
					const links = await repositoryLinks(ndv);
					if (links.length !== 1) found.push(`${node.name}: ${links.length} links into the repository: ${JSON.stringify(links)}`);
					for (const link of links) {
						const page = (file: string) => title(fs.readFileSync(path.join(ROOT, file), 'utf8'));
						const named = (file: string) => [node.name, `${node.name} node`].includes(page(file) ?? '') ? undefined : `titled "${page(file)}", not ${node.name}`;
						found.push(...problems(link, named).map((problem) => `${node.name}: ${problem}`));
					}
				}
			});
			expect(found).toEqual([]);
		});

		it.each(CREDENTIALS)("the $displayName credential's docs link opens its heading", async ({ type, displayName }) => {
			const credential = await n8n.createCredential(type, { clientId: 'docs-links', clientSecret: 'docs-links' }, `docs links: ${displayName}`);
			created.push(credential.id);
			const found: string[] = [];
			await inEditor(browser, n8n.baseUrl, `docs-links-${type}`, async (editor) => {
				await editor.page.goto(`${n8n.baseUrl}/home/credentials/${credential.id}`);
				const dialog = editor.page.getByRole('dialog').filter({ has: editor.page.getByTestId('credential-edit-dialog') });
				await dialog.waitFor({ timeout: 30_000 });
				await dialog.getByText(displayName, { exact: true }).first().waitFor();
				const links = await repositoryLinks(dialog);
				if (links.length !== 1) found.push(`${links.length} links into the repository: ${JSON.stringify(links)}`);
				const own = (_file: string, anchor?: string) => (anchor === githubSlug(displayName) ? undefined : `not the heading "${displayName}"`);
				for (const link of links) found.push(...problems(link, own));
			});
			expect(found).toEqual([]);
		});
	});
}
