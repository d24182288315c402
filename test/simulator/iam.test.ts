import { signRequest } from '../../credentials/common/signing';
import { startSimulator, type Simulator } from './index';
import {
	callOcr,
	getToken,
	imageBody,
	passportFile,
	postJson,
	request,
	requestToken,
	tokenBody,
} from './testkit';

const MFA_USER = {
	account: 'sim-account',
	name: 'mfa-user',
	password: 'Mfa-Passw0rd!',
	mfaPasscode: '246810',
};

describe('simulator IAM', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({
			users: [{ account: 'sim-account', name: 'sim-user', password: 'Sim-Passw0rd!' }, MFA_USER],
		});
	});
	afterAll(() => sim.stop());

	it('issues a project-scoped token by project name: 201, MII… token of a few KB, Huawei body', async () => {
		const reply = await requestToken(sim);
		expect(reply.status).toBe(201);
		const token = reply.headers.get('x-subject-token')!;
		expect(token.startsWith('MII')).toBe(true);
		expect(token.length).toBeGreaterThan(2000);
		expect(token.length).toBeLessThan(8000);
		const body = reply.json.token;
		expect(body.project).toEqual({
			id: sim.config.projectId,
			name: sim.config.region,
			domain: { id: sim.config.accountId, name: sim.config.account },
		});
		expect(body.user).toMatchObject({
			id: sim.config.userId,
			name: 'sim-user',
			domain: { name: 'sim-account' },
		});
		expect(body.methods).toEqual(['password']);
		expect(body.roles.length).toBeGreaterThan(0);
		expect(body.catalog).toBeUndefined();
		expect(body.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
		expect(Date.parse(body.expires_at) - Date.parse(body.issued_at)).toBe(24 * 3600 * 1000);
		expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
	});

	it('issues a token by project id, and a catalog without nocatalog', async () => {
		const reply = await postJson(
			`${sim.url}/v3/auth/tokens`,
			tokenBody(sim, { scope: { project: { id: sim.config.projectId } } }),
		);
		expect(reply.status).toBe(201);
		expect(reply.json.token.project.id).toBe(sim.config.projectId);
		const ocr = reply.json.token.catalog.find(
			(service: { type: string }) => service.type === 'ocr',
		);
		expect(ocr.endpoints[0]).toMatchObject({ region: sim.config.region, url: sim.url });
	});

	it('has one 32-hex project per region, named after the region', () => {
		for (const project of sim.config.projects) {
			expect(project.id).toMatch(/^[0-9a-f]{32}$/);
			expect(project.name).toBe(project.region);
		}
		expect(new Set(sim.config.projects.map((p) => p.id)).size).toBe(sim.config.projects.length);
	});

	it.each([
		['password', { password: 'wrong' }],
		['user', { user: 'nobody' }],
		['account', { account: 'other-account' }],
	])('answers a wrong %s with 401 in the IAM shape', async (_what, options) => {
		const reply = await requestToken(sim, options);
		expect(reply.status).toBe(401);
		expect(reply.json).toEqual({
			error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
		});
		expect(reply.headers.get('x-subject-token')).toBeNull();
	});

	it.each([
		['not JSON', '{"auth":'],
		['no identity', { auth: {} }],
		['another method', { auth: { identity: { methods: ['token'], token: { id: 'x' } } } }],
		[
			'no domain',
			{
				auth: {
					identity: {
						methods: ['password'],
						password: { user: { name: 'sim-user', password: 'x' } },
					},
				},
			},
		],
		[
			'an empty project scope',
			{
				auth: {
					identity: {
						methods: ['password'],
						password: {
							user: { name: 'sim-user', password: 'x', domain: { name: 'sim-account' } },
						},
					},
					scope: { project: {} },
				},
			},
		],
	])('answers a malformed body (%s) with 400', async (_what, body) => {
		const reply = await postJson(`${sim.url}/v3/auth/tokens`, body);
		expect(reply.status).toBe(400);
		expect(reply.json.error).toMatchObject({
			code: 400,
			title: 'Bad Request',
			message: expect.any(String),
		});
	});

	it('answers an unknown project with 404', async () => {
		const reply = await requestToken(sim, { scope: { project: { name: 'xx-nowhere-1' } } });
		expect(reply.status).toBe(404);
		expect(reply.json.error.code).toBe(404);
	});

	it('asks an MFA user for totp, and accepts the right passcode only', async () => {
		const asUser = { user: MFA_USER.name, password: MFA_USER.password };
		const passwordOnly = await requestToken(sim, asUser);
		expect(passwordOnly.status).toBe(401);
		expect(passwordOnly.json.error.message).toMatch(/totp/);
		const wrong = await requestToken(sim, {
			...asUser,
			methods: ['password', 'totp'],
			passcode: '000000',
		});
		expect(wrong.status).toBe(401);
		const right = await requestToken(sim, {
			...asUser,
			methods: ['password', 'totp'],
			passcode: MFA_USER.mfaPasscode,
		});
		expect(right.status).toBe(201);
		expect(right.json.token.methods).toEqual(['password', 'totp']);
	});

	it('issues a domain-scoped token that OCR refuses with ModelArts.0212', async () => {
		const reply = await requestToken(sim, { scope: { domain: { name: sim.config.account } } });
		expect(reply.status).toBe(201);
		expect(reply.json.token.project).toBeUndefined();
		expect(reply.json.token.domain).toEqual({ id: sim.config.accountId, name: sim.config.account });
		const ocr = await callOcr(
			sim,
			reply.headers.get('x-subject-token')!,
			imageBody(passportFile('icao-specimen', 'png')),
		);
		expect(ocr.status).toBe(401);
		expect(ocr.json).toEqual({ error_code: 'ModelArts.0212', error_msg: expect.any(String) });
	});

	it('lists the projects of a token: GET /v3/auth/projects and /v3/projects?name=', async () => {
		const token = await getToken(sim);
		const all = await request(`${sim.url}/v3/auth/projects`, {
			headers: { 'X-Auth-Token': token },
		});
		expect(all.status).toBe(200);
		expect(all.json.projects.map((p: { id: string }) => p.id).sort()).toEqual(
			sim.config.projects.map((p) => p.id).sort(),
		);
		const byName = await request(`${sim.url}/v3/projects?name=${sim.config.region}`, {
			headers: { 'X-Auth-Token': token },
		});
		expect(byName.status).toBe(200);
		expect(byName.json.projects).toHaveLength(1);
		expect(byName.json.projects[0]).toMatchObject({
			id: sim.config.projectId,
			name: sim.config.region,
			domain_id: sim.config.accountId,
		});
	});

	it('lists projects by name with an AK/SK signature', async () => {
		const url = `${sim.url}/v3/projects?name=cn-north-4`;
		const keys = { accessKey: sim.config.accessKey, secretKey: sim.config.secretKey };
		const signed = signRequest({ method: 'GET', url, headers: {}, body: '' }, keys);
		const reply = await request(url, { headers: signed });
		expect(reply.status).toBe(200);
		expect(reply.json.projects[0].id).toBe(
			sim.config.projects.find((p) => p.region === 'cn-north-4')!.id,
		);
		const forged = await request(url, {
			headers: {
				...signed,
				Authorization: signed.Authorization.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
			},
		});
		expect(forged.status).toBe(401);
	});

	it('refuses the project lists without a valid token', async () => {
		for (const headers of [{}, { 'X-Auth-Token': 'MIIgarbage' }] as Record<string, string>[]) {
			const reply = await request(`${sim.url}/v3/auth/projects`, { headers });
			expect(reply.status).toBe(401);
			expect(reply.json.error).toMatchObject({ code: 401, title: 'Unauthorized' });
		}
	});

	it('counts issued tokens, refused token calls and project lists', async () => {
		sim.resetCounters();
		const token = await getToken(sim);
		await requestToken(sim, { password: 'wrong' });
		await postJson(`${sim.url}/v3/auth/tokens`, '{');
		await request(`${sim.url}/v3/auth/projects`, { headers: { 'X-Auth-Token': token } });
		expect(sim.counters().iam).toEqual({ tokens: 1, failed: 2, projects: 1 });
		expect(sim.counters().requests).toBe(4);
	});
});
