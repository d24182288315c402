/**
 * Fault injection: 200-item batches against the simulator with seeded faults. Whatever goes wrong,
 * every input item comes out exactly once, in order, paired with its input: as its result, or as an
 * error item saying why (retries exhausted, or a failure that retrying cannot cure).
 */
import type { IDataObject } from 'n8n-workflow';

import type { KnobsPatch } from '../simulator';
import {
	akskCredentials,
	iamCredentials,
	runOcr,
	withSimulator,
} from '../nodes/HuaweiPassportOcr/node/kit';
import type { Simulator } from '../nodes/HuaweiPassportOcr/node/kit';
import { batchItems, expectEachItemOnce, RESULT_PROPERTY } from './batch';
import { startThrottlingProxy } from './throttlingProxy';
import type { ThrottlingProxy } from './throttlingProxy';

const BATCH = 200;
const SEED = 7;
const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;

interface Scenario {
	name: string;
	knobs?: KnobsPatch;
	/** Share of OCR calls the proxy answers 429 APIGW.0308. */
	throttleRate?: number;
	/** The simulator's clock jumps past every token's expiry once this many OCR calls arrived. */
	expireTokensAfter?: number;
	options?: IDataObject;
	onError: 'continueOnFail' | 'continueErrorOutput';
	/** What an error item may say in this scenario. */
	reasons: RegExp;
	/** How many faults were injected (proof the scenario did something). */
	injected: (run: ScenarioRun) => number;
	/**
	 * Faults it takes to turn an item into an error item: maxRetries + 1 for retried faults, 1 for
	 * those that retrying cannot cure. Undefined: no item may fail.
	 */
	attemptsPerError?: number;
	batch?: number;
	/** IAM user by default; AK/SK signs every attempt afresh. */
	credentialType?: 'huaweiCloudApi' | 'huaweiCloudAkSkApi';
}

interface ScenarioRun {
	counters: ReturnType<Simulator['counters']>;
	throttled: number;
}

const MAX_RETRIES = 3;
const RETRIED = MAX_RETRIES + 1;
// What the node says when a fault wins (after "Item N: ", which batch.ts checks).
const SERVER_ERROR =
	/: Huawei could not recognise the passport \(AIS\.0105, HTTP 500\b|: Huawei Cloud .*\(.*HTTP 50[234]\b/;
const THROTTLED = /: Huawei throttled the requests \(APIGW\.0308, HTTP 429\b/;
const DROPPED = /: Could not reach Huawei Cloud \(ECONNRESET\b/;
const MALFORMED = /: Huawei's answer could not be read/;
const TIMED_OUT = /: Huawei Cloud gave no answer within 2000 ms \(Timeout option\)/;
const anyOf = (...patterns: RegExp[]) =>
	new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');

const allFaults = (run: ScenarioRun) => {
	const { error5xx, drop, malformed, slow } = run.counters.faults;
	return error5xx + drop + malformed + slow + run.throttled;
};

const SCENARIOS: Scenario[] = [
	{
		name: '5% 5xx (AIS.0105 is not retried; 502/503/504 are)',
		knobs: { faults: { rate5xx: 0.05 } },
		onError: 'continueOnFail',
		reasons: SERVER_ERROR,
		injected: (run) => run.counters.faults.error5xx,
		attemptsPerError: 1,
	},
	{
		name: '10% 429',
		throttleRate: 0.1,
		onError: 'continueOnFail',
		reasons: THROTTLED,
		injected: (run) => run.throttled,
		attemptsPerError: RETRIED,
	},
	{
		name: '5% dropped connections',
		knobs: { faults: { rateDrop: 0.05 } },
		onError: 'continueOnFail',
		reasons: DROPPED,
		injected: (run) => run.counters.faults.drop,
		attemptsPerError: RETRIED,
	},
	{
		name: '5% malformed JSON',
		knobs: { faults: { rateMalformed: 0.05 } },
		onError: 'continueOnFail',
		reasons: MALFORMED,
		injected: (run) => run.counters.faults.malformed,
		attemptsPerError: RETRIED,
	},
	{
		name: "3% slow answers past the node's timeout (timeouts are not retried)",
		knobs: { faults: { rateSlow: 0.03, slowMs: 4000 } },
		options: { timeout: 2000 },
		onError: 'continueOnFail',
		reasons: TIMED_OUT,
		injected: (run) => run.counters.faults.slow,
		attemptsPerError: 1,
	},
	{
		name: 'a token expiring mid-run (exactly one new token)',
		expireTokensAfter: 100,
		onError: 'continueOnFail',
		reasons: /^$/,
		injected: (run) => run.counters.iam.tokens - 1,
	},
	{
		name: 'everything at once, with the error output',
		knobs: {
			faults: { rate5xx: 0.05, rateDrop: 0.03, rateMalformed: 0.03, rateSlow: 0.02, slowMs: 4000 },
		},
		throttleRate: 0.1,
		expireTokensAfter: 100,
		options: { timeout: 2000 },
		onError: 'continueErrorOutput',
		reasons: anyOf(SERVER_ERROR, THROTTLED, DROPPED, MALFORMED, TIMED_OUT),
		injected: allFaults,
		attemptsPerError: 1,
	},
	{
		name: 'everything but token expiry, with the AK/SK credential',
		credentialType: 'huaweiCloudAkSkApi',
		knobs: {
			faults: { rate5xx: 0.05, rateDrop: 0.03, rateMalformed: 0.03, rateSlow: 0.02, slowMs: 4000 },
		},
		throttleRate: 0.1,
		options: { timeout: 2000 },
		onError: 'continueOnFail',
		reasons: anyOf(SERVER_ERROR, THROTTLED, DROPPED, MALFORMED, TIMED_OUT),
		injected: allFaults,
		attemptsPerError: 1,
	},
];

async function runScenario(scenario: Scenario) {
	// The clock reads the counters of the simulator it belongs to, which exists only once started.
	const started: { sim?: Simulator } = {};
	const jumped = () =>
		scenario.expireTokensAfter !== undefined &&
		(started.sim?.counters().ocr.total ?? 0) > scenario.expireTokensAfter;
	const sim = await withSimulator('international', {
		knobs: { latencyMs: 2, ...scenario.knobs, faults: { seed: SEED, ...scenario.knobs?.faults } },
		now: () => Date.now() + (jumped() ? TWO_DAYS_MS : 0),
	});
	started.sim = sim;
	let proxy: ThrottlingProxy | undefined;
	try {
		if (scenario.throttleRate)
			proxy = await startThrottlingProxy(sim.url, { rate: scenario.throttleRate, seed: SEED });
		const credentialType = scenario.credentialType ?? 'huaweiCloudApi';
		const credentials = credentialType === 'huaweiCloudApi' ? iamCredentials : akskCredentials;
		const result = await runOcr(sim, {
			items: batchItems(scenario.batch ?? BATCH),
			credentialType,
			credentialData: credentials(sim, proxy ? { ocrEndpoint: proxy.url } : {}),
			parameters: {
				options: { resultProperty: RESULT_PROPERTY, maxRetries: MAX_RETRIES, ...scenario.options },
			},
			...(scenario.onError === 'continueOnFail'
				? { continueOnFail: true }
				: { onError: 'continueErrorOutput' as const }),
		});
		return { result, counters: sim.counters(), throttled: proxy?.throttled() ?? 0 };
	} finally {
		await proxy?.stop();
		await sim.stop();
	}
}

describe('fault injection: every item of a 200-item batch comes out exactly once', () => {
	it.each(SCENARIOS)('$name', async (scenario) => {
		const run = await runScenario(scenario);
		expect(run.result.error).toBeUndefined();
		expect(run.result.outputs).toHaveLength(scenario.onError === 'continueErrorOutput' ? 2 : 1);
		const fates = expectEachItemOnce(run.result.outputs, BATCH, scenario.reasons);
		const errors = fates.filter((fate) => fate.error !== undefined);
		// With the error output, failures and only failures go to the second output.
		if (scenario.onError === 'continueErrorOutput') {
			expect(fates.filter((fate) => fate.output === 1)).toEqual(errors);
		}
		const injected = scenario.injected(run);
		expect(injected).toBeGreaterThan(0);
		// An item fails only when faults won every attempt it had.
		if (scenario.attemptsPerError === undefined) expect(errors).toEqual([]);
		else expect(errors.length * scenario.attemptsPerError).toBeLessThanOrEqual(injected);
		if (scenario.expireTokensAfter !== undefined) expect(run.counters.iam.tokens).toBe(2);
		expect(Object.keys(run.counters.ocr.byAuth)).toEqual([
			scenario.credentialType === 'huaweiCloudAkSkApi' ? 'aksk' : 'token',
		]);
	});
});

describe('fault messages', () => {
	it('a call past the Timeout option says it timed out and names the option', async () => {
		const run = await runScenario({
			name: 'one slow call',
			knobs: { faults: { rateSlow: 1, slowMs: 4000 } },
			options: { timeout: 2000 },
			onError: 'continueOnFail',
			reasons: /./,
			injected: () => 1,
			attemptsPerError: 1,
			batch: 1,
		});
		const [item] = run.result.outputs[0];
		expect(item.json.error).toMatch(/timed out|no answer within/i);
		expect(item.json.error).toMatch(/Timeout/);
	});
});
