/**
 * Poll times for tests of polling triggers. n8n refuses a schedule that fires more than once a
 * minute ("The polling interval is too short"), but accepts several poll times, each a cron
 * expression with one fixed second: twelve of them poll every 5 seconds.
 */
export const EVERY_5_SECONDS = {
	item: Array.from({ length: 12 }, (_, i) => ({ mode: 'custom', cronExpression: `${i * 5} * * * * *` })),
};
