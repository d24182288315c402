/**
 * Expected failures as values: a PdfSyntaxError means "this object is unreadable", a BudgetExceeded
 * "stop the search". `attempt` returns the one failure class the caller handles and lets any other
 * error through unchanged, so a bug is never mistaken for a malformed file.
 */
export type Attempt<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function attempt<T, E extends Error>(
	run: () => T,
	expected: abstract new (...args: never[]) => E,
): Attempt<T, E> {
	let failure: unknown;
	try {
		return { ok: true, value: run() };
	} catch (error) {
		failure = error;
	}
	if (failure instanceof expected) return { ok: false, error: failure };
	throw failure;
}
