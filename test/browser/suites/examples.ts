/**
 * Every example workflow, imported the way the README tells users to (workflow menu → Import
 * from File), as the editor shows it: only node types n8n knows, no warnings but missing
 * credentials, the sticky note on screen, and subtitles a user can read.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Browser } from 'playwright-core';

import type { N8nClient } from '../../harness';
import { launchChromium } from '../browser';
import { capture, Editor, settle } from '../editor';
import type { EditorTarget } from '../target';

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples');
const EXAMPLES = fs.readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();
const README = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');

/**
 * n8n's Discord node (v2) shows `sendLegacy: undefined` under its name when it posts through a
 * webhook: its subtitle joins operation and resource, and that mode has no resource. The README
 * explains it; any other subtitle must read as text.
 */
const DISCORD_WEBHOOK_SUBTITLE = 'sendLegacy: undefined';

interface CanvasNode {
	name: string;
	type: string;
	subtitle: string;
	issues: string;
}

export function describeExampleImports(target: EditorTarget): void {
	describe(`the example workflows imported from file in the n8n editor (n8n ${target.line}.x)`, () => {
		let n8n: N8nClient;
		let browser: Browser;
		let editor: Editor;
		let known: Set<string>;

		beforeAll(async () => {
			n8n = await target.client();
			browser = await launchChromium();
			editor = await Editor.open(browser, n8n.baseUrl);
			// The node types the editor itself loads: an example using anything else imports as unknown nodes.
			const types = (await (await editor.page.request.get(`${n8n.baseUrl}/types/nodes.json`)).json()) as Array<{ name: string; version: number | number[] }>;
			known = new Set(types.flatMap((type) => (Array.isArray(type.version) ? type.version : [type.version]).map((version) => `${type.name}@${version}`)));
		}, 120_000);

		afterAll(async () => {
			await editor?.close();
			await browser?.close();
		});

		it('the README explains the Discord node subtitle the examples show', () => {
			expect(README).toContain(DISCORD_WEBHOOK_SUBTITLE);
		});

		it.each(EXAMPLES)('%s', async (file) => {
			await capture(editor, `example-${file}`, async () => {
				const { page } = editor;
				const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as { nodes: Array<{ name: string; type: string; typeVersion: number }> };
				await page.goto(`${n8n.baseUrl}/workflow/new`);
				await page.getByTestId('workflow-menu').click();
				const fromFile = page.getByTestId('workflow-menu-item-import-from-file');
				// n8n 1.x lists it in the menu; 2.x puts it in an Import submenu.
				const importSubmenu = page.getByTestId('workflow-menu-item-import');
				await fromFile.or(importSubmenu).first().waitFor();
				if (!(await fromFile.isVisible())) await importSubmenu.hover();
				const [chooser] = await Promise.all([page.waitForEvent('filechooser'), fromFile.click()]);
				await chooser.setFiles(path.join(EXAMPLES_DIR, file));

				const expectedNodes = example.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
				const canvasNodes = page.getByTestId('canvas-node');
				expect(await settle(async () => await canvasNodes.count(), expectedNodes.length)).toBe(expectedNodes.length);

				const unknown = example.nodes.filter((node) => !known.has(`${node.type}@${node.typeVersion}`)).map((node) => `${node.name} (${node.type} v${node.typeVersion})`);
				expect(unknown).toEqual([]);

				const nodes: CanvasNode[] = [];
				for (const node of await canvasNodes.all()) {
					const name = (await node.getAttribute('data-node-name')) ?? '';
					const type = (await node.getAttribute('data-node-type')) ?? '';
					const lines = (await node.innerText()).split('\n').map((line: string) => line.trim()).filter(Boolean);
					const issues = node.getByTestId('node-issues');
					let issueText = '';
					if ((await issues.count()) > 0) {
						await issues.first().hover();
						issueText = (await page.locator('[role="tooltip"]:visible').allInnerTexts()).join(' ').trim() || '(a warning whose text did not show)';
						await page.mouse.move(0, 0);
					}
					nodes.push({ name, type, subtitle: lines.filter((line) => line !== name && !/^(true|false|Execute workflow)$/.test(line)).join(' '), issues: issueText });
				}
				// Warnings: only a credential still to be chosen.
				const warnings = nodes.filter((node) => node.issues && !/credential/i.test(node.issues)).map((node) => `${node.name}: ${node.issues}`);
				expect(warnings).toEqual([]);
				// Subtitles a user can read: no undefined values, objects or expressions.
				const unreadable = nodes
					.filter((node) => /undefined|\[object|\{\{|=\s*$/.test(node.subtitle))
					.filter((node) => !(node.type === 'n8n-nodes-base.discord' && node.subtitle === DISCORD_WEBHOOK_SUBTITLE))
					.map((node) => `${node.name}: "${node.subtitle}"`);
				expect(unreadable).toEqual([]);
				// The sticky note that explains the example, on screen after the import.
				const sticky = page.getByTestId('sticky').first();
				await sticky.waitFor();
				const box = await sticky.boundingBox();
				const viewport = page.viewportSize()!;
				expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width / 2 <= viewport.width && box.y + box.height / 2 <= viewport.height).toBe(true);
				expect((await sticky.innerText()).trim().length).toBeGreaterThan(20);
			});
		});
	});
}
