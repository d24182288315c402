/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * The pace shared by every execution of a credential, in virtual time: the queue itself (order,
 * deadlines, the start cap, Max Requests per Second, what is remembered), then whole bursts of
 * executions through the real transport against a model gateway (modelGateway.ts): one process, a
 * process whose executions share nothing, and two processes (queue-mode workers) on one account.
 */
import { OcrTransport } from '../../../../nodes/HuaweiPassportOcr/transport/ocrTransport';
import type { SendTicket } from '../../../../nodes/HuaweiPassportOcr/transport/pacing';
import {
	forgetLearnedPaces,
	learnedPace,
	SendScheduler,
	SharedPacer,
	sharedPacerFor,
} from '../../../../nodes/HuaweiPassportOcr/transport/sharedPacer';
import { execution, ModelGateway } from './modelGateway';
import type { GatewaySettings, ItemResult, ProcessModules } from './modelGateway';
import { granted, VirtualTime } from './virtualTime';

const thisProcess: ProcessModules = { OcrTransport, SendScheduler };

/** The same modules as a second n8n process loads them: registries of its own. */
async function anotherProcess(): Promise<ProcessModules> {
	let modules: ProcessModules | undefined;
	await jest.isolateModulesAsync(async () => {
		const [transport, pacer] = await Promise.all([
			import('../../../../nodes/HuaweiPassportOcr/transport/ocrTransport'),
			import('../../../../nodes/HuaweiPassportOcr/transport/sharedPacer'),
		]);
		modules = { OcrTransport: transport.OcrTransport, SendScheduler: pacer.SendScheduler };
	});
	return modules as ProcessModules;
}

beforeEach(() => {
	forgetLearnedPaces();
	// Back-off jitter in the middle: the same run every time.
	jest.spyOn(Math, 'random').mockReturnValue(0.5);
});

afterEach(() => jest.restoreAllMocks());

interface BurstOptions extends Partial<GatewaySettings> {
	executions: number;
	qps: number;
	itemsEach?: number;
	concurrency?: number;
	/** Executions share the credential's n8n id (false: a credential without one). */
	shared?: boolean;
	/** n8n processes taking the executions in turn (queue-mode workers). */
	processes?: number;
	maxThrottleWaitMs?: number;
	maxRps?: number;
}

async function burst(options: BurstOptions) {
	const time = new VirtualTime();
	const gateway = new ModelGateway(time, {
		qps: options.qps,
		latencyMs: options.latencyMs ?? 300,
		statesLimit: options.statesLimit ?? true,
		retryAfterSeconds: options.retryAfterSeconds,
	});
	const processes = [
		thisProcess,
		...(await Promise.all(Array.from({ length: (options.processes ?? 1) - 1 }, anotherProcess))),
	];
	const runs = Array.from({ length: options.executions }, (_, index) =>
		execution(processes[index % processes.length], gateway, time, {
			items: options.itemsEach ?? 1,
			concurrency: options.concurrency ?? 10,
			credentialId: options.shared === false ? undefined : 'cred',
			caller: `process ${index % processes.length}`,
			maxThrottleWaitMs: options.maxThrottleWaitMs,
			maxRps: options.maxRps,
		}),
	);
	const items: ItemResult[] = (await time.run(Promise.all(runs))).flat();
	const failed = items.filter((item) => !item.ok);
	const result = {
		items,
		failed,
		finishedAt: Math.max(...items.map((item) => item.at)),
		refused: gateway.refused,
		/** Refused calls sent in [from, to) ms. */
		refusedBetween: (from: number, to: number) =>
			gateway.refusedAt.filter((at) => at >= from && at < to).length,
		acceptedBy: gateway.acceptedBy,
		/** Accepted calls sent in [from, to) ms, of one caller or all. */
		acceptedBetween: (from: number, to: number, caller?: string) =>
			gateway.acceptedAt.filter(
				(call) =>
					call.at >= from && call.at < to && (caller === undefined || call.caller === caller),
			).length,
	};
	if (process.env.PACING_DEBUG)
		process.stdout.write(
			`${JSON.stringify({ ...options, failed: failed.length, finishedAt: result.finishedAt, refused: result.refused, acceptedBy: [...gateway.acceptedBy] })}\n`,
		);
	return result;
}

describe('bursts of single-item executions with one credential in one process', () => {
	it.each([
		[60, 4],
		[200, 4],
		[60, 10],
		[200, 10],
	])(
		'%i executions at %i QPS (300 ms latency): none fails, within 1.3 × N/QPS, refused ≤ N/4',
		async (executions, qps) => {
			const run = await burst({ executions, qps });
			expect(run.failed).toEqual([]);
			expect(run.items).toHaveLength(executions);
			expect(run.finishedAt).toBeLessThanOrEqual(1.3 * (executions / qps) * 1000);
			expect(run.refused).toBeLessThanOrEqual(executions / 4);
		},
	);

	it.each([
		[60, 4],
		[200, 10],
	])(
		'%i at %i QPS, the refusals stating no limit (the pace is estimated): none fails, within 1.3 × N/QPS',
		async (executions, qps) => {
			const run = await burst({ executions, qps, statesLimit: false });
			expect(run.failed).toEqual([]);
			expect(run.finishedAt).toBeLessThanOrEqual(1.3 * (executions / qps) * 1000);
			expect(run.refused).toBeLessThanOrEqual(executions / 4);
		},
	);

	it('executions that share nothing (a credential without an id) compete on retries: many more refusals', async () => {
		const shared = await burst({ executions: 60, qps: 4 });
		const alone = await burst({ executions: 60, qps: 4, shared: false });
		expect(alone.refused).toBeGreaterThan(3 * Math.max(1, shared.refused));
	});

	it('one execution of 200 items with 10 slots, at 5, 10 and 20 QPS: within 1.15 × N/QPS', async () => {
		for (const qps of [5, 10, 20]) {
			const run = await burst({ executions: 1, itemsEach: 200, qps, statesLimit: false });
			expect(run.failed).toEqual([]);
			expect(run.finishedAt).toBeLessThanOrEqual(1.15 * (200 / qps) * 1000);
			expect(run.refused).toBeLessThan(30);
		}
	});

	it('the next burst with the credential starts at the pace the last one learned: fewer refusals at its start, near the limit throughout', async () => {
		const first = await burst({ executions: 200, qps: 10, statesLimit: false });
		const second = await burst({ executions: 200, qps: 10, statesLimit: false });
		expect(second.failed).toEqual([]);
		// The first burst finds the limit by refusals at its start; the second starts at it.
		expect(second.refusedBetween(0, 2000)).toBeLessThan(first.refusedBetween(0, 2000));
		// Every 2-second stretch after the first runs at >= 85 % of the limit.
		for (let from = 2000; from + 2000 <= second.finishedAt - 1000; from += 2000)
			expect(second.acceptedBetween(from, from + 2000)).toBeGreaterThanOrEqual(17);
		expect(second.finishedAt).toBeLessThanOrEqual(1.05 * 20_000);
	});

	it('no limit: latency-bound, every execution at once', async () => {
		const run = await burst({ executions: 60, qps: 0 });
		expect(run.refused).toBe(0);
		// Ten in flight to start with, one more per ten answers: 60 calls in 5 rounds of 300 ms.
		expect(run.finishedAt).toBeLessThanOrEqual(6 * 300);
	});

	it('Max Requests per Second at the quota: not one refusal', async () => {
		const run = await burst({ executions: 60, qps: 4, maxRps: 4 });
		expect(run.failed).toEqual([]);
		expect(run.refused).toBe(0);
	});
});

describe('queue mode: two processes (workers) on one account', () => {
	it.each([
		[60, 4],
		[200, 10],
	])('%i executions at %i QPS: none fails; no retry storm', async (executions, qps) => {
		const run = await burst({ executions, qps, processes: 2 });
		expect(run.failed).toEqual([]);
		expect(run.finishedAt).toBeLessThanOrEqual(1.3 * (executions / qps) * 1000);
		// Each worker paces at the stated rate until its own refusals cut it to its share.
		expect(run.refused).toBeLessThanOrEqual(executions);
	});

	it('a long burst: each worker settles at about half the limit, with few refusals', async () => {
		const run = await burst({ executions: 400, qps: 4, processes: 2 });
		expect(run.failed).toEqual([]);
		expect(run.finishedAt).toBeLessThanOrEqual(1.3 * (400 / 4) * 1000);
		expect(run.refused).toBeLessThanOrEqual(400 / 4);
		// Both are backlogged throughout: from the 20th to the 80th second each has 35-65 % of the calls.
		const all = run.acceptedBetween(20_000, 80_000);
		expect(all).toBeGreaterThanOrEqual(0.9 * 60 * 4);
		for (const worker of ['process 0', 'process 1']) {
			const share = run.acceptedBetween(20_000, 80_000, worker) / all;
			expect(share).toBeGreaterThan(0.35);
			expect(share).toBeLessThan(0.65);
		}
	});
});

describe('Max Throttling Wait', () => {
	it('ends what throttling kept waiting too long with the limit named; nothing waits past it', async () => {
		const run = await burst({ executions: 40, qps: 1, maxThrottleWaitMs: 10_000 });
		expect(run.items).toHaveLength(40);
		const ok = run.items.filter((item) => item.ok);
		// A full bucket (1) and one call per second for 10 s, give or take the pace's margin.
		expect(ok.length).toBeGreaterThanOrEqual(8);
		expect(ok.length).toBeLessThanOrEqual(12);
		for (const item of run.failed) {
			expect(item.failure?.waitLimitMs).toBe(10_000);
			expect(item.at).toBeLessThanOrEqual(10_000);
		}
		expect(run.failed.length).toBe(40 - ok.length);
	});
});

describe('SharedPacer', () => {
	const take = async (time: VirtualTime, pacer: SharedPacer, since: number, until = 1e9) =>
		await pacer.turn(since, until);

	it('hands out turns oldest first (by when a call first asked), at the pace', async () => {
		const time = new VirtualTime();
		const pacer = new SharedPacer({ now: time.now, wait: time.wait });
		pacer.join({ maxRps: 1, concurrency: 10 });
		await time.run(take(time, pacer, 0));
		const order: number[] = [];
		const turns = [5, 1, 3].map(async (since) => {
			await pacer.turn(since, 1e9);
			order.push(since);
		});
		await time.run(Promise.all(turns));
		expect(order).toEqual([1, 3, 5]);
		// One per second: the third left 3 s after the first.
		expect(time.now()).toBeGreaterThanOrEqual(2750);
	});

	it('a call whose deadline passes leaves the queue without a turn; the others keep their place', async () => {
		const time = new VirtualTime();
		const pacer = new SharedPacer({ now: time.now, wait: time.wait });
		pacer.join({ maxRps: 1, concurrency: 10 });
		await time.run(take(time, pacer, 0));
		const early = pacer.turn(0, 500);
		const patient = pacer.turn(1, 10_000);
		expect(await time.run(early)).toBeUndefined();
		expect(time.now()).toBeLessThanOrEqual(500);
		expect(await time.run(patient)).toMatchObject({ seq: expect.any(Number) });
		expect(pacer.queued).toBe(0);
	});

	it('the lowest Max Requests per Second among the executions applies, and lifts when it leaves', () => {
		const pacer = new SharedPacer({ now: () => 0 });
		pacer.join({ maxRps: 5, concurrency: 10 });
		const leave = pacer.join({ maxRps: 2, concurrency: 10 });
		pacer.join({ concurrency: 10 });
		expect(pacer.pacer.rate).toBe(2);
		leave();
		expect(pacer.pacer.rate).toBe(5);
	});

	it('before any limit is known, 10 calls in flight for all executions, one more per 10 accepted', async () => {
		const time = new VirtualTime();
		const pacer = new SharedPacer({ now: time.now, wait: time.wait });
		pacer.join({ concurrency: 4 });
		const given: SendTicket[] = [];
		for (let call = 0; call < 30; call++)
			void pacer.turn(call, 1e9).then((ticket) => given.push(granted(ticket)));
		await time.run(Promise.resolve());
		expect(given).toHaveLength(10);
		for (const ticket of given.splice(0)) pacer.done(ticket, 'accepted');
		await time.run(Promise.resolve());
		// The cap grew to 11 after 10 accepted calls.
		expect(given).toHaveLength(11);
		// A member whose Concurrency is higher lifts the cap to it.
		pacer.join({ concurrency: 25 });
		void pacer.turn(100, 1e9);
		await time.run(Promise.resolve());
		expect(given.length + 1).toBeGreaterThan(11);
	});

	it('is shared while used, then dropped, remembering only what Huawei taught it', async () => {
		const time = new VirtualTime();
		const first = sharedPacerFor('k', { now: time.now, wait: time.wait });
		const leave = first.join({ concurrency: 10 });
		expect(sharedPacerFor('k', { now: time.now, wait: time.wait })).toBe(first);
		const tickets = await time.run(
			Promise.all([0, 1, 2, 3].map(async (since) => granted(await first.turn(since, 1e9)))),
		);
		for (const ticket of tickets) first.done(ticket, 'rateLimited', 4);
		expect(learnedPace('k', time.now())).toBeUndefined();
		leave();
		expect(learnedPace('k', time.now())).toEqual({ rps: 3.8, statedRps: 4 });
		const next = sharedPacerFor('k', { now: time.now, wait: time.wait });
		expect(next).not.toBe(first);
		expect(next.pacer.rate).toBeLessThanOrEqual(3.8);
		// Not throttled, only Max Requests per Second: nothing to remember.
		const quiet = sharedPacerFor('q', { now: time.now, wait: time.wait });
		const quietLeave = quiet.join({ maxRps: 3, concurrency: 10 });
		quiet.done(granted(await time.run(quiet.turn(0, 1e9))), 'accepted');
		quietLeave();
		expect(learnedPace('q', time.now())).toBeUndefined();
	});

	it('without a key, every scheduler has a pacer of its own', () => {
		expect(sharedPacerFor(undefined)).not.toBe(sharedPacerFor(undefined));
	});
});
