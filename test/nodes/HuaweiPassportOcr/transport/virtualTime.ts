/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Virtual time for async code: `wait(ms)` resolves when the clock reaches it, and `run()` moves the
 * clock from timer to timer, letting every promise settle in between, so minutes of pacing and
 * retries play out in milliseconds and the same way every time.
 */
interface Timer {
	at: number;
	order: number;
	resolve: () => void;
}

/** Every pending promise continuation has run once a macrotask comes round. */
const settle = async () => await new Promise<void>((resolve) => setImmediate(resolve));

export class VirtualTime {
	private current = 0;
	private order = 0;
	private readonly timers: Timer[] = [];

	readonly now = (): number => this.current;

	readonly wait = async (ms: number): Promise<void> =>
		await new Promise<void>((resolve) => {
			const timer = { at: this.current + Math.max(0, ms), order: this.order++, resolve };
			let index = this.timers.length;
			while (
				index > 0 &&
				(this.timers[index - 1].at > timer.at ||
					(this.timers[index - 1].at === timer.at && this.timers[index - 1].order > timer.order))
			)
				index--;
			this.timers.splice(index, 0, timer);
		});

	/**
	 * Runs until `work` settles and returns its result. Throws if nothing is left to wait for while it
	 * is still pending (a deadlock), or after `limitMs` of virtual time (a livelock).
	 */
	async run<T>(work: Promise<T>, limitMs = 24 * 3600 * 1000): Promise<T> {
		let settled = false;
		work.then(
			() => (settled = true),
			() => (settled = true),
		);
		for (;;) {
			await settle();
			if (settled) return await work;
			const next = this.timers.shift();
			if (!next) throw new Error(`deadlock at ${this.current} ms: pending, with no timer left`);
			if (next.at > limitMs) throw new Error(`still running after ${limitMs} ms of virtual time`);
			this.current = Math.max(this.current, next.at);
			next.resolve();
		}
	}
}

/** A turn the test expects to be given (undefined means its deadline passed). */
export function granted<T>(ticket: T | undefined): T {
	if (ticket === undefined) throw new Error('Expected a turn; the deadline passed instead');
	return ticket;
}
