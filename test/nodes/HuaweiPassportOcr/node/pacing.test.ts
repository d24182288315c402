/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Pace and the first-call gate through the node, proved by the simulator's counters (no timings):
 * the first calls go out together when there is no token race, a quota stated in the options is
 * never exceeded, and a second run with the same credential starts at the pace the first learned.
 */
import { CredentialStore } from '../../../harness';
import {
	akskCredentials,
	binaryItem,
	calmSimulator,
	iamCredentials,
	image,
	jsonOf,
	runOcr,
	useSimulator,
} from './kit';

const many = (count: number) =>
	Array.from({ length: count }, (_, index) =>
		binaryItem(image(index % 2 ? 'usa.jpg' : 'gbr.jpg'), { index }),
	);

const failures = (items: Parameters<typeof jsonOf>[0]) =>
	jsonOf(items).filter((json) => json.error !== undefined);

// Latency 1 s in the gate tests: long enough that all four calls are sent before the first answer
// even on a loaded machine, so the simulator's peak in flight shows the gate and nothing else.
describe('pace and first-call gate', () => {
	const sim = useSimulator('international');
	beforeEach(() => calmSimulator(sim));

	it('a stored, unexpired IAM token: the first calls go out together, with no token exchange', async () => {
		const store = new CredentialStore();
		store.add('huaweiCloudApi', iamCredentials(sim));
		await runOcr(sim, { items: many(1), credentialStore: store });
		expect(store.byType('huaweiCloudApi')?.data.token).toBeTruthy();
		sim.resetCounters();
		sim.setKnobs({ latencyMs: 1000 });
		const result = await runOcr(sim, {
			items: many(4),
			credentialStore: store,
			parameters: { options: { concurrency: 4 } },
		});
		expect(failures(result.outputs[0])).toEqual([]);
		expect(result.preAuthCalls).toBe(0);
		// With the gate, the first call would have gone alone and at most 3 could overlap.
		expect(sim.counters().ocr.maxInFlight).toBe(4);
	});

	it('no token stored: the first call still goes alone (one exchange for the batch)', async () => {
		sim.setKnobs({ latencyMs: 1000 });
		const result = await runOcr(sim, {
			items: many(4),
			parameters: { options: { concurrency: 4 } },
		});
		expect(failures(result.outputs[0])).toEqual([]);
		expect(sim.counters().iam.tokens).toBe(1);
		expect(sim.counters().ocr.maxInFlight).toBe(3);
	});

	it('an access key with its Project ID: no gate either', async () => {
		sim.setKnobs({ latencyMs: 1000 });
		const result = await runOcr(sim, {
			items: many(4),
			credentialType: 'huaweiCloudAkSkApi',
			credentialData: akskCredentials(sim),
			parameters: { options: { concurrency: 4 } },
		});
		expect(failures(result.outputs[0])).toEqual([]);
		expect(sim.counters().ocr.maxInFlight).toBe(4);
	});

	it('Max Requests per Second at the quota: not one call refused', async () => {
		sim.setKnobs({ qps: 5, latencyMs: 20 });
		const result = await runOcr(sim, {
			items: many(12),
			parameters: { options: { concurrency: 10, maxRequestsPerSecond: 5 } },
		});
		expect(failures(result.outputs[0])).toEqual([]);
		expect(sim.counters().ocr.byCode['APIGW.0308'] ?? 0).toBe(0);
		expect(sim.counters().ocr.total).toBe(12);
	});

	it('throttled at 5 QPS with 10 slots: nothing fails; a second run starts at the learned pace', async () => {
		sim.setKnobs({ qps: 5, latencyMs: 20 });
		const store = new CredentialStore();
		store.add('huaweiCloudApi', iamCredentials(sim));
		const first = await runOcr(sim, {
			items: many(15),
			credentialStore: store,
			parameters: { options: { concurrency: 10 } },
		});
		expect(failures(first.outputs[0])).toEqual([]);
		const refusedFirst = sim.counters().ocr.byCode['APIGW.0308'] ?? 0;
		// Ten at once into a bucket of five: the first run has to discover the limit.
		expect(refusedFirst).toBeGreaterThanOrEqual(5);
		// Let the gateway's bucket fill up again, as between two scheduled runs.
		await new Promise((resolve) => setTimeout(resolve, 1200));
		sim.resetCounters();
		const second = await runOcr(sim, {
			items: many(15),
			credentialStore: store,
			keepLearnedPace: true,
			parameters: { options: { concurrency: 10 } },
		});
		expect(failures(second.outputs[0])).toEqual([]);
		expect(sim.counters().ocr.byCode['APIGW.0308'] ?? 0).toBe(0);
		expect(sim.counters().ocr.total).toBe(15);
	});
});
