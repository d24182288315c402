// What npm publishes, checked file by file (run by `npm run scan`, so by `npm run lint` and CI):
// exactly dist/nodes and dist/credentials (compiled code, icons, codex files: package.json's "files"),
// package.json, README.md and LICENSE; no tests; no source map whose sources are missing; every path in
// package.json's "n8n" section and every `file:` icon the compiled code names exists in the tarball.
// Usage: node scripts/checkTarball.mjs   (packs the current dist/; run `npm run build` first)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packTarball } from './packTarball.mjs';

const TOP_LEVEL = new Set(['package.json', 'README.md', 'LICENSE']);
// dist/nodes/<Node>/... and dist/credentials/...: compiled code, icons, codex (*.node.json).
const DIST_FILE = /^dist\/(nodes|credentials)\/.+\.(js|svg|png|node\.json)$/;
const TEST_FILE = /(^|\/)(test|tests|__tests__|fixtures)\/|\.(test|spec|e2e)\.[jt]s$/;

/** Every problem found in an extracted package (an empty list = the tarball is right). */
export function tarballProblems(packageDir, files) {
	const problems = [];
	const has = new Set(files);
	for (const file of files) {
		if (TEST_FILE.test(file)) problems.push(`${file}: a test file is published`);
		else if (!TOP_LEVEL.has(file) && !DIST_FILE.test(file))
			problems.push(
				`${file}: not one of dist/{nodes,credentials} code, icons, codex, package.json, README.md, LICENSE`,
			);
		if (file.endsWith('.map')) problems.push(...sourceMapProblems(packageDir, file, has));
		if (file.endsWith('.js')) {
			const code = readFileSync(join(packageDir, file), 'utf8');
			const mapRef = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
			if (
				mapRef &&
				!mapRef.startsWith('data:') &&
				!has.has(posix.join(posix.dirname(file), mapRef))
			)
				problems.push(`${file}: its sourceMappingURL ${mapRef} is not in the tarball`);
			for (const [, icon] of code.matchAll(/['"]file:([^'"]+)['"]/g)) {
				if (!has.has(posix.join(posix.dirname(file), icon)))
					problems.push(`${file}: icon file:${icon} is not in the tarball`);
			}
		}
	}
	for (const file of TOP_LEVEL) if (!has.has(file)) problems.push(`${file} is missing`);

	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	const n8n = manifest.n8n ?? {};
	const listed = [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])];
	if ((n8n.nodes ?? []).length === 0) problems.push('package.json "n8n.nodes" lists no node');
	for (const path of listed) {
		if (!has.has(posix.normalize(path)))
			problems.push(`package.json "n8n" names ${path}, which is not in the tarball`);
	}
	for (const node of n8n.nodes ?? []) {
		const codex = node.replace(/\.js$/, '.json');
		if (!has.has(codex)) problems.push(`${node}: its codex file ${codex} is not in the tarball`);
	}
	if (manifest.main && !has.has(posix.normalize(manifest.main)))
		problems.push(`package.json "main" names ${manifest.main}, which is not in the tarball`);
	return problems;
}

function sourceMapProblems(packageDir, file, has) {
	const map = JSON.parse(readFileSync(join(packageDir, file), 'utf8'));
	const embedded =
		Array.isArray(map.sourcesContent) && map.sourcesContent.every((s) => typeof s === 'string');
	if (embedded) return [];
	return (map.sources ?? [])
		.map((source) => posix.join(posix.dirname(file), map.sourceRoot ?? '', source))
		.filter((source) => !has.has(source))
		.map((source) => `${file}: source map points at ${source}, which is not in the tarball`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	if (!existsSync(join(dirname(import.meta.dirname), 'dist'))) {
		console.error('checkTarball: no dist/ to pack: run `npm run build` first');
		process.exit(1);
	}
	const packed = packTarball();
	try {
		const problems = tarballProblems(packed.packageDir, packed.files);
		if (problems.length > 0) {
			console.error(
				`tarball check: ${problems.length} problem(s) in ${packed.files.length} files:\n  ${problems.join('\n  ')}`,
			);
			process.exitCode = 1;
		} else {
			console.log(
				`tarball check: ${packed.files.length} files, all expected:\n  ${packed.files.join('\n  ')}`,
			);
		}
	} finally {
		packed.cleanup();
	}
}
