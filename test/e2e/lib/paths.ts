import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Fixed locations of the end-to-end setup; everything generated lives in git-ignored folders. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const E2E_DIR = join(REPO_ROOT, 'test', 'e2e');
/** Version of the default end-to-end run; install-n8n.sh reads the same variable. */
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.0.3';
/** Heavy installs live outside the clone so that every clone on this machine reuses them. */
export const CACHE_DIR =
	process.env.N8N_CACHE_DIR ?? join(homedir(), '.cache', 'n8n-nodes-huawei-ocr');
/** The cached n8n install (see install-n8n.sh). */
export const N8N_INSTALL_DIR = process.env.N8N_INSTALL_DIR ?? join(CACHE_DIR, `n8n-${N8N_VERSION}`);
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
