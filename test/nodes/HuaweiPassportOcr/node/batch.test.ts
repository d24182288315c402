/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/** Batches: order and pairedItem, continue-on-fail, the error output, throttling, token expiry, retries. */
import { CredentialStore } from '../../../harness';
import {
	akskCredentials,
	badImage,
	binaryItem,
	calmSimulator,
	iamCredentials,
	image,
	jsonOf,
	pairedOf,
	runOcr,
	useSimulator,
} from './kit';

const good = () => binaryItem(image('icao-specimen.jpg'));
const many = (count: number) =>
	Array.from({ length: count }, (_, index) =>
		binaryItem(image(index % 2 ? 'usa.jpg' : 'gbr.jpg'), { index }),
	);

describe('batches', () => {
	const sim = useSimulator('international');
	beforeEach(() => calmSimulator(sim));

	/** good, PDF (local), good, not a passport (Huawei), good. */
	const mixed = () => [
		good(),
		binaryItem(badImage('pdf')),
		good(),
		binaryItem(badImage('no-truth')),
		good(),
	];

	it('continue on fail: every item once, in order, errors in place, with pairedItem', async () => {
		const result = await runOcr(sim, {
			items: mixed(),
			continueOnFail: true,
			parameters: { options: { concurrency: 4 } },
		});
		expect(result.error).toBeUndefined();
		expect(pairedOf(result.outputs[0])).toEqual([0, 1, 2, 3, 4]);
		const jsons = jsonOf(result.outputs[0]);
		expect(jsons.map((json) => typeof json.error)).toEqual([
			'undefined',
			'string',
			'undefined',
			'string',
			'undefined',
		]);
		expect(jsons[1].error).toMatch(
			/^Item 1, field "Input Binary Field": This PDF holds no page image/,
		);
		expect(jsons[3].error).toMatch(/AIS\.0104/);
	});

	it('error output: failures on the extra output with pairedItem, successes on the first', async () => {
		const result = await runOcr(sim, { items: mixed(), onError: 'continueErrorOutput' });
		expect(result.outputs).toHaveLength(2);
		expect(pairedOf(result.outputs[0])).toEqual([0, 2, 4]);
		expect(pairedOf(result.outputs[1])).toEqual([1, 3]);
		for (const json of jsonOf(result.outputs[1])) expect(json.error).toEqual(expect.any(String));
	});

	it('error output in route mode: Passed, Review and Error', async () => {
		const items = [good(), binaryItem(image('low-confidence.jpg')), binaryItem(badImage('gif'))];
		const result = await runOcr(sim, {
			items,
			onError: 'continueErrorOutput',
			parameters: { confidenceMode: 'route' },
		});
		expect(result.outputs.map(pairedOf)).toEqual([[0], [1], [2]]);
	});

	it("without continue on fail the node stops with the first failing item's error", async () => {
		const result = await runOcr(sim, {
			items: mixed(),
			parameters: { options: { concurrency: 1 } },
		});
		expect(result.error?.message).toMatch(
			/^Item 1, field "Input Binary Field": This PDF holds no page image/,
		);
		// Nothing after the failure was sent.
		expect(sim.counters().ocr.total).toBe(1);
	});

	it('a threshold outside 0–1 fails each item before any call, naming the field', async () => {
		const result = await runOcr(sim, {
			items: [good(), good()],
			continueOnFail: true,
			parameters: { confidenceThreshold: 80 },
		});
		for (const json of jsonOf(result.outputs[0]))
			expect(json.error).toMatch(
				/^Item \d, field "Threshold": The threshold is 80: enter a number from 0 to 1/,
			);
		expect(sim.counters().requests).toBe(0);
	});

	it('with continue on fail, a credential problem becomes an error item for every item', async () => {
		const result = await runOcr(sim, {
			items: [good(), good()],
			continueOnFail: true,
			credentialData: iamCredentials(sim, { ocrEndpoint: 'http://ocr.example.com' }),
		});
		expect(pairedOf(result.outputs[0])).toEqual([0, 1]);
		for (const json of jsonOf(result.outputs[0]))
			expect(json.error).toMatch(/^Credential: OCR endpoint must use https/);
		const stopped = await runOcr(sim, {
			items: [good()],
			credentialData: iamCredentials(sim, { ocrEndpoint: 'http://ocr.example.com' }),
		});
		expect(stopped.error?.message).toMatch(/^Credential: OCR endpoint must use https/);
		expect(sim.counters().requests).toBe(0);
	});

	it('a call that outlives the Timeout option says so and is not retried', async () => {
		sim.setKnobs({ faults: { rateSlow: 1, slowMs: 1500 } });
		try {
			const result = await runOcr(sim, {
				items: [good()],
				continueOnFail: true,
				parameters: { options: { timeout: 1000 } },
			});
			expect(jsonOf(result.outputs[0])[0].error).toBe(
				'Item 0: Huawei Cloud gave no answer within 1000 ms (Timeout option): Raise the Timeout option ' +
					'(large images and URL downloads take longer), or lower Concurrency. ' +
					'The call was not retried: Huawei may still have processed it.',
			);
			expect(sim.counters().ocr.total).toBe(1);
		} finally {
			sim.setKnobs({ faults: { rateSlow: 0 } });
		}
	});

	it('the first request goes alone: one token exchange for a concurrent batch', async () => {
		sim.setKnobs({ latencyMs: 30 });
		const result = await runOcr(sim, {
			items: many(10),
			parameters: { options: { concurrency: 5 } },
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(10);
		expect(sim.counters().iam.tokens).toBe(1);
		expect(result.preAuthCalls).toBe(1);
		expect(sim.counters().ocr.maxInFlight).toBeGreaterThan(1);
	});

	it('a token that expires mid-batch is refreshed once, without failed items', async () => {
		sim.setKnobs({ latencyMs: 40 });
		const store = new CredentialStore();
		store.add('huaweiCloudApi', iamCredentials(sim));
		// Expire every token once a few calls have succeeded, i.e. with requests in flight.
		let expired = false;
		const watcher = setInterval(() => {
			if (!expired && (sim.counters().ocr.byStatus['200'] ?? 0) >= 3) {
				expired = true;
				sim.expireTokens();
			}
		}, 5);
		try {
			const result = await runOcr(sim, {
				items: many(14),
				credentialStore: store,
				parameters: { options: { concurrency: 4 } },
			});
			expect(result.error).toBeUndefined();
			expect(expired).toBe(true);
			expect(pairedOf(result.outputs[0])).toEqual([...Array(14).keys()]);
			for (const json of jsonOf(result.outputs[0])) expect(json.error).toBeUndefined();
			expect(sim.counters().ocr.byCode['APIGW.0307']).toBeGreaterThanOrEqual(1);
			expect(sim.counters().iam.tokens).toBe(2);
			expect(result.preAuthCalls).toBe(2);
		} finally {
			clearInterval(watcher);
		}
	});

	it('access key: a project lookup cached for another scope is redone once, then the batch runs', async () => {
		const store = new CredentialStore();
		const id = store.add('huaweiCloudAkSkApi', akskCredentials(sim, { projectId: '' }))
			.id as string;
		await runOcr(sim, {
			items: [good()],
			credentialType: 'huaweiCloudAkSkApi',
			credentialStore: store,
		});
		expect(sim.counters().iam.projects).toBe(1);
		// As if the region or the key had changed since the lookup was stored.
		store.put(id, {
			...store.get(id).data,
			resolvedProjectScope: 'another-region|https://iam.example|OTHERKEY',
		});
		const result = await runOcr(sim, {
			items: many(6),
			credentialType: 'huaweiCloudAkSkApi',
			credentialStore: store,
			parameters: { options: { concurrency: 3 } },
		});
		expect(result.error).toBeUndefined();
		for (const json of jsonOf(result.outputs[0])) expect(json.error).toBeUndefined();
		expect(sim.counters().iam.projects).toBe(2);
	});

	it('a stored token is reused by the next run (no exchange at all)', async () => {
		const store = new CredentialStore();
		store.add('huaweiCloudApi', iamCredentials(sim));
		await runOcr(sim, { items: [good()], credentialStore: store });
		const second = await runOcr(sim, { items: [good(), good()], credentialStore: store });
		expect(second.preAuthCalls).toBe(0);
		expect(sim.counters().iam.tokens).toBe(1);
	});

	it('throttling (APIGW.0308, Retry-After) is retried until every item succeeds', async () => {
		sim.setKnobs({ qps: 8 });
		const result = await runOcr(sim, {
			items: many(16),
			parameters: { options: { concurrency: 4, maxRetries: 10 } },
		});
		expect(result.error).toBeUndefined();
		expect(pairedOf(result.outputs[0])).toEqual([...Array(16).keys()]);
		for (const json of jsonOf(result.outputs[0])) expect(json.error).toBeUndefined();
		expect(sim.counters().ocr.byCode['APIGW.0308']).toBeGreaterThan(0);
	});

	it('max concurrency (ModelArts.4401) is retried and the node slows down until every item succeeds', async () => {
		sim.setKnobs({ maxConcurrency: 1, latencyMs: 30 });
		const result = await runOcr(sim, {
			items: many(12),
			parameters: { options: { concurrency: 6, maxRetries: 10 } },
		});
		expect(result.error).toBeUndefined();
		for (const json of jsonOf(result.outputs[0])) expect(json.error).toBeUndefined();
		expect(sim.counters().ocr.byCode['ModelArts.4401']).toBeGreaterThan(0);
	});

	it('after the first ModelArts.4401 the node runs fewer items at once (proved by the simulator)', async () => {
		// The simulator answers 4401 to any call that arrives while another is in flight, so every 4401
		// is an overlap, retried. Running 2 at a time for the whole batch would collide about every
		// other item; lowered to 1 after the first 4401, at most the call launched while that answer
		// was on its way can still collide. The retry waits (>= 150 ms) until the other call is answered.
		sim.setKnobs({ maxConcurrency: 1, latencyMs: 30 });
		const result = await runOcr(sim, {
			items: many(16),
			continueOnFail: true,
			parameters: { options: { concurrency: 2, retryDelay: 300 } },
		});
		const throttled = sim.counters().ocr.byCode['ModelArts.4401'] ?? 0;
		expect(throttled).toBeGreaterThanOrEqual(1);
		expect(throttled).toBeLessThanOrEqual(2);
		for (const json of jsonOf(result.outputs[0])) expect(json.error).toBeUndefined();
		expect(sim.counters().ocr.total).toBe(16 + throttled);
	});

	it('dropped connections, cut-off bodies and 5xx faults are retried', async () => {
		sim.setKnobs({ faults: { rate5xx: 0.15, rateDrop: 0.15, rateMalformed: 0.15, seed: 7 } });
		const result = await runOcr(sim, {
			items: many(16),
			continueOnFail: true,
			parameters: { options: { concurrency: 4, maxRetries: 8 } },
		});
		expect(result.error).toBeUndefined();
		expect(pairedOf(result.outputs[0])).toEqual([...Array(16).keys()]);
		const counters = sim.counters();
		expect(
			counters.faults.drop + counters.faults.malformed + counters.faults.error5xx,
		).toBeGreaterThan(0);
		// AIS.0105 (500) is not retried: only items that met it may fail.
		const failed = jsonOf(result.outputs[0]).filter((json) => json.error !== undefined);
		expect(failed.length).toBeLessThanOrEqual(counters.ocr.byCode['AIS.0105'] ?? 0);
	});
});
