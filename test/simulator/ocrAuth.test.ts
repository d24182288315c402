/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { signRequest } from '../../credentials/common/signing';
import { buildConfig, Directory } from './accounts';
import { verifyAkSk } from './aksk';
import { startSimulator, type Simulator } from './index';
import {
	callOcr,
	callOcrSigned,
	getToken,
	imageBody,
	passportFile,
	ocrUrl,
	postJson,
	rawRequest,
	request,
	type Reply,
} from './testkit';

const body = imageBody(passportFile('icao-specimen', 'png'));
const flip = (hex: string) => hex.replace(/.$/, (c) => (c === '0' ? '1' : '0'));

function expectGatewayError(
	reply: Pick<Reply, 'status' | 'json' | 'headers'>,
	status: number,
	code: string,
	message?: string | RegExp,
) {
	expect(reply.status).toBe(status);
	expect(reply.json).toEqual({
		error_code: code,
		error_msg: expect.any(String),
		request_id: reply.headers.get('x-request-id'),
	});
	if (message) expect(reply.json.error_msg).toMatch(message);
}

describe('simulator OCR authentication by token', () => {
	let clock = Date.parse('2026-03-01T10:00:00Z');
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({
			now: () => clock,
			projects: [{ id: 'a'.repeat(32), name: 'ap-southeast-1_dev', region: 'ap-southeast-1' }],
		});
	});
	afterAll(() => sim.stop());

	it('accepts its own token', async () => {
		const reply = await callOcr(sim, await getToken(sim), body);
		expect(reply.status).toBe(200);
		expect(reply.json.result.passport_number).toBe('L898902C3');
	});

	it('answers a missing token with APIGW.0301 "x-auth-token not found"', async () => {
		expectGatewayError(
			await postJson(ocrUrl(sim), body),
			401,
			'APIGW.0301',
			/x-auth-token not found/,
		);
	});

	it('answers an unknown token with APIGW.0301 "decrypt token fail"', async () => {
		expectGatewayError(
			await callOcr(sim, 'MIIgarbage', body),
			401,
			'APIGW.0301',
			/decrypt token fail/,
		);
	});

	it('answers an expired token with APIGW.0307 after the TTL passes or on expire-tokens', async () => {
		sim.setKnobs({ tokenTtlSeconds: 60 });
		const token = await getToken(sim);
		clock += 59_000;
		expect((await callOcr(sim, token, body)).status).toBe(200);
		clock += 2_000;
		expectGatewayError(await callOcr(sim, token, body), 401, 'APIGW.0307', /token must be updated/);
		sim.setKnobs({ tokenTtlSeconds: 24 * 3600 });
		const fresh = await getToken(sim);
		expect((await callOcr(sim, fresh, body)).status).toBe(200);
		expect(sim.expireTokens()).toBeGreaterThanOrEqual(1);
		expectGatewayError(await callOcr(sim, fresh, body), 401, 'APIGW.0307');
	});

	it('answers a token of another region with APIGW.0307', async () => {
		const token = await getToken(sim, { scope: { project: { name: 'cn-north-4' } } });
		const otherProject = sim.config.projects.find((p) => p.region === 'cn-north-4')!.id;
		expectGatewayError(
			await callOcr(sim, token, body, 'passport', otherProject),
			401,
			'APIGW.0307',
		);
		expectGatewayError(await callOcr(sim, token, body), 401, 'APIGW.0307');
	});

	it('answers a path project that is not the token project, or does not exist, with 404 APIGW.0101', async () => {
		const token = await getToken(sim);
		expectGatewayError(
			await callOcr(sim, token, body, 'passport', 'a'.repeat(32)),
			404,
			'APIGW.0101',
		);
		expectGatewayError(
			await callOcr(sim, token, body, 'passport', 'f'.repeat(32)),
			404,
			'APIGW.0101',
		);
		expectGatewayError(await callOcr(sim, token, body, 'passport', '%E0%A4%A'), 404, 'APIGW.0101');
	});

	it('answers unknown paths and methods with 404 APIGW.0101', async () => {
		const token = await getToken(sim);
		expectGatewayError(
			await callOcr(sim, token, body, 'id-card'),
			404,
			'APIGW.0101',
			/does not exist/,
		);
		expectGatewayError(
			await request(ocrUrl(sim), { headers: { 'X-Auth-Token': token } }),
			404,
			'APIGW.0101',
		);
		expectGatewayError(await request(`${sim.url}/`), 404, 'APIGW.0101');
	});

	it('puts a distinct X-Request-Id on every response', async () => {
		const replies = await Promise.all([
			request(`${sim.url}/nowhere`),
			postJson(`${sim.url}/v3/auth/tokens`, '{'),
			postJson(ocrUrl(sim), body),
			request(`${sim.url}/__sim/counters`),
		]);
		const ids = replies.map((r) => r.headers.get('x-request-id'));
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('simulator OCR authentication by AK/SK', () => {
	let sim: Simulator;
	const temporary = {
		account: 'sim-account',
		accessKey: 'TMPAK',
		secretKey: 'TMPSK',
		securityToken: 'session-token',
	};
	const stranger = { account: 'other-account', accessKey: 'OTHERAK', secretKey: 'OTHERSK' };
	beforeAll(async () => {
		sim = await startSimulator({
			aksk: [
				{ account: 'sim-account', accessKey: 'SIMAK0000000000000000', secretKey: 'SIMSK-secret' },
				temporary,
				stranger,
			],
		});
	});
	afterAll(() => sim.stop());

	it('accepts a signed request and counts it as aksk', async () => {
		sim.resetCounters();
		const reply = await callOcrSigned(sim, body);
		expect(reply.status).toBe(200);
		expect(sim.counters().ocr.byAuth).toEqual({ aksk: 1 });
	});

	it('verifies over exactly SignedHeaders: unsigned headers may change, signed ones may not', async () => {
		const url = ocrUrl(sim);
		const text = JSON.stringify(body);
		const headers = { 'Content-Type': 'application/json', 'X-Project-Id': sim.config.projectId };
		const keys = { accessKey: sim.config.accessKey, secretKey: sim.config.secretKey };
		const signed = signRequest({ method: 'POST', url, headers, body: text }, keys);
		const send = (extra: Record<string, string>, sentBody = text) =>
			request(url, {
				method: 'POST',
				headers: { ...headers, ...signed, ...extra },
				body: sentBody,
			});
		expect((await send({ 'X-Unsigned-Extra': 'anything' })).status).toBe(200);
		expectGatewayError(
			await send({ 'Content-Type': 'application/json;charset=UTF-8' }),
			401,
			'APIGW.0301',
			/verify aksk signature fail/,
		);
		expectGatewayError(
			await send({}, text.replace('}', ' }')),
			401,
			'APIGW.0301',
			/verify aksk signature fail/,
		);
		expectGatewayError(
			await send({ Authorization: flip(signed.Authorization) }),
			401,
			'APIGW.0301',
			/verify aksk signature fail/,
		);
		expectGatewayError(
			await send({ Authorization: 'SDK-HMAC-SHA256 nonsense' }),
			401,
			'APIGW.0301',
			/verify aksk signature fail/,
		);
	});

	it('answers an unknown AK with "ak XXX not exist"', async () => {
		const reply = await callOcrSigned(sim, body, { accessKey: 'NOSUCHAK', secretKey: 'x' });
		expectGatewayError(
			reply,
			401,
			'APIGW.0301',
			'Incorrect IAM authentication information: ak NOSUCHAK not exist',
		);
	});

	it('refuses an X-Sdk-Date more than 15 minutes off (knob maxSkewSeconds), accepts 14', async () => {
		const minutes = (n: number) => new Date(Date.now() + n * 60_000);
		expect((await callOcrSigned(sim, body, undefined, { now: minutes(-14) })).status).toBe(200);
		expect((await callOcrSigned(sim, body, undefined, { now: minutes(14) })).status).toBe(200);
		expectGatewayError(
			await callOcrSigned(sim, body, undefined, { now: minutes(-16) }),
			401,
			'APIGW.0301',
		);
		expectGatewayError(
			await callOcrSigned(sim, body, undefined, { now: minutes(16) }),
			401,
			'APIGW.0301',
		);
		sim.setKnobs({ maxSkewSeconds: 60 });
		try {
			expectGatewayError(
				await callOcrSigned(sim, body, undefined, { now: minutes(-2) }),
				401,
				'APIGW.0301',
			);
		} finally {
			sim.setKnobs({ maxSkewSeconds: 900 });
		}
	});

	it('refuses a signature without X-Sdk-Date', async () => {
		const url = ocrUrl(sim);
		const text = JSON.stringify(body);
		const signed = signRequest(
			{ method: 'POST', url, headers: {}, body: text },
			{ accessKey: sim.config.accessKey, secretKey: sim.config.secretKey },
		);
		const reply = await request(url, {
			method: 'POST',
			headers: { Authorization: signed.Authorization },
			body: text,
		});
		expectGatewayError(reply, 401, 'APIGW.0301', /x-sdk-date/);
	});

	it('needs the X-Security-Token of temporary keys', async () => {
		expectGatewayError(
			await callOcrSigned(sim, body, temporary),
			401,
			'APIGW.0301',
			/security token/,
		);
		const reply = await callOcrSigned(sim, body, temporary, {
			extraHeaders: { 'X-Security-Token': temporary.securityToken },
		});
		expect(reply.status).toBe(200);
	});

	it('answers a project of another account or a different X-Project-Id with 404 APIGW.0101', async () => {
		expectGatewayError(await callOcrSigned(sim, body, stranger), 404, 'APIGW.0101');
		const reply = await callOcrSigned(sim, body, undefined, {
			extraHeaders: { 'X-Project-Id': 'b'.repeat(32) },
		});
		expectGatewayError(reply, 404, 'APIGW.0101');
	});
});

describe('simulator AK/SK verification with the published vectors', () => {
	it('verifies the Go SDK vector (GET /path, AccessKey/SecretKey)', () => {
		const config = buildConfig(
			{ aksk: [{ account: 'go', accessKey: 'AccessKey', secretKey: 'SecretKey' }] },
			'ap-southeast-1',
		);
		const request = {
			method: 'GET',
			path: '/path',
			headers: {
				host: 'example.com',
				'x-sdk-date': '20060102T150405Z',
				authorization:
					'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=eb70b3a0caf6633a8b8e4317622d8a0f6819821ec84896ceb7739a57e2d9ed76',
			},
			body: Buffer.alloc(0),
		};
		const at = Date.parse('2006-01-02T15:04:05Z');
		expect(verifyAkSk(request, new Directory(config), at, 900)).toMatchObject({ ok: true });
		const forged = {
			...request,
			headers: { ...request.headers, authorization: flip(request.headers.authorization) },
		};
		expect(verifyAkSk(forged, new Directory(config), at, 900)).toEqual({
			ok: false,
			reason: 'signature',
		});
		expect(verifyAkSk(request, new Directory(config), at + 16 * 60_000, 900)).toEqual({
			ok: false,
			reason: 'skew',
		});
	});

	it('verifies the full passport request vector over HTTP with the clock at 2025-01-01', async () => {
		const projectId = '0123456789abcdef0123456789abcdef';
		const sim = await startSimulator({
			now: () => Date.parse('2025-01-01T00:03:00Z'),
			aksk: [
				{
					account: 'sim-account',
					accessKey: 'AKEXAMPLE0000000000',
					secretKey: 'SKEXAMPLE00000000000000000000000000000000',
				},
			],
			projects: [{ id: projectId, name: 'ap-southeast-1_vector', region: 'ap-southeast-1' }],
		});
		try {
			const headers = {
				Host: 'ocr.ap-southeast-1.myhuaweicloud.com',
				'Content-Type': 'application/json;charset=UTF-8',
				'X-Project-Id': projectId,
				'X-Sdk-Date': '20250101T000000Z',
				Authorization:
					'SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=2fb34901fe1b49934ff1d5f9cf9defdac7319a565bb5b57e344e8f8a03f2e3a5',
			};
			const vectorBody = '{"image":"/9j/4AAQSkZJRgABAQ","country_code":"GENERAL"}';
			const url = `${sim.url}/v2/${projectId}/ocr/passport`;
			// Authenticated: the gateway lets it through and the service finds the JPEG cut short.
			const accepted = await rawRequest(url, { method: 'POST', headers, body: vectorBody });
			expect(accepted.status).toBe(400);
			expect(accepted.json.error_code).toBe('AIS.0102');
			const otherHost = await rawRequest(url, {
				method: 'POST',
				headers: { ...headers, Host: 'ocr.cn-north-4.myhuaweicloud.com' },
				body: vectorBody,
			});
			expect(otherHost.status).toBe(401);
			expect(otherHost.json.error_msg).toMatch(/verify aksk signature fail/);
		} finally {
			await sim.stop();
		}
	});
});
