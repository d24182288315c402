/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * What a user would build instead of this node: n8n's own HTTP Request node (one call for the IAM
 * token, one per image), side by side with this node, in a real n8n@2.0.3, the same 60 images,
 * against the simulator with 300 ms latency and an account limit of 10 requests per second
 * (429 APIGW.0308 with Retry-After: 1), plus the same without a limit.
 *
 * The figures (time as n8n records it, 429s) are informational and go to docs/benchmarks.md; this
 * test asserts only items read and failed. Every workflow sets On Error "continue" on its OCR step,
 * so that a failed item is counted instead of stopping the run.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { IAM_CREDENTIAL, iamCredentialFor } from './lib/credentials';
import {
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	outputItems,
	type ExecutionResult,
	type N8nHome,
} from './lib/n8n';
import { binaryToBase64, readFiles } from './lib/n8nNodes';
import { EXTENSIONS_DIR, FIXTURE_IMAGES_DIR } from './lib/paths';
import { startSimulatorProcess, type SimulatorProcess } from './lib/simulator';
import { codeNode, manualTrigger, node, ocrNode, workflow } from './lib/workflowBuilder';

const IAM = { ...IAM_CREDENTIAL, type: 'huaweiCloudApi' as const };
const ITEMS = 60;
const LATENCY_MS = 300;
const QPS = 10;
/** Every readable JPEG and PNG fixture (the bad-* files are the unreadable ones). */
const IMAGES = readdirSync(FIXTURE_IMAGES_DIR).filter(
	(file) => !file.startsWith('bad-') && /\.(jpg|png)$/.test(file),
);

/** The fixture images, repeated to ITEMS items (each its own item, with its index). */
const images = () => [
	readFiles('Read images', `${FIXTURE_IMAGES_DIR}/{${IMAGES.join(',')}}`),
	codeNode(
		'Repeat',
		`const all = $input.all();
const items = [];
for (let index = 0; index < ${ITEMS}; index++) {
	const source = all[index % all.length];
	items.push({ json: { index, file: source.binary.data.fileName }, binary: source.binary });
}
return items;`,
	),
];

/** n8n's HTTP Request node (v4.2) with a JSON body; `extra` for headers and options. */
const httpPost = (
	name: string,
	url: string,
	jsonBody: string,
	parameters: Record<string, unknown> = {},
	extra: Record<string, unknown> = {},
) =>
	node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'POST',
			url,
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
			...parameters,
		},
		extra,
	);

interface Figures {
	workflow: string;
	read: number;
	failed: number;
	/** The timed nodes' execution time as n8n records it, summed. */
	ms: number;
	throttled: number;
	qps: number;
}

describe("n8n's HTTP Request node vs this node, 60 images, 300 ms latency", () => {
	let home: N8nHome;
	let sim: SimulatorProcess;
	const figures: Figures[] = [];

	/** HTTP Request workflow: token once, then one OCR call per image, with or without Batching. */
	const httpWorkflow = (id: string, name: string, batching: boolean) => {
		const { info } = sim;
		const tokenBody = {
			auth: {
				identity: {
					methods: ['password'],
					password: {
						user: { name: info.user, password: info.password, domain: { name: info.account } },
					},
				},
				scope: { project: { name: info.region } },
			},
		};
		return workflow(
			id,
			name,
			[
				manualTrigger(),
				httpPost('Get token', `${info.url}/v3/auth/tokens`, JSON.stringify(tokenBody), {
					options: { response: { response: { fullResponse: true } } },
				}),
				...images(),
				binaryToBase64('To base64', 'image'),
				httpPost(
					'OCR',
					`${info.url}/v2/${info.projectId}/ocr/passport`,
					'={{ JSON.stringify({ image: $json.image }) }}',
					{
						sendHeaders: true,
						headerParameters: {
							parameters: [
								{
									name: 'X-Auth-Token',
									value: "={{ $('Get token').first().json.headers['x-subject-token'] }}",
								},
							],
						},
						options: batching
							? { batching: { batch: { batchSize: QPS, batchInterval: 1000 } } }
							: {},
					},
					{ onError: 'continueRegularOutput' },
				),
			],
			[
				['Start', 'Get token'],
				['Get token', 'Read images'],
				['Read images', 'Repeat'],
				['Repeat', 'To base64'],
				['To base64', 'OCR'],
			],
		);
	};

	const nodeWorkflow = (id: string) =>
		workflow(
			id,
			'Comparison: Huawei Passport OCR node (defaults)',
			[
				manualTrigger(),
				...images(),
				ocrNode('OCR', { imageSource: 'binaryData', confidenceMode: 'off' }, IAM, {
					onError: 'continueRegularOutput',
				}),
			],
			[
				['Start', 'Read images'],
				['Read images', 'Repeat'],
				['Repeat', 'OCR'],
			],
		);

	const executionMs = (result: ExecutionResult, nodeName: string) =>
		(result.runData[nodeName] ?? []).reduce(
			(sum, run) => sum + ((run as { executionTime?: number }).executionTime ?? 0),
			0,
		);

	/** Runs one workflow against a freshly reset simulator with `qps` (0: no limit). */
	const measure = async (id: string, label: string, qps: number, timed: string[]) => {
		await sim.knobs({ latencyMs: LATENCY_MS, qps });
		await sim.reset();
		const result = await executeWorkflow(home, id, { timeoutMs: 300_000, quietStdout: true });
		const items = outputItems(result, 'OCR');
		const failed = items.filter((item) => item.json.error !== undefined || item.error).length;
		const counters = await sim.counters();
		const entry: Figures = {
			workflow: label,
			read: items.length - failed,
			failed,
			ms: timed.reduce((sum, name) => sum + executionMs(result, name), 0),
			throttled: counters.ocr.byStatus['429'] ?? 0,
			qps,
		};
		figures.push(entry);
		return { ...entry, items };
	};

	beforeAll(async () => {
		home = await createN8nHome('http-request-comparison', EXTENSIONS_DIR);
		sim = await startSimulatorProcess({ logFile: join(home.importDir, 'simulator.log') });
		await importCredentials(home, [iamCredentialFor(sim.info)]);
		await importWorkflows(home, [
			httpWorkflow('cmpHttpDefault1', 'Comparison: HTTP Request node, defaults', false),
			httpWorkflow('cmpHttpBatching', 'Comparison: HTTP Request node, Batching at the quota', true),
			nodeWorkflow('cmpOcrNodeDflt1'),
		]);
	});

	afterAll(async () => {
		await sim?.stop();
		if (!home || !figures.length) return;
		writeFileSync(join(home.importDir, 'comparison.json'), JSON.stringify(figures, null, 2));
		const lines = figures.map(
			(entry) =>
				`| ${entry.workflow} | ${entry.qps ? `${entry.qps} QPS` : 'none'} | ${entry.read} | ${entry.failed} | ${(entry.ms / 1000).toFixed(2)} s | ${entry.throttled} |`,
		);
		process.stdout.write(
			`\n| Workflow | Limit | Read | Failed | Time | 429s |\n|---|---|---|---|---|---|\n${lines.join('\n')}\n`,
		);
	});

	it('without a limit: both read every image', async () => {
		const http = await measure('cmpHttpDefault1', 'HTTP Request node, defaults', 0, [
			'Get token',
			'OCR',
		]);
		expect(http.failed).toBe(0);
		expect(http.read).toBe(ITEMS);
		// Huawei's answer for each image, not an empty echo.
		for (const item of http.items) expect(item.json.result).toBeDefined();
		const ours = await measure('cmpOcrNodeDflt1', 'Huawei Passport OCR node, defaults', 0, ['OCR']);
		expect(ours.failed).toBe(0);
		expect(ours.read).toBe(ITEMS);
	});

	it(`at ${QPS} QPS: the node reads all ${ITEMS}; the HTTP Request node loses items by default`, async () => {
		const http = await measure('cmpHttpDefault1', 'HTTP Request node, defaults', QPS, [
			'Get token',
			'OCR',
		]);
		// It sends every item at once and does not retry a 429: the items over the limit fail.
		expect(http.read + http.failed).toBe(ITEMS);
		expect(http.failed).toBeGreaterThan(0);
		const batched = await measure(
			'cmpHttpBatching',
			`HTTP Request node, Batching ${QPS} items / 1 s`,
			QPS,
			['Get token', 'OCR'],
		);
		expect(batched.read + batched.failed).toBe(ITEMS);
		const ours = await measure('cmpOcrNodeDflt1', 'Huawei Passport OCR node, defaults', QPS, [
			'OCR',
		]);
		expect(ours.failed).toBe(0);
		expect(ours.read).toBe(ITEMS);
	});
});
