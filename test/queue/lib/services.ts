/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../../e2e/lib/ports';
import { trackFolder, untrackFolder } from './cleanup';
import { startManaged, type ManagedProcess } from './processes';

/** Redis and PostgreSQL from Debian, each a throw-away instance on a free loopback port. */
export interface Service {
	port: number;
	process: ManagedProcess;
	stop(): Promise<void>;
}

export interface PostgresService extends Service {
	database: string;
	user: string;
	/** Runs one SQL statement through psql and returns its rows, fields separated by '|'. */
	query(sql: string): string[][];
}

const REDIS_SERVER = '/usr/bin/redis-server';

/** Answers Redis' PING with PONG? (plain RESP over a socket: no client library needed). */
function redisPing(port: number): Promise<boolean> {
	return new Promise((resolvePing) => {
		const socket = connect(port, '127.0.0.1');
		let reply = '';
		socket.setTimeout(2000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolvePing(reply.startsWith('+PONG')));
		socket.on('error', () => undefined);
	});
}

/** A folder that is removed at the end, also when the test process dies. */
function throwAwayFolder(prefix: string): string {
	const folder = mkdtempSync(join(tmpdir(), prefix));
	trackFolder(folder);
	return folder;
}

function removeFolder(folder: string): void {
	rmSync(folder, { recursive: true, force: true });
	untrackFolder(folder);
}

export async function startRedis(logFile: string): Promise<Service> {
	if (!existsSync(REDIS_SERVER))
		throw new Error(`${REDIS_SERVER} is missing: run test/queue/install-services.sh`);
	const port = await freePort();
	const dir = throwAwayFolder('n8n-queue-redis-');
	// Persistence off (no RDB snapshots, no AOF): the queue lives only as long as the test.
	const redis = startManaged(
		'redis',
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ logFile },
	);
	const stop = async () => {
		await redis.stop('SIGTERM', 10_000);
		removeFolder(dir);
	};
	try {
		await waitFor(() => redisPing(port), 'redis-server to answer PING', 30_000, redis.exited);
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, process: redis, stop };
}

function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length)
		throw new Error('PostgreSQL is not installed: run test/queue/install-services.sh');
	return join(root, versions[0], 'bin');
}

/**
 * initdb and postgres refuse to run as root: as root they run as the `postgres` user (Debian's
 * package creates it), otherwise as the current user.
 */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

function postgresOwned(folder: string): void {
	if (process.getuid?.() !== 0) return;
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	chownSync(folder, uid, gid);
}

export async function startPostgres(logFile: string): Promise<PostgresService> {
	const bin = postgresBinDir();
	const port = await freePort();
	const root = throwAwayFolder('n8n-queue-pg-');
	chmodSync(root, 0o755);
	postgresOwned(root);
	const dataDir = join(root, 'data');
	const user = 'n8n';
	const database = 'n8n';
	const [initCommand, initArgs] = asPostgresUser(join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		user,
		'--auth=trust',
		'--encoding=UTF8',
		'--no-locale',
		'--no-sync',
	]);
	try {
		execFileSync(initCommand, initArgs, { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
	} catch (error) {
		removeFolder(root);
		throw new Error(`initdb failed: ${String(error.stderr ?? error)}`);
	}
	// Loopback TCP only, the socket in the throw-away folder; durability off: the data is thrown away.
	const [command, args] = asPostgresUser(join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${root}`,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=100',
	]);
	const server = startManaged('postgres', command, args, { logFile, cwd: root });
	const stop = async () => {
		// SIGQUIT is PostgreSQL's immediate shutdown: nothing to keep.
		await server.stop('SIGQUIT', 10_000);
		removeFolder(root);
	};
	const psql = (args: string[]) =>
		execFileSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, ...args], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	try {
		await waitFor(
			async () => psql(['-d', 'postgres', '-Atc', 'SELECT 1']).trim() === '1',
			'PostgreSQL to accept connections',
			60_000,
			server.exited,
		);
		psql(['-d', 'postgres', '-c', `CREATE DATABASE ${database}`]);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		port,
		process: server,
		database,
		user,
		stop,
		query: (sql) =>
			psql(['-d', database, '-F', '|', '-Atc', sql])
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => line.split('|')),
	};
}
