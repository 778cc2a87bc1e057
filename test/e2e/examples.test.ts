/**
 * Static checks of every workflow in examples/, against the real node descriptions (this
 * package's build and the n8n runtime's own nodes): what the n8n editor would flag on import —
 * unknown node types or versions, unknown or hidden parameters, parameter issues (missing
 * required values, bad options) — plus the examples' own rules: no credential ids baked in,
 * n8n's Discord node over a webhook, and the package's real node type names.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { exampleNames, loadExample, type WorkflowNode } from '../harness/examples';

const { MODULES, NODE_BIN } = require('../../scripts/runtime.js') as { MODULES: string; NODE_BIN: string };
const ROOT = path.join(__dirname, '..', '..');
// n8n's own helpers, as the editor uses them to show parameter issues.
const { NodeHelpers } = require(path.join(MODULES, 'n8n-workflow')) as { NodeHelpers: any };

const BASE_NODES = path.join(MODULES, 'n8n-nodes-base');
const basePackage = JSON.parse(fs.readFileSync(path.join(BASE_NODES, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
const ownPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };

/**
 * The descriptions of node types at given versions, loaded by n8n's own Node 24 in a child
 * process (some n8n nodes load ES modules that jest's CommonJS loader cannot), as JSON.
 */
function loadDescriptions(wanted: Array<{ type: string; version: number }>): Record<string, any> {
	const script = `
const path = require('node:path');
const [basePackage, baseDir, ownPackage, ownDir, wanted] = JSON.parse(process.argv[1]);
function instances(file) {
	return Object.values(require(file)).filter((value) => typeof value === 'function').map((NodeClass) => {
		try { return new NodeClass(); } catch { return undefined; }
	}).filter((node) => node && (node.description || node.nodeVersions));
}
const out = {};
for (const { type, version } of wanted) {
	const key = type + '@' + version;
	const [pkg, name] = type.split('.');
	try {
		let candidates;
		if (pkg === 'n8n-nodes-base') {
			const file = basePackage.n8n.nodes.find((entry) => path.basename(entry, '.node.js').toLowerCase() === name.toLowerCase());
			if (!file) throw new Error("n8n has no node type '" + type + "'");
			candidates = instances(path.join(baseDir, file));
		} else if (pkg === ownPackage.name) {
			candidates = ownPackage.n8n.nodes.flatMap((file) => instances(path.join(ownDir, file)));
		} else throw new Error("unexpected package in node type '" + type + "'");
		const node = candidates.find((candidate) => candidate.description && candidate.description.name === name);
		if (!node) throw new Error('no node ' + name + ' in ' + pkg);
		// As n8n does when it loads a polling node: it adds the Poll Times parameter.
		if (node.description && node.description.polling) {
			node.description.properties = [...require('n8n-core/dist/nodes-loader/constants').commonPollingParameters, ...node.description.properties];
		}
		if (node.nodeVersions) {
			if (!node.nodeVersions[version]) throw new Error("'" + type + "' has no version " + version + ' (has ' + Object.keys(node.nodeVersions).join(', ') + ')');
			out[key] = node.nodeVersions[version].description;
		} else {
			const versions = [node.description.version].flat();
			if (!versions.includes(version)) throw new Error("'" + type + "' has no version " + version + ' (has ' + versions.join(', ') + ')');
			out[key] = node.description;
		}
	} catch (error) {
		out[key] = { error: error.message };
	}
}
process.stdout.write(JSON.stringify(out));
`;
	const args = JSON.stringify([basePackage, BASE_NODES, ownPackage, ROOT, wanted]);
	const result = spawnSync(NODE_BIN, ['-e', script, args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_PATH: MODULES } });
	if (result.status !== 0) throw new Error(`loading node descriptions failed: ${result.stderr}`);
	return JSON.parse(result.stdout) as Record<string, any>;
}

/** Keys the node sets that the editor would not show for its other values (unknown or hidden). */
function unknownParameters(node: WorkflowNode, description: any): string[] {
	const full = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
	const unknown: string[] = [];
	for (const [key, value] of Object.entries(node.parameters)) {
		const properties = description.properties.filter((property: any) => property.name === key);
		const shown = properties.filter((property: any) => NodeHelpers.displayParameter(full, property, node, description, full));
		if (shown.length === 0) {
			unknown.push(properties.length ? `${key} (hidden for these settings)` : key);
			continue;
		}
		// Collections: every option set must exist.
		const collection = shown.find((property: any) => property.type === 'collection');
		if (collection && value && typeof value === 'object') {
			for (const option of Object.keys(value)) {
				if (!collection.options.some((entry: any) => entry.name === option)) unknown.push(`${key}.${option}`);
			}
		}
	}
	return unknown;
}

const names = exampleNames();
const descriptions = loadDescriptions(
	names.flatMap((name) => loadExample(name).nodes.map((node) => ({ type: node.type, version: node.typeVersion }))),
);

describe('examples/ — importable as they are', () => {
	it('has the documented workflows', () => {
		expect(names).toEqual([
			'account-linking',
			'chat-command-bot',
			'chat-command-bot-no-public-url',
			'chat-command-bot-with-fallback',
			'kick-login-health',
			'mod-commands-with-cooldowns',
			'moderation-log',
			'stream-live-to-discord',
			'stream-live-to-discord-never-missed',
			'stream-live-to-discord-no-public-url',
			'stream-live-to-discord-polling',
			'subs-and-kicks-thank-you',
			'subscription-health-check',
			'welcome-first-time-chatters',
		]);
	});

	describe.each(names)('%s', (name) => {
		const workflow = loadExample(name);

		it('is a well-formed workflow: unique names, connections between existing nodes, no ids of ours', () => {
			expect(typeof workflow.name).toBe('string');
			const nodeNames = workflow.nodes.map((node) => node.name);
			expect(new Set(nodeNames).size).toBe(nodeNames.length);
			expect(new Set(workflow.nodes.map((node) => node.id)).size).toBe(workflow.nodes.length);
			for (const [from, outputs] of Object.entries(workflow.connections)) {
				expect(nodeNames).toContain(from);
				for (const targets of (outputs as any).main) for (const target of targets ?? []) expect(nodeNames).toContain(target.node);
			}
			expect(workflow).not.toHaveProperty('id');
			expect(JSON.stringify(workflow)).not.toMatch(/kick-test-|localhost|127\.0\.0\.1/);
		});

		it('leaves credentials for the user to pick: a name, never an id', () => {
			for (const node of workflow.nodes) {
				for (const [type, ref] of Object.entries(node.credentials ?? {})) {
					expect({ node: node.name, type, id: ref.id }).toEqual({ node: node.name, type, id: null });
					expect(ref.name).toMatch(/^(Kick account|Kick app|Discord( mod-log)? webhook)$/);
				}
			}
		});

		it('uses only real node types, versions and parameters, with no parameter issues', () => {
			const problems: string[] = [];
			for (const node of workflow.nodes) {
				const description = descriptions[`${node.type}@${node.typeVersion}`];
				if (description.error) {
					problems.push(`${node.name}: ${description.error}`);
					continue;
				}
				const unknown = unknownParameters(node, description);
				if (unknown.length) problems.push(`${node.name}: unknown parameters ${unknown.join(', ')}`);
				const full = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
				const issues = NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: full }, description);
				if (issues) problems.push(`${node.name}: ${JSON.stringify(issues.parameters ?? issues)}`);
				const credentialTypes = (description.credentials ?? [])
					.filter((credential: any) => !credential.displayOptions || NodeHelpers.displayParameter(full, credential, node, description))
					.map((credential: any) => credential.name);
				for (const type of Object.keys(node.credentials ?? {})) {
					if (!credentialTypes.includes(type)) problems.push(`${node.name}: credential '${type}' is not used with these settings (${credentialTypes.join(', ')})`);
				}
				const required = (description.credentials ?? []).filter(
					(credential: any) => credential.required && (!credential.displayOptions || NodeHelpers.displayParameter(full, credential, node, description)),
				);
				for (const credential of required) {
					if (!node.credentials?.[credential.name]) problems.push(`${node.name}: needs a '${credential.name}' credential placeholder`);
				}
			}
			expect(problems).toEqual([]);
		});

		it("talks to Discord through n8n's own Discord node and a webhook credential", () => {
			for (const node of workflow.nodes.filter((entry) => /discord/i.test(entry.type))) {
				expect(node.type).toBe('n8n-nodes-base.discord');
				expect(node.typeVersion).toBe(2);
				expect(node.parameters.authentication).toBe('webhook');
				expect(Object.keys(node.credentials ?? {})).toEqual(['discordWebhookApi']);
			}
		});
	});
});
