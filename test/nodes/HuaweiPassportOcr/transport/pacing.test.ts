/**
 * The pacer and scheduler as pure logic on a fake clock: the first estimate, cuts, growth, the
 * remembered pace, and whole runs against a model gateway (a token bucket written here, in virtual
 * time), so that convergence is proved without a timed test.
 */
import { ConcurrencyWindow } from '../../../../nodes/HuaweiPassportOcr/helpers/pool';
import {
	forgetLearnedPaces,
	learnedPace,
	paceKey,
	RatePacer,
	rememberPace,
	SendScheduler,
} from '../../../../nodes/HuaweiPassportOcr/transport/pacing';
import type { SendTicket } from '../../../../nodes/HuaweiPassportOcr/transport/pacing';

function clock(start = 0) {
	const state = { now: start };
	return { state, now: () => state.now };
}

function take(pacer: RatePacer, waited = false): SendTicket {
	const turn = pacer.reserve(waited);
	if (typeof turn === 'number') throw new Error(`expected to go now, told to wait ${turn} ms`);
	return turn;
}

beforeEach(() => forgetLearnedPaces());

describe('RatePacer', () => {
	it('does not pace until Huawei throttles', () => {
		const time = clock();
		const pacer = new RatePacer({ now: time.now });
		for (let call = 0; call < 100; call++) take(pacer);
		expect(pacer.rate).toBe(Number.POSITIVE_INFINITY);
		expect(pacer.sent).toBe(100);
	});

	it('first throttle: the pace is what the gateway let through, over the elapsed time plus its one-second burst', () => {
		const time = clock(1000);
		const pacer = new RatePacer({ now: time.now });
		// 10 at once, then 10 more 300 ms later of which the first 3 pass (10 QPS, bucket full at start).
		const tickets: SendTicket[] = [];
		for (let call = 0; call < 10; call++) tickets.push(take(pacer));
		time.state.now = 1300;
		for (let call = 0; call < 10; call++) tickets.push(take(pacer));
		for (const ticket of tickets.slice(0, 10)) pacer.accepted(ticket);
		time.state.now = 1600;
		for (const ticket of tickets.slice(10, 13)) pacer.accepted(ticket);
		// Four refusals among 17 answers are not yet a quarter: left to the retries.
		for (const ticket of tickets.slice(13, 17)) expect(pacer.rateLimited(ticket)).toBe(false);
		expect(pacer.rate).toBe(Number.POSITIVE_INFINITY);
		// The fifth is: 13 let through (17 sent before it, 4 known refused) in 0.3 s + 1 s.
		expect(pacer.rateLimited(tickets[17])).toBe(true);
		expect(pacer.rate).toBeCloseTo(10, 5);
		// The rest of that wave was sent before the cut: no further cut.
		expect(pacer.rateLimited(tickets[18])).toBe(false);
		expect(pacer.rateLimited(tickets[19])).toBe(false);
		expect(pacer.rate).toBeCloseTo(10, 5);
	});

	it('stray refusals among many accepted answers do not start pacing', () => {
		const time = clock();
		const pacer = new RatePacer({ now: time.now });
		// 10 % refused, spread over time (a proxy, another caller's burst): never a quarter.
		for (let call = 0; call < 500; call++) {
			time.state.now += 5;
			const ticket = take(pacer);
			if (call % 10 === 9) pacer.rateLimited(ticket);
			else pacer.accepted(ticket);
		}
		expect(pacer.rate).toBe(Number.POSITIVE_INFINITY);
		expect(pacer.throttled).toBe(false);
	});

	it('paces strictly at the rate, and the refusal stalls the others for one interval only', () => {
		const time = clock();
		const pacer = new RatePacer({ now: time.now });
		const sent = [take(pacer), take(pacer), take(pacer)];
		time.state.now = 300;
		// All three refused: a limit; none let through in 0 s + 1 s, so the floor of 1 request/s.
		for (const ticket of sent) pacer.rateLimited(ticket);
		expect(pacer.rate).toBe(1);
		// The next call goes one interval after the cut, not Retry-After after the refused call.
		expect(pacer.reserve()).toBe(1000);
		time.state.now = 1300;
		const next = take(pacer, true);
		expect(next.paced).toBe(true);
		expect(pacer.reserve()).toBe(1000);
		// Woken 3 ms late: the slot after that stays on the 1 s grid (no drift).
		time.state.now = 2303;
		take(pacer, true);
		expect(pacer.reserve()).toBe(997);
		// Idle for a long time: nothing saved up but that quarter interval of tolerance.
		time.state.now = 60_000;
		take(pacer);
		expect(pacer.reserve()).toBe(750);
	});

	it('later throttles cut by 15 % once per wave; waiting calls that are accepted add 0.05 request/s', () => {
		const time = clock();
		const pacer = new RatePacer({ maxRps: 10, now: time.now });
		expect(pacer.rate).toBe(10);
		const early = take(pacer);
		time.state.now = 100;
		const late = take(pacer, true);
		pacer.rateLimited(late);
		expect(pacer.rate).toBeCloseTo(8.5, 5);
		// Sent before the cut: old news.
		expect(pacer.rateLimited(early)).toBe(false);
		time.state.now = 300;
		pacer.accepted(take(pacer, true));
		expect(pacer.rate).toBeCloseTo(8.55, 5);
		// A call that did not wait says nothing about the pace.
		time.state.now = 10_000;
		pacer.accepted(take(pacer, false));
		expect(pacer.rate).toBeCloseTo(8.55, 5);
		time.state.now = 10_500;
		const after = take(pacer, true);
		pacer.rateLimited(after);
		expect(pacer.rate).toBeCloseTo(8.55 * 0.85, 5);
	});

	it('never exceeds Max Requests per Second, and grows faster before any throttle', () => {
		const time = clock();
		const pacer = new RatePacer({ maxRps: 5, learnedRps: 4, now: time.now });
		// 8 % below the remembered limit, then +0.1 per call until the first throttle.
		expect(pacer.rate).toBeCloseTo(3.68, 5);
		pacer.accepted(take(pacer, true));
		expect(pacer.rate).toBeCloseTo(3.78, 5);
		for (let call = 0; call < 20; call++) {
			time.state.now += 1000;
			pacer.accepted(take(pacer, true));
		}
		expect(pacer.rate).toBe(5);
	});

	it('floors: a stated rate down to one call per 10 s, a learned one to one call per second', () => {
		expect(new RatePacer({ maxRps: 0.01 }).rate).toBe(0.1);
		expect(new RatePacer({ maxRps: 0.5 }).rate).toBe(0.5);
		expect(new RatePacer({ maxRps: 0 }).rate).toBe(Number.POSITIVE_INFINITY);
		expect(new RatePacer({ learnedRps: 0.001 }).rate).toBe(1);
		// Every call refused: the pace stops falling at one call per second.
		const time = clock();
		const pacer = new RatePacer({ now: time.now });
		const burst = [take(pacer), take(pacer), take(pacer)];
		for (const ticket of burst) pacer.rateLimited(ticket);
		for (let call = 0; call < 50; call++) {
			time.state.now += 1000;
			pacer.rateLimited(take(pacer, true));
		}
		expect(pacer.rate).toBe(1);
		// A stated rate below that floor still wins.
		const slow = new RatePacer({ maxRps: 0.5, now: time.now });
		slow.rateLimited(take(slow));
		expect(slow.rate).toBe(0.5);
	});

	it('a clock that jumps never makes a call wait longer than 10 s', () => {
		const time = clock(1_000_000);
		const pacer = new RatePacer({ maxRps: 1, now: time.now });
		take(pacer);
		time.state.now = 0; // the clock went back
		expect(pacer.reserve()).toBe(10_000);
	});
});

describe('learned paces', () => {
	it('are keyed by credential id and endpoint, never without an id', () => {
		expect(paceKey('huaweiCloudApi', 'abc', 'https://ocr.x')).toBe(
			'huaweiCloudApi:abc@https://ocr.x',
		);
		expect(paceKey('huaweiCloudApi', undefined, 'https://ocr.x')).toBeUndefined();
		expect(paceKey('huaweiCloudApi', null, 'https://ocr.x')).toBeUndefined();
	});

	it('last an hour', () => {
		rememberPace('k', 7, 0);
		expect(learnedPace('k', 3_600_000)).toBe(7);
		expect(learnedPace('k', 3_600_001)).toBeUndefined();
		expect(learnedPace('other', 0)).toBeUndefined();
		expect(learnedPace(undefined, 0)).toBeUndefined();
	});

	it('are bounded in number (the oldest go first)', () => {
		for (let entry = 0; entry < 250; entry++) rememberPace(`k${entry}`, entry + 1, 0);
		expect(learnedPace('k0', 0)).toBeUndefined();
		expect(learnedPace('k49', 0)).toBeUndefined();
		expect(learnedPace('k50', 0)).toBe(51);
		expect(learnedPace('k249', 0)).toBe(250);
	});

	it('a scheduler remembers what it learned from throttling, and the next one starts there', () => {
		const time = clock();
		const first = new SendScheduler({
			window: new ConcurrencyWindow(10),
			memoryKey: 'k',
			now: time.now,
		});
		for (let call = 0; call < 10; call++)
			first.end({ ...take(first.pacer), inFlight: 1 }, 'accepted');
		// Nothing learned yet: nothing remembered.
		expect(learnedPace('k', 0)).toBeUndefined();
		const refused = [0, 1, 2, 3].map(() => take(first.pacer));
		time.state.now = 500;
		for (const ticket of refused) first.end({ ...ticket, inFlight: 1 }, 'rateLimited');
		// 10 let through at once (the gateway's one-second burst): 10 requests/s.
		expect(first.pacer.rate).toBe(10);
		expect(learnedPace('k', 500)).toBe(10);
		const second = new SendScheduler({
			window: new ConcurrencyWindow(10),
			memoryKey: 'k',
			now: time.now,
		});
		expect(second.pacer.rate).toBeCloseTo(first.pacer.rate * 0.92, 5);
		expect(second.pacer.startedLearned).toBe(true);
		// Cut later in the second run: what is remembered is the pace that met the limit.
		const refusedAgain = take(second.pacer, true);
		const pace = second.pacer.rate;
		second.end({ ...refusedAgain, inFlight: 1 }, 'rateLimited');
		expect(learnedPace('k', 500)).toBe(pace);
		// A stated maximum still wins over a higher learned pace.
		rememberPace('k', 30, 500);
		const capped = new SendScheduler({
			window: new ConcurrencyWindow(10),
			memoryKey: 'k',
			maxRps: 12,
			now: time.now,
		});
		expect(capped.pacer.rate).toBe(12);
	});

	it('a Max Requests per Second that was never contradicted is not remembered', () => {
		const scheduler = new SendScheduler({
			window: new ConcurrencyWindow(10),
			memoryKey: 'k',
			maxRps: 8,
		});
		scheduler.end({ ...take(scheduler.pacer, true), inFlight: 1 }, 'accepted');
		expect(learnedPace('k', Date.now())).toBeUndefined();
	});
});

describe('SendScheduler and the concurrency window', () => {
	it('a concurrency throttle halves the window once per wave, below the concurrency refused', () => {
		const window = new ConcurrencyWindow(8);
		const scheduler = new SendScheduler({ window, now: () => 0 });
		const tickets = Array.from({ length: 8 }, (_, inFlight) => ({
			...take(scheduler.pacer),
			inFlight: inFlight + 1,
		}));
		scheduler.end(tickets[5], 'concurrencyLimited');
		expect(window.limit).toBe(4);
		// Sent before that lowering: no second halving.
		scheduler.end(tickets[6], 'concurrencyLimited');
		scheduler.end(tickets[7], 'concurrencyLimited');
		expect(window.limit).toBe(4);
		// The pace is not touched by a concurrency limit.
		expect(scheduler.pacer.rate).toBe(Number.POSITIVE_INFINITY);
		// The refused call had 6 in flight: growth stops at 5.
		for (let call = 0; call < 100; call++)
			scheduler.end({ ...take(scheduler.pacer), inFlight: 1 }, 'accepted');
		expect(window.limit).toBe(5);
	});

	it('a rate throttle leaves the window alone; an unanswered call changes nothing', () => {
		const window = new ConcurrencyWindow(8);
		const scheduler = new SendScheduler({ window, now: () => 0 });
		scheduler.end({ ...take(scheduler.pacer), inFlight: 1 }, 'unanswered');
		expect(scheduler.pacer.rate).toBe(Number.POSITIVE_INFINITY);
		for (let call = 0; call < 3; call++)
			scheduler.end({ ...take(scheduler.pacer), inFlight: 1 }, 'rateLimited');
		expect(window.limit).toBe(8);
		expect(Number.isFinite(scheduler.pacer.rate)).toBe(true);
	});
});

/**
 * A whole run in virtual time: `slots` workers each take the next item, wait for their turn, send;
 * the gateway (a bucket of `qps` tokens, full at the start, refilled continuously; refusal with
 * Retry-After 1 s) answers after `latencyMs`; a refused call waits Retry-After and goes again.
 */
function simulateRun(options: {
	items: number;
	slots: number;
	latencyMs: number;
	qps: number;
	maxRps?: number;
	memoryKey?: string;
	maxRetries?: number;
}) {
	const { items, latencyMs, qps } = options;
	const time = clock();
	const window = new ConcurrencyWindow(options.slots);
	const scheduler = new SendScheduler({
		window,
		maxRps: options.maxRps,
		memoryKey: options.memoryKey,
		now: time.now,
	});
	let tokens = qps;
	let refilledAt = 0;
	const gatewayAdmits = (at: number) => {
		if (qps <= 0) return true;
		tokens = Math.min(qps, tokens + ((at - refilledAt) / 1000) * qps);
		refilledAt = at;
		if (tokens < 1) return false;
		tokens -= 1;
		return true;
	};
	const events: Array<{ at: number; run: () => void }> = [];
	const schedule = (at: number, run: () => void) => {
		events.push({ at, run });
		events.sort((a, b) => a.at - b.at);
	};
	let next = 0;
	let done = 0;
	let refused = 0;
	let failed = 0;
	let finishedAt = 0;
	const acceptedAt: number[] = [];
	const refusedAt: number[] = [];
	let active = 0;
	const attempt = (item: number, tries: number, waited: boolean) => {
		const turn = scheduler.pacer.reserve(waited);
		if (typeof turn === 'number') {
			schedule(time.state.now + turn, () => attempt(item, tries, true));
			return;
		}
		const ticket = { ...turn, inFlight: 1 };
		const admitted = gatewayAdmits(time.state.now);
		schedule(time.state.now + latencyMs, () => {
			scheduler.end(ticket, admitted ? 'accepted' : 'rateLimited');
			if (admitted) {
				acceptedAt.push(ticket.sentAt);
				finish();
			} else {
				refused++;
				refusedAt.push(Math.round(ticket.sentAt));
				if (tries >= (options.maxRetries ?? 3)) {
					failed++;
					finish();
				} else schedule(time.state.now + 1000, () => attempt(item, tries + 1, false));
			}
		});
	};
	const finish = () => {
		done++;
		active--;
		finishedAt = time.state.now;
		launch();
	};
	const launch = () => {
		while (active < window.limit && next < items) {
			active++;
			attempt(next++, 0, false);
		}
	};
	launch();
	while (events.length) {
		const event = events.shift() as { at: number; run: () => void };
		time.state.now = event.at;
		event.run();
	}
	const acceptedBetween = (from: number, to: number) =>
		acceptedAt.filter((at) => at >= from && at < to).length;
	if (process.env.PACING_DEBUG)
		process.stdout.write(
			`${JSON.stringify({ done, refused, failed, finishedAt, rate: scheduler.pacer.rate, refusedAt })}\n`,
		);
	return { done, refused, failed, finishedAt, acceptedBetween, rate: scheduler.pacer.rate };
}

describe('a whole run against a model gateway (virtual time)', () => {
	it.each([5, 10, 20])(
		'%i QPS, 300 ms latency, 200 items, 10 slots: none failed, within 1.15 × N/QPS',
		(qps) => {
			const run = simulateRun({ items: 200, slots: 10, latencyMs: 300, qps });
			expect(run.done).toBe(200);
			expect(run.failed).toBe(0);
			expect(run.finishedAt).toBeLessThanOrEqual(1.15 * (200 / qps) * 1000);
			// Throttling costs a few retries, not a storm.
			expect(run.refused).toBeLessThan(30);
			// Paced near the limit, unless the retries' own waits kept the refusals too few to pace.
			if (Number.isFinite(run.rate)) {
				expect(run.rate).toBeGreaterThan(0.8 * qps);
				expect(run.rate).toBeLessThan(1.2 * qps);
			}
		},
	);

	it('no limit: latency-bound at the full window (N·latency/C)', () => {
		const run = simulateRun({ items: 200, slots: 10, latencyMs: 300, qps: 0 });
		expect(run.finishedAt).toBe(6000);
		expect(run.refused).toBe(0);
	});

	it('a second run with the same credential starts at the learned pace: near the limit from its first 2 s', () => {
		const first = simulateRun({
			items: 200,
			slots: 10,
			latencyMs: 300,
			qps: 10,
			memoryKey: 'cred',
		});
		expect(first.failed).toBe(0);
		const second = simulateRun({
			items: 200,
			slots: 10,
			latencyMs: 300,
			qps: 10,
			memoryKey: 'cred',
		});
		expect(second.failed).toBe(0);
		// Paced from the start: fewer refusals than the first run's discovery burst.
		expect(second.refused).toBeLessThan(first.refused);
		// Every 2-second stretch after the first already runs at ≥ 85 % of the limit.
		for (let from = 2000; from + 2000 <= second.finishedAt - 1000; from += 2000)
			expect(second.acceptedBetween(from, from + 2000)).toBeGreaterThanOrEqual(17);
		// It gives up the gateway's initial burst that the first run used, and no more.
		expect(second.finishedAt).toBeLessThanOrEqual(1.05 * 20_000);
	});

	it('a stated quota equal to the limit: no refusal at all', () => {
		const run = simulateRun({ items: 200, slots: 10, latencyMs: 300, qps: 10, maxRps: 10 });
		expect(run.refused).toBe(0);
		expect(run.finishedAt).toBeLessThanOrEqual(20_400);
	});
});
