/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { defaultKnobs, mergeKnobs, responseDelayMs, seededRandom } from './knobs';
import { startSimulator, type Simulator } from './index';
import {
	callOcr,
	getToken,
	imageBody,
	ocrUrl,
	passportFile,
	postJson,
	type Reply,
} from './testkit';
import type { FaultError } from './types';

const body = imageBody(passportFile('icao-specimen', 'png'));

/** Resolves with the reply, or 'timeout' when nothing came back within `ms` (the client gave up). */
async function callWithDeadline(
	sim: Simulator,
	token: string,
	ms: number,
): Promise<Reply | 'timeout'> {
	try {
		const response = await fetch(ocrUrl(sim), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(ms),
		});
		const text = await response.text();
		return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
	} catch (error) {
		if ((error as Error).name === 'TimeoutError') return 'timeout';
		throw error;
	}
}

async function waitFor(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 500 && !condition(); i++)
		await new Promise((resolve) => setTimeout(resolve, 10));
	if (!condition()) throw new Error('condition never met');
}

describe('knob values', () => {
	it('merges partial updates, faults field by field, and refuses bad ones', () => {
		const merged = mergeKnobs(defaultKnobs(), { qps: 5, faults: { rateDrop: 0.25 } });
		expect(merged).toMatchObject({
			qps: 5,
			latencyMs: 0,
			faults: { rateDrop: 0.25, rate5xx: 0, seed: 1 },
		});
		expect(() => mergeKnobs(defaultKnobs(), { qps: -1 })).toThrow(/qps/);
		expect(() => mergeKnobs(defaultKnobs(), { faults: { rate5xx: 1.5 } })).toThrow(/rate5xx/);
		expect(() =>
			mergeKnobs(defaultKnobs(), { faults: { errors: ['AIS.9999' as FaultError] } }),
		).toThrow(/errors/);
		expect(() => mergeKnobs(defaultKnobs(), { edition: 'china' as 'g42' })).toThrow(/edition/);
		expect(() => mergeKnobs(defaultKnobs(), { nonsense: 1 } as never)).toThrow(
			/unknown knob nonsense/,
		);
	});

	it('holds responses for latency plus seeded jitter, plus slowMs when slow', () => {
		const knobs = mergeKnobs(defaultKnobs(), {
			latencyMs: 100,
			jitterMs: 50,
			faults: { slowMs: 5000 },
		});
		const random = seededRandom(7);
		const delays = Array.from({ length: 20 }, () => responseDelayMs(knobs, random, false));
		for (const ms of delays) {
			expect(ms).toBeGreaterThanOrEqual(100);
			expect(ms).toBeLessThan(150);
		}
		expect(new Set(delays).size).toBeGreaterThan(1);
		const again = seededRandom(7);
		expect(delays).toEqual(Array.from({ length: 20 }, () => responseDelayMs(knobs, again, false)));
		expect(responseDelayMs(mergeKnobs(knobs, { jitterMs: 0 }), random, true)).toBe(5100);
	});

	it('counts the hold from the arrival of the request: time spent reading it is part of the latency', () => {
		const steady = mergeKnobs(defaultKnobs(), { latencyMs: 300 });
		const random = seededRandom(3);
		expect(responseDelayMs(steady, random, false, 0)).toBe(300);
		expect(responseDelayMs(steady, random, false, 12.5)).toBe(287.5);
		expect(responseDelayMs(steady, random, false, 450)).toBe(0);
		expect(
			responseDelayMs(mergeKnobs(steady, { faults: { slowMs: 5000 } }), random, true, 450),
		).toBe(4850);
		// Elapsed time never shifts the jitter sequence: the same draws with or without it.
		const jittery = mergeKnobs(steady, { jitterMs: 50 });
		const [first, second] = [seededRandom(9), seededRandom(9)];
		for (let call = 0; call < 10; call++)
			expect(responseDelayMs(jittery, first, false, 100)).toBeCloseTo(
				responseDelayMs(jittery, second, false) - 100,
				9,
			);
	});
});

describe('simulator knobs and faults', () => {
	let sim: Simulator;
	let token: string;
	beforeAll(async () => {
		sim = await startSimulator({
			users: [
				{ account: 'sim-account', name: 'sim-user', password: 'Sim-Passw0rd!' },
				{ account: 'sim-account', name: 'readonly', password: 'Read-0nly!', ocrDenied: true },
			],
		});
		token = await getToken(sim);
	});
	afterEach(() => sim.setKnobs(defaultKnobs()));
	afterAll(() => sim.stop());

	it('holds a response for latencyMs (the client gives up first)', async () => {
		sim.setKnobs({ latencyMs: 60_000 });
		expect(await callWithDeadline(sim, token, 300)).toBe('timeout');
		sim.setKnobs({ latencyMs: 0 });
		expect(await callWithDeadline(sim, token, 30_000)).toMatchObject({ status: 200 });
	});

	it('throttles over qps with 429 APIGW.0308 and Retry-After', async () => {
		sim.setKnobs({ qps: 1 });
		const replies = await Promise.all(Array.from({ length: 4 }, () => callOcr(sim, token, body)));
		const throttled = replies.filter((r) => r.status === 429);
		expect(replies.some((r) => r.status === 200)).toBe(true);
		expect(throttled.length).toBeGreaterThan(0);
		for (const reply of throttled) {
			expect(reply.json).toEqual({
				error_code: 'APIGW.0308',
				error_msg: expect.stringMatching(/limit:60,time:1 minute/),
				request_id: reply.headers.get('x-request-id'),
			});
			expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		}
		sim.setKnobs({ qps: 0 });
		const unlimited = await Promise.all(Array.from({ length: 4 }, () => callOcr(sim, token, body)));
		expect(unlimited.map((r) => r.status)).toEqual([200, 200, 200, 200]);
	});

	it('answers calls over maxConcurrency with 429 ModelArts.4401', async () => {
		await waitFor(() => sim.counters().ocr.inFlight === 0); // calls abandoned by earlier tests
		sim.resetCounters();
		sim.setKnobs({ maxConcurrency: 1, latencyMs: 1500 });
		const first = callOcr(sim, token, body);
		await waitFor(() => sim.counters().ocr.inFlight === 1);
		const second = await callOcr(sim, token, body);
		expect(second.status).toBe(429);
		expect(second.json.error_code).toBe('ModelArts.4401');
		expect((await first).status).toBe(200);
		expect(sim.counters().ocr.maxInFlight).toBe(2);
	});

	it('answers 403 ModelArts.4204 when the API is not subscribed, 4203 for a user without permission', async () => {
		sim.setKnobs({ subscribed: false });
		const notSubscribed = await callOcr(sim, token, body);
		expect(notSubscribed.status).toBe(403);
		expect(notSubscribed.json).toEqual({
			error_code: 'ModelArts.4204',
			error_msg: expect.any(String),
		});
		sim.setKnobs({ subscribed: true });
		const denied = await callOcr(
			sim,
			await getToken(sim, { user: 'readonly', password: 'Read-0nly!' }),
			body,
		);
		expect(denied.status).toBe(403);
		expect(denied.json.error_code).toBe('ModelArts.4203');
	});

	it.each<[FaultError, number, string, boolean]>([
		['AIS.0105', 500, 'AIS.0105', false],
		['ModelArts.4402', 504, 'ModelArts.4402', false],
		['ModelArts.4403', 503, 'ModelArts.4403', false],
		['APIGW.0201/502', 502, 'APIGW.0201', true],
		['APIGW.0201/504', 504, 'APIGW.0201', true],
	])('injects %s as HTTP %i', async (error, status, code, gateway) => {
		sim.setKnobs({ faults: { rate5xx: 1, errors: [error] } });
		const reply = await callOcr(sim, token, body);
		expect(reply.status).toBe(status);
		const expected: Record<string, unknown> = { error_code: code, error_msg: expect.any(String) };
		if (gateway) expected.request_id = reply.headers.get('x-request-id');
		expect(reply.json).toEqual(expected);
	});

	it('injects faults only into authenticated calls', async () => {
		sim.setKnobs({ faults: { rate5xx: 1 } });
		expect((await postJson(ocrUrl(sim), body)).status).toBe(401);
	});

	it('drops the connection', async () => {
		sim.resetCounters();
		sim.setKnobs({ faults: { rateDrop: 1 } });
		await expect(callOcr(sim, token, body)).rejects.toThrow();
		expect(sim.counters().faults.drop).toBe(1);
		expect(sim.counters().ocr.byStatus).toEqual({ dropped: 1 });
	});

	it('answers 200 with a truncated JSON body', async () => {
		sim.setKnobs({ faults: { rateMalformed: 1 } });
		const reply = await callOcr(sim, token, body);
		expect(reply.status).toBe(200);
		expect(reply.text.startsWith('{"result":')).toBe(true);
		expect(reply.json).toBeUndefined();
	});

	it('answers slowMs late', async () => {
		sim.resetCounters();
		sim.setKnobs({ faults: { rateSlow: 1, slowMs: 60_000 } });
		expect(await callWithDeadline(sim, token, 300)).toBe('timeout');
		expect(sim.counters().faults.slow).toBe(1);
	});

	it('repeats the same fault sequence for the same seed, whatever the jitter', async () => {
		const statuses = async () => {
			const seen: number[] = [];
			for (let i = 0; i < 16; i++) seen.push((await callOcr(sim, token, body)).status);
			return seen;
		};
		sim.setKnobs({ faults: { rate5xx: 0.5, errors: ['ModelArts.4403'], seed: 42 } });
		const first = await statuses();
		expect(first).toContain(200);
		expect(first).toContain(503);
		sim.setKnobs({ jitterMs: 3 });
		sim.resetCounters(); // back to the seed
		expect(await statuses()).toEqual(first);
		sim.setKnobs({ faults: { seed: 43 } });
		expect(await statuses()).not.toEqual(first);
	});

	it('counts OCR calls by status, code, path and auth method, and resets', async () => {
		await waitFor(() => sim.counters().ocr.inFlight === 0);
		sim.resetCounters();
		await callOcr(sim, token, body);
		await callOcr(sim, token, body, 'general-text');
		await callOcr(sim, token, { image: 'data:x' });
		await callOcr(sim, 'MIIbad', body);
		const counters = sim.counters();
		expect(counters.ocr).toMatchObject({
			total: 4,
			inFlight: 0,
			byStatus: { 200: 2, 400: 1, 401: 1 },
			byCode: { 'AIS.0102': 1, 'APIGW.0301': 1 },
			byPath: { passport: 3, 'general-text': 1 },
			byAuth: { token: 3 },
		});
		expect(counters.requests).toBe(4);
		sim.resetCounters();
		expect(sim.counters().ocr).toMatchObject({ total: 0, byStatus: {}, byCode: {}, byPath: {} });
	});
});
