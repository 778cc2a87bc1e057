/**
 * The n8n an editor suite runs against: the n8n project's shared n8n (the 2.x line, started in
 * globalSetup), or one the compatibility suite starts on another line. Suites that run on both
 * take it as a parameter and say which line they saw in their names.
 */
import { sharedN8n, type N8nClient } from '../harness';

export interface EditorTarget {
	/** n8n's major version, '1' or '2'. */
	line: string;
	client(): Promise<N8nClient>;
}

const runtime = require('../../scripts/runtime.js') as { DEFAULT_LINE: string };

/** The n8n project's n8n (the default line's). */
export const SHARED_N8N: EditorTarget = { line: runtime.DEFAULT_LINE, client: sharedN8n };
