/**
 * What a user finds when searching "Kick" in n8n's node panel, in the light and the dark theme:
 * the three triggers where a workflow starts (the one that needs a Kick app and a public URL says
 * so; the two that need neither say that too), the Kick node where it continues, each with the
 * Kick icon of the theme, loaded.
 */
import type { Browser } from 'playwright-core';

import type { N8nClient } from '../../harness';
import { launchChromium } from '../browser';
import { inEditor, settle, type Editor, type Theme } from '../editor';
import type { EditorTarget } from '../target';

interface PanelItem {
	title: string;
	description: string;
	icon: string;
	iconLoaded: boolean;
}

function readItems(editor: Editor): Promise<PanelItem[]> {
	const items = editor.page.getByTestId('node-creator').getByTestId('item-iterator-item');
	return items.evaluateAll((elements) =>
		elements.map((element) => {
			const lines = (element as unknown as { innerText: string }).innerText.split('\n').map((line: string) => line.trim()).filter(Boolean);
			const image = element.querySelector('img') as unknown as { complete: boolean; naturalWidth: number; getAttribute(name: string): string | null } | null;
			return {
				title: lines[0] ?? '',
				description: lines.slice(1).join(' '),
				icon: image?.getAttribute('src') ?? '',
				iconLoaded: !!image && image.complete && image.naturalWidth > 0,
			};
		}),
	);
}

/**
 * Searches the node panel for `text` and returns its Kick items once (at least) those titled
 * `expected` are listed with their icons loaded — the list filters, and the icons load, after
 * typing — or the last reading when that does not happen within settle's timeout.
 */
async function searchNodePanel(editor: Editor, text: string, expected: string[]): Promise<PanelItem[]> {
	const { page } = editor;
	await page.getByTestId('canvas-plus-button').or(page.getByTestId('node-creator-plus-button')).first().click();
	await page.getByTestId('node-creator-search-bar').fill(text);
	const kickItems = async () => (await readItems(editor)).filter((item) => item.icon.includes('n8n-nodes-kick'));
	const listed = async () => {
		const loaded = (await kickItems()).filter((item) => item.iconLoaded).map((item) => item.title);
		return expected.every((title) => loaded.includes(title));
	};
	await settle(listed, true);
	return await kickItems();
}

const ICON = { light: /\/icons\/n8n-nodes-kick\/dist\/nodes\/Kick\/kick\.svg$/, dark: /\/icons\/n8n-nodes-kick\/dist\/nodes\/Kick\/kick\.dark\.svg$/ };

export function describeNodePanel(target: EditorTarget): void {
	describe(`the Kick nodes in the n8n node panel (n8n ${target.line}.x)`, () => {
		let n8n: N8nClient;
		let browser: Browser;

		beforeAll(async () => {
			n8n = await target.client();
			browser = await launchChromium();
		}, 120_000);

		afterAll(async () => await browser?.close());

		describe.each<Theme>(['light', 'dark'])('in the %s theme', (theme) => {
			it('lists the three Kick triggers where a workflow starts, each saying what it needs', async () => {
				await inEditor(
					browser,
					n8n.baseUrl,
					`node-panel-triggers-${theme}`,
					async (editor) => {
						await editor.page.goto(`${n8n.baseUrl}/workflow/new`);
						expect(await editor.theme()).toBe(theme);
						const kick = await searchNodePanel(editor, 'Kick', ['Kick', 'Kick Chat', 'Kick Polling']);
						expect(await editor.page.getByText('What triggers this workflow?').isVisible()).toBe(true);
						expect(kick.map((item) => item.title).sort()).toEqual(['Kick', 'Kick Chat', 'Kick Polling']);
						for (const item of kick) {
							expect({ title: item.title, icon: item.icon, loaded: item.iconLoaded }).toEqual({ title: item.title, icon: expect.stringMatching(ICON[theme]), loaded: true });
						}
						// n8n 1.x shows no descriptions in search results (its node item drops them
						// when the list is a search across all categories); 2.x shows them.
						if (target.line === '1') return;
						const [webhook, chat, polling] = ['Kick', 'Kick Chat', 'Kick Polling'].map((title) => kick.find((item) => item.title === title));
						expect(webhook!.description).toMatch(/Needs a Kick app and a public HTTPS URL/);
						expect(chat!.description).toMatch(/no Kick app or public URL needed/);
						expect(polling!.description).toMatch(/no public URL needed/);
					},
					{ theme },
				);
			});

			it('lists the Kick node where a workflow continues', async () => {
				const workflow = await n8n.createWorkflow({
					name: `browser: node panel ${theme} ${Date.now()}`,
					nodes: [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
					connections: {},
				});
				await inEditor(
					browser,
					n8n.baseUrl,
					`node-panel-actions-${theme}`,
					async (editor) => {
						await editor.openWorkflow(workflow.id);
						const kick = await searchNodePanel(editor, 'Kick', ['Kick']);
						const node = kick.find((item) => item.title === 'Kick');
						const description = target.line === '1' ? '' : expect.stringMatching(/Kick/);
						expect(node).toEqual({ title: 'Kick', description, icon: expect.stringMatching(ICON[theme]), iconLoaded: true });
					},
					{ theme },
				);
			});
		});
	});
}
