/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * npm run bench [-- --quick] [--json] [--only overhead,concurrency,throttling,bursts,tokens,memory,pdf,body]
 *
 * Runs the node through the test harness (n8n-core's WorkflowExecute) against the simulator in a
 * child process, and prints one table: each figure beside the reference measured in the same run,
 * and its target. Targets live here, never in tests. See docs/benchmarks.md for the last full run.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

import { body } from './body';
import { bursts } from './bursts';
import { memory } from './memory';
import { pdf } from './pdf';
import { formatTable } from './rows';
import type { Row } from './rows';
import { concurrency, FULL, overhead, QUICK, throttling, tokenReuse } from './scenarios';
import type { Sizes } from './scenarios';
import { startBenchSimulator } from './simulator';
import type { SimulatorProcess } from './simulator';

type Scenario = (sim: SimulatorProcess, sizes: Sizes) => Promise<Row[]>;

const SCENARIOS: Record<string, Scenario> = {
	overhead,
	concurrency,
	throttling,
	bursts,
	tokens: tokenReuse,
	memory,
	pdf,
	body,
};

function machine() {
	return {
		cpus: availableParallelism(),
		cpuModel: cpus()[0]?.model ?? 'unknown',
		memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
	};
}

const load = () =>
	loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean', default: false },
			json: { type: 'boolean', default: false },
			only: { type: 'string' },
		},
	});
	const names = values.only
		? values.only.split(',').map((name) => name.trim())
		: Object.keys(SCENARIOS);
	const unknown = names.filter((name) => !SCENARIOS[name]);
	if (unknown.length)
		throw new Error(
			`unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(SCENARIOS).join(', ')}`,
		);
	const sizes = values.quick ? QUICK : FULL;
	const started = new Date();
	const loadBefore = load();
	const log = (line: string) => {
		if (!values.json) process.stdout.write(`${line}\n`);
	};
	log(
		`bench ${values.quick ? '(quick)' : '(full)'}: ${names.join(', ')} — load average ${loadBefore}`,
	);
	const sim = await startBenchSimulator();
	const rows: Row[] = [];
	try {
		for (const name of names) {
			const began = Date.now();
			rows.push(...(await SCENARIOS[name](sim, sizes)));
			log(`  ${name} done in ${((Date.now() - began) / 1000).toFixed(1)} s`);
		}
	} finally {
		await sim.stop();
	}
	const report = {
		date: started.toISOString(),
		command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		mode: values.quick ? 'quick' : 'full',
		machine: machine(),
		loadAverage: { before: loadBefore, after: load() },
		durationSeconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
		rows,
		allTargetsMet: rows.every((row) => row.met !== false),
	};
	if (values.json) {
		process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
		return;
	}
	const { cpus: cores, cpuModel, memoryGb, node, platform } = report.machine;
	log('');
	log(formatTable(rows));
	log('');
	log(
		`${report.date} · ${report.command} · ${cores} CPUs (${cpuModel}), ${memoryGb} GB, Node ${node}, ${platform}`,
	);
	log(
		`load average before ${report.loadAverage.before}, after ${report.loadAverage.after} · ${report.durationSeconds} s`,
	);
	log(
		report.allTargetsMet
			? 'Every target met.'
			: 'Some targets NOT met: see docs/benchmarks.md for why.',
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
