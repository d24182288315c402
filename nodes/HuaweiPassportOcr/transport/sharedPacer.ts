/**
 * One pace per credential and OCR endpoint for every execution in this n8n process: a FIFO queue of
 * turns, deadlines (Max Throttling Wait), learned paces remembered for an hour. Design:
 * docs/transport.md#sharedpacerts-one-queue-per-credential
 */
import { sleep } from 'n8n-workflow';

import type { ConcurrencyWindow } from './concurrencyWindow';
import { monotonicNow, RatePacer } from './pacing';
import type { CallResult, Clock, SendTicket } from './pacing';

export type Wait = (ms: number) => Promise<void>;

/** Calls in flight for a credential, all executions together, before Huawei has shown a limit. */
const START_IN_FLIGHT = 10;

interface Waiter {
	/** When the call first asked for a turn: the queue's order. */
	since: number;
	until: number;
	/** The pace, not the demand, held it back. */
	paced: boolean;
	/** undefined: its deadline passed while it waited. */
	resolve: (ticket: SendTicket | undefined) => void;
}

/** What an execution brings to the shared pace. */
export interface PaceMember {
	/** Its Max Requests per Second; 0 or absent = not stated. */
	maxRps?: number;
	/** Its Concurrency option. */
	concurrency: number;
}

export interface Remembered {
	rps: number;
	statedRps?: number;
}

interface Learned extends Remembered {
	at: number;
}

export class SharedPacer {
	readonly pacer: RatePacer;
	private readonly now: Clock;
	private readonly wait: Wait;
	private readonly onIdle?: (learned: Remembered | undefined) => void;
	private readonly waiters: Waiter[] = [];
	private readonly members = new Set<PaceMember>();
	private inFlight = 0;
	private startLimit = START_IN_FLIGHT;
	private credit = 0;
	private pumping = false;

	constructor(
		settings: {
			learned?: Remembered;
			now?: Clock;
			wait?: Wait;
			/** Called once when no execution uses it and no call is left: it may be dropped. */
			onIdle?: (learned: Remembered | undefined) => void;
		} = {},
	) {
		this.now = settings.now ?? monotonicNow;
		this.wait = settings.wait ?? sleep;
		this.onIdle = settings.onIdle;
		this.pacer = new RatePacer({
			learnedRps: settings.learned?.rps,
			statedRps: settings.learned?.statedRps,
			now: this.now,
		});
	}

	/** Calls waiting for their turn. */
	get queued(): number {
		return this.waiters.length;
	}

	/** What is worth remembering: only what was learned from Huawei, not an untested option. */
	get learned(): Remembered | undefined {
		const rps = this.pacer.limitEstimate;
		return rps === undefined ? undefined : { rps, statedRps: this.pacer.statedRps };
	}

	/** An execution starts using this pace; the function it returns ends that. */
	join(member: PaceMember): () => void {
		this.members.add(member);
		this.applyMaxRps();
		let left = false;
		return () => {
			if (left) return;
			left = true;
			this.members.delete(member);
			this.applyMaxRps();
			this.checkIdle();
		};
	}

	/** Resolves when the call may leave, or with undefined once `until` has passed. */
	async turn(since: number, until: number): Promise<SendTicket | undefined> {
		return await new Promise((resolve) => {
			let at = this.waiters.length;
			while (at > 0 && this.waiters[at - 1].since > since) at--;
			this.waiters.splice(at, 0, { since, until, paced: false, resolve });
			this.pump();
		});
	}

	/** What became of a call that left; `statedRps` is the rate a refusal's message named. */
	done(ticket: SendTicket, outcome: CallResult, statedRps?: number): void {
		this.inFlight--;
		if (outcome === 'accepted') {
			if (!Number.isFinite(this.pacer.rate) && ++this.credit >= this.startLimit) {
				this.credit = 0;
				this.startLimit++;
			}
			this.pacer.accepted(ticket);
		} else if (outcome === 'rateLimited') {
			this.pacer.rateLimited(ticket, statedRps);
		}
		this.pump();
		this.checkIdle();
	}

	private applyMaxRps(): void {
		const stated = [...this.members]
			.map((member) => member.maxRps ?? 0)
			.filter((maxRps) => maxRps > 0);
		this.pacer.setMaxRps(stated.length ? Math.min(...stated) : undefined);
	}

	private inFlightLimit(): number {
		let limit = this.startLimit;
		for (const member of this.members) limit = Math.max(limit, member.concurrency);
		return limit;
	}

	private checkIdle(): void {
		if (this.members.size || this.inFlight || this.waiters.length) return;
		this.onIdle?.(this.learned);
	}

	private pump(): void {
		if (this.pumping) return;
		this.pumping = true;
		void this.drain();
	}

	/** Hands out turns until the queue is empty or must wait for an answer (done() pumps again). */
	private async drain(): Promise<void> {
		try {
			for (;;) {
				this.expire();
				const head = this.waiters[0];
				if (!head) return;
				if (!Number.isFinite(this.pacer.rate) && this.inFlight >= this.inFlightLimit()) return;
				const turn = this.pacer.reserve(head.paced);
				if (typeof turn === 'number') {
					for (const waiter of this.waiters) waiter.paced = true;
					const firstDeadline = Math.min(...this.waiters.map((waiter) => waiter.until));
					await this.wait(Math.max(1, Math.min(turn, Math.ceil(firstDeadline - this.now()))));
					continue;
				}
				this.waiters.shift();
				this.inFlight++;
				head.resolve(turn);
			}
		} finally {
			this.pumping = false;
		}
	}

	private expire(): void {
		const now = this.now();
		for (let index = this.waiters.length - 1; index >= 0; index--) {
			if (this.waiters[index].until > now) continue;
			const [expired] = this.waiters.splice(index, 1);
			expired.resolve(undefined);
		}
	}
}

const LEARNED_TTL_MS = 60 * 60 * 1000;
const LEARNED_MAX_ENTRIES = 200;
/** Paces learned in this n8n process, by credential (see the header). */
const learnedPaces = new Map<string, Learned>();
/** The pacers in use, by credential: an entry lives while executions use it. */
const activePacers = new Map<string, SharedPacer>();

/** The key for a credential's shared pace: its n8n id (no secrets) and the endpoint it calls. */
export function paceKey(
	credentialType: string,
	credentialId: string | null | undefined,
	endpoint: string,
): string | undefined {
	return credentialId ? `${credentialType}:${credentialId}@${endpoint}` : undefined;
}

export function learnedPace(key: string | undefined, now: number): Remembered | undefined {
	const entry = key === undefined ? undefined : learnedPaces.get(key);
	return entry && now - entry.at <= LEARNED_TTL_MS
		? { rps: entry.rps, statedRps: entry.statedRps }
		: undefined;
}

export function rememberPace(key: string, learned: Remembered, now: number): void {
	learnedPaces.delete(key);
	learnedPaces.set(key, { ...learned, at: now });
	// Bounded: the oldest entries go first (a Map iterates in insertion order).
	for (const oldest of learnedPaces.keys()) {
		if (learnedPaces.size <= LEARNED_MAX_ENTRIES) break;
		learnedPaces.delete(oldest);
	}
}

/** The pacer of a credential (a private one without a key), created from what it learned before. */
export function sharedPacerFor(
	key: string | undefined,
	options: { now?: Clock; wait?: Wait } = {},
): SharedPacer {
	const now = options.now ?? monotonicNow;
	if (key === undefined) return new SharedPacer(options);
	const active = activePacers.get(key);
	if (active) return active;
	const pacer: SharedPacer = new SharedPacer({
		...options,
		learned: learnedPace(key, now()),
		onIdle: (learned) => {
			if (learned) rememberPace(key, learned, now());
			if (activePacers.get(key) === pacer) activePacers.delete(key);
		},
	});
	activePacers.set(key, pacer);
	return pacer;
}

/** For tests: start from a process that has learned nothing and shares no pacer. */
export function forgetLearnedPaces(): void {
	learnedPaces.clear();
	activePacers.clear();
}

export interface SchedulerSettings {
	/** The pool's concurrency window, lowered on concurrency throttles and grown on success. */
	window: ConcurrencyWindow;
	maxRps?: number;
	/** paceKey() of the run's credential; without one the run paces alone and remembers nothing. */
	memoryKey?: string;
	now?: Clock;
	wait?: Wait;
}

/**
 * One execution's side of the shared pace, what the transport calls around every HTTP call:
 * begin() waits for the call's turn, end() reports what became of it, which steers the shared pace
 * and this execution's concurrency window. close() when the execution is done.
 */
export class SendScheduler {
	readonly shared: SharedPacer;
	private readonly window: ConcurrencyWindow;
	private readonly leave: () => void;
	private inFlight = 0;
	private windowCutSeq = -1;

	constructor(settings: SchedulerSettings) {
		this.window = settings.window;
		this.shared = sharedPacerFor(settings.memoryKey, { now: settings.now, wait: settings.wait });
		this.leave = this.shared.join({ maxRps: settings.maxRps, concurrency: settings.window.max });
	}

	get pacer(): RatePacer {
		return this.shared.pacer;
	}

	/**
	 * `since`: when the call first asked (its place in the queue); `until`: its deadline, after which
	 * it resolves with undefined instead of a turn.
	 */
	async begin(since: number, until: number): Promise<SendTicket | undefined> {
		const ticket = await this.shared.turn(since, until);
		if (!ticket) return undefined;
		// This execution's own calls in flight: what its concurrency window is about.
		return { ...ticket, inFlight: ++this.inFlight };
	}

	end(ticket: SendTicket, outcome: CallResult, statedRps?: number): void {
		this.inFlight--;
		if (outcome === 'accepted') this.window.grow();
		else if (outcome === 'concurrencyLimited' && ticket.seq >= this.windowCutSeq) {
			this.window.lower(ticket.inFlight);
			this.windowCutSeq = this.pacer.sent;
		}
		this.shared.done(ticket, outcome, statedRps);
	}

	close(): void {
		this.leave();
	}
}
