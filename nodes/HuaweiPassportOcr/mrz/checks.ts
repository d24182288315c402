import { checkDigit } from './checkDigit';
import { slice, type CheckName, type CheckSpec, type FieldName, type FormatSpec } from './formats';
import type { CheckResult } from './types';

const trimFillers = (text: string) => text.replace(/<+$/, '');

/** The raw text of a field by the table. */
export function rawField(lines: readonly string[], spec: FormatSpec, name: FieldName): string {
	const field = spec.fields.find((f) => f.name === name);
	return field ? slice(lines, field) : '';
}

export interface DocumentNumber {
	value: string;
	/** The characters the document-number check digit covers, and the digit itself. */
	covered: string;
	/**
	 * Long numbers: some issuers compute the digit with the '<' of position 15 (TD1) / 10 (TD2) kept
	 * inside the number, which shifts the weights; Doc 9303's own example cannot tell the two apart.
	 */
	coveredWithFiller?: string;
	digit: string;
	/** TD1/TD2 numbers longer than 9 characters continue in the optional data. */
	long: boolean;
	/** The optional data once the continued number is taken out. */
	optionalData: string;
}

/**
 * The document number, with Doc 9303's long variant: check-digit position '<', and the rest of the
 * number plus its check digit opening the optional data, up to the first filler.
 */
export function readDocumentNumber(lines: readonly string[], spec: FormatSpec): DocumentNumber {
	const check = spec.checks.find((c) => c.name === 'documentNumber') as CheckSpec;
	const base = rawField(lines, spec, 'documentNumber');
	const digit = (lines[check.line - 1] ?? '').charAt(check.position - 1);
	const optional = spec.longDocumentNumberIn
		? rawField(lines, spec, spec.longDocumentNumberIn)
		: '';
	if (spec.longDocumentNumberIn && digit === '<' && /^[A-Z0-9]/.test(optional)) {
		const continuation = optional.split('<')[0];
		const number = base + continuation.slice(0, -1);
		return {
			value: number,
			covered: number,
			coveredWithFiller: `${base}<${continuation.slice(0, -1)}`,
			digit: continuation.slice(-1),
			long: true,
			optionalData: trimFillers(optional.slice(continuation.length).replace(/^<+/, '')),
		};
	}
	return {
		value: trimFillers(base),
		covered: base,
		digit,
		long: false,
		optionalData: trimFillers(rawField(lines, spec, 'optionalData')),
	};
}

function evaluate(covered: string, actual: string, fillerWhenEmpty: boolean): CheckResult {
	const digit = checkDigit(covered);
	const expected = digit === undefined ? null : String(digit);
	const emptyWithFiller = fillerWhenEmpty && /^<*$/.test(covered) && actual === '<';
	return { valid: emptyWithFiller || (expected !== null && actual === expected), expected, actual };
}

/** Every check digit of the format, evaluated on the lines. */
export function evaluateChecks(
	lines: readonly string[],
	spec: FormatSpec,
): Partial<Record<CheckName, CheckResult>> {
	const results: Partial<Record<CheckName, CheckResult>> = {};
	for (const check of spec.checks) {
		if (check.name === 'documentNumber') {
			const number = readDocumentNumber(lines, spec);
			const plain = evaluate(number.covered, number.digit, false);
			const withFiller = number.coveredWithFiller
				? evaluate(number.coveredWithFiller, number.digit, false)
				: undefined;
			results.documentNumber =
				!plain.valid && withFiller?.valid ? { ...withFiller, variant: 'filler_included' } : plain;
			continue;
		}
		const covered = check.covers.map((s) => slice(lines, s)).join('');
		const actual = (lines[check.line - 1] ?? '').charAt(check.position - 1);
		results[check.name] = evaluate(covered, actual, check.fillerWhenEmpty === true);
	}
	return results;
}

export function allChecksPass(lines: readonly string[], spec: FormatSpec): boolean {
	return Object.values(evaluateChecks(lines, spec)).every((result) => result?.valid);
}
