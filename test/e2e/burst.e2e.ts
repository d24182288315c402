/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * A burst at the account's QPS limit in a real n8n (N8N_VERSION, default 2.0.3) in regular mode: one
 * `n8n start` process, a production webhook, 60 concurrent single-passport uploads, the node with its
 * DEFAULT options, the simulator at 4 QPS and 300 ms latency. Proves the process-wide pace each
 * credential shares (transport/sharedPacer.ts) and the default Max Throttling Wait: before them, 32 of
 * these 60 executions ended with APIGW.0308.
 */
import { dirname, join } from 'node:path';
import { answerOf, expectOwnAnswer, GOOD } from '../queue/lib/answers';
import { cycle, figureRecorder, uploadAll } from '../queue/lib/load';
import { WEBHOOK_PATH, webhookWorkflow } from '../queue/lib/workflows';
import { iamCredentialFor } from './lib/credentials';
import {
	createN8nHome,
	importCredentials,
	startN8nServer,
	type N8nHome,
	type N8nServer,
} from './lib/n8n';
import { EXTENSIONS_DIR, N8N_VERSION } from './lib/paths';
import { activateWorkflow, createWorkflow, loginAsOwner, waitForWebhook } from './lib/restApi';
import { startSimulatorProcess, type SimulatorProcess } from './lib/simulator';

const LATENCY_MS = 300;
const QPS = 4;
const UPLOADS = 60;
/** Every upload must be answered within this (far above the wall-time bound below). */
const REQUEST_TIMEOUT_MS = 180_000;

/** How n8n stores the uploads: its binary data mode, and whether it may lose them. */
interface BinaryStorage {
	mode: string;
	env: NodeJS.ProcessEnv;
	/** n8n 2.0.x's filesystem mode loses uploads of concurrent webhook executions ("File not found"). */
	mayLoseUploads: boolean;
}

/**
 * n8n 2.0.x in regular mode loses uploaded files of concurrent webhook executions in its default
 * filesystem binary data mode, an n8n bug unrelated to the node (n8n's own nodes fail alike); its
 * database mode does not. So 2.0.x runs the burst in database mode, where every upload must succeed,
 * and in its default mode, where a lost upload must come back with the node's error naming the cause
 * and the fix. Newer versions (2.40.7) keep n8n's default, as users run them.
 */
const STORAGES: BinaryStorage[] = /^2\.0\./.test(N8N_VERSION)
	? [
			{
				mode: 'database',
				env: { N8N_DEFAULT_BINARY_DATA_MODE: 'database' },
				mayLoseUploads: false,
			},
			{ mode: 'filesystem (n8n default)', env: {}, mayLoseUploads: true },
		]
	: [{ mode: 'n8n default', env: {}, mayLoseUploads: false }];

/** The item error of imageInput.ts for a binary n8n lost: the cause and both fixes. */
const LOST_UPLOAD =
	/n8n lost the file of binary property "data" before this node read it \(File not found.*N8N_DEFAULT_BINARY_DATA_MODE=database or upgrade n8n/;

describe.each(STORAGES)(
	`a burst at the account's QPS limit in n8n@${N8N_VERSION} regular mode, binary data $mode (default node options)`,
	(storage) => {
		let home: N8nHome;
		let sim: SimulatorProcess | undefined;
		let server: N8nServer | undefined;
		const record = figureRecorder('burst', () => home && dirname(home.logFile));
		const url = () => server?.url ?? '';

		beforeAll(async () => {
			home = await createN8nHome('burst', EXTENSIONS_DIR, storage.env);
			sim = await startSimulatorProcess({
				logFile: join(dirname(home.logFile), 'simulator.log'),
				args: ['--latency', String(LATENCY_MS), '--qps', String(QPS)],
			});
			await importCredentials(home, [iamCredentialFor(sim.info)]);
			server = await startN8nServer(home);
			// The upload webhook with the node's default options, saved and published as in the editor.
			const session = await loginAsOwner(server.url, home.logFile);
			await activateWorkflow(session, await createWorkflow(session, webhookWorkflow()));
			await waitForWebhook(server.url, WEBHOOK_PATH);
		}, 600_000);

		afterAll(async () => {
			await server?.stop();
			await sim?.stop();
		}, 60_000);

		it('answers one upload through the activated webhook with its own fields', async () => {
			const { uploads } = await uploadAll(
				url(),
				'single',
				['icao-specimen.jpg'],
				REQUEST_TIMEOUT_MS,
			);
			expectOwnAnswer(uploads[0]);
		});

		it(`${UPLOADS} concurrent uploads at ${QPS} QPS, ${LATENCY_MS} ms latency: ${storage.mayLoseUploads ? 'each recognised or its lost file named' : 'every one succeeds'}, few 429s`, async () => {
			if (!sim) throw new Error('the simulator is not running');
			// A full token bucket and clean counters, as after a quiet minute.
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await sim.reset();
			const files = cycle(GOOD, UPLOADS);
			const { uploads, wallMs } = await uploadAll(url(), 'burst', files, REQUEST_TIMEOUT_MS);
			const counters = await sim.counters();
			const throttled = counters.ocr.byStatus['429'] ?? 0;
			const idealMs = (UPLOADS / QPS) * 1000;
			const lost = uploads.filter((upload) => LOST_UPLOAD.test(answerOf(upload).ocr?.error ?? ''));
			record(`burst, ${storage.mode}`, {
				n8n: N8N_VERSION,
				binaryDataMode: storage.mode,
				uploads: UPLOADS,
				qps: QPS,
				latencyMs: LATENCY_MS,
				wallMs,
				idealMs,
				ratio: +(wallMs / idealMs).toFixed(2),
				throttled429: throttled,
				ocrByStatus: counters.ocr.byStatus,
				ocrByCode: counters.ocr.byCode,
				slowestMs: Math.max(...uploads.map((u) => u.elapsedMs)),
				lostUploads: lost.length,
			});

			if (!storage.mayLoseUploads) expect(lost).toEqual([]);
			for (const upload of uploads) if (!lost.includes(upload)) expectOwnAnswer(upload);
			// A lost upload is still answered, as its own item with the node's error.
			for (const upload of lost)
				expect([upload.status, answerOf(upload).requestId]).toEqual([200, upload.requestId]);
			// One execution per upload: no answer shared or duplicated.
			expect(new Set(uploads.map((upload) => answerOf(upload).execution)).size).toBe(UPLOADS);
			// Each image n8n kept recognised exactly once, none ended throttled; a lost one costs no call.
			expect(counters.ocr.byStatus['200']).toBe(UPLOADS - lost.length);
			// The shared pace learns the limit from the first refusals: at most one per second of the ideal
			// wall time, never a storm.
			expect(throttled).toBeLessThanOrEqual(UPLOADS / QPS);
			// The 1.3 × N/QPS goal is a benchmark figure (docs/benchmarks.md); this bound leaves room for
			// n8n's own overhead on a busy machine but fails if throttled items waited out long back-offs.
			expect(wallMs).toBeLessThan(2 * idealMs + 10_000);
		});
	},
);
