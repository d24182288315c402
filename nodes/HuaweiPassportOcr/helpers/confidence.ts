/**
 * The confidence verdict (pure): does Huawei vouch enough for the fields that matter?
 * Huawei's confidence object is flat (field → 0..1) and which keys it carries is not documented,
 * so a missing confidence is an explicit rule (fail or ignore), never a silent pass.
 */
import { KEY_FIELDS } from './fields';

export type CombineRule = 'lowest' | 'mean';
export type MissingRule = 'fail' | 'ignore';

export interface ConfidenceRules {
	/** 0..1 */
	threshold: number;
	/** The fields that count; empty = every key field the result carries (non-empty value). */
	fields: readonly string[];
	combine: CombineRule;
	missing: MissingRule;
}

export interface ConfidenceVerdict {
	passed: boolean;
	/** The combined score over the fields that have a confidence; null when none has. */
	score: number | null;
	threshold: number;
	/** Fields whose own confidence is under the threshold (informative also when the mean passes). */
	belowThreshold: string[];
	/** Counted fields without a usable confidence (absent, not a number, or outside 0..1). */
	missing: string[];
	/** The fields that were counted. */
	fields: string[];
}

/** Why a threshold cannot be used (a percentage typed into the 0–1 field, say), or undefined. */
export function thresholdProblem(threshold: unknown): string | undefined {
	if (
		typeof threshold === 'number' &&
		Number.isFinite(threshold) &&
		threshold >= 0 &&
		threshold <= 1
	)
		return undefined;
	const hint =
		typeof threshold === 'number' && threshold > 1 && threshold <= 100
			? ` (for ${threshold} %, enter ${threshold / 100})`
			: '';
	return `The threshold is ${JSON.stringify(threshold)}: enter a number from 0 to 1${hint}.`;
}

function confidenceOf(confidence: Record<string, unknown>, field: string): number | undefined {
	const raw = confidence[field];
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1
		? value
		: undefined;
}

/** Which fields count: the chosen list, or the key fields that came back with a value. */
function countedFields(result: Record<string, unknown>, chosen: readonly string[]): string[] {
	if (chosen.length > 0) return [...new Set(chosen)];
	return KEY_FIELDS.filter(
		(field) => typeof result[field] === 'string' && (result[field] as string).trim() !== '',
	);
}

function combine(scores: number[], rule: CombineRule): number | null {
	if (scores.length === 0) return null;
	const value =
		rule === 'mean'
			? scores.reduce((sum, score) => sum + score, 0) / scores.length
			: Math.min(...scores);
	// Four decimals, like Huawei's own values; avoids 0.8500000001-style noise in the verdict.
	return Math.round(value * 10000) / 10000;
}

export function judgeConfidence(
	result: Record<string, unknown>,
	rules: ConfidenceRules,
): ConfidenceVerdict {
	const confidence =
		typeof result.confidence === 'object' && result.confidence !== null
			? (result.confidence as Record<string, unknown>)
			: {};
	const fields = countedFields(result, rules.fields);
	const scores: number[] = [];
	const belowThreshold: string[] = [];
	const missing: string[] = [];
	for (const field of fields) {
		const value = confidenceOf(confidence, field);
		if (value === undefined) {
			missing.push(field);
			continue;
		}
		scores.push(value);
		if (value < rules.threshold) belowThreshold.push(field);
	}
	const score = combine(scores, rules.combine);
	const missingFails = rules.missing === 'fail' && missing.length > 0;
	// Nothing vouched for (no field or no score) never passes: an empty read is not a confident one.
	const passed = score !== null && score >= rules.threshold && !missingFails;
	return { passed, score, threshold: rules.threshold, belowThreshold, missing, fields };
}

/** One sentence for people and AI agents reading the verdict. */
export function explainConfidence(
	verdict: ConfidenceVerdict,
	rules: Pick<ConfidenceRules, 'combine' | 'missing'>,
): string {
	if (verdict.passed)
		return `Confidence ${verdict.score} meets the threshold ${verdict.threshold}.`;
	const parts: string[] = [];
	if (verdict.fields.length === 0) parts.push('no field to judge was returned');
	else if (verdict.score === null) parts.push('no counted field has a confidence');
	else if (verdict.score < verdict.threshold)
		parts.push(
			`${rules.combine === 'mean' ? 'mean' : 'lowest'} confidence ${verdict.score} is below ${
				verdict.threshold
			}` + (verdict.belowThreshold.length ? ` (${verdict.belowThreshold.join(', ')})` : ''),
		);
	if (rules.missing === 'fail' && verdict.missing.length)
		parts.push(`no confidence for ${verdict.missing.join(', ')}`);
	return `Needs review: ${parts.join('; ')}.`;
}
