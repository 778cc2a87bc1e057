/**
 * The importable example workflows in examples/, loaded and rewired for a local n8n: their
 * placeholder credentials (`{ id: null, name: … }`, which n8n resolves by name or leaves for
 * the user to pick) are replaced by real ones, placeholder texts (the n8n base URL, role ids,
 * invite links) by test values, and webhook ids and paths made unique so the same example can
 * be imported more than once into one n8n. Used by the e2e tests and `npm start -- --demo`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { CredentialRef, N8nClient } from './n8nClient';

export const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

export const KICK_TRIGGER_TYPE = 'n8n-nodes-kick.kickTrigger';
export const KICK_NODE_TYPE = 'n8n-nodes-kick.kick';
export const DISCORD_NODE_TYPE = 'n8n-nodes-base.discord';
export const WEBHOOK_NODE_TYPE = 'n8n-nodes-base.webhook';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, any>;
	credentials?: Record<string, { id: string | null; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface ExampleWorkflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, any>;
	settings?: Record<string, any>;
	[key: string]: unknown;
}

export type CredentialType = 'kickOAuth2Api' | 'kickAppOAuth2Api' | 'discordWebhookApi';

export interface RewireOptions {
	/** Credentials by type, for every node that uses that type. */
	credentials?: Partial<Record<CredentialType, CredentialRef>>;
	/** Per node name, overriding `credentials` (e.g. a second Discord channel). */
	nodeCredentials?: Record<string, Partial<Record<CredentialType, CredentialRef>>>;
	/** Exact texts replaced inside every string parameter (placeholders → real values). */
	replace?: Record<string, string>;
	/** Values for fields of Set nodes, by node name then field name (e.g. a Discord role id in "Settings"). */
	setValues?: Record<string, Record<string, string | number | boolean>>;
	/** Parameters merged into nodes (shallow), by node name. */
	parameters?: Record<string, Record<string, unknown>>;
	/** Appended to the path of every Webhook node (and to URLs that contain those paths). */
	pathSuffix?: string;
	/** Workflow name; default: the example's. */
	name?: string;
}

export function exampleNames(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.slice(0, -'.json'.length))
		.sort();
}

export function loadExample(name: string): ExampleWorkflow {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, `${name}.json`), 'utf8')) as ExampleWorkflow;
}

function replaceDeep(value: unknown, replace: (text: string) => string): unknown {
	if (typeof value === 'string') return replace(value);
	if (Array.isArray(value)) return value.map((entry) => replaceDeep(entry, replace));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, replaceDeep(entry, replace)]));
	}
	return value;
}

/** A deep copy of the workflow, ready to create in a local n8n. */
export function rewireExample(example: ExampleWorkflow, options: RewireOptions = {}): ExampleWorkflow {
	const workflow = JSON.parse(JSON.stringify(example)) as ExampleWorkflow;
	const texts = { ...(options.replace ?? {}) };
	if (options.pathSuffix) {
		for (const node of workflow.nodes) {
			if (node.type === WEBHOOK_NODE_TYPE && typeof node.parameters.path === 'string') {
				const original = node.parameters.path as string;
				node.parameters.path = `${original}${options.pathSuffix}`;
				texts[`/webhook/${original}`] = `/webhook/${original}${options.pathSuffix}`;
			}
		}
	}
	// Longest first, so a placeholder that contains another is replaced whole.
	const pairs = Object.entries(texts).sort(([a], [b]) => b.length - a.length);
	const replace = (text: string) => pairs.reduce((result, [from, to]) => result.split(from).join(to), text);

	for (const node of workflow.nodes) {
		node.parameters = replaceDeep(node.parameters, replace) as Record<string, any>;
		const values = options.setValues?.[node.name];
		if (values) {
			const assignments = (node.parameters.assignments?.assignments ?? []) as Array<{ name: string; value: unknown }>;
			for (const [field, value] of Object.entries(values)) {
				const assignment = assignments.find((entry) => entry.name === field);
				if (!assignment) throw new Error(`example node '${node.name}' has no field '${field}'`);
				assignment.value = value;
			}
		}
		if (options.parameters?.[node.name]) node.parameters = { ...node.parameters, ...options.parameters[node.name] };
		if (node.webhookId) node.webhookId = randomUUID();
		if (node.credentials) {
			for (const type of Object.keys(node.credentials)) {
				const ref = options.nodeCredentials?.[node.name]?.[type as CredentialType] ?? options.credentials?.[type as CredentialType];
				if (ref) node.credentials[type] = { id: ref.id, name: ref.name };
			}
		}
	}
	if (options.name) workflow.name = options.name;
	return workflow;
}

/** Production URLs of the workflow's webhook-receiving nodes, by node name. */
export function productionUrls(baseUrl: string, workflow: ExampleWorkflow): Record<string, string> {
	const urls: Record<string, string> = {};
	for (const node of workflow.nodes) {
		if (node.type === KICK_TRIGGER_TYPE && node.webhookId) urls[node.name] = `${baseUrl}/webhook/${node.webhookId}/webhook`;
		if (node.type === WEBHOOK_NODE_TYPE && typeof node.parameters.path === 'string') {
			urls[node.name] = `${baseUrl}/webhook/${node.parameters.path}`;
		}
	}
	return urls;
}

export interface ImportedExample {
	id: string;
	workflow: ExampleWorkflow;
	/** Production URLs by node name (Kick Trigger and Webhook nodes). */
	urls: Record<string, string>;
}

/** Creates the rewired example in n8n (not published). */
export async function importExample(client: N8nClient, example: string | ExampleWorkflow, options: RewireOptions = {}): Promise<ImportedExample> {
	const workflow = rewireExample(typeof example === 'string' ? loadExample(example) : example, options);
	const created = await client.createWorkflow({
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings,
	});
	return { id: created.id, workflow, urls: productionUrls(client.baseUrl, workflow) };
}

/** Data tables the examples expect (created by hand in the n8n UI by users; see the examples' notes). */
export const EXAMPLE_DATA_TABLES: Record<string, Array<{ name: string; type: 'string' | 'number' | 'boolean' | 'date' }>> = {
	kick_account_links: [
		{ name: 'state', type: 'string' },
		{ name: 'discord_user_id', type: 'string' },
		{ name: 'code_verifier', type: 'string' },
		{ name: 'status', type: 'string' },
		{ name: 'kick_user_id', type: 'number' },
		{ name: 'kick_username', type: 'string' },
		{ name: 'linked_at', type: 'date' },
	],
};

export interface DataTableRef {
	id: string;
	projectId: string;
	name: string;
}

/** Creates the example's data table in the owner's personal project, or returns the existing one. */
export async function ensureDataTable(client: N8nClient, name: keyof typeof EXAMPLE_DATA_TABLES | string): Promise<DataTableRef> {
	const project = await client.rest<{ id: string }>('GET', '/projects/personal');
	const filter = encodeURIComponent(JSON.stringify({ name }));
	const existing = await client.rest<{ data: Array<{ id: string; name: string }> }>('GET', `/projects/${project.id}/data-tables?filter=${filter}&take=10&skip=0`);
	const found = existing.data.find((table) => table.name === name);
	if (found) return { id: found.id, projectId: project.id, name };
	const columns = EXAMPLE_DATA_TABLES[name];
	if (!columns) throw new Error(`no column list for data table '${name}'`);
	const created = await client.rest<{ id: string }>('POST', `/projects/${project.id}/data-tables`, { name, columns });
	return { id: created.id, projectId: project.id, name };
}

/** All rows of a data table (up to 1000). */
export async function dataTableRows(client: N8nClient, table: DataTableRef): Promise<Array<Record<string, any>>> {
	const page = await client.rest<{ data: Array<Record<string, any>> }>('GET', `/projects/${table.projectId}/data-tables/${table.id}/rows?take=1000&skip=0`);
	return page.data;
}
