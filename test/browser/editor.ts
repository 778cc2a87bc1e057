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

	/** A new browser context (its own cookies and storage), signed in as n8n's owner. */
	static async open(browser: Browser, baseUrl: string, options: { theme?: Theme } = {}): Promise<Editor> {
		const theme = options.theme ?? 'light';
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: theme });
		// n8n keeps the user's theme choice in local storage.
		await context.addInitScript((chosen) => (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('N8N_THEME', chosen), theme);
		const editor = new Editor(baseUrl, context, await context.newPage());
		await editor.signIn();
		return editor;
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
