/**
 * How fast calls leave for Huawei, learned from its answers, so that a run works at the account's
 * request-rate limit instead of bursting into it and backing off.
 *
 * - Until Huawei throttles, calls are not paced at all (only the concurrency window bounds them): a
 *   run that meets no limit is bound by latency alone. With "Max Requests per Second" the pace starts
 *   at that rate and never exceeds it.
 * - Once rate throttles (429 APIGW.0308) show a limit (at least 3 refusals and a quarter of the
 *   answers of the last second; fewer are left to the retries) the pace becomes an estimate of what
 *   the gateway let through: the calls sent before the refused one (those not known to be refused),
 *   over the time since the run's first call plus one second, because a gateway's bucket starts full
 *   and lets about one second's worth through at once. Later throttles cut the pace by 15 %
 *   (multiplicative decrease), at most once a second and only for calls sent after the last cut;
 *   each accepted call that had to wait for its turn adds 0.05 request/s (additive increase, about
 *   5 % of the pace per second). A learned pace never falls below one call per second.
 * - The pace is a strict virtual schedule, a token bucket holding one call: one call per 1/rate
 *   seconds, and after a pause nothing saved up but a quarter interval of timer tolerance. The
 *   refused call itself honours Retry-After (in the transport); the others only wait for their next
 *   turn at the new pace, so a 429 stalls nobody else for longer than the gateway's refill needs.
 * - The pace learned by a run is kept in this module (per n8n process), keyed by the credential's
 *   n8n id and the OCR endpoint (never by anything secret), for an hour: the next run with the same
 *   credential starts at it instead of rediscovering it. Node code may not use files or the
 *   environment, so this is the only memory there is; in queue mode each worker keeps its own. What
 *   is remembered is the pace that last met the limit; the next run starts 8 % below it (the middle
 *   of a cut) and, as the quota may have been raised since, grows twice as fast until its first
 *   throttle.
 *
 * Pure logic with an injectable clock (monotonic by default); the only wait is n8n-workflow's
 * `sleep` in acquire().
 */
import { sleep } from 'n8n-workflow';

import type { ConcurrencyWindow } from '../helpers/pool';

/** What became of one call, as far as pacing is concerned. */
export type CallOutcome = 'accepted' | 'rateLimited' | 'concurrencyLimited' | 'unanswered';

export interface SendTicket {
	/** When it left (clock milliseconds). */
	readonly sentAt: number;
	/** How many calls left before it in this run. */
	readonly seq: number;
	/** It had to wait for its turn: the pace, not the demand, decided when it left. */
	readonly paced: boolean;
	/** Calls in flight when it left, itself included. */
	readonly inFlight: number;
}

export type Clock = () => number;

/** Milliseconds that never go back (a wall-clock change must not stall or burst the pace). */
const monotonicNow: Clock = () => performance.now();

/** Pace after a later throttle: × this. */
const DECREASE = 0.85;
/** Request/s added per accepted call that waited for its turn, once the run has been throttled. */
const GAIN = 0.05;
/** The same before any throttle in this run (a remembered or stated pace may be too low). */
const PROBE_GAIN = 0.1;
/** A run that starts from a remembered limit starts this far below it: mid-way down a cut. */
const LEARNED_START = 0.92;
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
	now?: Clock;
}

export class RatePacer {
	private rps: number;
	private readonly cap: number;
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
		const stated = settings.maxRps !== undefined && settings.maxRps > 0;
		this.cap = stated ? Math.max(MIN_RPS, settings.maxRps as number) : Number.POSITIVE_INFINITY;
		const learned =
			settings.learnedRps !== undefined && settings.learnedRps > 0
				? Math.max(MIN_LEARNED_RPS, settings.learnedRps)
				: undefined;
		this.startedLearned = learned !== undefined;
		this.limit = learned;
		this.rps = Math.min(
			this.cap,
			learned === undefined
				? Number.POSITIVE_INFINITY
				: Math.max(MIN_LEARNED_RPS, learned * LEARNED_START),
		);
		this.now = settings.now ?? monotonicNow;
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

	/** Waits for this call's turn. */
	async acquire(): Promise<SendTicket> {
		for (let waited = false; ; waited = true) {
			const turn = this.reserve(waited);
			if (typeof turn !== 'number') return turn;
			await sleep(turn);
		}
	}

	accepted(ticket: SendTicket): void {
		if (!Number.isFinite(this.rps)) {
			this.noteUnpaced(false);
			return;
		}
		if (!ticket.paced) return;
		this.rps = Math.min(this.cap, this.rps + (this.throttledInRun ? GAIN : PROBE_GAIN));
	}

	/** Answers of the last second while not paced, to tell a rate limit from stray refusals. */
	private noteUnpaced(refused: boolean): boolean {
		const now = this.now();
		this.recent.push({ at: now, refused });
		while (this.recent.length && this.recent[0].at < now - EVIDENCE_WINDOW_MS) this.recent.shift();
		const refusedCount = this.recent.filter((answer) => answer.refused).length;
		return refusedCount >= EVIDENCE_REFUSALS && refusedCount >= EVIDENCE_SHARE * this.recent.length;
	}

	/** A rate throttle; returns whether it changed the pace (false: same wave as the last cut). */
	rateLimited(ticket: SendTicket): boolean {
		const known = this.refusals++;
		const now = this.now();
		if (Number.isFinite(this.rps)) {
			if (ticket.seq < this.cutSeq || now - this.cutAt < CUT_INTERVAL_MS) return false;
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
		this.rps = Math.min(this.cap, Math.max(MIN_LEARNED_RPS, this.rps));
		this.throttledInRun = true;
		this.cutSeq = this.sends;
		this.cutAt = now;
		// The next call waits one interval at the new pace: the bucket refills that fast.
		this.nextAt = Math.max(this.nextAt, now + 1000 / this.rps);
		return true;
	}
}

interface Learned {
	rps: number;
	at: number;
}

const LEARNED_TTL_MS = 60 * 60 * 1000;
const LEARNED_MAX_ENTRIES = 200;
/** Paces learned in this n8n process, by credential (see the header). */
const learnedPaces = new Map<string, Learned>();

/** The key for a credential's learned pace: its n8n id (no secrets) and the endpoint it calls. */
export function paceKey(
	credentialType: string,
	credentialId: string | null | undefined,
	endpoint: string,
): string | undefined {
	return credentialId ? `${credentialType}:${credentialId}@${endpoint}` : undefined;
}

export function learnedPace(key: string | undefined, now: number): number | undefined {
	const entry = key === undefined ? undefined : learnedPaces.get(key);
	return entry && now - entry.at <= LEARNED_TTL_MS ? entry.rps : undefined;
}

export function rememberPace(key: string, rps: number, now: number): void {
	learnedPaces.delete(key);
	learnedPaces.set(key, { rps, at: now });
	// Bounded: the oldest entries go first (a Map iterates in insertion order).
	for (const oldest of learnedPaces.keys()) {
		if (learnedPaces.size <= LEARNED_MAX_ENTRIES) break;
		learnedPaces.delete(oldest);
	}
}

/** For tests: start from a process that has learned nothing. */
export function forgetLearnedPaces(): void {
	learnedPaces.clear();
}

export interface SchedulerSettings {
	/** The pool's concurrency window, lowered on concurrency throttles and grown on success. */
	window: ConcurrencyWindow;
	maxRps?: number;
	/** paceKey() of the run's credential; without one nothing is remembered. */
	memoryKey?: string;
	now?: Clock;
}

/**
 * What the transport calls around every HTTP call: begin() waits for the call's turn, end() reports
 * what became of it, which steers the pace and the concurrency window.
 */
export class SendScheduler {
	readonly pacer: RatePacer;
	private readonly window: ConcurrencyWindow;
	private readonly memoryKey?: string;
	private readonly now: Clock;
	private inFlight = 0;
	private windowCutSeq = -1;

	constructor(settings: SchedulerSettings) {
		this.now = settings.now ?? monotonicNow;
		this.window = settings.window;
		this.memoryKey = settings.memoryKey;
		this.pacer = new RatePacer({
			maxRps: settings.maxRps,
			learnedRps: learnedPace(settings.memoryKey, this.now()),
			now: this.now,
		});
	}

	async begin(): Promise<SendTicket> {
		const ticket = await this.pacer.acquire();
		return { ...ticket, inFlight: ++this.inFlight };
	}

	end(ticket: SendTicket, outcome: CallOutcome): void {
		this.inFlight--;
		if (outcome === 'accepted') {
			this.pacer.accepted(ticket);
			this.window.grow();
		} else if (outcome === 'rateLimited') {
			this.pacer.rateLimited(ticket);
		} else if (outcome === 'concurrencyLimited' && ticket.seq >= this.windowCutSeq) {
			this.window.lower(ticket.inFlight);
			this.windowCutSeq = this.pacer.sent;
		}
		// Only what was learned from Huawei's answers is worth remembering, not an untested option.
		const limit = this.pacer.limitEstimate;
		if (this.memoryKey && limit !== undefined) rememberPace(this.memoryKey, limit, this.now());
	}
}
