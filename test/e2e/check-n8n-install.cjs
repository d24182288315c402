// Proves that an n8n install runs, before install-n8n.sh marks it installed and each time it is used:
// every native module the version needs loads and works (npm `ignore-scripts` or the `allowScripts`
// policy of the npm that installed it can skip their builds; n8n then fails only when it opens its
// database: "SQLite package has not been found installed"), and, with --cli, one n8n CLI command that
// opens a fresh SQLite database exits 0. Plain CommonJS: it runs on the Node n8n runs on (20, 22, 24).
// Usage: node check-n8n-install.cjs <install dir> <module,module,...> [--cli]
// Exit 0 = usable; else one line per problem on stderr, naming the module or the command.
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const [target, modules = '', ...flags] = process.argv.slice(2);
const n8nDir = join(target, 'node_modules', 'n8n');

/** What "works" means per module: a real call, not only a load of its JavaScript wrapper. */
const exercise = {
	sqlite3: (sqlite3) =>
		new Promise((resolve, reject) => {
			const db = new sqlite3.Database(':memory:');
			db.get('select 1 + 1 as two', (error, row) => {
				db.close();
				if (error) reject(error);
				else if (row.two !== 2) reject(new Error(`select 1 + 1 gave ${JSON.stringify(row)}`));
				else resolve();
			});
		}),
	'isolated-vm': async (ivm) => {
		const isolate = new ivm.Isolate({ memoryLimit: 16 });
		const two = isolate.compileScriptSync('1 + 1').runSync(isolate.createContextSync());
		isolate.dispose();
		if (two !== 2) throw new Error(`1 + 1 gave ${two}`);
	},
};

/** The module as n8n resolves it (from n8n's own folder), exercised; a problem line or ''. */
async function checkModule(name) {
	try {
		const path = require.resolve(name, { paths: [n8nDir] });
		const loaded = require(path);
		if (exercise[name]) await exercise[name](loaded);
		return '';
	} catch (error) {
		const reason = String(error && error.message ? error.message : error).split('\n')[0];
		return `native module ${name} does not work (${reason})`;
	}
}

/** `n8n list:workflow` in a throw-away user folder: boots the CLI, creates and migrates a database. */
function checkCli() {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-install-check-'));
	try {
		const run = spawnSync(process.execPath, [join(n8nDir, 'bin', 'n8n'), 'list:workflow'], {
			env: {
				PATH: process.env.PATH,
				HOME: userFolder,
				N8N_USER_FOLDER: userFolder,
				DB_TYPE: 'sqlite',
				N8N_DIAGNOSTICS_ENABLED: 'false',
				N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
				N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
				N8N_LOG_LEVEL: 'warn',
			},
			encoding: 'utf8',
			timeout: 300_000,
		});
		if (run.status === 0) return '';
		const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
		const how = run.error ? run.error.message : `exit ${run.status ?? run.signal}`;
		return `n8n list:workflow (opens a new SQLite database) failed: ${how}\n${output}`;
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

async function main() {
	const problems = [];
	for (const name of modules.split(',').filter(Boolean)) {
		const problem = await checkModule(name);
		if (problem) problems.push(problem);
	}
	if (problems.length === 0 && flags.includes('--cli')) {
		const problem = checkCli();
		if (problem) problems.push(problem);
	}
	for (const problem of problems) console.error(problem);
	process.exitCode = problems.length === 0 ? 0 : 1;
}

main();
