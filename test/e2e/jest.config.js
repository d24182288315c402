/**
 * End-to-end tests against a real n8n@2.0.3 (see README.md here). Separate from the unit tests:
 * serial (each scenario boots n8n), long timeouts, and only files named *.e2e.ts.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	transform: {
		'^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
	},
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
	modulePathIgnorePatterns: [
		'<rootDir>/dist/',
		'<rootDir>/test/e2e/.n8n/',
		'<rootDir>/test/e2e/.runs/',
	],
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	maxWorkers: 1,
	testTimeout: 600_000,
	slowTestThreshold: 120,
};
