/**
 * How many of a batch's items may be in flight: the concurrency window that helpers/pool.ts reads
 * and that only the send scheduler (transport/sharedPacer.ts) steers.
 *
 * How many slots are open is a window between 1 and the Concurrency option: it starts at the maximum (a run
 * that meets no limit is bound by latency only), is halved when Huawei refuses a call for too many
 * concurrent requests (ModelArts.4401), and grows back by one slot per window's worth of accepted
 * calls (additive increase, multiplicative decrease), never above the number of calls that were in
 * flight when the refusal came. Request rate limits (429 APIGW.0308) are not a concurrency problem:
 * the transport's pacer (transport/pacing.ts) handles those.
 */

/** What the pool reads: how many tasks may run now. */
export interface PoolControl {
	/** How many tasks may run now. */
	readonly limit: number;
}

const wholeAtLeastOne = (value: number) => Math.max(1, Math.floor(value) || 1);

/** The concurrency window: AIMD between 1 and the configured maximum. */
export class ConcurrencyWindow implements PoolControl {
	readonly max: number;
	private window: number;
	/** Where growth stops: just under the concurrency that was refused. */
	private ceiling: number;
	/** Accepted calls since the window last grew. */
	private credit = 0;

	constructor(max: number) {
		this.max = wholeAtLeastOne(max);
		this.window = this.max;
		this.ceiling = this.max;
	}

	get limit(): number {
		return this.window;
	}

	/**
	 * Too many concurrent requests: halve the window (not below 1). `inFlight`, the calls in flight
	 * when the refused one was sent (itself included), caps the window below that from now on.
	 */
	lower(inFlight?: number): number {
		if (inFlight !== undefined && inFlight > 0)
			this.ceiling = Math.max(1, Math.min(this.ceiling, inFlight - 1));
		this.window = Math.max(1, Math.min(this.ceiling, Math.floor(this.window / 2)));
		this.credit = 0;
		return this.window;
	}

	/** An accepted call: one more slot once a whole window's worth of calls got through. */
	grow(): number {
		if (this.window >= this.ceiling) return this.window;
		if (++this.credit >= this.window) {
			this.credit = 0;
			this.window++;
		}
		return this.window;
	}
}
