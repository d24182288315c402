/**
 * Document checks no OCR vendor gives (pure): MRZ check digits, MRZ vs printed zone, expiry and age.
 * The MRZ engine (../mrz) does the work; this module picks the MRZ lines, shapes the report for the
 * item JSON and turns it into verdict checks.
 */
import type { IDataObject } from 'n8n-workflow';

import { textValue } from '../credentialsSeam';
import { crossCheck, documentValidity, looksLikeMrzLine, parseMrz } from '../mrz';
import type { CrossCheck, MrzResult, Validity, ValidityRules } from '../mrz';
import type { Check } from './verdict';

export interface DocumentCheckOptions {
	/** Repair OCR confusions in the MRZ by field type (every change reported). */
	correct: boolean;
	/** Never change a document number; notable findings become errors. */
	strict: boolean;
	/** 0 = no rule. */
	minValidityMonths: number;
	/** 0 = no rule. */
	minAgeYears: number;
	/** Failed document checks fail the verdict (route mode sends the item to Review). */
	includeInVerdict: boolean;
	/** The run's date (UTC calendar day is what counts). */
	today: Date;
}

export type MrzSource = 'passport' | 'general-text' | 'input';

export interface MrzReport extends IDataObject {
	source: MrzSource;
	valid: boolean;
	format: string | null;
	/** What the document is: kind (passport, id_card, residence_permit, visa, other), code, format. */
	document: MrzResult['document'];
	lines: string[];
	/** Each check digit: valid, expected, actual. */
	checks: MrzResult['checks'];
	fields: MrzResult['fields'];
	corrections: MrzResult['corrections'];
	ambiguous: MrzResult['ambiguous'];
	normalisation: MrzResult['normalisation'];
	warnings: MrzResult['warnings'];
	errors: MrzResult['errors'];
}

/** The MRZ lines of a list of OCR text lines (general-text reads them last on a passport page). */
export function findMrzLines(textLines: readonly string[]): string[] | undefined {
	const candidates = textLines.filter(looksLikeMrzLine);
	if (candidates.length === 0) return undefined;
	// Passports (TD3) have two lines, ID cards (TD1) three short ones: keep the last block.
	const lastThree = candidates.slice(-3);
	const td1 =
		lastThree.length === 3 && lastThree.every((line) => line.replace(/\s/g, '').length <= 32);
	return td1 ? lastThree : candidates.slice(-2);
}

/** The MRZ lines Huawei returned with the passport result (G42 edition), if any. */
export function mrzLinesOf(result: IDataObject): string[] | undefined {
	const lines = [result.machine_code, result.machine_code2].filter(
		(line): line is string => typeof line === 'string' && line.trim() !== '',
	);
	return lines.length > 0 ? lines : undefined;
}

/** general-text's lines: result.words_block_list[].words. */
export function textLinesOf(body: IDataObject): string[] {
	const result = body.result as IDataObject | undefined;
	const blocks = Array.isArray(result?.words_block_list)
		? (result?.words_block_list as IDataObject[])
		: [];
	return blocks
		.map((block) => (typeof block?.words === 'string' ? block.words : ''))
		.filter((words) => words !== '');
}

export function mrzReport(
	lines: string[] | string,
	source: MrzSource,
	options: Pick<DocumentCheckOptions, 'correct' | 'strict' | 'today'>,
): {
	parsed: MrzResult;
	report: MrzReport;
} {
	const parsed = parseMrz(lines, {
		correct: options.correct,
		strict: options.strict,
		today: options.today,
	});
	const report: MrzReport = {
		source,
		valid: parsed.valid,
		format: parsed.format,
		document: parsed.document,
		lines: parsed.lines,
		checks: parsed.checks ?? null,
		fields: parsed.fields ?? null,
		corrections: parsed.corrections,
		ambiguous: parsed.ambiguous,
		normalisation: parsed.normalisation,
		warnings: parsed.warnings,
		errors: parsed.errors,
	};
	return { parsed, report };
}

/** Printed-zone fields as Huawei returned them vs the MRZ. */
export function crossCheckReport(parsed: MrzResult, result: IDataObject): CrossCheck {
	const text = (name: string) => textValue(result[name]);
	return crossCheck(parsed, {
		passport_number: text('passport_number'),
		surname: text('surname'),
		given_name: text('given_name'),
		sex: text('sex'),
		date_of_birth: text('date_of_birth'),
		date_of_expiry: text('date_of_expiry'),
		nationality: text('nationality'),
		country_code: text('country_code'),
	});
}

function validityRules(
	options: Pick<DocumentCheckOptions, 'minValidityMonths' | 'minAgeYears'>,
): ValidityRules {
	const rules: ValidityRules = {};
	if (options.minValidityMonths > 0) rules.minValidityMonths = options.minValidityMonths;
	if (options.minAgeYears > 0) rules.minAgeYears = options.minAgeYears;
	return rules;
}

/** Expiry and age from the printed dates, falling back to the MRZ's when Huawei left them out. */
export function validityReport(
	dates: { dateOfBirth?: string | null; dateOfExpiry?: string | null },
	options: Pick<DocumentCheckOptions, 'minValidityMonths' | 'minAgeYears' | 'today'>,
): Validity {
	return documentValidity(dates, options.today, validityRules(options));
}

function checkNames(checks: MrzReport['checks']): string[] {
	return Object.entries(checks ?? {})
		.filter(([, check]) => check?.valid === false)
		.map(([name]) => name);
}

/** The MRZ part of the verdict: check digits valid, fields valid, and agreeing with the printed zone. */
export function mrzCheck(report: MrzReport, agreement?: CrossCheck): Check {
	const problems: string[] = [];
	if (!report.valid) {
		const failed = checkNames(report.checks);
		const errors = report.errors.map((error) => error.message).filter(Boolean);
		problems.push(
			failed.length > 0
				? `MRZ check digits fail (${failed.join(', ')})`
				: `MRZ is invalid${errors.length ? ` (${errors.slice(0, 3).join('; ')})` : ''}`,
		);
	}
	if (agreement && !agreement.consistent) {
		problems.push(
			`MRZ disagrees with the printed zone (${agreement.mismatches
				.map((mismatch) => mismatch.field)
				.join(', ')})`,
		);
	}
	return {
		name: 'mrz',
		passed: problems.length === 0,
		reason: `Needs review: ${problems.join('; ')}.`,
		details: { valid: report.valid, consistent: agreement ? agreement.consistent : null },
	};
}

const PROBLEM_WORDS: Record<string, string> = {
	expired: 'the passport has expired',
	validity_too_short: 'it expires before the minimum remaining validity',
	under_min_age: 'the holder is under the minimum age',
	birth_date_in_future: 'the birth date is in the future',
	expiry_date_missing: 'no expiry date was read',
	expiry_date_invalid: 'the expiry date is not a valid date',
	birth_date_missing: 'no birth date was read',
	birth_date_invalid: 'the birth date is not a valid date',
};

/** Which validity problems fail the verdict: expiry always, the rules when set, unreadable dates. */
const BLOCKING = new Set([
	'expired',
	'validity_too_short',
	'under_min_age',
	'birth_date_in_future',
	'expiry_date_missing',
	'expiry_date_invalid',
]);

export function validityCheck(
	validity: Validity,
	options: Pick<DocumentCheckOptions, 'minAgeYears'>,
): Check {
	const blocking = validity.problems.filter(
		(problem) =>
			BLOCKING.has(problem) || (options.minAgeYears > 0 && problem.startsWith('birth_date')),
	);
	return {
		name: 'validity',
		passed: blocking.length === 0,
		reason: `Needs review: ${blocking
			.map((problem) => PROBLEM_WORDS[problem] ?? problem)
			.join('; ')}.`,
		details: { passed: blocking.length === 0, problems: blocking },
	};
}
