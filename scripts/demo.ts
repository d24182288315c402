/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The demo (README's main-job command), on a fresh clone:
 *   npm run demo                               n8n's editor with the package, a credential and the example
 *                                              workflows, talking to the local Huawei Cloud simulator
 *   npm run demo:run -- path/to/passport.jpg   headless: one image through the node, prints the JSON
 * With HUAWEI_ACCOUNT/HUAWEI_USER/HUAWEI_PASSWORD or HUAWEI_AK/HUAWEI_SK (+ HUAWEI_REGION) in the
 * environment, the same workflows call the real Huawei Cloud instead of the simulator.
 * Uses the cached n8n@2.0.3 of the e2e tests (test/e2e/install-n8n.sh installs it on first use).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OWNER, setupOwner } from '../test/e2e/lib/editor';
import {
	createN8nHome,
	createN8nHomeAt,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	outputItems,
	startN8nServer,
	type N8nHome,
} from '../test/e2e/lib/n8n';
import { packPackage } from '../test/e2e/lib/packageUnderTest';
import { E2E_DIR, FIXTURE_IMAGES_DIR, REPO_ROOT } from '../test/e2e/lib/paths';
import { freePort } from '../test/e2e/lib/ports';
import { startBackend, type Backend } from './lib/backend';
import { EXAMPLE_FILES, PLACEHOLDERS, loadExample } from './lib/examples';

/** The demo's n8n home, images and CSVs; DEMO_DIR moves it (the e2e test of the demo does). */
const DEMO_DIR = process.env.DEMO_DIR
	? resolve(process.env.DEMO_DIR)
	: join(REPO_ROOT, '.cache', 'demo');
const PASSPORTS_DIR = join(DEMO_DIR, 'passports');
const OUTPUT_DIR = join(DEMO_DIR, 'output');
/** Demo images: test fixtures with their ground truth inside, so the simulator can "read" them. */
const DEMO_IMAGES = [
	'icao-specimen.jpg',
	'german-specimen.jpg',
	'chinese.jpg',
	'usa.jpg',
	'gbr.jpg',
	'low-confidence.jpg',
	'missing-confidence.jpg',
	'bad-pdf.pdf',
];
const URL_EXAMPLE_IMAGE = 'icao-specimen.jpg';

const say = (line = '') => process.stdout.write(`${line}\n`);

function ensureN8n(): void {
	execFileSync(join(E2E_DIR, 'install-n8n.sh'), { stdio: 'inherit' });
}

function preparePassportsFolder(): void {
	mkdirSync(PASSPORTS_DIR, { recursive: true });
	mkdirSync(OUTPUT_DIR, { recursive: true });
	for (const file of DEMO_IMAGES)
		copyFileSync(join(FIXTURE_IMAGES_DIR, file), join(PASSPORTS_DIR, file));
}

function replacementsFor(backend: Backend, passportsDir: string): Array<[string, string]> {
	const replacements: Array<[string, string]> = [
		[PLACEHOLDERS.passportsDir, passportsDir],
		[PLACEHOLDERS.outputDir, OUTPUT_DIR],
	];
	if (backend.files)
		replacements.push([PLACEHOLDERS.imageUrl, `${backend.files.url}/${URL_EXAMPLE_IMAGE}`]);
	return replacements;
}

/** Stops everything on Ctrl+C / kill, once. */
function onExit(cleanup: () => Promise<void>): void {
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		say('\nstopping ...');
		cleanup().finally(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

async function editorDemo(): Promise<void> {
	ensureN8n();
	const pkg = packPackage({ log: (line) => say(line) });
	preparePassportsFolder();
	const home: N8nHome = await createN8nHomeAt(join(DEMO_DIR, 'n8n'), pkg.extensionsDir, {}, [
		PASSPORTS_DIR,
		OUTPUT_DIR,
	]);
	const backend = await startBackend(PASSPORTS_DIR, join(DEMO_DIR, 'simulator.log'));
	let stopServer = async () => undefined as void;
	onExit(async () => {
		await stopServer();
		await backend.stop();
	});
	try {
		const adaptation = {
			credential: backend.credential,
			replacements: replacementsFor(backend, PASSPORTS_DIR),
		};
		const folderWorkflow = loadExample(EXAMPLE_FILES.folderToCsv, adaptation);
		const workflows = Object.values(EXAMPLE_FILES).map((file) => loadExample(file, adaptation));
		say('importing the credential and the example workflows ...');
		await importCredentials(home, [backend.credential]);
		await importWorkflows(home, workflows);

		say('running "Passport folder → OCR → CSV" once ...');
		const folderRun = await executeWorkflow(home, folderWorkflow.id);
		const count = (output: number) => {
			try {
				return outputItems(folderRun, 'Huawei Passport OCR', output).length;
			} catch {
				return 0;
			}
		};
		say(
			`  ${count(0)} accepted, ${count(1)} for review, ${count(
				2,
			)} errors → CSV files in ${OUTPUT_DIR}`,
		);

		const port = Number(process.env.DEMO_PORT) || (await freePortPreferring(5678));
		say(`starting n8n on port ${port} (first start takes ~20 s) ...`);
		const server = await startN8nServer(home, port);
		stopServer = server.stop;
		await setupOwner(server.url);
		say();
		say(`n8n is running: ${server.url}`);
		say(`  log in as ${OWNER.email} / ${OWNER.password}`);
		for (const workflow of workflows)
			say(`  "${workflow.name}": ${server.url}/workflow/${workflow.id}`);
		say(`  passport images: ${PASSPORTS_DIR}`);
		say(`  CSV output: ${OUTPUT_DIR}`);
		for (const line of backend.describe()) say(line);
		say(`n8n log: ${home.logFile}`);
		say('Ctrl+C stops n8n and the simulator.');
	} catch (error) {
		await stopServer();
		await backend.stop();
		throw error;
	}
}

async function freePortPreferring(port: number): Promise<number> {
	try {
		const response = await fetch(`http://127.0.0.1:${port}/`, {
			signal: AbortSignal.timeout(1000),
		});
		await response.body?.cancel();
		say(`port ${port} is busy; using a free one`);
		return await freePort();
	} catch {
		return port;
	}
}

async function headlessRun(imageArgument: string | undefined): Promise<void> {
	if (!imageArgument) throw new Error('usage: npm run demo:run -- path/to/passport.jpg');
	const image = resolve(process.env.INIT_CWD ?? process.cwd(), imageArgument);
	if (!existsSync(image)) throw new Error(`no such file: ${image}`);
	ensureN8n();
	const pkg = packPackage({ log: (line) => process.stderr.write(`${line}\n`) });
	const home = await createN8nHome('demo-run', pkg.extensionsDir, {}, [dirname(image)]);
	const backend = await startBackend(dirname(image));
	try {
		const workflow = loadExample(EXAMPLE_FILES.oneFile, {
			credential: backend.credential,
			// The example reads /data/passports/passport.jpg: point it at the given file.
			replacements: [[`${PLACEHOLDERS.passportsDir}/passport.jpg`, image]],
		});
		await importCredentials(home, [backend.credential]);
		await importWorkflows(home, [workflow]);
		const result = await executeWorkflow(home, workflow.id);
		if (result.error)
			throw new Error(`the workflow failed: ${result.error.message}; log: ${home.logFile}`);
		const items = outputItems(result, 'Huawei Passport OCR');
		const json = items.map((item) =>
			item.error ? { error: item.error.message, description: item.error.description } : item.json,
		);
		process.stdout.write(`${JSON.stringify(json.length === 1 ? json[0] : json, null, 2)}\n`);
		process.stderr.write(
			`(${basename(image)} via ${backend.simulator ? 'the simulator' : 'Huawei Cloud'}; n8n log: ${
				home.logFile
			})\n`,
		);
		if (items.some((item) => item.error)) process.exitCode = 1;
	} finally {
		await backend.stop();
	}
}

async function main(): Promise<void> {
	const [mode, ...rest] = process.argv.slice(2);
	if (mode === '--run') return headlessRun(rest[0]);
	if (mode === undefined) return editorDemo();
	throw new Error('usage: npm run demo   |   npm run demo:run -- path/to/passport.jpg');
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
