/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSIONS_DIR, REPO_ROOT } from './paths';

export interface PackedPackage {
	/** The folder to give n8n as N8N_CUSTOM_EXTENSIONS: it holds only the extracted tarball. */
	extensionsDir: string;
	/** The extracted package (package.json + dist), as a user would get it from npm. */
	packageDir: string;
	name: string;
	version: string;
}

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Builds the package, packs it with `npm pack` (so only the published `files` reach n8n) and extracts
 * the tarball into EXTENSIONS_DIR. `build: false` reuses the current dist/.
 */
export function packPackage(
	options: { build?: boolean; log?: (line: string) => void } = {},
): PackedPackage {
	const log = options.log ?? (() => undefined);
	if (options.build !== false) {
		log('building the package (npm run build) ...');
		try {
			execFileSync(NPM, ['run', 'build', '--silent'], {
				cwd: REPO_ROOT,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			});
		} catch (error) {
			const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
			throw new Error(`npm run build failed:\n${output}`);
		}
	}
	const { name, version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	const tarballDir = join(EXTENSIONS_DIR, '..', 'pack');
	rmSync(tarballDir, { recursive: true, force: true });
	mkdirSync(tarballDir, { recursive: true });
	const packed = JSON.parse(
		execFileSync(NPM, ['pack', '--json', '--pack-destination', tarballDir], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	) as Array<{ filename: string }>;
	const tarball = join(tarballDir, packed[0].filename);
	const packageDir = join(EXTENSIONS_DIR, name);
	rmSync(EXTENSIONS_DIR, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	if (!existsSync(join(packageDir, 'dist')))
		throw new Error(`the packed ${name} holds no dist/ folder`);
	log(`packed ${name}@${version} into ${packageDir}`);
	return { extensionsDir: EXTENSIONS_DIR, packageDir, name, version };
}

/** True when the node's source exists in the checkout (it may land later than this harness). */
export function nodeSourceExists(): boolean {
	return existsSync(join(REPO_ROOT, 'nodes', 'HuaweiPassportOcr', 'HuaweiPassportOcr.node.ts'));
}
