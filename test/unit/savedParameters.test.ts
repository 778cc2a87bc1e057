/**
 * A saved workflow opens and runs unchanged: n8n stores a node's parameters by name, leaves out
 * those at their default, and drops those its displayOptions hide. So every parameter in
 * test/fixtures/saved-parameters.json (the four nodes and two credentials as workflows use them)
 * keeps its name, display conditions, type, default and option values. New parameters may be
 * added; a change that must break one belongs in a new node version, with the fixture extended.
 */
import type { INodeProperties } from 'n8n-workflow';

import { KickAppOAuth2Api } from '../../credentials/KickAppOAuth2Api.credentials';
import { KickOAuth2Api } from '../../credentials/KickOAuth2Api.credentials';
import { Kick } from '../../nodes/Kick/Kick.node';
import { KickChatTrigger } from '../../nodes/Kick/KickChatTrigger.node';
import { KickPollingTrigger } from '../../nodes/Kick/KickPollingTrigger.node';
import { KickTrigger } from '../../nodes/Kick/KickTrigger.node';
import saved from '../fixtures/saved-parameters.json';

interface Surface {
	version?: unknown;
	properties: Record<string, { type: string; default: unknown; values?: unknown[] }>;
}

/** The same value with its keys in order, so that two surfaces compare as JSON. */
function stable(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stable);
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		return Object.fromEntries(Object.keys(record).sort().map((key) => [key, stable(record[key])]));
	}
	return value;
}

/** Each parameter (and each field of a collection) under its name and display conditions. */
function surfaceOf(properties: INodeProperties[], prefix = '', out: Surface['properties'] = {}): Surface['properties'] {
	for (const property of properties) {
		const shown = property.displayOptions ? ` ${JSON.stringify(stable(property.displayOptions))}` : '';
		const key = `${prefix}${property.name}${shown}`;
		out[key] = { type: property.type, default: stable(property.default) };
		if (property.type === 'options' || property.type === 'multiOptions') {
			out[key].values = (property.options as Array<{ value: unknown }>).map((option) => option.value);
		}
		if (property.type === 'collection') surfaceOf(property.options as INodeProperties[], `${key} > `, out);
		if (property.type === 'fixedCollection') {
			for (const group of property.options as Array<{ name: string; values: INodeProperties[] }>) {
				surfaceOf(group.values, `${key} > ${group.name} > `, out);
			}
		}
	}
	return out;
}

const current: Record<string, Surface> = {};
for (const node of [new Kick(), new KickTrigger(), new KickPollingTrigger(), new KickChatTrigger()]) {
	current[node.description.name] = { version: node.description.version, properties: surfaceOf(node.description.properties) };
}
for (const credential of [new KickOAuth2Api(), new KickAppOAuth2Api()]) {
	current[credential.name] = { version: undefined, properties: surfaceOf(credential.properties) };
}

describe('a saved workflow opens unchanged', () => {
	it.each(Object.keys(saved))('%s keeps its version and every saved parameter', (name) => {
		const before = (saved as Record<string, Surface>)[name];
		const now = current[name];
		expect(now).toBeDefined();
		expect(now.version).toEqual(before.version ?? undefined);
		const changed = Object.entries(before.properties)
			.filter(([key, entry]) => JSON.stringify(now.properties[key]) !== JSON.stringify(entry))
			.map(([key, entry]) => `${key}: was ${JSON.stringify(entry)}, now ${JSON.stringify(now.properties[key] ?? 'missing')}`);
		expect(changed).toEqual([]);
	});
});
