/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import { freePort, waitFor } from './ports';

/** What GET /__sim/config answers: the ready-made user and keys (see test/simulator). */
export interface SimulatorInfo {
	region: string;
	account: string;
	user: string;
	password: string;
	accessKey: string;
	secretKey: string;
	projectId: string;
	url: string;
}

export interface SimulatorCounters {
	requests: number;
	iam: { tokens: number; failed: number; projects: number };
	ocr: {
		total: number;
		maxInFlight: number;
		byStatus: Record<string, number>;
		byCode: Record<string, number>;
		byAuth: Record<string, number>;
	};
	downloads: { total: number; failed: number };
}

export interface SimulatorProcess {
	url: string;
	info: SimulatorInfo;
	process: ChildProcess;
	counters(): Promise<SimulatorCounters>;
	reset(): Promise<void>;
	knobs(patch: Record<string, unknown>): Promise<void>;
	expireTokens(): Promise<void>;
	stop(): Promise<void>;
}

async function admin(
	url: string,
	method: 'GET' | 'POST',
	path: string,
	body?: unknown,
): Promise<unknown> {
	const response = await fetch(`${url}${path}`, {
		method,
		headers: body === undefined ? undefined : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await response.json();
	if (!response.ok)
		throw new Error(`simulator ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
	return json;
}

/**
 * Starts the simulator as its own process, the way a user runs it (`npm run simulator -- --port P`;
 * the npm wrapper is skipped so the process we stop is the server itself).
 */
export async function startSimulatorProcess(
	options: { port?: number; logFile?: string; args?: string[] } = {},
): Promise<SimulatorProcess> {
	const port = options.port ?? (await freePort());
	const child = spawn(
		process.execPath,
		[
			'-r',
			'@swc-node/register',
			join(REPO_ROOT, 'test', 'simulator', 'cli.ts'),
			'--port',
			String(port),
			...(options.args ?? []),
		],
		{ cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const record = (chunk: Buffer) => {
		if (options.logFile) appendFileSync(options.logFile, chunk.toString());
	};
	child.stdout?.on('data', record);
	child.stderr?.on('data', record);
	let exitCode: number | null | undefined;
	child.on('exit', (code) => {
		exitCode = code;
	});
	const url = `http://127.0.0.1:${port}`;
	const stop = () =>
		new Promise<void>((done) => {
			if (exitCode !== undefined) return done();
			child.once('exit', () => done());
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 5000).unref();
		});
	let info: SimulatorInfo;
	try {
		info = await waitFor(
			async () => (await admin(url, 'GET', '/__sim/config')) as SimulatorInfo,
			'the simulator to listen',
			60_000,
			() => (exitCode !== undefined ? `the simulator exited with ${exitCode}` : undefined),
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		url,
		info,
		process: child,
		counters: async () => (await admin(url, 'GET', '/__sim/counters')) as SimulatorCounters,
		reset: async () => void (await admin(url, 'POST', '/__sim/reset')),
		knobs: async (patch) => void (await admin(url, 'POST', '/__sim/knobs', patch)),
		expireTokens: async () => void (await admin(url, 'POST', '/__sim/expire-tokens')),
		stop,
	};
}
