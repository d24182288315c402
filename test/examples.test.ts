/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The example workflows as users import them. Workflows made in n8n's editor carry the v1 execution
 * order; under the legacy order n8n 2.0.3's AI Agent 3 hands the model empty tool results, so every
 * example must say v1 itself (the e2e import helper only fills it in when a workflow has no settings).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLES_DIR = join(__dirname, '..', 'examples');
const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));

describe('example workflows', () => {
	it('there are some', () => {
		expect(files.length).toBeGreaterThanOrEqual(4);
	});

	it.each(files)('%s carries "settings": {"executionOrder": "v1"}', (file) => {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as {
			settings?: Record<string, unknown>;
		};
		expect(workflow.settings?.executionOrder).toBe('v1');
	});
});
