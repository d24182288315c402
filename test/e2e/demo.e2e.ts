/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The README's main-job commands, run the way a user runs them: `npm run demo:run -- image` prints
 * the extracted JSON; `npm run demo` imports the examples, writes the CSVs and serves the editor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentTruth } from '../fixtures/documents';
import { newRunDir } from './lib/n8n';
import { FIXTURE_IMAGES_DIR, REPO_ROOT } from './lib/paths';
import { freePort, waitFor } from './lib/ports';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The demo must use the simulator here, whatever the developer's shell holds. */
function demoEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const env = { ...process.env, ...extra };
	for (const name of Object.keys(env)) if (name.startsWith('HUAWEI_')) delete env[name];
	return env;
}

function runToEnd(
	args: string[],
	env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolveRun, reject) => {
		const child = spawn(NPM, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolveRun({ code, stdout, stderr }));
	});
}

describe('the demo commands', () => {
	it('npm run demo:run -- <image> prints the passport as JSON', async () => {
		const image = join(FIXTURE_IMAGES_DIR, 'usa.jpg');
		const { code, stdout, stderr } = await runToEnd(
			['run', '--silent', 'demo:run', '--', image],
			demoEnv({}),
		);
		expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
		const printed = JSON.parse(stdout.slice(stdout.indexOf('{'))) as Record<string, unknown>;
		expect(printed).toMatchObject({
			passport_number: documentTruth('usa').fields.passport_number,
			surname: documentTruth('usa').fields.surname,
			verdict: { passed: true },
		});
	});

	describe('npm run demo', () => {
		let demo: ChildProcess;
		let output = '';
		const demoDir = newRunDir('demo');

		beforeAll(async () => {
			mkdirSync(demoDir, { recursive: true });
			const port = await freePort();
			// Its own process group, so the test can stop n8n and the simulator with it.
			demo = spawn(NPM, ['run', '--silent', 'demo'], {
				cwd: REPO_ROOT,
				env: demoEnv({ DEMO_DIR: demoDir, DEMO_PORT: String(port) }),
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true,
			});
			demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
			demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
			await waitFor(
				async () => output.includes('Ctrl+C stops'),
				'the demo to print where to open the editor',
				300_000,
				() =>
					demo.exitCode !== null ? `the demo exited with ${demo.exitCode}:\n${output}` : undefined,
			);
		});

		afterAll(async () => {
			// Ctrl+C as a terminal sends it: SIGINT to the whole group, then wait until it is gone.
			const group = -(demo.pid ?? 0);
			const groupAlive = () => {
				try {
					process.kill(group, 0);
					return true;
				} catch {
					return false;
				}
			};
			if (groupAlive()) process.kill(group, 'SIGINT');
			try {
				await waitFor(async () => !groupAlive(), 'the demo to stop', 30_000);
			} finally {
				if (groupAlive()) process.kill(group, 'SIGKILL');
			}
		});

		it('prints the editor URL and the login, and the editor answers', async () => {
			const url = /n8n is running: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
			expect(url).toBeDefined();
			expect(output).toMatch(/log in as \S+@\S+ \/ \S+/);
			// Once (of ~10 CI runs) n8n 2.0.3 answered its first REST call after start non-2xx (see
			// lib/editor.ts): a few tries, each refusal printed, before the editor counts as not answering.
			const refusals: string[] = [];
			await waitFor(
				async () => {
					const settings = await fetch(`${url}/rest/settings`);
					if (settings.ok) return true;
					refusals.push(`${settings.status} ${(await settings.text()).slice(0, 300)}`);
					console.warn(`[demo] /rest/settings refused: ${refusals.at(-1)}`);
					return false;
				},
				"the editor's settings to answer 200 (each refusal is printed above)",
				5_000,
			);
			const login = /log in as (\S+) \/ (\S+)/.exec(output);
			const response = await fetch(`${url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: login?.[1], password: login?.[2] }),
			});
			expect(response.status).toBe(200);
		});

		it('ran the folder example: accepted, review and error CSVs', () => {
			const csv = (name: string) => readFileSync(join(demoDir, 'output', name), 'utf8');
			expect(existsSync(join(demoDir, 'output', 'passports.csv'))).toBe(true);
			expect(csv('passports.csv')).toContain(documentTruth('icao-specimen').fields.passport_number);
			expect(csv('review.csv')).toContain('low-confidence.jpg');
			expect(csv('errors.csv')).toContain('bad-pdf.pdf');
			expect(csv('passports.csv')).not.toContain('low-confidence.jpg');
		});
	});
});
