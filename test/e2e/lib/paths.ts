/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Fixed locations of the end-to-end setup; everything generated lives in git-ignored folders. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const E2E_DIR = join(REPO_ROOT, 'test', 'e2e');
/** One proven n8n version: the Node it runs on ("system" or a cached version), its native modules, why. */
export interface MatrixEntry {
	node: string;
	/** Built by install-n8n.sh with `npm rebuild` (nothing else's install script runs), then proven to work. */
	nativeModules: string[];
	reason: string;
}
/** The version matrix of `npm run test:compat` (install-n8n.sh reads the same file). */
export const MATRIX = JSON.parse(readFileSync(join(E2E_DIR, 'n8n-versions.json'), 'utf8')) as {
	default: string;
	versions: Record<string, MatrixEntry>;
};
/** Version under test: N8N_VERSION (install-n8n.sh reads the same variable), else the default. */
export const N8N_VERSION = process.env.N8N_VERSION ?? MATRIX.default;
const ENTRY = MATRIX.versions[N8N_VERSION];
if (!ENTRY) {
	throw new Error(
		`N8N_VERSION=${N8N_VERSION} is not in test/e2e/n8n-versions.json (listed: ${Object.keys(MATRIX.versions).join(', ')})`,
	);
}
/** Heavy installs live outside the clone so that every clone on this machine reuses them. */
export const CACHE_DIR =
	process.env.N8N_CACHE_DIR ?? join(homedir(), '.cache', 'n8n-nodes-huawei-ocr');
/**
 * The Node binary n8n runs on: this process's for "system" (the default version), else the one
 * install-node.sh put in the cache (e.g. Node 22 for n8n 1.123.x, Node 24 for the newest 2.x).
 */
export const N8N_NODE_BIN =
	ENTRY.node === 'system' ? process.execPath : join(CACHE_DIR, `node-${ENTRY.node}`, 'bin', 'node');
/**
 * The cached n8n install (see install-n8n.sh, which names it the same way): on a cached Node, one
 * folder per Node major (n8n-1.123.81-node22), because its native modules are built for that ABI.
 */
export const N8N_INSTALL_DIR =
	process.env.N8N_INSTALL_DIR ??
	join(
		CACHE_DIR,
		ENTRY.node === 'system'
			? `n8n-${N8N_VERSION}`
			: `n8n-${N8N_VERSION}-node${ENTRY.node.split('.')[0]}`,
	);
/**
 * This clone's own folder inside the install: two clones sharing one install must not overwrite each
 * other's packed package or runs. Being inside the install keeps n8n-workflow resolving to n8n's copy.
 */
export const CLONE_DIR = join(
	N8N_INSTALL_DIR,
	'clones',
	createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12),
);
export const N8N_BIN = join(N8N_INSTALL_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
/**
 * Where the packed package is extracted for N8N_CUSTOM_EXTENSIONS. It sits inside the n8n install so
 * that the package's peer dependency (n8n-workflow) resolves to n8n's own copy, like on a user's machine.
 */
export const EXTENSIONS_DIR = join(CLONE_DIR, 'extensions');
/**
 * Per-run user folders, logs and run data, outside the clone: `n8n start` copies its editor bundle
 * (thousands of .js files) into each user folder.
 */
export const RUNS_DIR = join(CLONE_DIR, 'runs');
/** How many run folders to keep (each editor run holds a ~50 MB copy of the editor bundle). */
export const RUNS_KEPT = 12;
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
export const FIXTURE_IMAGES_DIR = join(FIXTURES_DIR, 'images');
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const SCREENSHOTS_DIR = join(REPO_ROOT, 'docs', 'screenshots');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
