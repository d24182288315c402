/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The process-wide services n8n-core looks up in its DI container, set up once for tests:
 * a log-capturing Logger, a quiet ErrorReporter, fake InstanceSettings (so nothing is written to
 * ~/.n8n), and the real BinaryDataService in the mode asked for.
 */
import './jestShims';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BinaryDataService, ErrorReporter, InstanceSettings } from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type { BinaryDataConfig } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';

export type BinaryMode = 'default' | 'filesystem';

/** Every log line n8n-core or a node wrote, with its metadata serialised: searchable for secrets. */
export const capturedLogs: string[] = [];

function serialise(metadata: unknown): string {
	if (metadata === undefined) return '';
	try {
		return (
			' ' +
			JSON.stringify(metadata, (_key, value: unknown) =>
				value instanceof Error
					? { name: value.name, message: value.message, stack: value.stack }
					: value,
			)
		);
	} catch {
		return ' [unserialisable metadata]';
	}
}

function createCapturingLogger() {
	const write = (level: string) => (message: string, metadata?: unknown) => {
		capturedLogs.push(`${level}: ${message}${serialise(metadata)}`);
	};
	const logger = {
		error: write('error'),
		warn: write('warn'),
		info: write('info'),
		debug: write('debug'),
		scoped: () => logger,
	};
	return logger;
}

let binaryMode: BinaryMode | undefined;
let binaryFolder: string | undefined;

/** Idempotent; switching the binary mode re-creates the BinaryDataService. */
export async function setUpEnvironment(mode: BinaryMode = 'default'): Promise<void> {
	if (binaryMode === mode) return;
	const logger = createCapturingLogger();
	Container.set(Logger, logger as unknown as Logger);
	LoggerProxy.init(logger);
	binaryFolder ??= mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	const errorReporter = { error: () => {}, warn: () => {}, info: () => {} };
	Container.set(ErrorReporter, errorReporter as unknown as ErrorReporter);
	Container.set(InstanceSettings, {
		n8nFolder: binaryFolder,
		encryptionKey: 'harness-encryption-key',
		instanceId: 'harness-instance',
		instanceType: 'main',
		isLeader: true,
	} as unknown as InstanceSettings);
	const config = {
		mode,
		availableModes: ['filesystem'],
		localStoragePath: join(binaryFolder, 'binaryData'),
		signingSecret: 'harness-signing-secret',
		dbMaxFileSize: 512,
	} as unknown as BinaryDataConfig;
	const service = new BinaryDataService(
		config,
		errorReporter as unknown as ErrorReporter,
		logger as unknown as Logger,
	);
	await service.init();
	Container.set(BinaryDataService, service);
	// Every ExecuteContext asks for this singleton, whose 60 s cleanup interval would keep Jest alive.
	(
		Container.get(SSHClientsManager) as unknown as { cleanupTimer?: NodeJS.Timeout }
	).cleanupTimer?.unref();
	binaryMode = mode;
}

export function binaryDataService(): BinaryDataService {
	return Container.get(BinaryDataService);
}
