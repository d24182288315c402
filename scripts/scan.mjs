// `npm run scan`: n8n's verification analysis, offline. It runs the exported analyzePackage of
// @n8n/scan-community-package (n8n's own scanner, with its own ESLint config: community-node rules,
// the eslint-plugin-n8n-nodes-base rulesets, no-console, inline eslint-disable comments ignored) the
// way the scanner does for a published version: on the source (its SOURCE_FILE_PATTERNS: package.json
// and {nodes,credentials}/**) and on the packed tarball (**/*.js and package.json). The scanner's
// download, provenance and source-fetch steps need the network and a published version: skipped here.
// Then the tarball's contents are checked (scripts/checkTarball.mjs). Run `npm run build` first.
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';
import { tarballProblems } from './checkTarball.mjs';
import { packTarball, REPO_ROOT } from './packTarball.mjs';

const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function report(label, result) {
	if (result.passed) {
		console.log(`scan ${label}: passed${result.message ? ` (${result.message})` : ''}`);
		return true;
	}
	console.error(`scan ${label}: FAILED: ${result.message}\n${result.details ?? ''}`);
	return false;
}

const packed = packTarball();
try {
	const source = await analyzePackage(REPO_ROOT, SOURCE_FILE_PATTERNS);
	const tarball = await analyzePackage(packed.packageDir, TARBALL_FILE_PATTERNS);
	const problems = tarballProblems(packed.packageDir, packed.files);
	const ok = [
		report('source (package.json, nodes/, credentials/)', source),
		report(`tarball (${packed.files.length} files)`, tarball),
		report('tarball contents', {
			passed: problems.length === 0,
			message: `${problems.length} problem(s)`,
			details: problems.join('\n'),
		}),
	].every(Boolean);
	process.exitCode = ok ? 0 : 1;
} finally {
	packed.cleanup();
}
