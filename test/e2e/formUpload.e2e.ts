/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Files from n8n's Form Trigger (issue 27), in a real `n8n start` (N8N_VERSION) against the simulator:
 * one form submission over HTTP with three files in one file field (a passport photo, a two-page PDF
 * scan, a tiny logo), and the node with Image Source "All Files of the Item" reading them all: one
 * output item per file and page, the logo reported as skipped without an API call.
 *
 * How the Form Trigger names the files (n8n-nodes-base Form/utils/utils.js, prepareFormReturnItem, the
 * same in 1.123.81, 2.0.3 and 2.40.7): the browser posts field N of the form as multipart field
 * `field-N`; each file becomes a binary property named after the field's label with every non-word
 * character replaced by `_`, and, for a field with several files, `_0`, `_1`, … appended in the order
 * of the multipart body ("Passport files" → `Passport_files_0` … `Passport_files_2`). From typeVersion
 * 2.4 on the field's Field Name replaces the label when set; 2.3 (in all three versions) uses the label.
 *
 * "Workflow Finishes" answers the POST only after the run, but with an empty body: the Form Trigger
 * sets its webhook's responseData to "noData" for that mode (all three versions). So the items are
 * read from the stored execution through the REST API.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { documentTruth } from '../fixtures';
import { IAM_CREDENTIAL, iamCredentialFor } from './lib/credentials';
import {
	createN8nHome,
	importCredentials,
	startN8nServer,
	type N8nHome,
	type N8nServer,
	type NodeRun,
	type OutputItem,
} from './lib/n8n';
import { FIXTURE_IMAGES_DIR, FIXTURES_DIR, EXTENSIONS_DIR, N8N_VERSION } from './lib/paths';
import { waitFor } from './lib/ports';
import {
	activateWorkflow,
	createWorkflow,
	loginAsOwner,
	rest,
	type RestSession,
} from './lib/restApi';
import { startSimulatorProcess, type SimulatorProcess } from './lib/simulator';
import { node, ocrNode, workflow } from './lib/workflowBuilder';

const IAM = { ...IAM_CREDENTIAL, type: 'huaweiCloudApi' as const };
const FORM_PATH = 'passport-form';
/** The form's only field; its label names the binary properties. */
const FIELD_LABEL = 'Passport files';

const surname = (name: 'icao-specimen' | 'german-specimen' | 'gbr') =>
	documentTruth(name).fields.surname;

/**
 * Form Trigger 2.3 (the newest typeVersion 1.123.81 and 2.0.3 have; 2.40.7 has it too) with one
 * file field taking several files, answering when the workflow finishes → the node on every file.
 */
function formWorkflow() {
	return workflow(
		'e2eFormUpload001',
		'E2E form upload: three files, all files of the item',
		[
			node(
				'Form',
				'n8n-nodes-base.formTrigger',
				2.3,
				{
					formTitle: 'Passport upload',
					formFields: {
						values: [
							{
								fieldLabel: FIELD_LABEL,
								fieldType: 'file',
								multipleFiles: true,
								requiredField: true,
							},
						],
					},
					responseMode: 'lastNode',
					options: { path: FORM_PATH },
				},
				{ webhookId: '5b3c1f0e-8d2a-4c6b-9f71-3e4a5d6c7b80' },
			),
			ocrNode('All files', { imageSource: 'allFiles', pdfPage: 'all' }, IAM),
		],
		[['Form', 'All files']],
	);
}

/** n8n's REST API hands an execution's data in `flatted` form: a table, strings as indexes into it. */
function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const value = table[index];
		if (typeof value !== 'object' || value === null) {
			revived.set(index, value);
			return value;
		}
		const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, out);
		for (const [key, entry] of Object.entries(value))
			(out as Record<string, unknown>)[key] =
				typeof entry === 'string' ? revive(Number(entry)) : entry;
		return out;
	};
	return revive(0);
}

interface StoredExecution {
	status?: string;
	runData: Record<string, NodeRun[]>;
}

/** The workflow's one finished execution, read as the editor's execution list does. */
async function finishedExecution(session: RestSession, workflowId: string) {
	return await waitFor(
		async () => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const list = await rest(session, 'GET', `/executions?filter=${filter}`);
			const results = (list.results ?? []) as Array<{
				id: string;
				finished?: boolean;
				status?: string;
			}>;
			const done = results.find(
				(e) => e.status === 'success' || e.status === 'error' || e.finished,
			);
			if (!done) return undefined;
			const execution = await rest(session, 'GET', `/executions/${done.id}`);
			const data = (
				typeof execution.data === 'string' ? unflatten(execution.data) : execution.data
			) as {
				resultData?: { runData?: Record<string, NodeRun[]> };
			};
			return { status: done.status, runData: data.resultData?.runData ?? {} } as StoredExecution;
		},
		'the form execution to be stored',
		60_000,
	);
}

describe(`a form submission with three files in n8n@${N8N_VERSION}`, () => {
	let home: N8nHome;
	let sim: SimulatorProcess | undefined;
	let server: N8nServer | undefined;
	let session: RestSession;
	let workflowId: string;

	beforeAll(async () => {
		home = await createN8nHome('form-upload', EXTENSIONS_DIR);
		sim = await startSimulatorProcess({ logFile: join(dirname(home.logFile), 'simulator.log') });
		await importCredentials(home, [iamCredentialFor(sim.info)]);
		server = await startN8nServer(home);
		session = await loginAsOwner(server.url, home.logFile);
		workflowId = await createWorkflow(session, formWorkflow());
		await activateWorkflow(session, workflowId);
		// n8n serves the production form (GET shows it) once the activation registered its webhook.
		const url = server.url;
		await waitFor(
			async () => (await fetch(`${url}/form/${FORM_PATH}`)).ok || undefined,
			`the form ${FORM_PATH} to be registered`,
			60_000,
		);
	}, 600_000);

	afterAll(async () => {
		await server?.stop();
		await sim?.stop();
	}, 60_000);

	it('one POST to /form/<path> with a photo, a PDF scan and a logo: one item per file and page, no call for the logo', async () => {
		if (!sim || !server) throw new Error('n8n or the simulator is not running');
		await sim.reset();
		const file = (path: string, type: string) => new Blob([readFileSync(path)], { type });
		// What the browser posts: the form's first field as `field-0`, once per chosen file.
		const body = new FormData();
		body.append('field-0', file(join(FIXTURE_IMAGES_DIR, 'gbr.jpg'), 'image/jpeg'), 'photo.jpg');
		body.append(
			'field-0',
			file(join(FIXTURES_DIR, 'pdf', 'files', 'multi-page.pdf'), 'application/pdf'),
			'scan.pdf',
		);
		body.append('field-0', file(join(FIXTURE_IMAGES_DIR, 'bad-tiny.png'), 'image/png'), 'logo.png');
		const response = await fetch(`${server.url}/form/${FORM_PATH}`, { method: 'POST', body });
		const answer = await response.text();
		expect([response.status, answer.slice(0, 300)]).toEqual([200, expect.any(String)]);

		const execution = await finishedExecution(session, workflowId);
		expect(execution.status).toBe('success');
		const last = (name: string): OutputItem[] => {
			const runs = execution.runData[name];
			if (!runs?.length) throw new Error(`node "${name}" did not run`);
			return runs[runs.length - 1].data?.main?.[0] ?? [];
		};

		// The Form Trigger's item: the three files as binary properties named after the field's label.
		const [submitted] = last('Form');
		expect(Object.keys(submitted.binary ?? {})).toEqual([
			'Passport_files_0',
			'Passport_files_1',
			'Passport_files_2',
		]);

		const files = last('All files');
		expect(files.map((item) => item.json.source)).toEqual([
			{ file: 'Passport_files_0', fileName: 'photo.jpg' },
			{
				file: 'Passport_files_1',
				fileName: 'scan.pdf',
				kind: 'pdf',
				page: 2,
				width: 268,
				height: 186,
			},
			{
				file: 'Passport_files_1',
				fileName: 'scan.pdf',
				kind: 'pdf',
				page: 3,
				width: 268,
				height: 186,
			},
			{ file: 'Passport_files_2', fileName: 'logo.png' },
		]);
		expect(files.map((item) => item.json.surname)).toEqual([
			surname('gbr'),
			surname('icao-specimen'),
			surname('german-specimen'),
			'',
		]);
		expect(files.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		expect(files[3].json).toMatchObject({ skipped: true, verdict: { passed: false } });
		expect(String(files[3].json.skipReason)).toMatch(/too small to be a document page/);
		// The photo and the two PDF pages; the logo cost no call.
		expect((await sim.counters()).ocr.total).toBe(3);
	});
});
