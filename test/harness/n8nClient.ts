/**
 * A small client for a running n8n's internal REST API, as its editor uses it: owner login,
 * credentials (including n8n's real OAuth2 connect flow), workflows, publish/unpublish and
 * executions. Everything the tests assert about n8n goes through n8n itself.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { OWNER } from './n8nProcess';

const { MODULES } = require('../../scripts/runtime.js') as { MODULES: string };
// n8n stores execution data in the `flatted` format; use n8n's own copy to read it.
const flatted = require(path.join(MODULES, 'flatted')) as { parse(text: string): any };

/** Owner sessions by n8n base URL, shared by the test processes of this machine. */
const SESSIONS_FILE = path.join(os.tmpdir(), 'kick-n8n-sessions.json');

function readSessions(): Record<string, string> {
	try {
		return JSON.parse(fs.readFileSync(SESSIONS_FILE, 'utf8')) as Record<string, string>;
	} catch {
		return {};
	}
}

function writeSession(baseUrl: string, cookie: string): void {
	const sessions = { ...readSessions(), [baseUrl]: cookie };
	const temporary = `${SESSIONS_FILE}.${process.pid}`;
	fs.writeFileSync(temporary, JSON.stringify(sessions));
	fs.renameSync(temporary, SESSIONS_FILE);
}

export interface CredentialRef {
	id: string;
	name: string;
	type: string;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt?: string;
	stoppedAt?: string;
}

export class N8nClient {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	/**
	 * A client logged in as the owner (set up on first use). n8n run as in production limits
	 * logins to 5 a minute per account, so sessions are kept in a small file shared by every test
	 * process and reused while n8n still accepts them.
	 */
	static async login(baseUrl: string): Promise<N8nClient> {
		const client = new N8nClient(baseUrl);
		const saved = readSessions()[baseUrl];
		if (saved) {
			client.cookie = saved;
			if ((await client.fetchRest('GET', '/login')).ok) return client;
		}
		const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'kick-tests' },
			body: JSON.stringify(OWNER),
		});
		if (setup.ok) {
			client.takeCookie(setup);
		} else {
			const login = await fetch(`${baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'browser-id': 'kick-tests' },
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
			if (!login.ok) throw new Error(`n8n login failed: ${login.status} ${await login.text()}`);
			client.takeCookie(login);
		}
		writeSession(baseUrl, client.cookie);
		return client;
	}

	private async fetchRest(method: string, route: string, body?: unknown): Promise<Response> {
		return await fetch(`${this.baseUrl}/rest${route}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': 'kick-tests', cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	private takeCookie(response: Response): void {
		const cookies = response.headers.getSetCookie?.() ?? [];
		const auth = cookies.find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
	}

	async rest<T = any>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await this.fetchRest(method, route, body);
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n ${method} ${route} → ${response.status}: ${text.slice(0, 500)}`);
		const parsed = text ? JSON.parse(text) : {};
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	async createCredential(type: string, data: Record<string, unknown>, name = `${type} ${randomUUID().slice(0, 8)}`): Promise<CredentialRef> {
		const created = await this.rest<{ id: string; name: string; type: string }>('POST', '/credentials', { name, type, data });
		return { id: created.id, name: created.name, type: created.type };
	}

	/**
	 * Connects an OAuth2 credential through n8n's real flow: n8n builds the authorize URL (with
	 * PKCE), the test follows it to the authorization server (the emulator approves at once and
	 * redirects), and n8n's callback exchanges the code for tokens.
	 */
	async connectOAuth2(credential: CredentialRef): Promise<void> {
		const authorizeUrl = await this.rest<string>('GET', `/oauth2-credential/auth?id=${credential.id}`);
		const consent = await fetch(authorizeUrl, { redirect: 'manual' });
		const location = consent.headers.get('location');
		if (consent.status !== 302 || !location) {
			throw new Error(`authorization server did not redirect (${consent.status}): ${await consent.text()}`);
		}
		const callback = await fetch(location, { headers: { cookie: this.cookie, 'browser-id': 'kick-tests' }, redirect: 'manual' });
		const html = await callback.text();
		if (!callback.ok || /error/i.test(html.replace(/<script[\s\S]*?<\/script>/gi, '').slice(0, 2000)) && !/success/i.test(html)) {
			throw new Error(`n8n OAuth2 callback failed (${callback.status}): ${html.slice(0, 500)}`);
		}
	}

	async getCredentialData(id: string): Promise<Record<string, any>> {
		const credential = await this.rest<{ data?: Record<string, any> }>('GET', `/credentials/${id}?includeData=true`);
		return credential.data ?? {};
	}

	async createWorkflow(workflow: { name?: string; nodes: any[]; connections: any; settings?: any; staticData?: any }): Promise<{ id: string; versionId: string }> {
		const created = await this.rest<{ id: string; versionId: string }>('POST', '/workflows', {
			name: workflow.name ?? `test ${randomUUID().slice(0, 8)}`,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: { executionOrder: 'v1', ...(workflow.settings ?? {}) },
			active: false,
		});
		return { id: created.id, versionId: created.versionId };
	}

	async publish(workflowId: string): Promise<void> {
		const workflow = await this.rest<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	}

	async unpublish(workflowId: string): Promise<void> {
		await this.rest('POST', `/workflows/${workflowId}/deactivate`, {});
	}

	async getWorkflow(workflowId: string): Promise<any> {
		return await this.rest('GET', `/workflows/${workflowId}`);
	}

	/**
	 * All executions of a workflow, newest first. n8n serves at most 100 per page, and its
	 * `lastId` cursor is refused past the first page and cuts pages by id while ordering them by
	 * start time, so pages are walked with `startedBefore` and checked against n8n's own count.
	 * n8n reads running executions, finished ones and the count in three concurrent queries, so
	 * an execution that finishes while they run can be in the count and in neither list: a short
	 * listing is read again, and only one that stays short is an error.
	 */
	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		let shortBy = '';
		for (let attempt = 0; attempt < 5; attempt++) {
			const { all, count } = await this.listExecutionsOnce(workflowId);
			if (all.length >= count) return all;
			shortBy = `listed ${all.length} executions of workflow ${workflowId}, n8n counts ${count}`;
			await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
		}
		throw new Error(`${shortBy} (read 5 times)`);
	}

	private async listExecutionsOnce(workflowId: string): Promise<{ all: ExecutionSummary[]; count: number }> {
		const finished = (execution: ExecutionSummary) => Boolean(execution.stoppedAt) || ['success', 'error', 'crashed', 'canceled'].includes(execution.status);
		const byId = new Map<string, ExecutionSummary>();
		let before: string | undefined;
		let finishedCount: number | undefined;
		for (let page = 0; page < 10_000; page++) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId, ...(before ? { startedBefore: before } : {}) }));
			const response = await this.rest<{ results: ExecutionSummary[]; count: number }>('GET', `/executions?filter=${filter}&limit=100`);
			finishedCount ??= response.count;
			const sizeBefore = byId.size;
			for (const execution of response.results) byId.set(String(execution.id), execution);
			const completed = response.results.filter((execution) => execution.startedAt && finished(execution));
			if (completed.length < 100) break;
			if (byId.size === sizeBefore) throw new Error(`more than 100 executions of workflow ${workflowId} started in the same millisecond; cannot page`);
			before = completed.reduce((oldest, execution) => (Date.parse(execution.startedAt!) < Date.parse(oldest) ? execution.startedAt! : oldest), completed[0].startedAt!);
		}
		// n8n's count is of finished executions; the listing also holds queued and running ones.
		return { all: [...byId.values()].sort((a, b) => Number(b.id) - Number(a.id)), count: finishedCount ?? 0 };
	}

	/** The full run data of an execution, parsed from n8n's storage format. */
	async getExecution(id: string): Promise<{ status: string; data: any; workflowData: any }> {
		const execution = await this.rest<{ status: string; data: string; workflowData: any }>('GET', `/executions/${id}`);
		return { status: execution.status, data: flatted.parse(execution.data), workflowData: execution.workflowData };
	}

	/**
	 * Runs a saved workflow now from one of its triggers, as the editor's "Execute workflow"
	 * button does (mode 'manual'), and returns the finished execution's id.
	 */
	async runManually(workflowId: string, triggerName: string, timeoutMs = 20_000): Promise<string> {
		const started = await this.rest<{ executionId?: string }>('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } });
		const executionId = started.executionId;
		if (!executionId) throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(started)}`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.rest<{ status: string; stoppedAt?: string }>('GET', `/executions/${executionId}`).catch(() => undefined);
			if (execution && (execution.stoppedAt || ['success', 'error', 'crashed', 'canceled'].includes(execution.status))) return executionId;
			if (Date.now() > deadline) throw new Error(`manual execution ${executionId} of workflow ${workflowId} did not finish in ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** Waits until the workflow has `count` finished executions and returns them, newest first. */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 20_000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const executions = (await this.listExecutions(workflowId)).filter((execution) => execution.stoppedAt || ['success', 'error', 'crashed'].includes(execution.status));
			if (executions.length >= count) return executions;
			if (Date.now() > deadline) throw new Error(`expected ${count} finished executions of workflow ${workflowId}, found ${executions.length}`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}
