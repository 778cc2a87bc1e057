/**
 * The n8n editor in headless Chromium, as a user meets it: signed in through the form, in the
 * light or dark theme, with what a test needs to read (the node panel, a node's parameter
 * panel, the canvas) and what a failure leaves behind (a screenshot and the browser console,
 * under test-results/browser/<test>/, a path the failing test prints).
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { OWNER } from '../harness';

export type Theme = 'light' | 'dark';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Signed-in sessions by n8n address, for the editors opened after the first. */
const SESSIONS = new Map<string, StorageState>();

/** Where failures leave their screenshot and console log. */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', 'test-results', 'browser');

export class Editor {
	/** Every console message and uncaught page error, in order, for the failure log. */
	readonly console: string[] = [];

	/** Uncaught errors in the editor's own code: a panel that threw while rendering. */
	readonly pageErrors: string[] = [];

	private constructor(
		readonly baseUrl: string,
		readonly context: BrowserContext,
		readonly page: Page,
	) {
		page.on('console', (message) => this.console.push(`[${message.type()}] ${message.text()}`));
		page.on('pageerror', (error) => {
			this.pageErrors.push(error.message);
			this.console.push(`[pageerror] ${error.stack ?? error.message}`);
		});
	}

	/**
	 * A new browser context (its own cookies and storage), signed in as n8n's owner: with the
	 * session an earlier editor signed in with, while n8n still accepts it (n8n allows an account
	 * five sign-ins a minute, fewer than a suite opens editors), else through the form.
	 */
	static async open(browser: Browser, baseUrl: string, options: { theme?: Theme } = {}): Promise<Editor> {
		const theme = options.theme ?? 'light';
		const session = SESSIONS.get(baseUrl);
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: theme, ...(session ? { storageState: session } : {}) });
		// n8n keeps the user's theme choice in local storage.
		await context.addInitScript((chosen) => (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('N8N_THEME', chosen), theme);
		const editor = new Editor(baseUrl, context, await context.newPage());
		if (session && (await editor.sessionHolds(session))) return editor;
		try {
			await editor.signIn();
		} catch (error) {
			await capture(editor, 'sign-in', async () => {
				throw error;
			});
		}
		SESSIONS.set(baseUrl, await context.storageState());
		return editor;
	}

	/** Whether n8n still accepts a saved session: its cookie, with the browser id it was issued to. */
	private async sessionHolds(session: StorageState): Promise<boolean> {
		const origin = new URL(this.baseUrl).origin;
		const browserId = session.origins.find((saved) => saved.origin === origin)?.localStorage.find((item) => item.name === 'n8n-browserId')?.value;
		if (!browserId) return false;
		const response = await this.context.request.get(`${this.baseUrl}/rest/login`, { headers: { 'browser-id': browserId } });
		return response.ok();
	}

	/** Signs in through the form: n8n binds its session cookie to the browser that signed in. */
	private async signIn(): Promise<void> {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });
	}

	/** The theme the editor shows (n8n marks the page body with it). */
	async theme(): Promise<string | null> {
		return await this.page.locator('body').getAttribute('data-theme');
	}

	async openWorkflow(workflowId: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${workflowId}`);
		await this.page.getByTestId('canvas-node').first().waitFor({ timeout: 30_000 });
	}

	/** Opens a node's panel (the NDV) by the workflow's URL for it. */
	async openNode(workflowId: string, nodeId: string): Promise<Locator> {
		await this.page.goto(`${this.baseUrl}/workflow/${workflowId}/${nodeId}`);
		const ndv = this.page.getByTestId('ndv');
		await ndv.waitFor({ timeout: 30_000 });
		return ndv;
	}

	/** Shows a node's panel: opens it unless it is open already (a failed step may have left a menu open). */
	async showNode(workflowId: string, nodeId: string): Promise<void> {
		await this.page.keyboard.press('Escape');
		const open = this.page.url().endsWith(`/workflow/${workflowId}/${nodeId}`) && (await this.page.getByTestId('ndv').isVisible());
		if (!open) await this.openNode(workflowId, nodeId);
	}

	/** Picks an option of a dropdown parameter by the name the user reads. */
	async choose(parameter: string, option: string): Promise<void> {
		const { page } = this;
		await page.getByTestId(`parameter-input-${parameter}`).click();
		const item = page.getByRole('option').filter({ has: page.locator('.option-headline', { hasText: new RegExp(`^${escapeRegExp(option)}$`) }) });
		await item.click();
		await item.waitFor({ state: 'hidden' });
	}

	/** The names of the parameters the node panel shows (n8n labels each input for its name). */
	async parameterNames(): Promise<string[]> {
		const labels = this.page.getByTestId('node-parameters').locator('label.n8n-input-label[for]:visible');
		return [...new Set(await labels.evaluateAll((elements) => elements.map((element) => element.getAttribute('for') ?? '')))];
	}

	/** The credential types the panel offers a credential for ("Credential for …"), by label. */
	async credentialLabels(): Promise<string[]> {
		return (await this.page.getByTestId('credentials-label').allInnerTexts()).map((text) => text.trim());
	}

	/** The texts of the notices the node panel shows, with their kind (info, warning, danger). */
	async notices(): Promise<Array<{ kind: string; text: string }>> {
		return await this.page
			.getByTestId('node-parameters')
			.locator('.n8n-notice:visible, [role="alert"]:visible')
			.evaluateAll((elements) =>
				elements.map((element) => {
					const kind = /(danger|warning|info|success)/.exec(element.className)?.[1] ?? 'unknown';
					return { kind, text: (element as unknown as { innerText: string }).innerText.trim() };
				}),
			);
	}

	/** Types into a text parameter (its fixed value, not an expression) and leaves the field. */
	async fill(parameter: string, text: string): Promise<void> {
		const input = this.page.getByTestId(`parameter-input-${parameter}`).locator('textarea, input').first();
		await input.fill(text);
		await input.blur();
	}

	/**
	 * Opens a resource locator's "From List" dropdown (typing `search` into its search box when
	 * given), returns the texts of the items it shows once they have loaded, and closes it.
	 */
	async listItems(parameter: string, search?: string): Promise<string[]> {
		const items = await this.openList(parameter, search);
		const texts = (await items.allInnerTexts()).map((text) => text.trim());
		await this.page.keyboard.press('Escape');
		await items.first().waitFor({ state: 'hidden' });
		return texts;
	}

	/** Picks the first "From List" item whose text passes `matches`. */
	async pickFromList(parameter: string, matches: (text: string) => boolean, search?: string): Promise<void> {
		const items = await this.openList(parameter, search);
		const texts = (await items.allInnerTexts()).map((text) => text.trim());
		const index = texts.findIndex(matches);
		if (index < 0) throw new Error(`${parameter}: no list item matches; the list shows ${JSON.stringify(texts)}`);
		await items.nth(index).click();
		await items.first().waitFor({ state: 'hidden' });
	}

	/** The open list's items (one list is open at a time; n8n renders it outside the parameter). */
	private async openList(parameter: string, search?: string): Promise<Locator> {
		const { page } = this;
		await page.getByTestId(`resource-locator-${parameter}`).getByTestId('rlc-input').click();
		const searchBox = page.getByTestId('rlc-search').filter({ visible: true });
		await searchBox.waitFor({ timeout: 15_000 });
		if (search !== undefined) await searchBox.fill(search);
		const items = page.getByTestId('rlc-item').filter({ visible: true });
		const error = page.getByTestId('rlc-error-container').filter({ visible: true });
		// Loaded: items shown, or n8n's error box.
		await items.or(error).first().waitFor({ timeout: 30_000 });
		if (await error.isVisible()) throw new Error(`${parameter}: the list shows an error: ${(await error.innerText()).trim()}`);
		return items;
	}

	/** Runs the open node with "Execute step" and returns its output as JSON text once it contains `text`. */
	async executeStep(text: string): Promise<string> {
		await this.page.getByTestId('ndv').getByTestId('node-execute-button').first().click();
		return await this.outputShowing(text);
	}

	/** The node panel's output, as JSON text, once it contains `text`. */
	async outputShowing(text: string): Promise<string> {
		const output = this.page.getByTestId('output-panel');
		await output.getByText(text).first().waitFor({ timeout: 30_000 });
		await output.getByRole('radio', { name: 'JSON' }).click();
		// The JSON view renders after the switch.
		await output.locator('.json-data, [data-test-id="ndv-data-container"] pre, .cm-content').getByText(text).first().waitFor({ timeout: 30_000 });
		return await output.innerText();
	}

	/**
	 * One top-level field of every output item, as the output's Table view shows it (the JSON
	 * view renders only the lines in sight, so a field far down an item is not in its text).
	 */
	async outputColumn(field: string): Promise<string[]> {
		const output = this.page.getByTestId('output-panel');
		await output.getByRole('radio', { name: 'Table' }).click();
		const table = output.locator('table').first();
		await table.waitFor({ timeout: 30_000 });
		// Runs in the page: typed structurally, as the tests compile without the DOM's types.
		type Row = { children: ArrayLike<{ innerText: string }> };
		return await table.evaluate((element, name) => {
			const cells = (row: Row) => Array.from(row.children, (cell) => cell.innerText.trim());
			const rows = Array.from((element as unknown as { querySelectorAll(selector: string): ArrayLike<Row> }).querySelectorAll('tr'));
			const header = rows.findIndex((row) => cells(row).includes(name));
			if (header < 0) return [];
			const column = cells(rows[header]!).indexOf(name);
			return rows.slice(header + 1).map((row) => cells(row)[column] ?? '');
		}, field);
	}

	/**
	 * Saves what a failure looked like (a screenshot and the console) and returns the folder, so
	 * the failing test can name it.
	 */
	async saveArtifacts(name: string): Promise<string> {
		const folder = path.join(ARTIFACTS_DIR, name.replace(/[^\w.-]+/g, '-').slice(0, 120));
		fs.mkdirSync(folder, { recursive: true });
		await this.page.screenshot({ path: path.join(folder, 'screenshot.png'), fullPage: true }).catch(() => undefined);
		fs.writeFileSync(path.join(folder, 'console.log'), `${this.console.join('\n')}\n`);
		return folder;
	}

	async close(): Promise<void> {
		await this.context.close().catch(() => undefined);
	}
}

/** Reads `read()` until it gives `expected` or `timeoutMs` passes; returns the last reading. */
export async function settle<T>(read: () => Promise<T>, expected: T, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 200));
		value = await read();
	}
	return value;
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Runs `steps`; when they fail, the screenshot and console log are saved and the error says
 * where they are.
 */
export async function capture<T>(editor: Editor, name: string, steps: () => Promise<T>): Promise<T> {
	try {
		return await steps();
	} catch (error) {
		const folder = await editor.saveArtifacts(name);
		if (error instanceof Error) error.message = `${error.message}\n(screenshot and browser console: ${path.relative(process.cwd(), folder)})`;
		throw error;
	}
}

/** Runs `steps` in a new editor (see capture), closed afterwards. */
export async function inEditor<T>(
	browser: Browser,
	baseUrl: string,
	name: string,
	steps: (editor: Editor) => Promise<T>,
	options: { theme?: Theme } = {},
): Promise<T> {
	const editor = await Editor.open(browser, baseUrl, options);
	try {
		return await capture(editor, name, async () => await steps(editor));
	} finally {
		await editor.close();
	}
}
