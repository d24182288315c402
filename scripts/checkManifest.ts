/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
// `npm run check:manifest` (in `npm run lint`): package.json's fields that a provenance publish and n8n's
// verification need exist and agree with each other, the README and the publish workflow
// (scripts/lib/manifest.ts says which).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { manifestProblems } from './lib/manifest';

const root = resolve(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const manifest = JSON.parse(read('package.json')) as Record<string, unknown>;
const problems = manifestProblems(manifest, {
	readme: read('README.md'),
	publishWorkflow: read('.github/workflows/publish.yml'),
});
if (problems.length > 0) {
	console.error(`package.json check: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
	process.exitCode = 1;
} else {
	const repository = (manifest.repository as { url: string }).url;
	console.log(`package.json check: ${String(manifest.name)} from ${repository}: passed`);
}
