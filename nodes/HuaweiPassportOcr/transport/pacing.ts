/**
 * RatePacer: how fast calls leave for Huawei, learned from its 429s (a stated limit, or AIMD), pure
 * with an injectable clock. Design: docs/transport.md#pacingts-the-pace-learned-from-huaweis-answers
 */
/** What became of one call, as far as pacing is concerned. */
export type CallResult = 'accepted' | 'rateLimited' | 'concurrencyLimited' | 'unanswered';

export interface SendTicket {
	/** When it left (clock milliseconds). */
	readonly sentAt: number;
	/** How many calls left before it through this pacer. */
	readonly seq: number;
	/** It had to wait for its turn: the pace, not the demand, decided when it left. */
	readonly paced: boolean;
	/** Calls in flight when it left, itself included. */
	readonly inFlight: number;
}

export type Clock = () => number;

/** Milliseconds that never go back (a wall-clock change must not stall or burst the pace). */
export const monotonicNow: Clock = () => performance.now();

/** Pace after a later throttle: × this. */
const DECREASE = 0.85;
/** Request/s added per accepted call that waited for its turn, once the run has been throttled. */
const GAIN = 0.05;
/** The same before any throttle in this run (a remembered or stated pace may be too low). */
const PROBE_GAIN = 0.1;
/** A run that starts from a remembered limit starts this far below it: mid-way down a cut. */
const LEARNED_START = 0.92;
/**
 * A rate the gateway states in its refusal is paced at this share of it, and never exceeded: calls
 * leave on a timer and cross a network, so a pace of exactly the limit would land some of them
 * just before the gateway's bucket has refilled.
 */
const STATED_SHARE = 0.95;
/** A stated Max Requests per Second may go down to one call in 10 s... */
const MIN_RPS = 0.1;
/**
 * ...a learned pace not below one call per second: were every call refused (a quota used up by
 * others), the run still ends within about N × attempts seconds instead of crawling ever slower.
 */
const MIN_LEARNED_RPS = 1;
/** A gateway's bucket is assumed to start full with about this many seconds' worth of calls. */
const BURST_SECONDS = 1;
/**
 * Pacing starts only on evidence of a rate limit: in the last second at least 3 refusals and a
 * quarter of the answers. Bursting into a limit gets far more refused than that; a few stray 429s
 * (another caller's burst, a proxy) are left to the retries instead of slowing the whole run.
 */
const EVIDENCE_WINDOW_MS = 1000;
const EVIDENCE_REFUSALS = 3;
const EVIDENCE_SHARE = 0.25;
/** At most one cut per second, the window a gateway refills in (Retry-After is at least that). */
const CUT_INTERVAL_MS = 1000;

export interface PacerSettings {
	/** The Max Requests per Second option; 0 or absent = not stated. */
	maxRps?: number;
	/** The pace an earlier run with this credential learned. */
	learnedRps?: number;
	/** The rate the gateway stated in an earlier run's refusal (see rateLimited()). */
	statedRps?: number;
	now?: Clock;
}

/** Max Requests per Second as a cap: Infinity when not stated. */
const capOf = (maxRps: number | undefined) =>
	maxRps !== undefined && maxRps > 0 ? Math.max(MIN_RPS, maxRps) : Number.POSITIVE_INFINITY;

export class RatePacer {
	private rps: number;
	private cap: number;
	/** Just under the rate the gateway's refusals state; Infinity while none did. */
	private ceiling = Number.POSITIVE_INFINITY;
	private readonly now: Clock;
	/** The earliest time the next call may leave. */
	private nextAt = Number.NEGATIVE_INFINITY;
	private firstSentAt?: number;
	private sends = 0;
	private refusals = 0;
	/** Calls that left before this one (by seq) were sent before the last cut. */
	private cutSeq = -1;
	private cutAt = Number.NEGATIVE_INFINITY;
	private recent: Array<{ at: number; refused: boolean }> = [];
	private throttledInRun = false;
	/** The fastest pace known to be about the limit (refused, or estimated), if any. */
	private limit?: number;
	readonly startedLearned: boolean;

	constructor(settings: PacerSettings = {}) {
		this.cap = capOf(settings.maxRps);
		if (settings.statedRps !== undefined && settings.statedRps > 0)
			this.ceiling = settings.statedRps * STATED_SHARE;
		const learned =
			settings.learnedRps !== undefined && settings.learnedRps > 0
				? Math.max(MIN_LEARNED_RPS, settings.learnedRps)
				: undefined;
		this.startedLearned = learned !== undefined;
		this.limit = learned;
		this.rps = Math.min(
			this.cap,
			this.ceiling,
			learned === undefined
				? Number.POSITIVE_INFINITY
				: Math.max(this.floor, learned * LEARNED_START),
		);
		this.now = settings.now ?? monotonicNow;
	}

	/** A learned pace goes no lower than one call per second, or than a lower stated rate. */
	private get floor(): number {
		return Math.min(MIN_LEARNED_RPS, this.ceiling);
	}

	/** The fastest pace allowed: Max Requests per Second and what the gateway stated. */
	private get top(): number {
		return Math.min(this.cap, this.ceiling);
	}

	/**
	 * A new Max Requests per Second (the executions sharing this pace changed). A pace that came from
	 * the option alone follows it; a learned one is only held under it.
	 */
	setMaxRps(maxRps: number | undefined): void {
		const cap = capOf(maxRps);
		if (cap === this.cap) return;
		const fromOptionOnly = this.limit === undefined && !this.throttledInRun;
		this.cap = cap;
		this.rps = fromOptionOnly ? this.top : Math.min(this.rps, this.top);
	}

	/** The rate the gateway stated, if any of its refusals did (what to remember with the pace). */
	get statedRps(): number | undefined {
		return Number.isFinite(this.ceiling) ? this.ceiling / STATED_SHARE : undefined;
	}

	/** Requests per second now (Infinity: not paced). */
	get rate(): number {
		return this.rps;
	}

	get throttled(): boolean {
		return this.throttledInRun;
	}

	/**
	 * What to remember for the next run: the pace that last met the limit, or a faster one this run
	 * held without being refused. Undefined while nothing was learned from Huawei.
	 */
	get limitEstimate(): number | undefined {
		if (this.limit === undefined) return undefined;
		return this.throttledInRun ? this.limit : Math.max(this.limit, this.rps);
	}

	/** Calls that have left so far. */
	get sent(): number {
		return this.sends;
	}

	/** Milliseconds to wait, or the ticket of a call that may leave now. */
	reserve(waited = false): number | SendTicket {
		const now = this.now();
		if (Number.isFinite(this.rps)) {
			// Never more than one interval at the slowest pace, whatever the clock did.
			if (now < this.nextAt)
				return Math.min(1000 / MIN_RPS, Math.max(1, Math.ceil(this.nextAt - now)));
			const interval = 1000 / this.rps;
			// A waiter woken a little late keeps its slot (no drift); an idle pacer saves up nothing.
			this.nextAt = Math.max(this.nextAt, now - interval / 4) + interval;
		}
		this.firstSentAt ??= now;
		return { sentAt: now, seq: this.sends++, paced: waited, inFlight: 0 };
	}

	accepted(ticket: SendTicket): void {
		if (!Number.isFinite(this.rps)) {
			this.noteUnpaced(false);
			return;
		}
		if (!ticket.paced) return;
		this.rps = Math.min(this.top, this.rps + (this.throttledInRun ? GAIN : PROBE_GAIN));
	}

	/** Answers of the last second while not paced, to tell a rate limit from stray refusals. */
	private noteUnpaced(refused: boolean): boolean {
		const now = this.now();
		this.recent.push({ at: now, refused });
		while (this.recent.length && this.recent[0].at < now - EVIDENCE_WINDOW_MS) this.recent.shift();
		const refusedCount = this.recent.filter((answer) => answer.refused).length;
		return refusedCount >= EVIDENCE_REFUSALS && refusedCount >= EVIDENCE_SHARE * this.recent.length;
	}

	/**
	 * A rate throttle; returns whether it changed the pace (false: same wave as the last cut).
	 * `statedRps`: the rate the refusal's message names. It is evidence enough on its own, and
	 * better than an estimate: the pace goes straight to just under it and never above it; later
	 * refusals (other callers sharing the account's quota) still cut it.
	 */
	rateLimited(ticket: SendTicket, statedRps?: number): boolean {
		const known = this.refusals++;
		const now = this.now();
		const newCeiling =
			statedRps !== undefined && statedRps > 0 && statedRps * STATED_SHARE !== this.ceiling;
		if (newCeiling) this.ceiling = (statedRps as number) * STATED_SHARE;
		if (newCeiling && !this.throttledInRun) {
			this.recent = [];
			this.rps = this.ceiling;
			this.limit = this.ceiling;
		} else if (Number.isFinite(this.rps)) {
			if (ticket.seq < this.cutSeq || now - this.cutAt < CUT_INTERVAL_MS) {
				// Old news for the pace, but a lower stated rate still holds it down.
				this.rps = Math.min(this.rps, this.top);
				return false;
			}
			this.limit = this.rps;
			this.rps *= DECREASE;
		} else {
			if (!this.noteUnpaced(true)) return false;
			this.recent = [];
			const seconds = (ticket.sentAt - (this.firstSentAt ?? ticket.sentAt)) / 1000;
			const letThrough = Math.max(1, ticket.seq - known);
			this.rps = letThrough / (seconds + BURST_SECONDS);
			this.limit = this.rps;
		}
		this.rps = Math.min(this.top, Math.max(this.floor, this.rps));
		this.throttledInRun = true;
		this.cutSeq = this.sends;
		this.cutAt = now;
		// The next call waits one interval at the new pace: the bucket refills that fast.
		this.nextAt = Math.max(this.nextAt, now + 1000 / this.rps);
		return true;
	}
}
