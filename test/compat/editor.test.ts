/**
 * The editor suites that must hold on every supported n8n line, run on the lines the n8n
 * project's editor suite does not cover (it runs them on its shared 2.x n8n): the node panel,
 * the two credential dialogs and every example's import, in a 1.x n8n with the package installed
 * from its tarball.
 */
import { describeCredentialDialogs } from '../browser/suites/credentials';
import { describeExampleImports } from '../browser/suites/examples';
import { describeNodePanel } from '../browser/suites/nodePanel';
import type { EditorTarget } from '../browser/target';
import { N8nClient, startN8n } from '../harness';
import type { N8nProcess } from '../harness/n8nProcess';

// DEFAULT_LINE: the n8n the n8n project (and with it test/browser/) runs on.
const runtime = require('../../scripts/runtime.js') as { LINES: string[]; DEFAULT_LINE: string };

describe.each(runtime.LINES.filter((line) => line !== runtime.DEFAULT_LINE).map((line) => [line]))('the editor on n8n %s.x', (line) => {
	let n8nProcess: N8nProcess | undefined;
	let client: N8nClient | undefined;

	beforeAll(async () => {
		n8nProcess = await startN8n({ line });
		client = await N8nClient.login(n8nProcess.baseUrl);
	}, 300_000);

	afterAll(async () => await n8nProcess?.stop());

	const target: EditorTarget = {
		line,
		client: async () => {
			if (!client) throw new Error(`n8n ${line}.x did not start (see the error of this file's first test)`);
			return client;
		},
	};

	describeNodePanel(target);
	describeCredentialDialogs(target);
	describeExampleImports(target);
});
