/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Bursts of single-item executions (a form or mail webhook, many uploads at once): N runs of the node
 * started together in this process, one image each, the node's default options, one credential
 * (one store, as n8n's database), against the simulator's account-wide QPS limit. What paces them
 * is the pace the node shares per credential across executions; the wall time is the burst's, from
 * the first start to the last answer.
 */
import { readFileSync } from 'node:fs';

import { DEFAULTS } from '../nodes/HuaweiPassportOcr/actions/common/defaults';
import { forgetLearnedPaces } from '../nodes/HuaweiPassportOcr/transport/sharedPacer';
import { ensureGeneratedFixture } from '../test/fixtures';
import { CredentialStore } from '../test/harness';
import { imageItems, runNodeBatch } from './nodeRun';
import { seconds } from './rows';
import type { Row } from './rows';
import type { Sizes } from './scenarios';
import type { SimulatorProcess } from './simulator';

const LATENCY_MS = 300;
const BURST_QPS = [4, 10];
const TIME_TARGET = 1.3;
/** Refused calls allowed, as a share of the executions. */
const REFUSED_SHARE = 0.25;

export async function bursts(sim: SimulatorProcess, sizes: Sizes): Promise<Row[]> {
	const image = readFileSync(ensureGeneratedFixture('jpeg-100kb'));
	const rows: Row[] = [];
	for (const qps of BURST_QPS) {
		for (const executions of sizes.burstExecutions) {
			await sim.knobs({ latencyMs: LATENCY_MS, jitterMs: 0, qps, maxConcurrency: 0 });
			// A full bucket, as after a quiet minute; nothing learned, as in a freshly started n8n.
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await sim.reset();
			forgetLearnedPaces();
			const store = new CredentialStore();
			const started = performance.now();
			const runs = await Promise.all(
				Array.from(
					{ length: executions },
					async () =>
						await runNodeBatch(
							sim,
							imageItems(() => image, 1),
							{
								concurrency: DEFAULTS.concurrency,
								credentialStore: store,
								// Concurrent executions of one process: each must not reset what the others share.
								keepLearnedPace: true,
							},
						),
				),
			);
			const wallMs = performance.now() - started;
			const counters = await sim.counters();
			const failed = runs.reduce((sum, run) => sum + run.failed, 0);
			const results = runs.reduce((sum, run) => sum + run.results, 0);
			const refused = counters.ocr.byStatus['429'] ?? 0;
			const idealMs = (executions / qps) * 1000;
			const ratio = wallMs / idealMs;
			rows.push({
				figure: `Burst: ${executions} single-item executions at ${qps} QPS, ${LATENCY_MS} ms latency (defaults)`,
				measured: `${seconds(wallMs)}, ${failed} failed, ${refused} × 429, ${counters.iam.tokens} token(s)`,
				reference: `N/QPS ${seconds(idealMs)}`,
				ratio,
				target: `0 failed, ≤ ${TIME_TARGET}×, 429 ≤ ${executions * REFUSED_SHARE}`,
				met:
					failed === 0 &&
					results === executions &&
					ratio <= TIME_TARGET &&
					refused <= executions * REFUSED_SHARE,
				values: {
					executions,
					qps,
					wallMs,
					idealMs,
					failed,
					refused,
					tokens: counters.iam.tokens,
				},
			});
		}
	}
	return rows;
}
