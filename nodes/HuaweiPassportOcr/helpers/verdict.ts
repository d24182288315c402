/**
 * The item's verdict (pure): each check (confidence now; MRZ, cross-check and validity can join)
 * contributes passed + a reason; the item passes only when every check passes.
 */
import type { IDataObject } from 'n8n-workflow';

import { explainConfidence, judgeConfidence } from './confidence';
import type { ConfidenceRules } from './confidence';

export type VerdictMode = 'off' | 'flag' | 'filter' | 'route';

export interface Check {
	/** Key in the verdict, e.g. 'confidence'. */
	name: string;
	passed: boolean;
	/** One sentence, shown in `reasons` when the check fails. */
	reason: string;
	/** The check's own details. */
	details: IDataObject;
}

export interface Verdict extends IDataObject {
	passed: boolean;
	/** Why it needs review, one sentence per failed check (empty when passed). */
	reasons: string[];
}

export function confidenceCheck(result: IDataObject, rules: ConfidenceRules): Check {
	const verdict = judgeConfidence(result, rules);
	return {
		name: 'confidence',
		passed: verdict.passed,
		reason: explainConfidence(verdict, rules),
		details: { ...verdict },
	};
}

export function combineChecks(checks: Check[]): Verdict {
	const verdict: Verdict = {
		passed: checks.every((check) => check.passed),
		reasons: checks.filter((check) => !check.passed).map((check) => check.reason),
	};
	for (const check of checks) verdict[check.name] = check.details;
	return verdict;
}

/** Which output an item goes to: 0 main, 1 review, undefined dropped. */
export function routeFor(mode: VerdictMode, passed: boolean | undefined): 0 | 1 | undefined {
	if (mode === 'off' || mode === 'flag' || passed !== false) return 0;
	return mode === 'route' ? 1 : undefined;
}
