/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * One memory measurement in a process of its own: N items of the same 1 MB JPEG through the node,
 * fed lazily (each item's bytes are a fresh copy made only when n8n's feed node asks for it, as if read
 * from disk), then the peak RSS of this process. Prints one JSON line.
 *
 * Argument: JSON { sim: SimulatorAddress, count, imagePath, binaryMode }.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import type { BinaryMode, FeedItem } from '../test/harness';
import { binaryItem } from '../test/nodes/HuaweiPassportOcr/node/kit';
import { runNodeBatch } from './nodeRun';
import type { SimulatorAddress } from './simulator';

interface ChildArguments {
	sim: SimulatorAddress;
	count: number;
	imagePath: string;
	binaryMode: BinaryMode;
	concurrency: number;
}

function* lazyItems(image: Buffer, count: number): Generator<FeedItem> {
	for (let index = 0; index < count; index++)
		yield binaryItem(Buffer.from(image), { index }, `passport-${index}.jpg`);
}

/** Peak resident set size so far, in bytes (the kernel's high-water mark). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function main(): Promise<void> {
	const args = JSON.parse(process.argv[2]) as ChildArguments;
	const image = readFileSync(args.imagePath);
	// One item first: loads n8n-core, the node and the binary store, so the base below is the fixed cost.
	await runNodeBatch(args.sim, [...lazyItems(image, 1)], {
		concurrency: args.concurrency,
		binaryMode: args.binaryMode,
	});
	const baseRss = peakRss();
	const started = performance.now();
	// The harness iterates its items once (for…of in the feed node): a generator keeps only the current one alive.
	const items = lazyItems(image, args.count) as unknown as FeedItem[];
	const run = await runNodeBatch(args.sim, items, {
		concurrency: args.concurrency,
		binaryMode: args.binaryMode,
	});
	const wallMs = performance.now() - started;
	// What is still held after the run (heap, buffers) next to the peak: tells GC slack from retention.
	const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
	const after = { rss, heapUsed, external, arrayBuffers };
	process.stdout.write(
		`${JSON.stringify({ count: args.count, baseRss, peakRss: peakRss(), wallMs, after, ...run })}\n`,
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
