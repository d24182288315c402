/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createN8nHomeAt, restRoutesReady, type N8nHome } from '../../e2e/lib/n8n';
import { EXTENSIONS_DIR, FIXTURES_DIR, N8N_BIN } from '../../e2e/lib/paths';
import { freePort, waitFor } from '../../e2e/lib/ports';
import { loginAsOwner } from '../../e2e/lib/restApi';
import { startManaged, type ManagedProcess } from './processes';
import type { PostgresService, Service } from './services';

/**
 * n8n in queue mode: one `n8n start` (main: editor, REST, webhooks, triggers) and `n8n worker`
 * processes, sharing PostgreSQL, Redis and the encryption key. Each process has its own user folder
 * and log, so the logs tell which worker ran which execution.
 */
export interface QueueCluster {
	root: string;
	/** The home the n8n CLI commands (import, export) run in: main's, same database. */
	cliHome: N8nHome;
	/** Folder every process may read and write (workflows' CSV output, batch input). */
	sharedDir: string;
	env: NodeJS.ProcessEnv;
	main?: N8nMain;
	workers: N8nWorker[];
}

export interface N8nMain {
	url: string;
	process: ManagedProcess;
	home: N8nHome;
	/** The owner's session cookie for /rest calls. */
	cookie: string;
}

export interface N8nWorker {
	name: string;
	process: ManagedProcess;
	home: N8nHome;
	concurrency: number;
}

/** Job lock settings: a dead worker's jobs are noticed within seconds, not n8n's default minute. */
export const LOCK_DURATION_MS = 10_000;
export const STALLED_INTERVAL_MS = 5_000;

/** What every process of the cluster shares (on top of the e2e isolation env). */
export function queueEnv(redis: Service, postgres: PostgresService): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_WORKER_LOCK_DURATION: String(LOCK_DURATION_MS),
		QUEUE_WORKER_LOCK_RENEW_TIME: String(LOCK_DURATION_MS / 5),
		QUEUE_WORKER_STALLED_INTERVAL: String(STALLED_INTERVAL_MS),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		// Workers read the webhook's upload from here: n8n's shared store in queue mode (2.x).
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// The whole run's executions stay inspectable.
		EXECUTIONS_DATA_PRUNE: 'false',
	};
}

/** The cluster's homes live in `root` (a run folder: see newRunDir), main's first. */
export async function createQueueCluster(
	root: string,
	redis: Service,
	postgres: PostgresService,
): Promise<QueueCluster> {
	const env = queueEnv(redis, postgres);
	const cliHome = await createN8nHomeAt(join(root, 'main'), EXTENSIONS_DIR, env);
	const sharedDir = join(root, 'main', 'files');
	return { root, cliHome, sharedDir, env, workers: [] };
}

async function homeFor(cluster: QueueCluster, name: string): Promise<N8nHome> {
	return createN8nHomeAt(join(cluster.root, name), EXTENSIONS_DIR, cluster.env, [
		FIXTURES_DIR,
		cluster.sharedDir,
	]);
}

function readLog(file: string): string {
	return readFileSync(file, 'utf8');
}

export async function startMain(cluster: QueueCluster): Promise<N8nMain> {
	const home = cluster.cliHome;
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const main = startManaged('n8n main', process.execPath, [N8N_BIN, 'start'], {
		env: {
			...home.env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			WEBHOOK_URL: `${url}/`,
		},
		logFile: home.logFile,
	});
	try {
		await waitFor(
			async () => await restRoutesReady(url),
			'n8n main to start',
			300_000,
			() => (main.exited() ? `n8n main exited; log: ${home.logFile}` : undefined),
		);
		const { cookie } = await loginAsOwner(url, home.logFile);
		cluster.main = { url, process: main, home, cookie };
		return cluster.main;
	} catch (error) {
		await main.stop();
		throw error;
	}
}

export async function startWorker(
	cluster: QueueCluster,
	name: string,
	concurrency: number,
): Promise<N8nWorker> {
	const home = await homeFor(cluster, name);
	const worker = startManaged(
		`n8n ${name}`,
		process.execPath,
		[N8N_BIN, 'worker', `--concurrency=${concurrency}`],
		{ env: home.env, logFile: home.logFile },
	);
	const started = readLog(home.logFile).length;
	try {
		await waitFor(
			async () => readLog(home.logFile).slice(started).includes('n8n worker is now ready'),
			`${name} to be ready`,
			300_000,
			() => (worker.exited() ? `${name} exited; log: ${home.logFile}` : undefined),
		);
	} catch (error) {
		await worker.stop();
		throw error;
	}
	const entry = { name, process: worker, home, concurrency };
	cluster.workers.push(entry);
	return entry;
}

export async function stopWorker(cluster: QueueCluster, worker: N8nWorker): Promise<void> {
	await worker.process.stop('SIGTERM', 30_000);
	cluster.workers = cluster.workers.filter((w) => w !== worker);
}

export async function stopCluster(cluster: QueueCluster | undefined): Promise<void> {
	if (!cluster) return;
	await Promise.all(cluster.workers.map((worker) => worker.process.stop('SIGTERM', 20_000)));
	cluster.workers = [];
	await cluster.main?.process.stop('SIGTERM', 20_000);
}

/** Execution ids a worker's log says it started and finished (n8n's job processor logs both). */
export function workerExecutions(worker: N8nWorker): { started: string[]; finished: string[] } {
	const log = readLog(worker.home.logFile);
	const ids = (pattern: RegExp) => [...log.matchAll(pattern)].map((match) => match[1]);
	return {
		started: ids(/Worker started execution (\d+) \(job/g),
		finished: ids(/Worker finished execution (\d+) \(job/g),
	};
}
