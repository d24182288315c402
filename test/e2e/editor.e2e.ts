/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The editor check: n8n's real editor (n8n start) with the packed package, driven in Debian's chromium
 * by playwright-core. Screenshots land in docs/screenshots/ for the README.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import {
	AKSK_CREDENTIAL,
	IAM_CREDENTIAL,
	akSkCredentialFor,
	iamCredentialFor,
} from './lib/credentials';
import {
	loadedNodeTypes,
	openEditor,
	setupOwner,
	testStoredCredential,
	type EditorSession,
} from './lib/editor';
import {
	createN8nHome,
	importCredentials,
	importWorkflows,
	startN8nServer,
	type N8nServer,
} from './lib/n8n';
import { EXTENSIONS_DIR, SCREENSHOTS_DIR } from './lib/paths';
import { freePort } from './lib/ports';
import { startSimulatorProcess, type SimulatorProcess } from './lib/simulator';
import { manualTrigger, OCR_NODE_TYPE, ocrNode, workflow } from './lib/workflowBuilder';
import { EXAMPLE_FILES, loadExample } from '../../scripts/lib/examples';

const IAM = { ...IAM_CREDENTIAL, type: 'huaweiCloudApi' as const };
const WORKFLOW_ID = 'e2eEditorCheck01';
/** IAM credentials whose test must fail: a wrong password, and an IAM endpoint nobody listens on. */
const WRONG_PASSWORD = { id: 'hwIamWrongPass01', name: 'Huawei Cloud IAM (wrong password)' };
const WRONG_PASSWORD_VALUE = 'Not-The-Sim-Passw0rd!';
const UNREACHABLE = { id: 'hwIamNoListener1', name: 'Huawei Cloud IAM (nothing listening)' };

/** One node per image source, covering every threshold mode. */
const CONFIGURED = [
	{
		name: 'Binary file, verdict only',
		imageSource: 'binaryData',
		confidenceMode: 'flag',
		input: 'binaryPropertyName',
		outputs: 1,
	},
	{
		name: 'Image URL, route',
		imageSource: 'url',
		confidenceMode: 'route',
		input: 'imageUrl',
		outputs: 2,
	},
	{
		name: 'Base64, filter',
		imageSource: 'base64',
		confidenceMode: 'filter',
		input: 'imageBase64',
		outputs: 1,
	},
	{
		name: 'Binary file, off',
		imageSource: 'binaryData',
		confidenceMode: 'off',
		input: 'binaryPropertyName',
		outputs: 1,
	},
] as const;
/** Example workflows pictured in the README. */
const EXAMPLE_PICTURES: Record<string, string> = {
	[EXAMPLE_FILES.folderToCsv]: 'example-folder-to-csv.png',
	[EXAMPLE_FILES.agentTool]: 'example-ai-agent-tool.png',
};
const SOURCE_INPUTS = ['binaryPropertyName', 'imageUrl', 'imageBase64'];
const THRESHOLD_INPUTS = [
	'confidenceThreshold',
	'confidenceFields',
	'confidenceCombine',
	'missingConfidence',
];

const canvasNode = (page: Page, name: string) =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
const outputHandles = (page: Page, name: string) =>
	page.locator(
		`[data-test-id="canvas-node-output-handle"][data-node-name="${name}"][data-connection-type="main"]`,
	);
const parameterInput = (page: Page, name: string) => page.getByTestId(`parameter-input-${name}`);
/**
 * Screenshots go to the run folder; with UPDATE_SCREENSHOTS=1 to docs/screenshots (the README's
 * pictures), so an ordinary test run leaves the working tree clean.
 */
let screenshotsDir = SCREENSHOTS_DIR;
const screenshot = (page: Page, file: string) =>
	page.screenshot({ path: join(screenshotsDir, file) });

async function openNode(page: Page, name: string): Promise<void> {
	await canvasNode(page, name).dblclick();
	await page.getByTestId('ndv').waitFor({ state: 'visible' });
	await parameterInput(page, 'imageSource').waitFor({ state: 'visible' });
}

async function closeNode(page: Page): Promise<void> {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

describe('the node in n8n@2.0.3 editor (chromium)', () => {
	let server: N8nServer;
	let sim: SimulatorProcess;
	let editor: EditorSession;
	let page: Page;
	/** A loopback URL with nothing listening (a port that was free a moment ago). */
	let unreachableUrl: string;

	beforeAll(async () => {
		const home = await createN8nHome('editor', EXTENSIONS_DIR);
		if (process.env.UPDATE_SCREENSHOTS !== '1')
			screenshotsDir = join(dirname(home.userFolder), 'screenshots');
		mkdirSync(screenshotsDir, { recursive: true });
		// The editor tests credentials when their form opens: the simulator answers those tests.
		sim = await startSimulatorProcess();
		unreachableUrl = `http://127.0.0.1:${await freePort()}`;
		const iam = iamCredentialFor(sim.info);
		await importCredentials(home, [
			iam,
			akSkCredentialFor(sim.info),
			{ ...iam, ...WRONG_PASSWORD, data: { ...iam.data, password: WRONG_PASSWORD_VALUE } },
			{
				...iam,
				...UNREACHABLE,
				data: { ...iam.data, iamEndpoint: unreachableUrl, ocrEndpoint: unreachableUrl },
			},
		]);
		const exampleAdaptation = { credential: iamCredentialFor(sim.info), replacements: [] };
		await importWorkflows(home, [
			...Object.values(EXAMPLE_FILES).map((file) => loadExample(file, exampleAdaptation)),
			workflow(
				WORKFLOW_ID,
				'Passport OCR: every image source and threshold mode',
				[
					manualTrigger(),
					...CONFIGURED.map((c) =>
						ocrNode(
							c.name,
							{
								imageSource: c.imageSource,
								confidenceMode: c.confidenceMode,
								imageUrl: 'https://example.com/passport.jpg',
								imageBase64: '={{ $json.image }}',
							},
							IAM,
						),
					),
				],
				CONFIGURED.map((c) => ['Start', c.name] as [string, string]),
			),
		]);
		server = await startN8nServer(home);
		await setupOwner(server.url);
		editor = await openEditor(server.url);
		page = editor.page;
		await page.goto(`/workflow/${WORKFLOW_ID}`);
		await canvasNode(page, CONFIGURED[0].name).waitFor({ state: 'visible', timeout: 60_000 });
	});

	afterAll(async () => {
		await editor?.close();
		await server?.stop();
		await sim?.stop();
	});

	it('loads the node from the packed package as CUSTOM.huaweiPassportOcr (and its AI tool variant)', async () => {
		for (const c of CONFIGURED)
			await expect(canvasNode(page, c.name).getAttribute('data-node-type')).resolves.toBe(
				OCR_NODE_TYPE,
			);
		// usableAsTool: n8n also offers the node as an AI agent tool.
		expect([...(await loadedNodeTypes(editor))]).toEqual(
			expect.arrayContaining([OCR_NODE_TYPE, `${OCR_NODE_TYPE}Tool`]),
		);
		await page.getByTestId('zoom-to-fit').click();
		await page.mouse.move(700, 300); // no tooltip in the picture
		await page.waitForTimeout(600); // the zoom animates; only the screenshot needs it finished
		await screenshot(page, 'workflow-canvas.png');
	});

	it('shows the second output ("Review") only in route mode', async () => {
		for (const c of CONFIGURED) {
			await expect(outputHandles(page, c.name).count()).resolves.toBe(c.outputs);
		}
		// The output labels come from the node's outputs expression.
		await canvasNode(page, 'Image URL, route').getByText('Review').waitFor({ state: 'visible' });
	});

	it('renders the parameters of each image source and threshold mode', async () => {
		for (const c of CONFIGURED) {
			await openNode(page, c.name);
			try {
				// n8n folds the "authentication" parameter into its credential selector.
				expect(await page.getByTestId('node-credentials-select').isVisible()).toBe(true);
				const shown: Record<string, boolean> = {};
				const expected: Record<string, boolean> = {};
				for (const input of ['imageSource', 'recognitionMode', 'confidenceMode'])
					expected[input] = true;
				for (const input of SOURCE_INPUTS) expected[input] = input === c.input;
				for (const input of THRESHOLD_INPUTS) expected[input] = c.confidenceMode !== 'off';
				for (const input of Object.keys(expected))
					shown[input] = await parameterInput(page, input).isVisible();
				expect({ node: c.name, shown }).toEqual({ node: c.name, shown: expected });
				if (c.confidenceMode === 'route') await screenshot(page, 'node-parameters.png');
			} finally {
				await closeNode(page);
			}
		}
	});

	it('adds the Review output when the user switches a node to route mode', async () => {
		const name = CONFIGURED[0].name;
		await openNode(page, name);
		try {
			await parameterInput(page, 'confidenceMode').click();
			await page
				.locator('.el-select-dropdown__item:visible', { hasText: 'Route to Review Output' })
				.click();
		} finally {
			await closeNode(page);
		}
		await expect(outputHandles(page, name).count()).resolves.toBe(2);
	});

	it('finds the node in the node search', async () => {
		await page.getByTestId('node-creator-plus-button').click();
		const search = page.getByTestId('node-creator-search-bar');
		await search.waitFor({ state: 'visible' });
		await search.fill('passport');
		// With two operations n8n lists the node as an entry that opens its actions.
		const item = page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: 'Huawei Passport OCR' });
		await item.first().waitFor({ state: 'visible' });
		await screenshot(page, 'node-search.png');
		await item.first().click();
		try {
			for (const action of ['Recognize a passport', 'Parse and check an MRZ']) {
				await page
					.getByTestId('node-creator')
					.getByText(action, { exact: true })
					.first()
					.waitFor({ state: 'visible', timeout: 10_000 });
			}
		} finally {
			await screenshot(page, 'node-actions.png');
		}
		await page.keyboard.press('Escape');
	});

	it('opens the example workflows with every node known to n8n', async () => {
		for (const file of Object.values(EXAMPLE_FILES)) {
			const example = loadExample(file, {
				credential: iamCredentialFor(sim.info),
				replacements: [],
			});
			await page.goto(`/workflow/${example.id}`);
			const nodes = page.getByTestId('canvas-node');
			await nodes.first().waitFor({ state: 'visible', timeout: 60_000 });
			await expect(nodes.count()).resolves.toBe(example.nodes.length);
			const types = await nodes.evaluateAll((elements) =>
				elements.map((element) => element.getAttribute('data-node-type')),
			);
			expect(types.some((type) => String(type).startsWith(OCR_NODE_TYPE))).toBe(true);
			// Every type the example uses is one the editor knows (n8n's own list of loaded node types).
			const known = await loadedNodeTypes(editor);
			expect(types.filter((type) => !known.has(String(type)))).toEqual([]);
			const picture = EXAMPLE_PICTURES[file];
			if (picture) {
				await page.getByTestId('zoom-to-fit').click();
				await page.mouse.move(700, 300);
				await page.waitForTimeout(600); // the zoom animates; only the screenshot needs it finished
				await screenshot(page, picture);
			}
		}
	});

	it('shows the fields of both credential forms, tests them against the simulator, never reveals the secrets', async () => {
		const forms = [
			{
				id: IAM_CREDENTIAL.id,
				file: 'credential-iam.png',
				typeName: 'Huawei Cloud IAM User API',
				fields: [
					'region',
					'domainName',
					'userName',
					'password',
					'projectName',
					'ocrEndpoint',
					'iamEndpoint',
				],
				secret: sim.info.password,
			},
			{
				id: AKSK_CREDENTIAL.id,
				file: 'credential-aksk.png',
				typeName: 'Huawei Cloud Access Key API',
				fields: [
					'region',
					'accessKey',
					'secretKey',
					'projectId',
					'securityToken',
					'ocrEndpoint',
					'iamEndpoint',
				],
				secret: sim.info.secretKey,
			},
		];
		for (const form of forms) {
			const before = await sim.counters();
			await page.goto(`/home/credentials/${form.id}`);
			const modal = page.getByTestId('editCredential-modal');
			await modal.waitFor({ state: 'visible' });
			// The credential type's display name (n8n's rules: it ends in "API") under the title.
			await modal.getByText(form.typeName, { exact: true }).waitFor({ state: 'visible' });
			for (const field of form.fields) {
				await modal
					.getByTestId(`parameter-input-${field}`)
					.waitFor({ state: 'visible', timeout: 10_000 });
			}
			// n8n runs the credential's test when the form opens; it must pass against the simulator.
			await modal
				.getByTestId('credentials-config-container-test-success')
				.waitFor({ state: 'visible', timeout: 30_000 });
			expect((await sim.counters()).requests).toBeGreaterThan(before.requests);
			const values = await modal
				.locator('input')
				.evaluateAll((inputs) =>
					inputs.map((input) => (input as unknown as { value: string }).value),
				);
			expect(values).not.toContain(form.secret);
			expect(await page.content()).not.toContain(form.secret);
			await screenshot(page, form.file);
		}
	});

	it('says in plain words why a credential test fails (wrong password, host unreachable), never the password', async () => {
		// Each pattern must match; a string matches as it is (the unreachable endpoint's URL).
		const failures: Array<{ id: string; says: Array<RegExp | string> }> = [
			{
				...WRONG_PASSWORD,
				// IAM does not tell which of the three is wrong, so the message must name all three.
				says: [/wrong/i, /account/i, /user/i, /password/i],
			},
			{
				...UNREACHABLE,
				says: [
					/cannot reach|can't reach|could not reach|unreachable/i,
					/refused|not listening|no answer/i,
					unreachableUrl,
				],
			},
		];
		const secrets = [WRONG_PASSWORD_VALUE, sim.info.password];
		for (const failure of failures) {
			// What the form's test calls: n8n's REST route, with the credential as the editor holds it.
			const answer = await testStoredCredential(editor, failure.id);
			expect({ id: failure.id, status: answer.status }).toEqual({
				id: failure.id,
				status: 'Error',
			});
			for (const words of failure.says) expect(answer.message).toMatch(words);
			for (const secret of secrets) expect(answer.message).not.toContain(secret);

			// What the user sees: the form tests on opening and shows the same message under "More details".
			await page.goto(`/home/credentials/${failure.id}`);
			const modal = page.getByTestId('editCredential-modal');
			await modal.waitFor({ state: 'visible' });
			// n8n's red banner: "Couldn't connect with these settings", the details behind a link.
			const banner = modal
				.locator('.el-tag--danger')
				.filter({ hasText: /connect with these settings/i });
			await banner.getByText('More details').waitFor({ state: 'visible', timeout: 30_000 });
			await banner.getByText('More details').click();
			await banner.getByText(answer.message).waitFor({ state: 'visible' });
			const content = await page.content();
			for (const secret of secrets) expect(content).not.toContain(secret);
		}
	});
});
