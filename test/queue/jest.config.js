/**
 * n8n in queue mode (docs/scaling.md): Redis, PostgreSQL, one main and two workers, under load.
 * Separate from the unit and e2e tests: one file, serial, long timeouts. The package is built and
 * packed once by the e2e global setup.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	transform: {
		'^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
	},
	testMatch: ['<rootDir>/test/queue/**/*.queue.ts'],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/test/e2e/.n8n/'],
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	maxWorkers: 1,
	testTimeout: 600_000,
	slowTestThreshold: 300,
};
