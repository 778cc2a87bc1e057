/**
 * The three places where the Kick Trigger leans on how n8n works inside rather than on its
 * documented node API, each for the webhook firehose (most Kick deliveries start nothing, and
 * each costs n8n far less when answered here). Each is exercised on both n8n lines by the
 * compatibility suite (test/compat), so an n8n update that changes one fails a test, not a user.
 * (Where n8n saves a trigger's static data is the fourth assumption; deliveryLog.ts says what it
 * relies on.)
 */
import type { IDataObject, IExecuteFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

const answerBodies = new Map<string, Buffer>();

/**
 * Answers with `{ "message": … }` written to n8n's response directly and tells n8n so
 * (`noWebhookResponse`), instead of returning `webhookResponse` for n8n to serialize: one
 * prepared buffer per message, no per-request JSON work on the path that answers most deliveries.
 */
export function writeAnswer(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	let body = answerBodies.get(message);
	if (!body) {
		body = Buffer.from(JSON.stringify({ message }), 'utf8');
		answerBodies.set(message, body);
	}
	context.getResponseObject().writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
	return { noWebhookResponse: true };
}

/**
 * Whether a saved parameter value holds an expression. n8n stores expressions as strings that
 * start with "="; anything else is the plain value n8n would return for it.
 */
export function holdsExpression(value: unknown): boolean {
	return JSON.stringify(value ?? null).includes('"=');
}

/**
 * The trigger's Options in an execution: read from the saved node when they are plain values
 * (resolving them through n8n costs every execution more than the rest of the step), through
 * n8n when one of them is an expression.
 */
export function savedOptions(context: IExecuteFunctions): IDataObject {
	const saved = context.getNode().parameters.options;
	if (saved && typeof saved === 'object' && !holdsExpression(saved)) return saved as IDataObject;
	return (context.getNodeParameter('options', 0, {}) ?? {}) as IDataObject;
}
