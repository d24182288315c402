/**
 * Bounded, order-preserving concurrency for a batch of items. Each task starts only when a slot is
 * free, so whatever it loads (an image, its base64) lives only while it runs: memory is bounded by
 * the Concurrency option (the most slots there can ever be), not by the batch.
 *
 * How many slots are open is a window between 1 and that maximum: it starts at the maximum (a run
 * that meets no limit is bound by latency only), is halved when Huawei refuses a call for too many
 * concurrent requests (ModelArts.4401), and grows back by one slot per window's worth of accepted
 * calls (additive increase, multiplicative decrease), never above the number of calls that were in
 * flight when the refusal came. Request rate limits (429 APIGW.0308) are not a concurrency problem:
 * the transport's pacer (transport/pacing.ts) handles those.
 */

export interface PoolControl {
	/** How many tasks may run now. */
	readonly limit: number;
}

export type PoolTask<T> = (index: number, control: PoolControl) => Promise<T>;

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

/** A window starting at `limit` (the Concurrency option). */
export function createPoolControl(limit: number): ConcurrencyWindow {
	return new ConcurrencyWindow(limit);
}

/**
 * Results in input order; a task that throws gives a rejected entry, the others carry on. The
 * window is read each time a task ends, so a lowered window holds back new starts and a grown one
 * fills its new slots at the next completion.
 */
export async function runPool<T>(
	count: number,
	control: PoolControl,
	task: PoolTask<T>,
): Promise<Array<PromiseSettledResult<T>>> {
	const results: Array<PromiseSettledResult<T>> = new Array(count);
	if (count === 0) return results;

	let next = 0;
	let active = 0;
	let finished = 0;
	return await new Promise((resolve) => {
		const launch = () => {
			while (active < control.limit && next < count) {
				const index = next++;
				active++;
				// A task that throws synchronously is treated like one that rejects.
				Promise.resolve()
					.then(async () => await task(index, control))
					.then(
						(value) => {
							results[index] = { status: 'fulfilled', value };
						},
						(reason: unknown) => {
							results[index] = { status: 'rejected', reason };
						},
					)
					.finally(() => {
						active--;
						finished++;
						if (finished === count) resolve(results);
						else launch();
					});
			}
		};
		launch();
	});
}
