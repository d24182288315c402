/** One run of the node through the test harness (n8n-core's WorkflowExecute), timed as n8n times it. */
import type { IDataObject } from 'n8n-workflow';

import type { BinaryMode, CredentialStore, FeedItem, RunNodeResult } from '../test/harness';
import { binaryItem, runOcr } from '../test/nodes/HuaweiPassportOcr/node/kit';
import { asSimulator, benchCredentials } from './simulator';
import type { SimulatorAddress } from './simulator';

/** The node's own defaults (the test kit shortens retries to milliseconds; the benchmark must not). */
const NODE_DEFAULT_TIMING = { retryDelay: 1000, timeout: 60000 };

export interface NodeRun {
	/** The node's execution time as n8n records it (excludes the feed node that stores the inputs). */
	ms: number;
	results: number;
	failed: number;
}

export interface NodeRunOptions {
	concurrency: number;
	binaryMode?: BinaryMode;
	credentialStore?: CredentialStore;
	options?: IDataObject;
	/** Start from the pace earlier runs in this process learned (default: as in a fresh process). */
	keepLearnedPace?: boolean;
}

function executionMs(result: RunNodeResult): number {
	const runData = result.run.data.resultData.runData;
	const [task] = Object.entries(runData).find(([name]) => name !== 'Feed')?.[1] ?? [];
	if (!task) throw new Error(`the node did not run: ${result.error?.message ?? 'no run data'}`);
	return task.executionTime;
}

export async function runNodeBatch(
	sim: SimulatorAddress,
	items: FeedItem[],
	options: NodeRunOptions,
): Promise<NodeRun> {
	const result = await runOcr(asSimulator(sim), {
		items,
		credentialData: benchCredentials(sim),
		credentialStore: options.credentialStore,
		binaryMode: options.binaryMode,
		continueOnFail: true,
		keepLearnedPace: options.keepLearnedPace,
		parameters: {
			options: { ...NODE_DEFAULT_TIMING, concurrency: options.concurrency, ...options.options },
		},
	});
	if (result.error) throw result.error;
	const outputs = result.outputs.flat();
	const failed = outputs.filter((item) => item.json.error !== undefined).length;
	return { ms: executionMs(result), results: outputs.length - failed, failed };
}

export const imageItems = (imageFor: (index: number) => Buffer, count: number): FeedItem[] =>
	Array.from({ length: count }, (_, index) =>
		binaryItem(imageFor(index), { index }, `passport-${index}.jpg`),
	);
