// Lint in two parts. The package's source (nodes/, credentials/, package.json) gets n8n's
// community-node rule sets as `n8n-node lint` (@n8n/node-cli) applies them; `npm run lint` passes
// --no-inline-config so eslint-disable comments don't count. n8n's verification scanner itself,
// with the rule versions it pins, runs next over the source and the packed tarball
// (scripts/n8n-scan.mjs).
// Tests and tooling get an ordinary TypeScript block.
import tsParser from '@typescript-eslint/parser';
import tseslint from 'typescript-eslint';
import jsoncParser from 'jsonc-eslint-parser';
import globals from 'globals';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default [
	{ ignores: ['node_modules/**', 'runtime/**', 'coverage/**', '.n8n-local/**', 'test/e2e/.work/**'] },
	{
		files: shipped,
		languageOptions: { parser: tsParser, sourceType: 'module' },
		...n8nCommunityNodesPlugin.configs.recommended,
		rules: { ...n8nCommunityNodesPlugin.configs.recommended.rules, 'no-console': 'error' },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...n8nCommunityNodesPlugin.configs.recommended.plugins },
		rules: {
			...n8nNodesBase.configs.community.rules,
			...n8nCommunityNodesPlugin.configs.recommended.rules,
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		// The same overrides n8n's node-cli applies to these older rule sets.
		rules: { ...n8nNodesBase.configs.credentials.rules, 'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off' },
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['test/**/*.ts', 'scripts/**/*.ts'] })),
	{
		files: ['test/**/*.ts', 'scripts/**/*.{ts,js,mjs}', 'gulpfile.js', 'jest.config.js'],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
];
