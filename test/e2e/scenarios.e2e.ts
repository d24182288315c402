/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The package inside a real n8n (N8N_VERSION, default 2.0.3; `npm run test:compat` runs every version
 * of test/e2e/n8n-versions.json), against the Huawei Cloud simulator running as its own process.
 * Each test's workflow is declared right above it; all are imported in one n8n boot before the first
 * test (each n8n command boots n8n). The tests run in this order on one n8n home, so the token cached
 * by n8n carries over between runs like in production.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_FILES, loadExample, PLACEHOLDERS } from '../../scripts/lib/examples';
import { documentTruth, type DocumentName } from '../fixtures/documents';
import {
	AKSK_CREDENTIAL,
	IAM_CREDENTIAL,
	akSkCredentialFor,
	iamCredentialFor,
} from './lib/credentials';
import { startFileServer, type FileServer } from './lib/fileServer';
import {
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	outputItems,
	runN8nCli,
	type ExecutionResult,
	type N8nHome,
	type WorkflowExport,
} from './lib/n8n';
import { binaryToBase64, httpPostOnce, readFiles } from './lib/n8nNodes';
import { EXTENSIONS_DIR, FIXTURE_IMAGES_DIR, MATRIX, N8N_NODE_BIN, N8N_VERSION } from './lib/paths';
import { findSecretLeaks } from './lib/secrets';
import {
	startSimulatorProcess,
	type SimulatorCounters,
	type SimulatorProcess,
} from './lib/simulator';
import {
	codeNode,
	manualTrigger,
	node,
	OCR_NODE_TYPE,
	ocrNode,
	workflow,
} from './lib/workflowBuilder';

const IAM = { ...IAM_CREDENTIAL, type: 'huaweiCloudApi' as const };
const AKSK = { ...AKSK_CREDENTIAL, type: 'huaweiCloudAkSkApi' as const };
/** A second IAM credential with no stored token, so its first token is fetched inside the timed batch. */
const IAM_SHORT_LIVED = {
	id: 'hwIamShortTtl01',
	name: 'Huawei Cloud IAM (simulator, short-lived tokens)',
	type: 'huaweiCloudApi' as const,
};
const ICAO = documentTruth('icao-specimen').fields;
const CHINESE = documentTruth('chinese').fields;
const ICAO_MRZ = documentTruth('icao-specimen').mrz;
/** The specimen with its document number check digit changed (6 → 7). */
const BROKEN_MRZ = [ICAO_MRZ[0], `${ICAO_MRZ[1].slice(0, 9)}7${ICAO_MRZ[1].slice(10)}`];

/** Eight readable images (the throttling and the mid-batch expiry batches). */
const EIGHT_IMAGES = [
	'icao-specimen.jpg',
	'chinese.jpg',
	'german-specimen.jpg',
	'gbr.jpg',
	'usa.jpg',
	'icao-specimen.png',
	'chinese.png',
	'icao-specimen.bmp',
];
const truthOfFile = (file: string) => documentTruth(file.replace(/\.\w+$/, '') as DocumentName);

/**
 * Token dies inside one concurrent batch: every simulator answer takes LATENCY_MS, and tokens live
 * TOKEN_TTL_S = 2.75 × latency. The first token is issued when IAM receives the request (t0); the lone
 * first OCR call arrives at t0 + L, the first parallel wave at t0 + 2L (valid, 0.75 L of slack for
 * n8n's own overhead), the second wave no earlier than t0 + 3L (expired: every step waits at least L).
 * The refreshed token is last used about 2L after it was issued, again 0.75 L inside its lifetime.
 */
const LATENCY_MS = 800;
const TOKEN_TTL_S = (2.75 * LATENCY_MS) / 1000;

/** Reads the fixture files in a fixed order (the glob's order is the file system's). */
function orderedFiles(files: string[]) {
	return [
		readFiles('Read images', `${FIXTURE_IMAGES_DIR}/{${files.join(',')}}`),
		codeNode(
			'In order',
			`const order = ${JSON.stringify(files)};
return $input.all()
	.sort((a, b) => order.indexOf(a.binary.data.fileName) - order.indexOf(b.binary.data.fileName))
	.map((item) => ({ json: { file: item.binary.data.fileName }, binary: item.binary }));`,
		),
	];
}

const jsonOf = (result: ExecutionResult, nodeName: string, output = 0) =>
	outputItems(result, nodeName, output).map((item) => item.json);
const pairedOf = (result: ExecutionResult, nodeName: string, output = 0) =>
	outputItems(result, nodeName, output).map((item) => item.pairedItem);

describe(`Huawei Passport OCR in n8n@${N8N_VERSION} against the simulator`, () => {
	let home: N8nHome;
	let sim: SimulatorProcess;
	let files: FileServer;
	const runs: ExecutionResult[] = [];
	const tokensSeen = new Set<string>();

	/** The token n8n stored with an IAM credential, read without printing it into the n8n log. */
	const storedToken = async (credentialId = IAM.id): Promise<string> => {
		const file = join(home.importDir, 'decrypted.json');
		const exported = await runN8nCli({ ...home, logFile: join(home.importDir, 'export.log') }, [
			'export:credentials',
			`--id=${credentialId}`,
			'--decrypted',
			`--output=${file}`,
		]);
		if (exported.code !== 0) throw new Error('export:credentials failed');
		const [credential] = JSON.parse(readFileSync(file, 'utf8')) as Array<{
			data: { token?: string };
		}>;
		return credential.data.token ?? '';
	};

	/** A test's workflow, declared above the test and built in beforeAll (it may use `sim`, `files`). */
	interface ScenarioWorkflow {
		build: () => WorkflowExport;
		/** Set when beforeAll imports it. */
		id?: string;
	}
	const declared: ScenarioWorkflow[] = [];
	const scenarioWorkflow = (build: () => WorkflowExport): ScenarioWorkflow => {
		const entry: ScenarioWorkflow = { build };
		declared.push(entry);
		return entry;
	};
	const execute = async (scenario: ScenarioWorkflow) => {
		if (!scenario.id) throw new Error('the scenario workflow was not imported');
		const result = await executeWorkflow(home, scenario.id);
		runs.push(result);
		return result;
	};

	beforeAll(async () => {
		home = await createN8nHome('scenarios', EXTENSIONS_DIR);
		sim = await startSimulatorProcess({ logFile: join(home.importDir, 'simulator.log') });
		files = await startFileServer(FIXTURE_IMAGES_DIR);
		await importCredentials(home, [
			iamCredentialFor(sim.info),
			akSkCredentialFor(sim.info),
			{ ...iamCredentialFor(sim.info), id: IAM_SHORT_LIVED.id, name: IAM_SHORT_LIVED.name },
		]);
		const workflows = declared.map((entry) => {
			const built = entry.build();
			entry.id = built.id;
			return built;
		});
		await importWorkflows(home, workflows);
		await sim.reset();
	});

	afterAll(async () => {
		await files?.stop();
		await sim?.stop();
	});

	it(`is n8n ${N8N_VERSION}, on the Node that test/e2e/n8n-versions.json names for it`, async () => {
		const cli = await runN8nCli(home, ['--version']);
		expect(cli.stdout).toContain(N8N_VERSION);
		const node = MATRIX.versions[N8N_VERSION].node;
		expect(execFileSync(N8N_NODE_BIN, ['--version'], { encoding: 'utf8' }).trim()).toBe(
			node === 'system' ? process.version : `v${node}`,
		);
	});

	let afterFirstRun: SimulatorCounters;

	const binaryModes = scenarioWorkflow(() =>
		workflow(
			'e2eBinaryModes01',
			'E2E binary input, threshold modes, bad image',
			[
				manualTrigger(),
				...orderedFiles(['icao-specimen.jpg', 'bad-pdf.pdf', 'low-confidence.jpg', 'chinese.png']),
				ocrNode('Flag', { imageSource: 'binaryData', confidenceMode: 'flag' }, IAM, {
					onError: 'continueRegularOutput',
				}),
				ocrNode(
					'Off',
					{
						imageSource: 'binaryData',
						confidenceMode: 'off',
						options: { keepInputBinary: false },
					},
					IAM,
					{
						onError: 'continueRegularOutput',
					},
				),
				ocrNode('Filter', { imageSource: 'binaryData', confidenceMode: 'filter' }, IAM, {
					onError: 'continueRegularOutput',
				}),
				ocrNode('Route', { imageSource: 'binaryData', confidenceMode: 'route' }, IAM, {
					onError: 'continueErrorOutput',
				}),
			],
			[
				['Start', 'Read images'],
				['Read images', 'In order'],
				['In order', 'Flag'],
				['In order', 'Off'],
				['In order', 'Filter'],
				['In order', 'Route'],
			],
		),
	);
	it('binary input from the Read Files node, each threshold mode, a refused PDF next to good items', async () => {
		const result = await execute(binaryModes);
		expect(result.error).toBeUndefined();

		// Flag: one item per input, in order, with pairedItem; the PDF is an error item, the rest carry a verdict.
		const flag = jsonOf(result, 'Flag');
		expect(pairedOf(result, 'Flag')).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(flag[0]).toMatchObject({
			passport_number: ICAO.passport_number,
			surname: ICAO.surname,
			verdict: { passed: true },
		});
		expect(String(flag[1].error)).toMatch(/PDF/);
		expect(flag[2]).toMatchObject({ verdict: { passed: false } });
		expect(flag[3]).toMatchObject({
			passport_number: CHINESE.passport_number,
			place_of_birth: CHINESE.place_of_birth,
			verdict: { passed: true },
		});
		expect(outputItems(result, 'Flag')[0].binary?.data).toBeDefined();

		// Off: no verdict at all, and the input binary dropped on request.
		const off = outputItems(result, 'Off');
		expect(off.map((item) => item.json.verdict)).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
		]);
		expect(off[0].json.surname).toBe(ICAO.surname);
		expect(off[0].binary).toBeUndefined();

		// Filter: the low-confidence item is dropped; the others keep their pairedItem.
		expect(pairedOf(result, 'Filter')).toEqual([{ item: 0 }, { item: 1 }, { item: 3 }]);

		// Route: passed → output 0, low confidence → "Review" (output 1), the PDF → error output (2).
		expect(pairedOf(result, 'Route', 0)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(pairedOf(result, 'Route', 1)).toEqual([{ item: 2 }]);
		expect(jsonOf(result, 'Route', 1)[0]).toMatchObject({ verdict: { passed: false } });
		expect(pairedOf(result, 'Route', 2)).toEqual([{ item: 1 }]);
		expect(String(jsonOf(result, 'Route', 2)[0].error)).toMatch(/PDF/);

		afterFirstRun = await sim.counters();
		// 3 readable images × 4 nodes; the PDF never reached the service; one token for the whole run.
		expect(afterFirstRun.ocr.byAuth.token).toBe(12);
		expect(afterFirstRun.ocr.total).toBe(12);
		expect(afterFirstRun.iam.tokens).toBe(1);
		tokensSeen.add(await storedToken());
	});

	const urlBase64AkSk = scenarioWorkflow(() =>
		workflow(
			'e2eUrlBase64Ak01',
			'E2E URL and base64 input with AK/SK, Huawei errors',
			[
				manualTrigger(),
				codeNode(
					'URLs',
					`return ${JSON.stringify([
						'icao-specimen.jpg',
						'bad-no-truth.jpg',
						'missing.jpg',
						'chinese.jpg',
					])}
.map((file) => ({ json: { url: ${JSON.stringify(files.url)} + '/' + file } }));`,
				),
				ocrNode('By URL', { imageSource: 'url', imageUrl: '={{ $json.url }}' }, AKSK, {
					onError: 'continueErrorOutput',
				}),
				readFiles('Read image', `${FIXTURE_IMAGES_DIR}/icao-specimen.jpg`),
				binaryToBase64('To base64', 'image'),
				ocrNode(
					'By base64',
					{
						imageSource: 'base64',
						imageBase64: "={{ 'data:image/jpeg;base64,' + $json.image }}",
					},
					AKSK,
				),
			],
			[
				['Start', 'URLs'],
				['URLs', 'By URL'],
				['Start', 'Read image'],
				['Read image', 'To base64'],
				['To base64', 'By base64'],
			],
		),
	);
	it('URL and base64 input with an access key: signatures verified, Huawei errors on the error output', async () => {
		const result = await execute(urlBase64AkSk);
		expect(result.error).toBeUndefined();

		expect(pairedOf(result, 'By URL', 0)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(jsonOf(result, 'By URL', 0)[0]).toMatchObject({
			surname: ICAO.surname,
			passport_number: ICAO.passport_number,
		});
		expect(jsonOf(result, 'By URL', 0)[1]).toMatchObject({
			passport_number: CHINESE.passport_number,
		});
		// n8n 2.0.3 rewrites the JSON of any item carrying an error to { error: message }; Huawei's code
		// and request id travel in the error itself.
		const errors = outputItems(result, 'By URL', 1);
		expect(pairedOf(result, 'By URL', 1)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(errors.map((item) => item.error?.context?.huaweiCode)).toEqual([
			'AIS.0104',
			'ModelArts.4603',
		]);
		expect(
			errors.every((item) => /^[0-9a-f]{8,}$/.test(String(item.error?.context?.requestId))),
		).toBe(true);
		// The message alone (all an error item's JSON keeps) says what happened with Huawei's code and
		// HTTP status, what to do, and the request id to quote to Huawei support.
		// `what`, `codeAndStatus` and `advice` are regular-expression sources.
		const selfSufficient = (
			what: string,
			codeAndStatus: string,
			advice: string,
			requestId: string,
		) =>
			new RegExp(
				`${what}[^:]*\\(${codeAndStatus}\\b[^)]*\\): .*${advice}.*Request id: ${requestId}\\b`,
				'i',
			);
		expect(errors.map((item) => String(item.json.error))).toEqual([
			expect.stringMatching(
				selfSufficient(
					'no readable passport',
					'AIS\\.0104, HTTP 400',
					'send a sharp',
					String(errors[0].error?.context?.requestId),
				),
			),
			expect.stringMatching(
				selfSufficient(
					'could not download',
					'ModelArts\\.4603, HTTP 400',
					'public http\\(s\\) URL',
					String(errors[1].error?.context?.requestId),
				),
			),
		]);

		expect(jsonOf(result, 'By base64')[0]).toMatchObject({
			surname: ICAO.surname,
			passport_number: ICAO.passport_number,
		});

		const counters = await sim.counters();
		// 4 URL calls + 1 base64 call, all signed with AK/SK and accepted by the simulator's verifier.
		expect(counters.ocr.byAuth.aksk).toBe(5);
		expect(counters.ocr.byCode['APIGW.0301'] ?? 0).toBe(0);
		expect(counters.downloads.total).toBe(4);
		expect(counters.iam.tokens).toBe(afterFirstRun.iam.tokens);
	});

	const throttled = scenarioWorkflow(() =>
		workflow(
			'e2eThrottled001',
			'E2E throttled batch',
			[
				manualTrigger(),
				...orderedFiles(EIGHT_IMAGES),
				ocrNode(
					'Throttled',
					{
						imageSource: 'binaryData',
						options: { concurrency: 4, maxRetries: 8, retryDelay: 200 },
					},
					IAM,
				),
			],
			[
				['Start', 'Read images'],
				['Read images', 'In order'],
				['In order', 'Throttled'],
			],
		),
	);
	it('throttling: every item comes back after 429s, and the cached token is reused by a new n8n process', async () => {
		await sim.knobs({ qps: 2 });
		const before = await sim.counters();
		const result = await execute(throttled);
		await sim.knobs({ qps: 0 });
		expect(result.error).toBeUndefined();

		const items = outputItems(result, 'Throttled');
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4, 5, 6, 7].map((item) => ({ item })),
		);
		expect(items.every((item) => item.json.error === undefined && item.json.passport_number)).toBe(
			true,
		);
		const after = await sim.counters();
		expect((after.ocr.byStatus['429'] ?? 0) - (before.ocr.byStatus['429'] ?? 0)).toBeGreaterThan(0);
		// A third n8n process, still the first token: n8n kept it encrypted with the credential.
		expect(after.iam.tokens).toBe(1);
	});

	const tokenExpiry = scenarioWorkflow(() =>
		workflow(
			'e2eTokenExpiry01',
			'E2E token expires between two batches',
			[
				manualTrigger(),
				...orderedFiles(['icao-specimen.jpg', 'chinese.jpg', 'gbr.jpg']),
				ocrNode('Before expiry', { imageSource: 'binaryData', options: { concurrency: 3 } }, IAM),
				httpPostOnce('Expire tokens', `${sim.url}/__sim/expire-tokens`),
				codeNode('Images again', "return $('In order').all();"),
				ocrNode('After expiry', { imageSource: 'binaryData', options: { concurrency: 3 } }, IAM),
			],
			[
				['Start', 'Read images'],
				['Read images', 'In order'],
				['In order', 'Before expiry'],
				['Before expiry', 'Expire tokens'],
				['Expire tokens', 'Images again'],
				['Images again', 'After expiry'],
			],
		),
	);
	it('a token that expires mid-run is refreshed once and the run succeeds', async () => {
		const before = await sim.counters();
		const result = await execute(tokenExpiry);
		expect(result.error).toBeUndefined();

		expect(jsonOf(result, 'Before expiry').map((j) => j.passport_number)).toEqual(
			jsonOf(result, 'After expiry').map((j) => j.passport_number),
		);
		expect(
			jsonOf(result, 'After expiry').every((j) => j.error === undefined && j.passport_number),
		).toBe(true);
		const after = await sim.counters();
		expect(after.iam.tokens - before.iam.tokens).toBe(1);
		expect(
			(after.ocr.byCode['APIGW.0307'] ?? 0) - (before.ocr.byCode['APIGW.0307'] ?? 0),
		).toBeGreaterThan(0);
		tokensSeen.add(await storedToken());
		expect(tokensSeen.size).toBe(2);
	});

	const tokenTtlBatch = scenarioWorkflow(() =>
		workflow(
			'e2eTokenTtlBatch1',
			'E2E token expires while one concurrent batch is in flight',
			[
				manualTrigger(),
				...orderedFiles(EIGHT_IMAGES),
				ocrNode(
					'Mid-batch expiry',
					{ imageSource: 'binaryData', options: { concurrency: 3 } },
					IAM_SHORT_LIVED,
				),
			],
			[
				['Start', 'Read images'],
				['Read images', 'In order'],
				['In order', 'Mid-batch expiry'],
			],
		),
	);
	it('a token that expires while a concurrent batch is in flight is refreshed once, every item in order', async () => {
		await sim.knobs({ latencyMs: LATENCY_MS, tokenTtlSeconds: TOKEN_TTL_S });
		const before = await sim.counters();
		let result: ExecutionResult;
		try {
			result = await execute(tokenTtlBatch);
		} finally {
			await sim.knobs({ latencyMs: 0, tokenTtlSeconds: 24 * 3600 });
		}
		expect(result.error).toBeUndefined();

		const items = outputItems(result, 'Mid-batch expiry');
		expect(items.map((item) => item.pairedItem)).toEqual(EIGHT_IMAGES.map((_, item) => ({ item })));
		expect(items.map((item) => item.json.error)).toEqual(EIGHT_IMAGES.map(() => undefined));
		expect(items.map((item) => item.json.passport_number)).toEqual(
			EIGHT_IMAGES.map((file) => truthOfFile(file).fields.passport_number),
		);
		const after = await sim.counters();
		const delta = (pick: (c: SimulatorCounters) => number | undefined) =>
			(pick(after) ?? 0) - (pick(before) ?? 0);
		// The gateway refused the stale token mid-batch (APIGW.0307), yet the batch cost two token
		// exchanges in all: the credential's first token and exactly one refresh (the node lets one
		// request refresh while the others in flight wait for it), not one refresh per request.
		expect(delta((c) => c.ocr.byCode['APIGW.0307'])).toBeGreaterThan(0);
		expect(delta((c) => c.iam.tokens)).toBe(2);
		expect(delta((c) => c.ocr.byStatus['200'])).toBe(EIGHT_IMAGES.length);
		tokensSeen.add(await storedToken(IAM_SHORT_LIVED.id));
	});

	// The URL example as shipped, pointed at an image on the local file server (as the demo does).
	const urlExample = scenarioWorkflow(() =>
		loadExample(EXAMPLE_FILES.byUrl, {
			credential: iamCredentialFor(sim.info),
			replacements: [[PLACEHOLDERS.imageUrl, `${files.url}/icao-specimen.jpg`]],
		}),
	);
	it('the URL example workflow (examples/passport-by-url.json) runs as shipped', async () => {
		const before = await sim.counters();
		const result = await execute(urlExample);
		expect(result.error).toBeUndefined();

		// The request's own fields stay; the result lands under "passport" with its verdict.
		const answer = jsonOf(result, 'Answer');
		expect(answer).toHaveLength(1);
		expect(answer[0]).toMatchObject({
			imageUrl: `${files.url}/icao-specimen.jpg`,
			customerId: 'C-1001',
			passport: {
				passport_number: ICAO.passport_number,
				surname: ICAO.surname,
				verdict: { passed: true },
			},
		});
		const after = await sim.counters();
		expect(after.downloads.total - before.downloads.total).toBe(1);
		expect((after.ocr.byAuth.token ?? 0) - (before.ocr.byAuth.token ?? 0)).toBe(1);
	});

	const parseMrz = scenarioWorkflow(() =>
		workflow(
			'e2eParseMrz00001',
			'E2E Parse MRZ without credential',
			[
				manualTrigger(),
				codeNode(
					'MRZ texts',
					`return ${JSON.stringify([
						ICAO_MRZ.join('\n'),
						BROKEN_MRZ.join('\n'),
					])}.map((mrz) => ({ json: { mrz } }));`,
				),
				node('Parse MRZ', OCR_NODE_TYPE, 1, {
					operation: 'parseMrz',
					mrzText: '={{ $json.mrz }}',
					confidenceMode: 'route',
				}),
			],
			[
				['Start', 'MRZ texts'],
				['MRZ texts', 'Parse MRZ'],
			],
		),
	);
	it('Parse MRZ runs without any credential and never calls the service', async () => {
		const before = await sim.counters();
		const result = await execute(parseMrz);
		expect(result.error).toBeUndefined();

		const passed = jsonOf(result, 'Parse MRZ', 0);
		const review = jsonOf(result, 'Parse MRZ', 1);
		expect(pairedOf(result, 'Parse MRZ', 0)).toEqual([{ item: 0 }]);
		expect(pairedOf(result, 'Parse MRZ', 1)).toEqual([{ item: 1 }]);
		expect(passed[0]).toMatchObject({ mrz: { valid: true }, verdict: { passed: true } });
		expect(review[0]).toMatchObject({ mrz: { valid: false }, verdict: { passed: false } });
		expect((await sim.counters()).requests).toBe(before.requests);
	});

	it('no password, secret key or token in the n8n log or the run data', () => {
		const secrets: Record<string, string> = {
			password: sim.info.password,
			secretKey: sim.info.secretKey,
		};
		[...tokensSeen].forEach((token, index) => (secrets[`token${index + 1}`] = token));
		const sources: Record<string, string> = { 'n8n log': readFileSync(home.logFile, 'utf8') };
		runs.forEach((run, index) => (sources[`run data ${index + 1}`] = JSON.stringify(run.runData)));
		expect(runs).toHaveLength(7);
		expect([...tokensSeen].every((token) => token.length > 20)).toBe(true);
		expect(findSecretLeaks(secrets, sources)).toEqual([]);
		// The search itself works: the simulator's own start-up banner prints the password on purpose.
		const simulatorLog = {
			'simulator log': readFileSync(join(home.importDir, 'simulator.log'), 'utf8'),
		};
		expect(findSecretLeaks({ password: sim.info.password }, simulatorLog)).toHaveLength(1);
	});
});
