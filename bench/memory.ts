/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Peak RSS for N and 10·N items of 1 MB, each measured in a fresh process (a process's peak never goes
 * down, so one process cannot measure two sizes honestly). The simulator stays in its own process.
 *
 * Binary mode matters more than the node: in n8n's default mode every item's binary is held in memory
 * by n8n itself (the feed node's output), so 1000 × 1 MB costs ~1.3 GB whatever the node does. In
 * filesystem mode n8n keeps only references, and what remains is the node's own footprint — that is
 * the mode the flat-memory target is judged in; the default mode is shown for information.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { DOCUMENTS, makePassportImage } from '../test/fixtures';
import type { BinaryMode } from '../test/harness';
import { megabytes, seconds } from './rows';
import type { Row } from './rows';
import type { Sizes } from './scenarios';
import type { SimulatorProcess } from './simulator';

const run = promisify(execFile);
const MEMORY_TARGET = 1.2;
const CONCURRENCY = 3;
const ONE_MB = 1024 * 1024;

interface ChildResult {
	count: number;
	/** Peak after a one-item warm-up run: the fixed cost of n8n-core, the node and the harness. */
	baseRss: number;
	peakRss: number;
	wallMs: number;
	/** process.memoryUsage() after the run. */
	after: { rss: number; heapUsed: number; external: number; arrayBuffers: number };
	results: number;
	failed: number;
}

async function measure(
	sim: SimulatorProcess,
	count: number,
	imagePath: string,
	binaryMode: BinaryMode,
): Promise<ChildResult> {
	// The child's binary store (filesystem mode) goes to a temp folder removed afterwards.
	const scratch = mkdtempSync(join(tmpdir(), 'bench-memory-'));
	try {
		const argument = JSON.stringify({
			sim: { url: sim.url, info: sim.info },
			count,
			imagePath,
			binaryMode,
			concurrency: CONCURRENCY,
		});
		const { stdout } = await run(
			process.execPath,
			[
				'-r',
				'@swc-node/register',
				'-r',
				join(__dirname, 'preferTypeScript.ts'),
				join(__dirname, 'memoryChild.ts'),
				argument,
			],
			{
				cwd: join(__dirname, '..'),
				env: { ...process.env, TMPDIR: scratch },
				maxBuffer: 1024 * 1024,
			},
		);
		return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

function memoryRows(
	mode: BinaryMode,
	small: ChildResult,
	large: ChildResult,
	judged: boolean,
): Row[] {
	const ratio = large.peakRss / small.peakRss;
	const failed = small.failed + large.failed;
	return [
		{
			figure: `Memory, ${mode} binary mode, 1 MB JPEGs, concurrency ${CONCURRENCY}`,
			measured: `${large.count} items: peak ${megabytes(large.peakRss)} (${seconds(large.wallMs)})`,
			reference: `${small.count} items: peak ${megabytes(small.peakRss)}`,
			ratio,
			target: judged ? `≤ ${MEMORY_TARGET}×` : 'info',
			met: judged ? ratio <= MEMORY_TARGET && failed === 0 && large.results === large.count : null,
			values: {
				smallCount: small.count,
				largeCount: large.count,
				smallPeakRss: small.peakRss,
				largePeakRss: large.peakRss,
				smallBaseRss: small.baseRss,
				largeBaseRss: large.baseRss,
				largeWallMs: large.wallMs,
				largeHeapUsedAfter: large.after.heapUsed,
				failed,
			},
		},
	];
}

export async function memory(
	sim: SimulatorProcess,
	sizes: Sizes,
	modes: BinaryMode[] = ['filesystem', 'default'],
): Promise<Row[]> {
	await sim.knobs({ latencyMs: 0, jitterMs: 0, qps: 0, maxConcurrency: 0 });
	const folder = mkdtempSync(join(tmpdir(), 'bench-image-'));
	const imagePath = join(folder, 'passport-1mb.jpg');
	writeFileSync(
		imagePath,
		makePassportImage({ truth: DOCUMENTS['icao-specimen'], format: 'jpeg', targetBytes: ONE_MB }),
	);
	try {
		const rows: Row[] = [];
		for (const mode of modes) {
			const small = await measure(sim, sizes.memoryItems[0], imagePath, mode);
			const large = await measure(sim, sizes.memoryItems[1], imagePath, mode);
			rows.push(...memoryRows(mode, small, large, mode === 'filesystem'));
		}
		return rows;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
