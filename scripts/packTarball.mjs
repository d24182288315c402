// Packs the package exactly as `npm publish` would (from the current dist/) into a temporary folder and
// extracts it, so checks look at what users and n8n's verification get, not at the repository.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** @returns {{ tarball: string, packageDir: string, files: string[], cleanup: () => void }} */
export function packTarball() {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-huawei-ocr-pack-'));
	const [info] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const tarball = join(dir, info.filename);
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	return {
		tarball,
		packageDir: join(dir, 'package'),
		files: info.files.map((file) => file.path).sort(),
		cleanup: () => rmSync(dir, { recursive: true, force: true }),
	};
}
