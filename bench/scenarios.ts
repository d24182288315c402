/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The timed figures. Each one measures the node and its reference in the same run, against the same
 * child-process simulator, with the simulator knobs the issue names.
 */
import { readFileSync } from 'node:fs';

import { ensureGeneratedFixture } from '../test/fixtures';
import { CredentialStore } from '../test/harness';
import { imageItems, runNodeBatch } from './nodeRun';
import { runPlainClient } from './plainClient';
import type { PlainClient } from './plainClient';
import { median, seconds } from './rows';
import type { Row } from './rows';
import type { SimulatorProcess } from './simulator';

export interface Sizes {
	overheadSmall: number;
	overheadLarge: number;
	concurrencyItems: number;
	throttleItems: number;
	tokenItems: number;
	memoryItems: [number, number];
	repeats: number;
	/** Single-item executions started at once (bursts.ts). */
	burstExecutions: number[];
}

// Batches large enough that per-run fixed costs (token exchange, first call) weigh as they do in real
// batches of hundreds, small enough for the whole run to take minutes.
export const FULL: Sizes = {
	overheadSmall: 300,
	overheadLarge: 100,
	concurrencyItems: 200,
	throttleItems: 200,
	tokenItems: 100,
	memoryItems: [100, 1000],
	repeats: 3,
	burstExecutions: [60, 200],
};

export const QUICK: Sizes = {
	overheadSmall: 40,
	overheadLarge: 8,
	concurrencyItems: 20,
	throttleItems: 40,
	tokenItems: 20,
	memoryItems: [20, 200],
	repeats: 1,
	burstExecutions: [20],
};

const OVERHEAD_CONCURRENCY = 5;
const OVERHEAD_TARGET = 1.15;
const LATENCY_MS = 300;
/** The node's default (maximum) Concurrency. */
const CONCURRENCY = 10;
const CONCURRENCY_TARGET = 1.05;
/** Account limits tried; the judged one (and the one the second run repeats) first. */
const QPS_LIMITS = [10, 5, 20];
const THROTTLE_TARGET = 1.2;
const TOKEN_RUNS = 3;

/** The references the node is judged against (connections kept alive, as any script would). */
const PLAIN_CLIENTS: PlainClient[] = ['fetch', 'axios'];
/** Also timed, for information: every request on a new connection, like n8n-core's HTTP layer. */
const N8N_LIKE_CLIENT: PlainClient = 'axiosNoKeepAlive';
const TIMED_CLIENTS: PlainClient[] = [...PLAIN_CLIENTS, N8N_LIKE_CLIENT];

const NO_KNOBS = { latencyMs: 0, jitterMs: 0, qps: 0, maxConcurrency: 0 };

const sizedImage = (kind: 'jpeg-100kb' | 'jpeg-2mb') => readFileSync(ensureGeneratedFixture(kind));

/** Node vs plain clients, same images, same concurrency, no simulated latency: the node's own cost shows fully. */
export async function overhead(sim: SimulatorProcess, sizes: Sizes): Promise<Row[]> {
	await sim.knobs(NO_KNOBS);
	const rows: Row[] = [];
	for (const [kind, label, count] of [
		['jpeg-100kb', '100 KB', sizes.overheadSmall],
		['jpeg-2mb', '2 MB', sizes.overheadLarge],
	] as const) {
		const image = sizedImage(kind);
		const imageFor = () => image;
		// Warm-up (JIT, sockets, binary store) for all three, not counted.
		await runNodeBatch(sim, imageItems(imageFor, 3), { concurrency: OVERHEAD_CONCURRENCY });
		for (const client of TIMED_CLIENTS)
			await runPlainClient(sim, imageFor, 3, OVERHEAD_CONCURRENCY, client);
		const nodeMs: number[] = [];
		const plainMs: Record<PlainClient, number[]> = { fetch: [], axios: [], axiosNoKeepAlive: [] };
		let failed = 0;
		// Interleaved, so a burst of load from elsewhere hits all three alike.
		for (let repeat = 0; repeat < sizes.repeats; repeat++) {
			const node = await runNodeBatch(sim, imageItems(imageFor, count), {
				concurrency: OVERHEAD_CONCURRENCY,
			});
			nodeMs.push(node.ms);
			failed += node.failed;
			for (const client of TIMED_CLIENTS) {
				const plain = await runPlainClient(sim, imageFor, count, OVERHEAD_CONCURRENCY, client);
				plainMs[client].push(plain.ms);
				failed += plain.failed;
			}
		}
		// The reference is the faster plain client: the node must not look good by beating a slow one.
		const [fastest] = PLAIN_CLIENTS.map((client) => ({ client, ms: median(plainMs[client]) })).sort(
			(a, b) => a.ms - b.ms,
		);
		const node = median(nodeMs);
		const ratio = node / fastest.ms;
		rows.push({
			figure: `Overhead, ${count} × ${label} JPEG, concurrency ${OVERHEAD_CONCURRENCY}`,
			measured: `node ${seconds(node)}`,
			reference: PLAIN_CLIENTS.map(
				(client) => `${client} ${seconds(median(plainMs[client]))}`,
			).join(', '),
			ratio,
			target: `≤ ${OVERHEAD_TARGET}× the faster`,
			met: ratio <= OVERHEAD_TARGET && failed === 0,
			values: {
				count,
				nodeMs: node,
				fetchMs: median(plainMs.fetch),
				axiosMs: median(plainMs.axios),
				repeats: sizes.repeats,
				failed,
			},
		});
		const n8nLike = median(plainMs[N8N_LIKE_CLIENT]);
		rows.push({
			figure: '… vs axios with a new connection per request (as n8n-core does)',
			measured: `node ${seconds(node)}`,
			reference: `axios, no keep-alive ${seconds(n8nLike)}`,
			ratio: node / n8nLike,
			target: 'info',
			met: null,
			values: { count, nodeMs: node, axiosNoKeepAliveMs: n8nLike },
		});
	}
	return rows;
}

/**
 * 300 ms per call, no limit: the node at its default (maximum) concurrency vs the ideal N·latency/C,
 * and the same requests all sent at once (what n8n's HTTP Request node does by default).
 */
export async function concurrency(sim: SimulatorProcess, sizes: Sizes): Promise<Row[]> {
	await sim.knobs({ ...NO_KNOBS, latencyMs: LATENCY_MS });
	const image = sizedImage('jpeg-100kb');
	const imageFor = () => image;
	const count = sizes.concurrencyItems;
	const limitMs = (count * LATENCY_MS) / CONCURRENCY;
	const store = new CredentialStore();
	const cold = await runNodeBatch(sim, imageItems(imageFor, count), {
		concurrency: CONCURRENCY,
		credentialStore: store,
	});
	const warmMs: number[] = [];
	const plainSameMs: number[] = [];
	let failed = cold.failed;
	// Repeated and interleaved (a burst of load from elsewhere hits both alike); the medians are compared.
	for (let repeat = 0; repeat < sizes.repeats; repeat++) {
		const run = await runNodeBatch(sim, imageItems(imageFor, count), {
			concurrency: CONCURRENCY,
			credentialStore: store,
		});
		warmMs.push(run.ms);
		// What any client achieves at the same concurrency on this machine now: separates the node's
		// cost from a CPU shared with other work.
		const plain = await runPlainClient(sim, imageFor, count, CONCURRENCY);
		plainSameMs.push(plain.ms);
		failed += run.failed + plain.failed;
	}
	const allAtOnce = await runPlainClient(sim, imageFor, count, count);
	failed += allAtOnce.failed;
	const warm = { ms: median(warmMs) };
	const plainSame = { ms: median(plainSameMs) };
	return [
		{
			figure: `Concurrency ${CONCURRENCY}, ${count} items, ${LATENCY_MS} ms latency (token stored)`,
			measured: `node ${seconds(warm.ms)} (median of ${warmMs.map(seconds).join(', ')})`,
			reference: `N·latency/C ${seconds(limitMs)}`,
			ratio: warm.ms / limitMs,
			target: `≤ ${CONCURRENCY_TARGET}×`,
			met: warm.ms / limitMs <= CONCURRENCY_TARGET && failed === 0,
			values: {
				count,
				nodeMs: warm.ms,
				fastestMs: Math.min(...warmMs),
				slowestMs: Math.max(...warmMs),
				limitMs,
				repeats: sizes.repeats,
				failed,
			},
		},
		{
			figure: '… first run (token exchange included)',
			measured: `node ${seconds(cold.ms)}`,
			reference: `N·latency/C ${seconds(limitMs)}`,
			ratio: cold.ms / limitMs,
			target: 'info',
			met: null,
			values: { count, nodeMs: cold.ms, limitMs, failed },
		},
		{
			figure: `… vs a plain client at the same concurrency (${CONCURRENCY})`,
			measured: `node ${seconds(warm.ms)}`,
			reference: `fetch ${seconds(plainSame.ms)}`,
			ratio: warm.ms / plainSame.ms,
			target: 'info',
			met: null,
			values: { count, nodeMs: warm.ms, plainSameMs: plainSame.ms },
		},
		{
			figure: '… vs all items at once (HTTP Request node default), no limit',
			measured: `node ${seconds(warm.ms)}`,
			reference: `${count} at once (fetch) ${seconds(allAtOnce.ms)}`,
			ratio: warm.ms / allAtOnce.ms,
			target: 'info',
			met: null,
			values: { count, nodeMs: warm.ms, allAtOnceMs: allAtOnce.ms },
		},
	];
}

/**
 * The simulator's gateway capped at 5, 10 and 20 QPS (429 APIGW.0308 with Retry-After: 1), 300 ms
 * per call, the node with its defaults (Concurrency 10, Max Retries 3, Retry Delay 1 s): nothing
 * may fail, and the run must stay within 1.2 × N/QPS. Each run starts as in a fresh process (no
 * learned pace); then a second run at 10 QPS with the same credential, starting from the learned pace.
 */
export async function throttling(sim: SimulatorProcess, sizes: Sizes): Promise<Row[]> {
	const image = sizedImage('jpeg-100kb');
	const count = sizes.throttleItems;
	const rows: Row[] = [];
	const run = async (qps: number, store: CredentialStore, keepLearnedPace: boolean) => {
		await sim.knobs({ ...NO_KNOBS, latencyMs: LATENCY_MS, qps });
		await sim.reset();
		const result = await runNodeBatch(
			sim,
			imageItems(() => image, count),
			{ concurrency: CONCURRENCY, credentialStore: store, keepLearnedPace },
		);
		const throttled = (await sim.counters()).ocr.byStatus['429'] ?? 0;
		return { ...result, throttled, idealMs: (count / qps) * 1000 };
	};
	const row = (figure: string, qps: number, result: Awaited<ReturnType<typeof run>>): Row => {
		const ratio = result.ms / result.idealMs;
		return {
			figure,
			measured: `node ${seconds(result.ms)}, ${result.failed} failed, ${result.throttled} × 429`,
			reference: `N/QPS ${seconds(result.idealMs)}`,
			ratio,
			target: `0 failed, ≤ ${THROTTLE_TARGET}×`,
			met: result.failed === 0 && result.results === count && ratio <= THROTTLE_TARGET,
			values: {
				count,
				qps,
				nodeMs: result.ms,
				idealMs: result.idealMs,
				failed: result.failed,
				throttled: result.throttled,
			},
		};
	};
	const judged = new CredentialStore();
	for (const qps of QPS_LIMITS) {
		const result = await run(qps, qps === QPS_LIMITS[0] ? judged : new CredentialStore(), false);
		rows.push(
			row(
				`Throttling, ${count} items at ${qps} QPS, ${LATENCY_MS} ms latency (defaults, first run)`,
				qps,
				result,
			),
		);
	}
	// The gateway's bucket fills up again between runs, as between two scheduled executions.
	await new Promise((resolve) => setTimeout(resolve, 1500));
	const second = await run(QPS_LIMITS[0], judged, true);
	rows.push(
		row(
			`… second run at ${QPS_LIMITS[0]} QPS, same credential (learned pace)`,
			QPS_LIMITS[0],
			second,
		),
	);
	return rows;
}

/** Three runs sharing one credential store (as n8n shares its database): one token exchange in all. */
export async function tokenReuse(sim: SimulatorProcess, sizes: Sizes): Promise<Row[]> {
	await sim.knobs(NO_KNOBS);
	await sim.reset();
	const image = sizedImage('jpeg-100kb');
	const store = new CredentialStore();
	let failed = 0;
	for (let run = 0; run < TOKEN_RUNS; run++) {
		failed += (
			await runNodeBatch(
				sim,
				imageItems(() => image, sizes.tokenItems),
				{ concurrency: 3, credentialStore: store },
			)
		).failed;
	}
	const counters = await sim.counters();
	const calls = counters.iam.tokens + counters.iam.failed;
	return [
		{
			figure: `Token reuse, ${TOKEN_RUNS} runs × ${sizes.tokenItems} items`,
			measured: `${calls} IAM token call${calls === 1 ? '' : 's'}`,
			reference: `${counters.ocr.total} OCR calls`,
			ratio: null,
			target: '1 IAM call',
			met: calls === 1 && failed === 0,
			values: { iamCalls: calls, ocrCalls: counters.ocr.total, failed },
		},
	];
}
