/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { existsSync } from 'node:fs';
import { nodeSourceExists, packPackage } from './lib/packageUnderTest';
import { N8N_BIN } from './lib/paths';

/** Once per e2e run: n8n must be installed (install-n8n.sh), and the package is built and packed. */
export default async function globalSetup(): Promise<void> {
	if (!existsSync(N8N_BIN)) {
		throw new Error(
			`n8n is not installed at ${N8N_BIN}: run test/e2e/install-n8n.sh (npm run test:e2e does)`,
		);
	}
	const log = (line: string) => process.stdout.write(`[e2e] ${line}\n`);
	packPackage({ build: nodeSourceExists(), log });
}
