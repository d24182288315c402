/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * test/e2e/install-n8n.sh with a fake `npm` on PATH: what reaches n8n's install from a calling npm,
 * which builds run, and that nothing is marked installed (or reused) unless its native modules work
 * and the n8n CLI opens a database. The fake npm writes an "n8n" whose sqlite3 works only once
 * `npm rebuild sqlite3` has built it, like the real one; the real install runs in .ci/run's cold path.
 */
import { spawnSync } from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '..', 'e2e', 'install-n8n.sh');
const DEFAULT_VERSION = (
	JSON.parse(readFileSync(resolve(__dirname, '..', 'e2e', 'n8n-versions.json'), 'utf8')) as {
		default: string;
	}
).default;

// The fake npm: logs its arguments and whether npm_config_ignore_scripts reached it; `install` lays
// out n8n with an unbuilt sqlite3, `rebuild sqlite3` builds it (unless FAKE_REBUILD=skip).
const FAKE_NPM = `#!/usr/bin/env bash
echo "$* | ignore_scripts=\${npm_config_ignore_scripts-unset}" >>"$FAKE_NPM_LOG"
case "$1" in
install)
	mkdir -p node_modules/n8n/bin node_modules/sqlite3
	echo '{"name":"n8n","version":"'"$FAKE_N8N_VERSION"'"}' >node_modules/n8n/package.json
	cp "$FAKE_N8N_CLI" node_modules/n8n/bin/n8n
	echo 'module.exports = require("./build/binding.js");' >node_modules/sqlite3/index.js
	mkdir -p node_modules/.bin && ln -sf ../n8n/bin/n8n node_modules/.bin/n8n
	;;
rebuild)
	if [ "$FAKE_REBUILD" != skip ] && [[ " $* " == *" sqlite3 "* ]]; then
		mkdir -p node_modules/sqlite3/build
		cp "$FAKE_SQLITE_BINDING" node_modules/sqlite3/build/binding.js
	fi
	;;
esac
`;
// A working sqlite3 as far as check-n8n-install.cjs uses it.
const FAKE_BINDING = `exports.Database = class {
	get(sql, callback) { callback(null, { two: 2 }); }
	close() {}
};
`;
// n8n's CLI: list:workflow succeeds unless the file \`failFlag\` exists (as n8n fails without SQLite).
// A file, not a variable: the install check runs the CLI in an environment of its own.
const fakeCli = (failFlag: string) => `#!/usr/bin/env node
if (require('node:fs').existsSync(${JSON.stringify(failFlag)})) {
	console.error('There was an error initializing DB. SQLite package has not been found installed.');
	process.exit(1);
}
if (process.argv[2] !== 'list:workflow') process.exit(2);
`;

interface Run {
	status: number | null;
	output: string;
	npmCalls: string[];
}

let root: string;
let installDir: string;
let npmLog: string;
let fakeBin: string;
let fakeFiles: { cli: string; binding: string; cliFails: string };

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'install-n8n-test-'));
	installDir = join(root, 'n8n');
	npmLog = join(root, 'npm.log');
	fakeBin = join(root, 'bin');
	mkdirSync(fakeBin);
	writeFileSync(join(fakeBin, 'npm'), FAKE_NPM);
	chmodSync(join(fakeBin, 'npm'), 0o755);
	fakeFiles = {
		cli: join(root, 'n8n-cli.js'),
		binding: join(root, 'binding.js'),
		cliFails: join(root, 'cli-fails'),
	};
	writeFileSync(fakeFiles.cli, fakeCli(fakeFiles.cliFails));
	chmodSync(fakeFiles.cli, 0o755);
	writeFileSync(fakeFiles.binding, FAKE_BINDING);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** install-n8n.sh as `npm run` starts it: with this project's npm settings in the environment. */
function install(extra: NodeJS.ProcessEnv = {}): Run {
	rmSync(npmLog, { force: true });
	const run = spawnSync('bash', [SCRIPT], {
		env: {
			PATH: `${fakeBin}:${process.env.PATH}`,
			HOME: root,
			npm_config_ignore_scripts: 'true',
			npm_config_foreground_scripts: 'true',
			N8N_INSTALL_DIR: installDir,
			N8N_VERSION: DEFAULT_VERSION,
			FAKE_NPM_LOG: npmLog,
			FAKE_N8N_VERSION: DEFAULT_VERSION,
			FAKE_N8N_CLI: fakeFiles.cli,
			FAKE_SQLITE_BINDING: fakeFiles.binding,
			...extra,
		},
		encoding: 'utf8',
		timeout: 60_000,
	});
	const npmCalls = existsSync(npmLog) ? readFileSync(npmLog, 'utf8').trim().split('\n') : [];
	return { status: run.status, output: `${run.stdout}${run.stderr}`, npmCalls };
}

const marker = () => join(installDir, '.installed-by-install-n8n');

describe('install-n8n.sh', () => {
	it("keeps the calling npm's settings from n8n's install and builds sqlite3 explicitly", () => {
		const run = install();
		expect(run.output).toContain('installed and checked');
		expect(run.status).toBe(0);
		expect(run.npmCalls).toHaveLength(2);
		expect(run.npmCalls[0]).toMatch(/^install .*--ignore-scripts \| ignore_scripts=unset$/);
		expect(run.npmCalls[1]).toMatch(
			/^rebuild .*--ignore-scripts=false sqlite3( |$).*\| ignore_scripts=unset$/,
		);
		const manifest = JSON.parse(readFileSync(join(installDir, 'package.json'), 'utf8'));
		expect(manifest.dependencies).toEqual({ n8n: DEFAULT_VERSION });
		expect(manifest.allowScripts).toMatchObject({ sqlite3: true });
		expect(readFileSync(marker(), 'utf8')).toContain(`n8n=${DEFAULT_VERSION}`);
	});

	it('reuses a cached install only after its native modules worked again', () => {
		expect(install().status).toBe(0);
		const again = install();
		expect(again.status).toBe(0);
		expect(again.output).toContain(`n8n ${DEFAULT_VERSION} already installed`);
		expect(again.npmCalls).toEqual([]);
	});

	it('names what a cached install lost and installs it again', () => {
		expect(install().status).toBe(0);
		rmSync(join(installDir, 'node_modules', 'sqlite3', 'build'), { recursive: true });
		const repaired = install();
		expect(repaired.output).toContain('was marked installed, but it cannot run');
		expect(repaired.output).toMatch(/native module sqlite3 does not work \(Cannot find module/);
		expect(repaired.npmCalls.map((call) => call.split(' ')[0])).toEqual(['install', 'rebuild']);
		expect(repaired.status).toBe(0);
		expect(existsSync(join(installDir, 'node_modules', 'sqlite3', 'build'))).toBe(true);
	});

	it('marks nothing installed when a native build was skipped', () => {
		const run = install({ FAKE_REBUILD: 'skip' });
		expect(run.status).not.toBe(0);
		expect(run.output).toMatch(/native module sqlite3 does not work/);
		expect(run.output).toContain('not marked installed');
		expect(existsSync(marker())).toBe(false);
	});

	it("marks nothing installed when n8n's CLI cannot open a database", () => {
		writeFileSync(fakeFiles.cliFails, '');
		const run = install();
		expect(run.status).not.toBe(0);
		expect(run.output).toContain('n8n list:workflow (opens a new SQLite database) failed: exit 1');
		expect(run.output).toContain('SQLite package has not been found installed');
		expect(existsSync(marker())).toBe(false);
	});

	it('installs again when the marker holds another recipe', () => {
		expect(install().status).toBe(0);
		writeFileSync(marker(), `n8n=${DEFAULT_VERSION} node=system native=sqlite3 recipe=1\n`);
		const redone = install();
		expect(redone.output).toContain('this clone needs');
		expect(redone.npmCalls).toHaveLength(2);
		expect(redone.status).toBe(0);
	});
});
