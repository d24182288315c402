/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
import { runPool } from '../../../../nodes/HuaweiPassportOcr/helpers/pool';
import { ConcurrencyWindow } from '../../../../nodes/HuaweiPassportOcr/transport/concurrencyWindow';

/** A task whose completion the test controls, to observe how many run at once. */
function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((done) => (resolve = done));
	return { promise, resolve };
}

const tick = async () => await new Promise((resolve) => setImmediate(resolve));

describe('runPool', () => {
	it('keeps input order whatever the completion order', async () => {
		const gates = Array.from({ length: 6 }, deferred);
		const run = runPool(6, new ConcurrencyWindow(6), async (index) => {
			await gates[index].promise;
			return index * 10;
		});
		for (const index of [5, 2, 0, 4, 1, 3]) {
			gates[index].resolve();
			await tick();
		}
		const results = await run;
		expect(
			results.map((result) => (result.status === 'fulfilled' ? result.value : undefined)),
		).toEqual([0, 10, 20, 30, 40, 50]);
	});

	it('never runs more than the limit and starts each task only when a slot frees', async () => {
		const gates = Array.from({ length: 7 }, deferred);
		const started: number[] = [];
		let running = 0;
		let peak = 0;
		const run = runPool(7, new ConcurrencyWindow(3), async (index) => {
			started.push(index);
			running++;
			peak = Math.max(peak, running);
			await gates[index].promise;
			running--;
			return index;
		});
		await tick();
		expect(started).toEqual([0, 1, 2]);
		gates[1].resolve();
		await tick();
		expect(started).toEqual([0, 1, 2, 3]);
		for (const gate of gates) gate.resolve();
		await run;
		expect(peak).toBe(3);
		expect(started).toHaveLength(7);
	});

	it('isolates failures: a throwing task is a rejected entry, the rest carry on', async () => {
		const results = await runPool(4, new ConcurrencyWindow(2), async (index) => {
			if (index === 1) throw new Error('bad item');
			if (index === 2) return JSON.parse('{');
			return index;
		});
		expect(results.map((result) => result.status)).toEqual([
			'fulfilled',
			'rejected',
			'rejected',
			'fulfilled',
		]);
		expect((results[1] as PromiseRejectedResult).reason.message).toBe('bad item');
	});

	it('lowering the limit mid-run holds back new starts until under it', async () => {
		const control = new ConcurrencyWindow(4);
		const gates = Array.from({ length: 8 }, deferred);
		let running = 0;
		const peaks: number[] = [];
		const run = runPool(8, control, async (index) => {
			running++;
			peaks[index] = running;
			await gates[index].promise;
			running--;
		});
		await tick();
		expect(control.lower()).toBe(2);
		expect(control.lower()).toBe(1);
		expect(control.lower()).toBe(1);
		for (const gate of gates) {
			gate.resolve();
			await tick();
		}
		await run;
		expect(peaks.slice(0, 4)).toEqual([1, 2, 3, 4]);
		// After the first four, only one at a time.
		expect(peaks.slice(4)).toEqual([1, 1, 1, 1]);
	});

	it('handles an empty batch and a silly limit', async () => {
		expect(await runPool(0, new ConcurrencyWindow(3), async () => 1)).toEqual([]);
		expect(new ConcurrencyWindow(0).limit).toBe(1);
		expect(new ConcurrencyWindow(Number.NaN).limit).toBe(1);
	});
});

describe('ConcurrencyWindow', () => {
	it('starts at the maximum and halves on each lowering, not below 1', () => {
		const window = new ConcurrencyWindow(10);
		expect(window.limit).toBe(10);
		expect(window.lower()).toBe(5);
		expect(window.lower()).toBe(2);
		expect(window.lower()).toBe(1);
		expect(window.lower()).toBe(1);
	});

	it('grows back by one slot per window of accepted calls (additive increase), up to the maximum', () => {
		const window = new ConcurrencyWindow(6);
		window.lower(); // 3
		const sizes: number[] = [];
		for (let call = 0; call < 20; call++) sizes.push(window.grow());
		// 3 calls at 3 → 4, 4 calls at 4 → 5, 5 calls at 5 → 6, then it stays at the maximum.
		expect(sizes.slice(0, 3)).toEqual([3, 3, 4]);
		expect(sizes.indexOf(5)).toBe(6);
		expect(sizes.indexOf(6)).toBe(11);
		expect(sizes.slice(11).every((size) => size === 6)).toBe(true);
	});

	it('never grows to the concurrency Huawei refused', () => {
		const window = new ConcurrencyWindow(10);
		// Refused while 4 calls were in flight: at most 3 from now on (not half of 10).
		expect(window.lower(4)).toBe(3);
		expect(window.lower()).toBe(1);
		for (let call = 0; call < 50; call++) window.grow();
		expect(window.limit).toBe(3);
	});

	it('a pool follows a window that grows while it runs', async () => {
		const window = new ConcurrencyWindow(4);
		window.lower(); // 2
		let running = 0;
		let peak = 0;
		const results = await runPool(40, window, async () => {
			running++;
			peak = Math.max(peak, running);
			await tick();
			running--;
			window.grow();
		});
		expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
		expect(window.limit).toBe(4);
		expect(peak).toBe(4);
	});
});
