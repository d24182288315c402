/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Proves the harness itself with n8n's own nodes only: the cached n8n boots isolated, imports and
 * executes a workflow, the Read/Write Files node reads the fixtures, a CSV is written, and the
 * run data is parsed from `n8n execute`. If this fails, the scenario tests cannot be trusted.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
	createN8nHome,
	executeWorkflow,
	importWorkflows,
	outputItems,
	type N8nHome,
} from './lib/n8n';
import { readFiles, setFields, toCsv, writeFile } from './lib/n8nNodes';
import { EXTENSIONS_DIR, FIXTURES_DIR } from './lib/paths';
import { codeNode, manualTrigger, workflow } from './lib/workflowBuilder';

describe('the e2e harness on n8n@2.0.3 with its own nodes', () => {
	let home: N8nHome;

	beforeAll(async () => {
		home = await createN8nHome('harness', EXTENSIONS_DIR);
	});

	it('reads files from disk, computes, writes a CSV and returns parseable run data', async () => {
		const fixtureFiles = readdirSync(FIXTURES_DIR)
			.filter((f) => f.endsWith('.ts'))
			.sort();
		const csvPath = join(home.filesDir, 'files.csv');
		const nodes = [
			manualTrigger(),
			readFiles('Read fixtures', `${FIXTURES_DIR}/*.ts`),
			codeNode(
				'Describe',
				`return $input.all().map((item) => ({ json: { file: item.binary.data.fileName, bytes: item.binary.data.fileSize } }));`,
			),
			setFields('Mark', { checked: 'yes' }),
			toCsv('To CSV', 'files.csv'),
			writeFile('Write CSV', csvPath),
		];
		await importWorkflows(home, [
			workflow('e2eharness0001', 'Harness', nodes, [
				['Start', 'Read fixtures'],
				['Read fixtures', 'Describe'],
				['Describe', 'Mark'],
				['Mark', 'To CSV'],
				['To CSV', 'Write CSV'],
			]),
		]);

		const result = await executeWorkflow(home, 'e2eharness0001');

		expect(result.error).toBeUndefined();
		const described = outputItems(result, 'Mark').map((item) => item.json);
		expect(described.map((d) => d.file).sort()).toEqual(fixtureFiles);
		expect(described.every((d) => d.checked === 'yes')).toBe(true);
		expect(outputItems(result, 'Mark').map((item) => item.pairedItem)).toEqual(
			fixtureFiles.map((_, index) => ({ item: index })),
		);
		expect(existsSync(csvPath)).toBe(true);
		const csvLines = readFileSync(csvPath, 'utf8').trim().split('\n');
		expect(csvLines[0]).toContain('file');
		expect(csvLines).toHaveLength(fixtureFiles.length + 1);
	});
});
