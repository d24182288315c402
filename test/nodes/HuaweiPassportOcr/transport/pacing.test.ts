/**
 * The pacer and scheduler as pure logic on a fake clock: the first estimate, cuts, growth, a stated
 * rate, the remembered pace and the concurrency window. Whole runs against a model gateway are in
 * sharedPacer.test.ts.
 */
import { ConcurrencyWindow } from '../../../../nodes/HuaweiPassportOcr/transport/concurrencyWindow';
import { RatePacer } from '../../../../nodes/HuaweiPassportOcr/transport/pacing';
import type { SendTicket } from '../../../../nodes/HuaweiPassportOcr/transport/pacing';
import {
	forgetLearnedPaces,
	learnedPace,
	paceKey,
	rememberPace,
	SendScheduler,
} from '../../../../nodes/HuaweiPassportOcr/transport/sharedPacer';
import { granted } from './virtualTime';

function clock(start = 0) {
	const state = { now: start };
	return { state, now: () => state.now };
}

function take(pacer: RatePacer, waited = false): SendTicket {
	const turn = pacer.reserve(waited);
	if (typeof turn === 'number') throw new Error(`expected to go now, told to wait ${turn} ms`);
	return turn;
}

/** `count` turns taken one after the other (an unpaced scheduler hands them out at once). */
async function begin(scheduler: SendScheduler, count: number): Promise<SendTicket[]> {
	const tickets: SendTicket[] = [];
	for (let call = 0; call < count; call++) tickets.push(granted(await scheduler.begin(0, 1e9)));
	return tickets;
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

	it('a refusal that states the limit paces at 95 % of it at once, and never above it', () => {
		const time = clock();
		const pacer = new RatePacer({ now: time.now });
		// One refusal is evidence enough when it names the rate.
		expect(pacer.rateLimited(take(pacer), 4)).toBe(true);
		expect(pacer.rate).toBeCloseTo(3.8, 10);
		expect(pacer.statedRps).toBe(4);
		for (let call = 0; call < 50; call++) {
			time.state.now += 1000;
			pacer.accepted(take(pacer, true));
		}
		expect(pacer.rate).toBeCloseTo(3.8, 10);
		// Others using the quota too: later refusals still cut below it.
		time.state.now += 2000;
		pacer.rateLimited(take(pacer, true), 4);
		expect(pacer.rate).toBeCloseTo(3.8 * 0.85, 10);
		// A lower stated rate holds the pace under it.
		time.state.now += 1000;
		pacer.rateLimited(take(pacer, true), 2);
		expect(pacer.rate).toBeCloseTo(1.9, 10);
		// Remembered with the pace, it caps the next pacer too.
		const next = new RatePacer({ learnedRps: 10, statedRps: 2, now: time.now });
		expect(next.rate).toBeCloseTo(1.9, 10);
	});

	it('Max Requests per Second can change while running: an option-only pace follows, a learned one stays under it', () => {
		const time = clock();
		const optionOnly = new RatePacer({ maxRps: 5, now: time.now });
		optionOnly.setMaxRps(2);
		expect(optionOnly.rate).toBe(2);
		optionOnly.setMaxRps(undefined);
		expect(optionOnly.rate).toBe(Number.POSITIVE_INFINITY);
		const learned = new RatePacer({ learnedRps: 4, now: time.now });
		learned.setMaxRps(10);
		expect(learned.rate).toBeCloseTo(3.68, 5);
		learned.setMaxRps(2);
		expect(learned.rate).toBe(2);
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
		rememberPace('k', { rps: 7 }, 0);
		expect(learnedPace('k', 3_600_000)).toEqual({ rps: 7 });
		expect(learnedPace('k', 3_600_001)).toBeUndefined();
		expect(learnedPace('other', 0)).toBeUndefined();
		expect(learnedPace(undefined, 0)).toBeUndefined();
	});

	it('are bounded in number (the oldest go first)', () => {
		for (let entry = 0; entry < 250; entry++) rememberPace(`k${entry}`, { rps: entry + 1 }, 0);
		expect(learnedPace('k0', 0)).toBeUndefined();
		expect(learnedPace('k49', 0)).toBeUndefined();
		expect(learnedPace('k50', 0)?.rps).toBe(51);
		expect(learnedPace('k249', 0)?.rps).toBe(250);
	});

	it('an execution that ends leaves what it learned from throttling; the next one starts there', async () => {
		const time = clock();
		const first = new SendScheduler({
			window: new ConcurrencyWindow(20),
			memoryKey: 'k',
			now: time.now,
		});
		const accepted = await begin(first, 10);
		for (const ticket of accepted) first.end(ticket, 'accepted');
		const refused = await begin(first, 4);
		time.state.now = 500;
		for (const ticket of refused) first.end(ticket, 'rateLimited');
		// 10 let through at once (the gateway's one-second burst): 10 requests/s.
		expect(first.pacer.rate).toBe(10);
		// Remembered when the execution ends, not before.
		expect(learnedPace('k', 500)).toBeUndefined();
		first.close();
		expect(learnedPace('k', 500)).toEqual({ rps: 10, statedRps: undefined });
		const second = new SendScheduler({
			window: new ConcurrencyWindow(10),
			memoryKey: 'k',
			now: time.now,
		});
		expect(second.pacer).not.toBe(first.pacer);
		expect(second.pacer.rate).toBeCloseTo(10 * 0.92, 5);
		expect(second.pacer.startedLearned).toBe(true);
		// Cut later in the second run: what is remembered is the pace that met the limit.
		time.state.now = 10_000;
		const [refusedAgain] = await begin(second, 1);
		const pace = second.pacer.rate;
		second.end(refusedAgain, 'rateLimited');
		second.close();
		expect(learnedPace('k', 10_000)?.rps).toBe(pace);
		// A stated maximum still wins over a higher learned pace.
		rememberPace('k', { rps: 30 }, 10_000);
		const capped = new SendScheduler({
			window: new ConcurrencyWindow(10),
			memoryKey: 'k',
			maxRps: 12,
			now: time.now,
		});
		expect(capped.pacer.rate).toBe(12);
		capped.close();
	});

	it('a Max Requests per Second that was never contradicted is not remembered', async () => {
		const scheduler = new SendScheduler({
			window: new ConcurrencyWindow(10),
			memoryKey: 'k',
			maxRps: 8,
		});
		const [ticket] = await begin(scheduler, 1);
		scheduler.end(ticket, 'accepted');
		scheduler.close();
		expect(learnedPace('k', performance.now())).toBeUndefined();
	});
});

describe('SendScheduler and the concurrency window', () => {
	it('a concurrency throttle halves the window once per wave, below the concurrency refused', async () => {
		const window = new ConcurrencyWindow(8);
		const scheduler = new SendScheduler({ window, now: () => 0 });
		const tickets = await begin(scheduler, 8);
		expect(tickets.map((ticket) => ticket.inFlight)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
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
			scheduler.end((await begin(scheduler, 1))[0], 'accepted');
		expect(window.limit).toBe(5);
	});

	it('a rate throttle leaves the window alone; an unanswered call changes nothing', async () => {
		const window = new ConcurrencyWindow(8);
		const scheduler = new SendScheduler({ window, now: () => 0 });
		scheduler.end((await begin(scheduler, 1))[0], 'unanswered');
		expect(scheduler.pacer.rate).toBe(Number.POSITIVE_INFINITY);
		for (const ticket of await begin(scheduler, 3)) scheduler.end(ticket, 'rateLimited');
		expect(window.limit).toBe(8);
		expect(Number.isFinite(scheduler.pacer.rate)).toBe(true);
	});
});
