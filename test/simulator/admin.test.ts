/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { startSimulator, type Simulator } from './index';
import { callOcr, getToken, imageBody, passportFile, postJson, request } from './testkit';

const body = imageBody(passportFile('icao-specimen', 'png'));

describe('simulator admin routes', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ knobs: { latencyMs: 0 } });
	});
	afterAll(() => sim.stop());
	const admin = (path: string, payload?: unknown) =>
		payload === undefined
			? request(`${sim.url}/__sim/${path}`)
			: postJson(`${sim.url}/__sim/${path}`, payload);

	it('reads and resets counters without counting itself', async () => {
		const token = await getToken(sim);
		await callOcr(sim, token, body);
		const counters = await admin('counters');
		expect(counters.status).toBe(200);
		expect(counters.json).toMatchObject({
			requests: 2,
			iam: { tokens: 1 },
			ocr: { total: 1, byStatus: { 200: 1 } },
		});
		const reset = await admin('reset', {});
		expect(reset.json).toMatchObject({ requests: 0, iam: { tokens: 0 }, ocr: { total: 0 } });
		expect((await admin('counters')).json.requests).toBe(0);
	});

	it('sets knobs partially and refuses bad ones with 400', async () => {
		const updated = await admin('knobs', { qps: 7, faults: { rateSlow: 0.1 } });
		expect(updated.status).toBe(200);
		expect(updated.json).toMatchObject({
			qps: 7,
			edition: 'international',
			faults: { rateSlow: 0.1, rate5xx: 0 },
		});
		expect(sim.knobs().qps).toBe(7);
		expect((await admin('knobs')).json.faults.rateSlow).toBe(0.1);
		const bad = await admin('knobs', { latencyMs: 'slow' });
		expect(bad.status).toBe(400);
		expect(bad.json.error).toMatch(/latencyMs/);
		expect((await postJson(`${sim.url}/__sim/knobs`, '{oops')).status).toBe(400);
		expect(sim.knobs().latencyMs).toBe(0);
		await admin('knobs', { qps: 0, faults: { rateSlow: 0 } });
	});

	it('expires every issued token', async () => {
		const token = await getToken(sim);
		expect((await callOcr(sim, token, body)).status).toBe(200);
		const expired = await admin('expire-tokens', {});
		expect(expired.json.expired).toBeGreaterThanOrEqual(1);
		const reply = await callOcr(sim, token, body);
		expect(reply.status).toBe(401);
		expect(reply.json.error_code).toBe('APIGW.0307');
		expect((await callOcr(sim, await getToken(sim), body)).status).toBe(200);
	});

	it('shows the config and answers unknown admin routes with 404', async () => {
		const config = await admin('config');
		expect(config.json).toMatchObject({
			url: sim.url,
			user: sim.config.user,
			projectId: sim.config.projectId,
		});
		expect((await admin('nothing')).status).toBe(404);
	});
});

describe('simulator lifecycle', () => {
	it('stops while a response is still being held back', async () => {
		const sim = await startSimulator({ knobs: { latencyMs: 600_000 } });
		const pending = callOcr(sim, 'MIIany', body).then(
			() => 'answered',
			() => 'closed',
		);
		for (let i = 0; i < 200 && sim.counters().ocr.inFlight === 0; i++)
			await new Promise((r) => setTimeout(r, 10));
		expect(sim.counters().ocr.inFlight).toBe(1);
		await sim.stop();
		expect(await pending).toBe('closed');
	});

	it('runs from the command line, prints a ready-made user, serves, and exits on SIGTERM', async () => {
		const root = join(__dirname, '..', '..');
		const child = spawn(
			process.execPath,
			[
				'-r',
				'@swc-node/register',
				'test/simulator/cli.ts',
				'--port',
				'0',
				'--edition',
				'g42',
				'--qps',
				'5',
			],
			{
				cwd: root,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		try {
			let output = '';
			await new Promise<void>((resolve, reject) => {
				child.stdout.on('data', (chunk: Buffer) => {
					output += chunk.toString();
					if (output.includes('Ctrl+C')) resolve();
				});
				child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
			});
			expect(output).toMatch(/g42 edition, region ae-ad-1/);
			const iamUrl = /IAM URL:\s+(\S+)/.exec(output)![1];
			expect(/OCR URL:\s+(\S+)/.exec(output)![1]).toBe(iamUrl);
			const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(output)![1];
			const projectId = /\(id ([0-9a-f]{32})\)/.exec(output)![1];
			const token = await postJson(`${iamUrl}/v3/auth/tokens?nocatalog=true`, {
				auth: {
					identity: {
						methods: ['password'],
						password: {
							user: {
								name: field('IAM user'),
								password: field('Password'),
								domain: { name: field('Account') },
							},
						},
					},
					scope: { project: { name: 'ae-ad-1' } },
				},
			});
			expect(token.status).toBe(201);
			expect(token.json.token.project.id).toBe(projectId);
			expect((await request(`${iamUrl}/__sim/knobs`)).json).toMatchObject({
				edition: 'g42',
				qps: 5,
			});
		} finally {
			if (child.exitCode === null) {
				const exited = new Promise<number | null>((resolve) =>
					child.once('exit', (code) => resolve(code)),
				);
				child.kill('SIGTERM');
				expect(await exited).toBe(0);
			}
		}
	});
});
