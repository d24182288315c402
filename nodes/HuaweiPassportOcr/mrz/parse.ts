import { allChecksPass, evaluateChecks, rawField, readDocumentNumber } from './checks';
import { correct, type Corrected } from './correct';
import { countryCode, countryKind } from './countries';
import { readMrzDate, utcYmd, type DateKind } from './dates';
import { documentOf } from './documentKind';
import type { FieldName, FormatSpec, MrzFormat } from './formats';
import { splitName, type MrzName } from './names';
import { normalise, type Reading } from './normalise';
import type { MrzChecks, MrzFields, MrzIssue, MrzResult, MrzSex } from './types';

export interface ParseOptions {
	/** Repair OCR confusions by field type (default false). */
	correct?: boolean;
	/**
	 * Strict: never change a document number, and treat what is only a warning otherwise (unknown or
	 * specimen country, sex X, padded or cut lines, partial dates) as an error.
	 */
	strict?: boolean;
	/** The date the birth-century rule and the expiry window count from (default: now, UTC). */
	today?: Date;
}

/** Warnings that become errors in strict mode. */
const STRICT_ERRORS = new Set([
	'unknown_country',
	'specimen_country',
	'sex_x',
	'line_length',
	'date_partial',
]);

const SEX: Record<string, MrzSex> = { M: 'M', F: 'F', X: 'X', '<': 'unspecified' };

interface Findings {
	warnings: MrzIssue[];
	errors: MrzIssue[];
}

function checkCountry(field: FieldName, raw: string, found: Findings): string {
	const code = countryCode(raw);
	if (!/^[A-Z]+<*$/.test(raw)) {
		found.errors.push({
			code: 'invalid_country',
			field,
			message: `${field} '${raw}' is not a country code`,
		});
		return code;
	}
	const kind = countryKind(code);
	if (kind === 'specimen') {
		found.warnings.push({
			code: 'specimen_country',
			field,
			message: `${code} is ICAO's specimen state: not a real document`,
		});
	} else if (kind === 'unknown') {
		found.warnings.push({
			code: 'unknown_country',
			field,
			message: `${code} is neither ISO 3166-1 nor an ICAO code`,
		});
	}
	return code;
}

function checkDate(
	field: 'birthDate' | 'expiryDate',
	kind: DateKind,
	raw: string,
	today: Date,
	found: Findings,
) {
	const date = readMrzDate(raw, kind, utcYmd(today));
	if (date.error) found.errors.push({ code: 'invalid_date', field, message: date.error });
	if (date.partial && !date.error) {
		const parts = (date.unknown ?? []).map((u) => `the ${u.part} (written '${u.written}')`);
		found.warnings.push({
			code: 'date_partial',
			field,
			message: `${field} ${raw} leaves day or month unknown: ${parts.join(' and ')}`,
		});
	}
	if (date.iso)
		found.warnings.push({
			code: 'century_inferred',
			field,
			message: `${raw} read as ${date.iso} (${date.centuryRule})`,
		});
	return date.iso;
}

function checkSex(raw: string, found: Findings): MrzSex | null {
	const sex = SEX[raw] ?? null;
	if (sex === null)
		found.errors.push({
			code: 'invalid_sex',
			field: 'sex',
			message: `sex '${raw}' is not M, F or <`,
		});
	if (sex === 'X')
		found.warnings.push({
			code: 'sex_x',
			field: 'sex',
			message: "sex 'X' belongs in the printed zone; the MRZ should carry '<'",
		});
	return sex;
}

/** The first letter each format's document code must have (Doc 9303; TD1/TD2: anything but P). */
const CODE_RULES: Record<MrzFormat, { test: RegExp; hint: string }> = {
	TD3: { test: /^P/, hint: " (passports start with 'P')" },
	TD2: { test: /^[^P]/, hint: '' },
	TD1: { test: /^[^P]/, hint: '' },
	'MRV-A': { test: /^V/, hint: " (visas start with 'V')" },
	'MRV-B': { test: /^V/, hint: " (visas start with 'V')" },
	'FRA-ID': { test: /^ID$/, hint: " (France's 1994-2021 card is 'ID')" },
};

function checkDocumentCode(spec: FormatSpec, code: string, found: Findings): void {
	const wellFormed = /^[A-Z][A-Z<]$/.test(code);
	const rule = CODE_RULES[spec.format];
	if (!wellFormed || !rule.test.test(code)) {
		found.errors.push({
			code: 'invalid_document_code',
			field: 'documentCode',
			message: `document code '${code}' does not fit ${spec.format}${rule.hint}`,
		});
	}
}

function checkCharacters(spec: FormatSpec, lines: string[], found: Findings): void {
	for (const field of spec.fields) {
		const text = lines[field.line - 1].slice(field.start - 1, field.end);
		const allowed =
			field.type === 'name' || field.type === 'alpha' || field.type === 'country'
				? /^[A-Z<]*$/
				: /^[A-Z0-9<]*$/;
		if (!allowed.test(text)) {
			found.errors.push({
				code: 'invalid_character',
				field: field.name,
				message: `${field.name} '${text}' holds characters it cannot`,
			});
		}
	}
}

const hasField = (spec: FormatSpec, name: FieldName) => spec.fields.some((f) => f.name === name);

/**
 * The name: one field (surname '<<' given names) in the ICAO formats; France's 1994-2021 card has a
 * surname field (line 1) and a given-names field (line 2), '<' or '<<' between words.
 */
function readName(spec: FormatSpec, raw: (name: FieldName) => string): MrzName {
	if (hasField(spec, 'name')) return splitName(raw('name'));
	const words = (text: string) => text.split('<').filter(Boolean).join(' ');
	const full = (text: string) => text.length > 0 && !text.endsWith('<');
	return {
		surname: words(raw('surname')),
		givenNames: words(raw('givenNames')),
		mayBeTruncated: full(raw('surname')) || full(raw('givenNames')),
	};
}

function checkPresence(number: string, name: MrzName, found: Findings): void {
	if (!number)
		found.errors.push({
			code: 'missing_document_number',
			field: 'documentNumber',
			message: 'the document number is empty',
		});
	if (!name.surname && !name.givenNames)
		found.errors.push({ code: 'missing_name', field: 'name', message: 'the name field is empty' });
	if (name.mayBeTruncated)
		found.warnings.push({
			code: 'name_truncated',
			field: 'name',
			message: 'the name fills its field and may be truncated',
		});
}

function readFields(spec: FormatSpec, lines: string[], today: Date, found: Findings): MrzFields {
	const raw = (name: FieldName) => rawField(lines, spec, name);
	const number = readDocumentNumber(lines, spec);
	const name = readName(spec, raw);
	checkDocumentCode(spec, raw('documentCode'), found);
	checkCharacters(spec, lines, found);
	checkPresence(number.value, name, found);
	const hasExpiry = hasField(spec, 'expiryDate');
	const fields: MrzFields = {
		documentCode: raw('documentCode').replace(/<+$/, ''),
		issuingState: checkCountry('issuingState', raw('issuingState'), found),
		surname: name.surname,
		givenNames: name.givenNames,
		documentNumber: number.value,
		nationality: hasField(spec, 'nationality')
			? checkCountry('nationality', raw('nationality'), found)
			: '',
		birthDate: checkDate('birthDate', 'birth', raw('birthDate'), today, found),
		birthDateRaw: raw('birthDate'),
		sex: checkSex(raw('sex'), found),
		expiryDate: hasExpiry
			? checkDate('expiryDate', 'expiry', raw('expiryDate'), today, found)
			: null,
		expiryDateRaw: raw('expiryDate'),
		optionalData: number.optionalData,
	};
	if (spec.format === 'TD1') fields.optionalData2 = raw('optionalData2').replace(/<+$/, '');
	return fields;
}

function readChecks(spec: FormatSpec, lines: string[], found: Findings): MrzChecks {
	const checks = evaluateChecks(lines, spec) as MrzChecks;
	for (const [name, result] of Object.entries(checks)) {
		if (result.variant) {
			found.warnings.push({
				code: 'check_digit_variant',
				field: name,
				message: `${name} check digit holds only with the '<' before the continued number counted (an issuer variant)`,
			});
		}
		if (!result.valid) {
			found.errors.push({
				code: 'check_digit',
				field: name,
				message: `${name} check digit is '${result.actual}', the data give '${
					result.expected ?? '?'
				}'`,
			});
		}
	}
	return checks;
}

/** The result when the lines fit no format. */
function unread(normalised: ReturnType<typeof normalise>): MrzResult {
	return {
		format: null,
		document: null,
		valid: false,
		lines: normalised.lines,
		fields: null,
		checks: null,
		normalisation: normalised.changes,
		corrections: [],
		ambiguous: [],
		warnings: [],
		errors: normalised.problems,
	};
}

interface Chosen {
	reading: Reading;
	corrected: Corrected;
}

/**
 * Of the layouts the lines can be (France's old card or TD2 for 2 × 36 'IDFRA' lines), the likelier
 * one whose check digits all hold, after correction when asked; else the likelier. The choice is
 * reported as a warning ('format_choice').
 */
function chooseReading(readings: Reading[], options: ParseOptions): Chosen & { why?: MrzIssue } {
	const tries = readings.map((reading) => ({
		reading,
		corrected: options.correct
			? correct(reading.lines, reading.format, { strict: options.strict === true })
			: { lines: reading.lines, corrections: [], ambiguous: [] },
	}));
	const holding = tries.filter((t) => allChecksPass(t.corrected.lines, t.reading.format));
	const chosen = holding[0] ?? tries[0];
	if (tries.length === 1) return chosen;
	const others = tries.filter((t) => t !== chosen).map((t) => t.reading.format.format);
	const reason =
		holding.length === 1
			? `its check digits hold, as ${others.join(', ')} they do not`
			: holding.length === 0
				? 'no layout has all its check digits hold: the likelier'
				: 'the check digits hold either way: the likelier';
	const message = `read as ${chosen.reading.format.format} rather than ${others.join(', ')}: ${reason}`;
	return { ...chosen, why: { code: 'format_choice', message } };
}

function ambiguityWarnings(corrected: Corrected): MrzIssue[] {
	return corrected.ambiguous.map((ambiguity) => ({
		code: ambiguity.reason === 'withheld_strict' ? 'correction_withheld' : 'correction_ambiguous',
		field: ambiguity.fields.join(','),
		message:
			ambiguity.reason === 'withheld_strict'
				? 'a correction of the document number passes the check digits but strict mode does not apply it'
				: `${ambiguity.candidates.length} different corrections pass the check digits: none applied`,
	}));
}

export function parseMrz(
	input: string | readonly string[] | null | undefined,
	options: ParseOptions = {},
): MrzResult {
	const today = options.today ?? new Date();
	const normalised = normalise(input);
	if (!normalised.format) return unread(normalised);
	const { reading, corrected, why } = chooseReading(normalised.readings, options);
	const spec = reading.format;
	const lines = corrected.lines;
	const found: Findings = {
		warnings: [
			...reading.problems.filter((p) => p.code === 'line_length'),
			...(why ? [why] : []),
			...ambiguityWarnings(corrected),
		],
		errors: [],
	};
	const fields = readFields(spec, lines, today, found);
	const checks = readChecks(spec, lines, found);
	if (options.strict) {
		for (const warning of found.warnings.filter((w) => STRICT_ERRORS.has(w.code)))
			found.errors.push(warning);
		found.warnings = found.warnings.filter((w) => !STRICT_ERRORS.has(w.code));
	}
	return {
		format: spec.format,
		document: documentOf(spec.format, fields.documentCode),
		valid: found.errors.length === 0,
		lines,
		fields,
		checks,
		normalisation: reading.changes,
		corrections: corrected.corrections,
		ambiguous: corrected.ambiguous,
		warnings: found.warnings,
		errors: found.errors,
	};
}
