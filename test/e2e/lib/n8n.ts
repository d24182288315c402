/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	appendFileSync,
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { FIXTURES_DIR, N8N_BIN, N8N_NODE_BIN, RUNS_DIR, RUNS_KEPT } from './paths';
import { freePort, waitFor } from './ports';

/** A fixed key so imported credentials (plain data) are encrypted the same way in every run. */
export const E2E_ENCRYPTION_KEY = 'e2e-fixed-encryption-key-not-a-secret';

/** One isolated n8n "home": its own user folder (SQLite DB, config) and one log of everything n8n printed. */
export interface N8nHome {
	userFolder: string;
	/** A folder workflows may write to (e.g. a CSV). */
	filesDir: string;
	logFile: string;
	/** Folder for the JSON files handed to `n8n import:*`. */
	importDir: string;
	env: NodeJS.ProcessEnv;
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** The environment that keeps n8n offline, quiet and isolated in `userFolder`. */
export function isolatedEnv(
	userFolder: string,
	extensionsDir: string,
	extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
	const keep = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR', 'SystemRoot'];
	const base: NodeJS.ProcessEnv = {};
	for (const name of keep) if (process.env[name] !== undefined) base[name] = process.env[name];
	// n8n's child processes (task runners) that look Node up on PATH get the same Node as n8n.
	base.PATH = [dirname(N8N_NODE_BIN), base.PATH].filter(Boolean).join(':');
	return {
		...base,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		N8N_CUSTOM_EXTENSIONS: extensionsDir,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_HIDE_USAGE_PAGE: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NODES_EXCLUDE: '[]',
		N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES: 'true',
		DB_SQLITE_POOL_SIZE: '1',
		// A Code node waits for n8n 2.x's task runner to start; on a loaded 2-core CI machine that takes
		// longer than n8n's default 60 s.
		N8N_RUNNERS_TASK_REQUEST_TIMEOUT: '300',
		NODE_ENV: 'production',
		...extra,
	};
}

/**
 * Whether a starting n8n serves its REST API. /healthz answers before any REST route exists; while
 * it migrates and loads, n8n 2.40.7 answers every path with 200 "n8n is starting up. Please wait"
 * (text, not JSON), and n8n 2.0.3 answers /rest/settings before it has registered every controller:
 * the settings must be JSON, and the login route must exist (an empty login is refused once it does;
 * 404 "Cannot POST /rest/login" before). Counting the start-up page as ready sent
 * logins into 404s and then into n8n's login rate limit (429) in CI.
 */
export async function restRoutesReady(url: string): Promise<boolean> {
	const settings = await fetch(`${url}/rest/settings`);
	if (!settings.ok) return false;
	try {
		if (!isJsonObject(JSON.parse(await settings.text()))) return false;
	} catch {
		return false;
	}
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	return login.status !== 404;
}

function isJsonObject(value: unknown): boolean {
	return typeof value === 'object' && value !== null;
}

/** A new folder name under RUNS_DIR, `<ISO timestamp>-<label>`; old run folders are pruned first. */
export function newRunDir(label: string): string {
	pruneOldRuns();
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	return join(RUNS_DIR, `${stamp}-${label}`);
}

/** A fresh n8n home in a new run folder (git-ignored); kept after the run for debugging. */
export async function createN8nHome(
	label: string,
	extensionsDir: string,
	extra: NodeJS.ProcessEnv = {},
	fileAccess: string[] = [FIXTURES_DIR],
): Promise<N8nHome> {
	return createN8nHomeAt(newRunDir(label), extensionsDir, extra, fileAccess);
}

/** Deletes all but the newest run folders (their names start with an ISO timestamp). */
function pruneOldRuns(): void {
	if (!existsSync(RUNS_DIR)) return;
	const runs = readdirSync(RUNS_DIR).sort();
	for (const old of runs.slice(0, Math.max(0, runs.length - RUNS_KEPT + 1))) {
		rmSync(join(RUNS_DIR, old), { recursive: true, force: true });
	}
}

/**
 * An n8n home in `root` (created if missing, reused if present): user folder, import folder, a
 * `files` folder workflows may write to, and the log. `fileAccess` lists the other folders the
 * Read/Write Files node may touch (n8n 2.x restricts it to ~/.n8n-files by default).
 */
export async function createN8nHomeAt(
	root: string,
	extensionsDir: string,
	extra: NodeJS.ProcessEnv = {},
	fileAccess: string[] = [FIXTURES_DIR],
): Promise<N8nHome> {
	const userFolder = join(root, 'user');
	const importDir = join(root, 'import');
	const filesDir = join(root, 'files');
	for (const dir of [userFolder, importDir, filesDir]) mkdirSync(dir, { recursive: true });
	const env = isolatedEnv(userFolder, extensionsDir, {
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_RESTRICT_FILE_ACCESS_TO: [...fileAccess, filesDir].join(';'),
		...extra,
	});
	const logFile = join(root, 'n8n.log');
	appendFileSync(logFile, `\n# ${new Date().toISOString()}\n`);
	return { userFolder, filesDir, logFile, importDir, env };
}

function log(home: N8nHome, text: string): void {
	appendFileSync(home.logFile, text);
}

let cliRuns = 0;

/** How one CLI command runs: its time limit, and whether its stdout is copied into the home's log. */
export interface CliOptions {
	timeoutMs?: number;
	/** Leave stdout out of the log (run data of many base64 images is megabytes); stderr still goes in. */
	quietStdout?: boolean;
}

/**
 * Runs one n8n CLI command to completion; everything it prints goes to the home's log. Its stdout and
 * stderr are files, not pipes: n8n exits right after writing the run data, and a pipe's pending
 * writes (Node writes to pipes asynchronously) are then lost, truncating the JSON; file writes are
 * synchronous.
 */
export function runN8nCli(
	home: N8nHome,
	args: string[],
	{ timeoutMs = 180_000, quietStdout = false }: CliOptions = {},
): Promise<CliResult> {
	if (!existsSync(N8N_BIN))
		throw new Error(`n8n is not installed at ${N8N_BIN}: run test/e2e/install-n8n.sh`);
	log(home, `\n$ n8n ${args.join(' ')}\n`);
	const base = join(home.importDir, `cli-${process.pid}-${++cliRuns}`);
	const outputs = { stdout: `${base}.stdout`, stderr: `${base}.stderr` };
	const stdoutFd = openSync(outputs.stdout, 'w');
	const stderrFd = openSync(outputs.stderr, 'w');
	return new Promise((resolveRun, reject) => {
		const child = spawn(N8N_NODE_BIN, [N8N_BIN, ...args], {
			env: home.env,
			stdio: ['ignore', stdoutFd, stderrFd],
		});
		closeSync(stdoutFd);
		closeSync(stderrFd);
		const collect = () => {
			const stdout = readFileSync(outputs.stdout, 'utf8');
			const stderr = readFileSync(outputs.stderr, 'utf8');
			log(home, (quietStdout ? `(${stdout.length} characters of output)\n` : stdout) + stderr);
			rmSync(outputs.stdout, { force: true });
			rmSync(outputs.stderr, { force: true });
			return { stdout, stderr };
		};
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			collect();
			reject(new Error(`n8n ${args[0]} timed out after ${timeoutMs} ms; log: ${home.logFile}`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolveRun({ code, ...collect() });
		});
	});
}

async function runOrThrow(home: N8nHome, args: string[]): Promise<CliResult> {
	const result = await runN8nCli(home, args);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} exited with ${result.code}; log: ${home.logFile}\n${tail(result)}`,
		);
	}
	return result;
}

function tail(result: CliResult): string {
	return (result.stdout + result.stderr).split('\n').slice(-30).join('\n');
}

/** Credentials in n8n's export shape; `data` in plain form (n8n encrypts it on import). */
export interface CredentialExport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export async function importCredentials(
	home: N8nHome,
	credentials: CredentialExport[],
): Promise<void> {
	const file = join(home.importDir, `credentials-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(credentials, null, 2));
	await runOrThrow(home, ['import:credentials', `--input=${file}`]);
}

export interface WorkflowExport {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * Imports workflows in one n8n boot; each gets the fields import:workflow needs. Each must carry
 * `"settings": {"executionOrder": "v1"}` itself: without it n8n 1.x runs the legacy (v0) order, so a
 * test would prove a different behaviour than users' workflows get.
 */
export async function importWorkflows(home: N8nHome, workflows: WorkflowExport[]): Promise<void> {
	const dir = join(home.importDir, `workflows-${Date.now()}`);
	mkdirSync(dir, { recursive: true });
	for (const workflow of workflows) {
		const settings = workflow.settings as { executionOrder?: string } | undefined;
		if (settings?.executionOrder !== 'v1') {
			throw new Error(
				`workflow ${workflow.id} ("${workflow.name}") lacks "settings": {"executionOrder": "v1"}`,
			);
		}
		const complete = {
			active: false,
			pinData: {},
			versionId: `00000000-0000-4000-8000-${workflow.id.padStart(12, '0').slice(-12)}`,
			...workflow,
		};
		writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(complete, null, 2));
	}
	await runOrThrow(home, ['import:workflow', '--separate', `--input=${dir}`]);
}

/** An error as n8n serialises it into run data (NodeApiError / NodeOperationError). */
export interface SerializedError {
	message?: string;
	description?: string;
	context?: Record<string, unknown>;
	[key: string]: unknown;
}

/** One output item in run data. */
export interface OutputItem {
	json: Record<string, unknown>;
	binary?: Record<string, unknown>;
	pairedItem?: unknown;
	error?: SerializedError;
}

/** What one node produced in one run (n8n's ITaskData, the parts the tests read). */
export interface NodeRun {
	executionStatus?: string;
	error?: SerializedError;
	data?: { main?: Array<OutputItem[] | null> };
}

export interface ExecutionResult {
	/** The raw run data: node name → runs. */
	runData: Record<string, NodeRun[]>;
	/** The workflow-level error, when the run failed. */
	error?: { message?: string; [key: string]: unknown };
	cli: CliResult;
}

/**
 * Runs a stored workflow with `n8n execute --id` and parses the run data it prints
 * (`--rawOutput` prints only the JSON of the run).
 */
export async function executeWorkflow(
	home: N8nHome,
	id: string,
	options: CliOptions = {},
): Promise<ExecutionResult> {
	const cli = await runN8nCli(home, ['execute', `--id=${id}`, '--rawOutput'], options);
	const parsed = parseRunOutput(cli.stdout);
	if (!parsed) {
		throw new Error(
			`n8n execute --id=${id} printed no run data (exit ${cli.code}); log: ${home.logFile}\n${tail(
				cli,
			)}`,
		);
	}
	return { runData: parsed.resultData?.runData ?? {}, error: parsed.resultData?.error, cli };
}

interface RunOutput {
	resultData?: { runData?: Record<string, NodeRun[]>; error?: { message?: string } };
}

/**
 * Finds the run data in the command output. n8n prints it with JSON.stringify(…, null, 2), so the
 * document starts with a line "{" and ends with a line "}": first thing in n8n 1.x's output, after
 * its log lines in 2.x; log lines may follow it.
 */
export function parseRunOutput(stdout: string): RunOutput | undefined {
	const lines = stdout.split('\n');
	// A log prefix may precede the opening brace ("… info: {").
	const opens = lines.flatMap((line, index) =>
		/^(\S.*\s)?\{$/.test(line.trimEnd()) ? [index] : [],
	);
	const closes = lines.flatMap((line, index) => (line.trimEnd() === '}' ? [index] : []));
	for (const open of opens) {
		for (const close of closes.filter((c) => c > open).reverse()) {
			const text = ['{', ...lines.slice(open + 1, close + 1)].join('\n');
			try {
				const value = JSON.parse(text) as RunOutput & { data?: RunOutput };
				if (value.resultData) return value;
				if (value.data?.resultData) return value.data;
			} catch {
				// not this pair of lines
			}
		}
	}
	return undefined;
}

/** Items of one output of a node's last run. */
export function outputItems(result: ExecutionResult, nodeName: string, output = 0): OutputItem[] {
	const runs = result.runData[nodeName];
	if (!runs?.length)
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(result.runData).join(', ')}`,
		);
	return runs[runs.length - 1].data?.main?.[output] ?? [];
}

/** A running `n8n start` (editor + REST API). */
export interface N8nServer {
	url: string;
	port: number;
	process: ChildProcess;
	stop(): Promise<void>;
}

export async function startN8nServer(home: N8nHome, port?: number): Promise<N8nServer> {
	const chosenPort = port ?? (await freePort());
	const env = {
		...home.env,
		N8N_PORT: String(chosenPort),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
	};
	log(home, `\n$ n8n start (port ${chosenPort})\n`);
	// Its own process group, so stopping it also stops the task runner it starts.
	const child = spawn(N8N_NODE_BIN, [N8N_BIN, 'start'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-(child.pid ?? 0), signal);
		} catch {
			// already gone
		}
	};
	child.stdout?.on('data', (chunk: Buffer) => log(home, chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => log(home, chunk.toString()));
	let exited = false;
	child.on('exit', () => {
		exited = true;
	});
	const url = `http://127.0.0.1:${chosenPort}`;
	const stop = () =>
		new Promise<void>((done) => {
			if (exited) return done();
			child.once('exit', () => {
				signalGroup('SIGKILL'); // leftovers of the group, if any
				done();
			});
			signalGroup('SIGTERM');
			setTimeout(() => signalGroup('SIGKILL'), 15_000).unref();
		});
	try {
		await waitFor(
			async () => await restRoutesReady(url),
			'n8n to start',
			180_000,
			() => (exited ? `n8n start exited; log: ${home.logFile}` : undefined),
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, port: chosenPort, process: child, stop };
}
