/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Files as n8n hands them over (issue 27), in a real n8n (N8N_VERSION) against the simulator, with
 * filesystem binary storage: a binary object passed by expression, an item with three attachments
 * (photo, two-page PDF scan, logo) through "All Files of the Item", and, where n8n has it (2.5+), the
 * same in a workflow with binary mode "combined" (files under `_files`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { documentTruth } from '../fixtures';
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
import { EXTENSIONS_DIR, FIXTURE_IMAGES_DIR, FIXTURES_DIR, N8N_VERSION } from './lib/paths';
import { startSimulatorProcess, type SimulatorProcess } from './lib/simulator';
import { codeNode, manualTrigger, ocrNode, workflow } from './lib/workflowBuilder';

const IAM = { ...IAM_CREDENTIAL, type: 'huaweiCloudApi' as const };
const [major, minor] = N8N_VERSION.split('.').map(Number);
/** Binary mode "combined" exists from n8n 2.5 on. */
const HAS_COMBINED_MODE = major > 2 || (major === 2 && minor >= 5);

const surname = (name: 'icao-specimen' | 'german-specimen' | 'gbr') =>
	documentTruth(name).fields.surname;

/** A Code node emitting one item with three attachments, as a mail trigger does. */
function mailNode(name: string) {
	const attachment = (path: string, fileName: string, mimeType: string) => ({
		data: readFileSync(path).toString('base64'),
		fileName,
		mimeType,
	});
	const binary = {
		attachment_0: attachment(join(FIXTURE_IMAGES_DIR, 'gbr.jpg'), 'photo.jpg', 'image/jpeg'),
		attachment_1: attachment(
			join(FIXTURES_DIR, 'pdf', 'files', 'multi-page.pdf'),
			'scan.pdf',
			'application/pdf',
		),
		attachment_2: attachment(join(FIXTURE_IMAGES_DIR, 'bad-tiny.png'), 'logo.png', 'image/png'),
	};
	return codeNode(
		name,
		`return [{ json: { subject: 'my passport' }, binary: ${JSON.stringify(binary)} }];`,
	);
}

/** The same workflow in both binary modes: by reference, and every attachment of a mail. */
function filesWorkflow(id: string, binaryMode?: 'combined') {
	const reference = binaryMode
		? '={{ $json._files.data }}'
		: "={{ $('Read photo').item.binary.data }}";
	const built = workflow(
		id,
		`E2E files as n8n hands them over${binaryMode ? ' (combined)' : ''}`,
		[
			manualTrigger(),
			readFiles('Read photo', join(FIXTURE_IMAGES_DIR, 'icao-specimen.jpg')),
			ocrNode('By reference', { imageSource: 'binaryData', binaryPropertyName: reference }, IAM),
			mailNode('Mail'),
			ocrNode('All files', { imageSource: 'allFiles', pdfPage: 'all' }, IAM),
		],
		[
			['Start', 'Read photo'],
			['Read photo', 'By reference'],
			['Start', 'Mail'],
			['Mail', 'All files'],
		],
	);
	return binaryMode ? { ...built, settings: { executionOrder: 'v1', binaryMode } } : built;
}

describe(`files as n8n hands them over in n8n@${N8N_VERSION}`, () => {
	let home: N8nHome;
	let sim: SimulatorProcess;

	beforeAll(async () => {
		home = await createN8nHome('file-references', EXTENSIONS_DIR, {
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		});
		sim = await startSimulatorProcess({ logFile: join(home.importDir, 'simulator.log') });
		await importCredentials(home, [iamCredentialFor(sim.info)]);
		const workflows = [filesWorkflow('e2eFileRefs00001')];
		if (HAS_COMBINED_MODE) workflows.push(filesWorkflow('e2eFileRefs00002', 'combined'));
		await importWorkflows(home, workflows);
	}, 300_000);

	afterAll(async () => {
		await sim?.stop();
	});

	const expectFiles = async (id: string, combined: boolean) => {
		await sim.reset();
		const result = await executeWorkflow(home, id);
		expect(result.error).toBeUndefined();

		const [byReference] = outputItems(result, 'By reference');
		expect(byReference.json.surname).toBe(surname('icao-specimen'));
		expect(byReference.pairedItem).toEqual({ item: 0 });

		const files = outputItems(result, 'All files');
		expect(files.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		expect(files.map((item) => item.json.source)).toEqual([
			{ file: 'attachment_0', fileName: 'photo.jpg' },
			{ file: 'attachment_1', fileName: 'scan.pdf', kind: 'pdf', page: 2, width: 268, height: 186 },
			{ file: 'attachment_1', fileName: 'scan.pdf', kind: 'pdf', page: 3, width: 268, height: 186 },
			{ file: 'attachment_2', fileName: 'logo.png' },
		]);
		expect(files.map((item) => item.json.surname)).toEqual([
			surname('gbr'),
			surname('icao-specimen'),
			surname('german-specimen'),
			'',
		]);
		expect(files[3].json).toMatchObject({ skipped: true, verdict: { passed: false } });
		expect(String(files[3].json.skipReason)).toMatch(/too small to be a document page/);
		// Keep Input Binary (default on) keeps, with each result, the file it came from, where the mode
		// keeps files.
		const kept = files.map((item) =>
			Object.keys((combined ? (item.json._files as object) : item.binary) ?? {}),
		);
		expect(kept).toEqual([['attachment_0'], ['attachment_1'], ['attachment_1'], ['attachment_2']]);
		// 1 by reference + photo + 2 PDF pages; the logo cost no call.
		expect((await sim.counters()).ocr.total).toBe(4);
	};

	it('a binary object by expression, and every attachment of an item (separate binary mode)', async () => {
		await expectFiles('e2eFileRefs00001', false);
	});

	(HAS_COMBINED_MODE ? it : it.skip)(
		'the same in a workflow with binary mode "combined" (files under _files)',
		async () => {
			await expectFiles('e2eFileRefs00002', true);
		},
	);
});
