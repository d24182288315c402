/**
 * Bounded, order-preserving concurrency for a batch of items. Each task starts only when a slot is
 * free, so whatever it loads (an image, its base64) lives only while it runs: memory is bounded by
 * the limit, not by the batch. The limit can only go down during a run (on throttling), never up.
 */

export interface PoolControl {
	/** The current limit. */
	readonly limit: number;
	/** Halve the limit (not below 1) for the rest of the batch; returns the new limit. */
	lower(): number;
}

export type PoolTask<T> = (index: number, control: PoolControl) => Promise<T>;

/** A limit that can be lowered while the pool runs (the transport lowers it on throttling). */
export function createPoolControl(initialLimit: number): PoolControl {
	let limit = Math.max(1, Math.floor(initialLimit) || 1);
	return {
		get limit() {
			return limit;
		},
		lower() {
			limit = Math.max(1, Math.floor(limit / 2));
			return limit;
		},
	};
}

/** Results in input order; a task that throws gives a rejected entry, the others carry on. */
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
