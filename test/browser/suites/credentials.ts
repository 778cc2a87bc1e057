/**
 * The two Kick credentials as a user creates them from the Kick node: the Kick App OAuth2 API
 * dialog tests green, and the Kick OAuth2 API dialog shows the OAuth redirect URL and connects
 * through Kick's consent page (the emulator's) in a browser popup, with Allow Access clicked.
 */
import type { Browser, Locator } from 'playwright-core';

import { startKickEmulator, type KickEmulator } from '../../emulator';
import { connectKickCredentials, type N8nClient } from '../../harness';
import { waitUntil } from '../../support/wait';
import { launchChromium } from '../browser';
import { inEditor, type Editor } from '../editor';
import type { EditorTarget } from '../target';
import { createKickNodeWorkflow } from '../workflows';

export function describeCredentialDialogs(target: EditorTarget): void {
	describe(`the Kick credentials in the n8n editor (n8n ${target.line}.x)`, () => {
		let n8n: N8nClient;
		let emulator: KickEmulator;
		let browser: Browser;
		/** Credentials that existed before: the ones this file creates are removed after it. */
		let before: Set<string>;

		const listCredentials = async () => await n8n.rest<Array<{ id: string; type: string }>>('GET', '/credentials');

		beforeAll(async () => {
			n8n = await target.client();
			before = new Set((await listCredentials()).map((credential) => credential.id));
			emulator = await startKickEmulator();
			// One credential of each kind exists already, so the node offers its credential list with
			// "Create new credential" (without any, it shows a Connect button instead).
			await connectKickCredentials(n8n, emulator);
			browser = await launchChromium();
		}, 120_000);

		afterAll(async () => {
			await browser?.close();
			await emulator?.close();
			// n8n's default names ("Kick account") are what examples bind to by name on import: two
			// credentials with one name would leave the other tests' imports without one.
			for (const credential of (await listCredentials()).filter((candidate) => !before.has(candidate.id))) {
				if (credential.type === 'kickOAuth2Api' || credential.type === 'kickAppOAuth2Api') await n8n.rest('DELETE', `/credentials/${credential.id}`);
			}
		});

		/** A Kick node set to `authentication`, its panel open, and the "Create new credential" dialog. */
		async function newCredentialDialog(editor: Editor, authentication: string): Promise<Locator> {
			const workflowId = await createKickNodeWorkflow(n8n, 'credentials', { parameters: { authentication, resource: 'user', operation: 'get' } });
			const { page } = editor;
			await editor.openNode(workflowId, 'kick');
			const select = page.getByTestId('node-credentials-select');
			await select.click();
			await page.getByText('Create new credential').click();
			// The credential modal: its header (name, type, Save) and its form.
			const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('credential-edit-dialog') });
			await dialog.waitFor();
			return dialog;
		}

		async function fill(dialog: Locator, values: Record<string, string>): Promise<void> {
			for (const [name, value] of Object.entries(values)) {
				const input = dialog.getByTestId(`parameter-input-${name}`).locator('input, textarea').first();
				await input.fill(value);
			}
		}

		/** Turns on Use Custom Endpoints and points both URLs at the emulator. */
		async function useEmulator(dialog: Locator): Promise<void> {
			await dialog.getByTestId('parameter-input-useCustomEndpoints').locator('.el-switch').click();
			await fill(dialog, { apiBaseUrl: emulator.url, oauthServerUrl: emulator.url });
		}

		/**
		 * Waits for a saved credential's outcome: n8n 2.x closes a dialog opened from a node once the
		 * credential is saved and works, 1.x keeps it open showing `result`.
		 */
		async function closedOrShowing(dialog: Locator, result: string): Promise<'closed' | 'shown'> {
			const shown = dialog.getByText(result, { exact: true }).filter({ visible: true });
			return await waitUntil(`the credential dialog to close or show "${result}"`, async () =>
				(await dialog.isHidden()) ? 'closed' : (await shown.isVisible()) ? 'shown' : undefined,
			);
		}

		/** Closes the dialog as a user does (its close button) and returns the credential the node now uses. */
		async function closeAndReadCredential(editor: Editor, dialog: Locator): Promise<string> {
			if (await dialog.isVisible()) {
				await dialog.getByRole('button', { name: /close/i }).first().click();
				await dialog.waitFor({ state: 'hidden' });
			}
			return await editor.page.getByTestId('node-credentials-select').locator('input').first().inputValue();
		}

		it('Kick App OAuth2 API: filled in and saved, the connection tests green', async () => {
			const app = emulator.apps[0]!;
			await inEditor(browser, n8n.baseUrl, 'credential-kick-app', async (editor) => {
				const dialog = await newCredentialDialog(editor, 'appOAuth2');
				// The header: n8n's name for a new credential, and the type.
				expect((await dialog.getByTestId('credential-name').innerText()).trim()).toMatch(/^Kick App account( \d+)?$/);
				expect(await dialog.getByText('Kick App OAuth2 API', { exact: true }).isVisible()).toBe(true);
				await fill(dialog, { clientId: app.clientId, clientSecret: app.clientSecret });
				await useEmulator(dialog);
				await dialog.getByTestId('credential-save-button').click();
				// Saved, n8n tests it; where the dialog closed, opened again, n8n tests it again.
				const tested = 'Connection tested successfully';
				if ((await closedOrShowing(dialog, tested)) === 'closed') {
					await editor.page.getByTestId('credential-edit-button').click();
					await dialog.getByText(tested, { exact: true }).filter({ visible: true }).waitFor({ timeout: 30_000 });
				}
				expect(await closeAndReadCredential(editor, dialog)).toMatch(/^Kick App account( \d+)?$/);
			});
			// The test n8n ran was a real client-credentials grant at the emulator.
			expect(emulator.requests.some((request) => request.path === '/oauth/token' && request.method === 'POST')).toBe(true);
		});

		it('Kick OAuth2 API: shows the redirect URL and connects through Kick\'s consent page', async () => {
			const app = emulator.apps[0]!;
			const callback = `${n8n.baseUrl}/rest/oauth2-credential/callback`;
			if (!app.redirectUris.includes(callback)) app.redirectUris.push(callback);
			emulator.state.consentPage = true;
			const earlierCodes = new Set(emulator.state.authorizationCodes.keys());
			let connected = '';
			try {
				await inEditor(browser, n8n.baseUrl, 'credential-kick-user', async (editor) => {
					const dialog = await newCredentialDialog(editor, 'userOAuth2');
					expect((await dialog.getByTestId('credential-name').innerText()).trim()).toMatch(/^Kick account( \d+)?$/);
					expect(await dialog.getByText('Kick OAuth2 API', { exact: true }).isVisible()).toBe(true);
					// The OAuth Redirect URL a user copies into the Kick app.
					expect(await dialog.getByText('OAuth Redirect URL', { exact: true }).isVisible()).toBe(true);
					expect(await dialog.getByText(callback, { exact: true }).isVisible()).toBe(true);
					await fill(dialog, { clientId: app.clientId, clientSecret: app.clientSecret });
					await useEmulator(dialog);
					await dialog.getByTestId('credential-save-button').click();
					// "Connect" in the not-connected banner (n8n 2.x), "Connect my account" (1.x).
					const connect = dialog.getByTestId('quick-connect-button').or(dialog.getByTestId('oauth-connect-button')).filter({ visible: true });
					await connect.waitFor();
					const [popup] = await Promise.all([editor.context.waitForEvent('page'), connect.click()]);
					await popup.getByRole('button', { name: 'Allow Access' }).click();
					// Connected, and the node uses the credential.
					await closedOrShowing(dialog, 'Account connected');
					connected = await closeAndReadCredential(editor, dialog);
				});
			} finally {
				emulator.state.consentPage = false;
			}
			expect(connected).toMatch(/^Kick account( \d+)?$/);
			// Allow Access was clicked on the consent page, and n8n exchanged the code it returned.
			const consent = emulator.requests.filter((request) => request.method === 'POST' && request.path === '/oauth/authorize');
			expect(consent.map((request) => (request.body as Record<string, string>).decision)).toEqual(['allow']);
			const codes = [...emulator.state.authorizationCodes.values()].filter((code) => !earlierCodes.has(code.code));
			expect(codes.map((code) => code.used)).toEqual([true]);
		});
	});
}
