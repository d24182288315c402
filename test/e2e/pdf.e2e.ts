/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Passport scans that arrive as PDF (issue 12), inside a real n8n@2.0.3 against the simulator: the
 * Read Files node loads the PDFs, our node takes the embedded JPEG page image and sends it. One
 * workflow (one n8n boot): a one-page scan (all 13 fields), every page of a three-page PDF (one item
 * per page, paired to the input), and a PDF whose scan is JBIG2 (an error item, no call).
 */
import { join } from 'node:path';

import { documentTruth, KEY_FIELDS } from '../fixtures';
import { IAM_CREDENTIAL, iamCredentialFor } from './lib/credentials';
import {
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	outputItems,
	type N8nHome,
} from './lib/n8n';
import { readFiles } from './lib/n8nNodes';
import { EXTENSIONS_DIR, FIXTURES_DIR } from './lib/paths';
import { findSecretLeaks } from './lib/secrets';
import { startSimulatorProcess, type SimulatorProcess } from './lib/simulator';
import { manualTrigger, ocrNode, workflow } from './lib/workflowBuilder';

const IAM = { ...IAM_CREDENTIAL, type: 'huaweiCloudApi' as const };
const PDF_DIR = join(FIXTURES_DIR, 'pdf', 'files');
const CHINESE = documentTruth('chinese').fields;

describe('PDF input in n8n@2.0.3', () => {
	let home: N8nHome;
	let sim: SimulatorProcess;

	beforeAll(async () => {
		home = await createN8nHome('pdf', EXTENSIONS_DIR);
		sim = await startSimulatorProcess({ logFile: join(home.importDir, 'simulator.log') });
		await importCredentials(home, [iamCredentialFor(sim.info)]);
		await importWorkflows(home, [
			workflow(
				'e2ePdfInput0001',
				'E2E passport scans as PDF',
				[
					manualTrigger(),
					readFiles('Read scan', `${PDF_DIR}/classic-lf.pdf`),
					ocrNode('First page', { imageSource: 'binaryData' }, IAM),
					readFiles('Read pages', `${PDF_DIR}/multi-page.pdf`),
					ocrNode('Every page', { imageSource: 'binaryData', pdfPage: 'all' }, IAM),
					readFiles('Read JBIG2', `${PDF_DIR}/jbig2-image.pdf`),
					ocrNode('JBIG2', { imageSource: 'binaryData' }, IAM, {
						onError: 'continueRegularOutput',
					}),
				],
				[
					['Start', 'Read scan'],
					['Read scan', 'First page'],
					['Start', 'Read pages'],
					['Read pages', 'Every page'],
					['Start', 'Read JBIG2'],
					['Read JBIG2', 'JBIG2'],
				],
			),
		]);
		await sim.reset();
	});

	afterAll(async () => {
		await sim?.stop();
	});

	it('reads the scan inside a PDF: 13 fields, the page it came from, no call for a JBIG2 scan', async () => {
		const result = await executeWorkflow(home, 'e2ePdfInput0001');
		expect(result.error).toBeUndefined();

		const [scan] = outputItems(result, 'First page');
		for (const field of KEY_FIELDS) expect(scan.json[field]).toBe(CHINESE[field]);
		expect(scan.json.source).toEqual({ kind: 'pdf', page: 1, width: 900, height: 630 });
		expect(scan.pairedItem).toEqual({ item: 0 });

		const pages = outputItems(result, 'Every page');
		expect(pages.map((item) => (item.json.source as { page: number }).page)).toEqual([2, 3]);
		expect(pages.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(pages.map((item) => item.json.surname)).toEqual([
			documentTruth('icao-specimen').fields.surname,
			documentTruth('german-specimen').fields.surname,
		]);

		const [jbig2] = outputItems(result, 'JBIG2');
		expect(String(jbig2.json.error)).toMatch(/no JPEG page image \(its scan is stored as JBIG2/);

		// One passport call per page image sent: 1 + 2; the JBIG2 PDF never reached the service.
		const counters = await sim.counters();
		expect(counters.ocr.total).toBe(3);
		expect(counters.ocr.byStatus['200']).toBe(3);
		const secrets = { password: sim.info.password, secretKey: sim.info.secretKey };
		expect(findSecretLeaks(secrets, { output: JSON.stringify(result) })).toEqual([]);
	});
});
