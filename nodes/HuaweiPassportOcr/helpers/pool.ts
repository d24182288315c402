/**
 * Bounded, order-preserving concurrency for a batch of items. Each task starts only when a slot is
 * free, so whatever it loads (an image, its base64) lives only while it runs: memory is bounded by
 * the Concurrency option (the most slots there can ever be), not by the batch. How many slots are
 * open is the window's business (transport/concurrencyWindow.ts: only the scheduler steers it).
 */
import type { PoolControl } from '../transport/concurrencyWindow';

export type PoolTask<T> = (index: number, control: PoolControl) => Promise<T>;

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
