/**
 * How the trigger settings readers get a node parameter: `this.getNodeParameter` in n8n, a plain
 * object in unit tests. Each trigger's settings module reads its parameters through one.
 */
export type ParameterGetter = (name: string, fallback: unknown) => unknown;
