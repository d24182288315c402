/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Shared set-up for the node tests: the simulator, credentials pointing at it, fixture images, a
 * loopback file server for URL mode, and runNode with the node's defaults.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	ICredentialDataDecryptedObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { HuaweiPassportOcr } from '../../../../nodes/HuaweiPassportOcr/HuaweiPassportOcr.node';
import { forgetLearnedPaces } from '../../../../nodes/HuaweiPassportOcr/transport/sharedPacer';
import { badFileName, committedImagePath, ensureGeneratedFixture } from '../../../fixtures';
import type { BadFileKind } from '../../../fixtures';
import { runNode } from '../../../harness';
import type { FeedItem, RunNodeOptions, RunNodeResult } from '../../../harness';
import { startSimulator } from '../../../simulator';
import type { Edition, Simulator, SimulatorOptions } from '../../../simulator';

export type { Simulator };
export { startSimulator };

export const NODE_TYPE = 'huaweiPassportOcr';

/** A custom region whose OCR and IAM endpoints are the simulator. */
const simulatorRegion = (sim: Simulator): ICredentialDataDecryptedObject => ({
	region: 'custom',
	customRegion: sim.config.region,
	edition: sim.knobs().edition,
	ocrEndpoint: sim.url,
	iamEndpoint: sim.url,
});

export function iamCredentials(
	sim: Simulator,
	patch: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		...simulatorRegion(sim),
		domainName: sim.config.account,
		userName: sim.config.user,
		password: sim.config.password,
		...patch,
	};
}

export function akskCredentials(
	sim: Simulator,
	patch: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		...simulatorRegion(sim),
		accessKey: sim.config.accessKey,
		secretKey: sim.config.secretKey,
		projectId: sim.config.projectId,
		...patch,
	};
}

export const image = (file: string): Buffer => readFileSync(committedImagePath(file));
export const badImage = (kind: BadFileKind): Buffer =>
	readFileSync(
		kind === 'huge' ? ensureGeneratedFixture('huge') : committedImagePath(badFileName(kind)),
	);

export const binaryItem = (
	data: Buffer,
	json: INodeExecutionData['json'] = {},
	fileName = 'passport.jpg',
): FeedItem => ({
	json,
	binary: { data: { data, fileName, mimeType: 'application/octet-stream' } },
});

/** Fast retries for tests: the schedule is the same, just in milliseconds. */
export const FAST_OPTIONS = { retryDelay: 5, timeout: 10000 };

export interface RunOptions extends Partial<Omit<RunNodeOptions, 'parameters'>> {
	parameters?: INodeParameters;
	credentialType?: 'huaweiCloudApi' | 'huaweiCloudAkSkApi';
	credentialData?: ICredentialDataDecryptedObject;
	/**
	 * Keep the pace earlier runs learned (transport/pacing.ts). By default each run starts like the
	 * first run in a fresh n8n process: every test's harness credential has the same id, and a pace
	 * learned under one test's throttling must not slow the next test down.
	 */
	keepLearnedPace?: boolean;
}

/** Runs the node against the simulator with the IAM credential unless told otherwise. */
export async function runOcr(sim: Simulator, options: RunOptions = {}): Promise<RunNodeResult> {
	if (!options.keepLearnedPace) forgetLearnedPaces();
	const credentialType = options.credentialType ?? 'huaweiCloudApi';
	const credentialData =
		options.credentialData ??
		(credentialType === 'huaweiCloudApi' ? iamCredentials(sim) : akskCredentials(sim));
	const parameters: INodeParameters = {
		operation: 'recognize',
		authentication: credentialType,
		imageSource: 'binaryData',
		...options.parameters,
		options: {
			...FAST_OPTIONS,
			...((options.parameters?.options as INodeParameters | undefined) ?? {}),
		},
	};
	return await runNode({
		nodeType: NODE_TYPE,
		nodeTypes: [new HuaweiPassportOcr()],
		items: options.items,
		// Ignored by the harness for a type the store already holds.
		credentials: { [credentialType]: credentialData },
		credentialStore: options.credentialStore,
		continueOnFail: options.continueOnFail,
		onError: options.onError,
		binaryMode: options.binaryMode,
		workflowBinaryMode: options.workflowBinaryMode,
		parameters,
	});
}

export async function withSimulator(
	edition: Edition = 'international',
	options: SimulatorOptions = {},
) {
	return await startSimulator({ edition, ...options });
}

/**
 * A simulator for the enclosing describe block (started before its tests, stopped after), used like
 * the simulator itself: the returned object forwards to the one currently running.
 */
export function useSimulator(
	edition: Edition = 'international',
	options: SimulatorOptions = {},
): Simulator {
	let current: Simulator | undefined;
	beforeAll(async () => {
		current = await withSimulator(edition, options);
	});
	afterAll(async () => await current?.stop());
	return new Proxy({} as Simulator, {
		get: (_target, key) => {
			if (!current)
				throw new Error(
					'useSimulator: the simulator runs only inside the tests of its describe block',
				);
			return current[key as keyof Simulator];
		},
	});
}

/** Back to a calm simulator between tests: no throttling, latency or faults, all counters at zero. */
export function calmSimulator(sim: Simulator): void {
	sim.resetCounters();
	sim.setKnobs({
		subscribed: true,
		qps: 0,
		maxConcurrency: 0,
		latencyMs: 0,
		jitterMs: 0,
		faults: { rate5xx: 0, rateDrop: 0, rateMalformed: 0, rateSlow: 0 },
	});
}

/** Serves files on 127.0.0.1 for URL mode (the simulator only downloads from loopback). */
export async function startFileServer(files: Record<string, Buffer>) {
	const server = createServer((req, res) => {
		const body = files[(req.url ?? '/').slice(1)];
		if (!body) {
			res.writeHead(404).end('not found');
			return;
		}
		res
			.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length })
			.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: (name: string) => `http://127.0.0.1:${port}/${name}`,
		stop: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** json of every item of an output. */
export const jsonOf = (items: INodeExecutionData[] | undefined) =>
	(items ?? []).map((item) => item.json);
export const pairedOf = (items: INodeExecutionData[] | undefined) =>
	(items ?? []).map((item) => (item.pairedItem as { item: number } | undefined)?.item);
