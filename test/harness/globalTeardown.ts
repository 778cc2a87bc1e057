export default async function globalTeardown(): Promise<void> {
	const n8n = (globalThis as any).__kickN8n as { stop(): Promise<void> } | undefined;
	await n8n?.stop();
}
