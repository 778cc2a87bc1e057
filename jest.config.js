/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/emulator/**/*.test.ts'],
		},
		{
			// Runs inside a real n8n (started once in globalSetup) against the Kick emulator.
			displayName: 'n8n',
			testEnvironment: 'node',
			transform,
			// test/browser: the same n8n in its editor, through headless Chromium.
			testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts', '<rootDir>/test/browser/**/*.test.ts'],
			globalSetup: '<rootDir>/test/harness/globalSetup.ts',
			globalTeardown: '<rootDir>/test/harness/globalTeardown.ts',
		},
		{
			// The same checks on every n8n line the package supports (runtime/n8n, runtime/n8n-1).
			displayName: 'compat',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/compat/**/*.test.ts'],
			globalSetup: '<rootDir>/test/compat/globalSetup.ts',
		},
		{
			// n8n's queue mode: PostgreSQL, Redis, main, two webhook processes, a worker.
			displayName: 'queue',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/queue/**/*.test.ts'],
			globalSetup: '<rootDir>/test/queue/globalSetup.ts',
		},
	],
	testTimeout: 60000,
};
