/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * npm run simulator -- --port 9800 [--host 127.0.0.1] [--edition g42] [--region ap-southeast-1]
 *   [--latency 300] [--jitter 50] [--qps 10] [--token-ttl 60] [--seed 1]
 * Prints the endpoints and a ready-made IAM user and AK/SK, then serves until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';

import { startSimulator } from './index';
import type { Edition, KnobsPatch } from './types';

const USAGE =
	'usage: npm run simulator -- [--port 9800] [--host 127.0.0.1] [--edition international|g42] [--region ID] [--latency MS] [--jitter MS] [--qps N] [--token-ttl S] [--seed N]';

function numberOption(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isFinite(number) || number < 0)
		throw new Error(`--${name} must be a non-negative number`);
	return number;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '9800' },
			host: { type: 'string', default: '127.0.0.1' },
			edition: { type: 'string' },
			region: { type: 'string' },
			latency: { type: 'string' },
			jitter: { type: 'string' },
			qps: { type: 'string' },
			'token-ttl': { type: 'string' },
			seed: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return;
	}
	if (
		values.edition !== undefined &&
		values.edition !== 'international' &&
		values.edition !== 'g42'
	) {
		throw new Error('--edition must be international or g42');
	}
	const knobs: KnobsPatch = {
		latencyMs: numberOption('latency', values.latency),
		jitterMs: numberOption('jitter', values.jitter),
		qps: numberOption('qps', values.qps),
		tokenTtlSeconds: numberOption('token-ttl', values['token-ttl']),
		faults: { seed: numberOption('seed', values.seed) },
	};
	const simulator = await startSimulator({
		port: numberOption('port', values.port),
		host: values.host,
		edition: values.edition as Edition | undefined,
		region: values.region,
		knobs,
	});
	const { config } = simulator;
	console.log(
		[
			`Huawei Cloud simulator (${simulator.knobs().edition} edition, region ${config.region})`,
			`IAM URL:      ${simulator.iamUrl}`,
			`OCR URL:      ${simulator.ocrUrl}`,
			`Account:      ${config.account}`,
			`IAM user:     ${config.user}`,
			`Password:     ${config.password}`,
			`Project:      ${config.region} (id ${config.projectId})`,
			`Access key:   ${config.accessKey}`,
			`Secret key:   ${config.secretKey}`,
			`Admin:        GET ${simulator.url}/__sim/counters, POST /__sim/reset, POST /__sim/knobs, POST /__sim/expire-tokens`,
			'Ctrl+C stops it.',
		].join('\n'),
	);
	const stop = () => {
		simulator.stop().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(`${error.message}\n${USAGE}`);
	process.exit(1);
});
