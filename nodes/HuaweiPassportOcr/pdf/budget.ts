/**
 * The work a PDF may cost. Every byte the lexer reads, every token and every object header counts
 * here; past a cap the search stops with BudgetExceeded, so malformed or hostile input (a 50 MB file,
 * 100 000 objects, strings that never close) is rejected in bounded time instead of hanging the node.
 * See docs/pdf-input.md ("Bounded work").
 */

export interface WorkCaps {
	/** Tokens the lexer may produce in total. */
	tokens: number;
	/** Bytes the lexer may read in total (strings, comments, names; stream data is never read). */
	bytes: number;
	/** Object headers ("n g obj") that may be parsed in total. */
	objects: number;
	/** Candidate "obj" keywords the recovery scan may look at. */
	scanHits: number;
	/** Bytes searched natively for a keyword (endstream, obj): far cheaper than lexer bytes. */
	searched: number;
}

/** What a search has cost so far, per resource. */
export type WorkDone = Record<keyof WorkCaps, number>;

/** A legitimate 10 000-object scan needs well under a tenth of these. */
export const DEFAULT_CAPS: Readonly<WorkCaps> = Object.freeze({
	tokens: 2_000_000,
	bytes: 16 * 1024 * 1024,
	objects: 100_000,
	scanHits: 2_000_000,
	searched: 512 * 1024 * 1024,
});

export class BudgetExceeded extends Error {
	constructor(readonly resource: keyof WorkCaps) {
		super(`PDF work cap reached (${resource})`);
		this.name = 'BudgetExceeded';
	}
}

export class Budget {
	readonly done: WorkDone = {
		tokens: 0,
		bytes: 0,
		objects: 0,
		scanHits: 0,
		searched: 0,
	};

	constructor(readonly caps: Readonly<WorkCaps> = DEFAULT_CAPS) {}

	spend(resource: keyof WorkCaps, amount = 1): void {
		this.done[resource] += amount;
		if (this.done[resource] > this.caps[resource]) throw new BudgetExceeded(resource);
	}
}
