/**
 * MRZ layouts as data: one table per format, one generic parser over the tables (parse.ts).
 * Positions are 1-based and inclusive, exactly as Doc 9303 writes them (TD1: ICAO Doc 9303 Part 5
 * §4.2.2, TD2: Part 6 §4.2.2, TD3: Part 4 §4.2.2, MRV-A and MRV-B: Part 7, the
 * data structure of each format's machine-readable zone; France's
 * 1994-2021 identity card, which is no ICAO layout: docs/mrz-rules.md section 2), so each row can be
 * checked against the specification by eye.
 */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRV-A' | 'MRV-B' | 'FRA-ID';

/** What a field may hold; it decides validation and which OCR corrections are allowed. */
export type FieldType = 'alpha' | 'numeric' | 'alphanumeric' | 'date' | 'sex' | 'country' | 'name';

export type FieldName =
	| 'documentCode'
	| 'issuingState'
	| 'name'
	| 'surname'
	| 'givenNames'
	| 'documentNumber'
	| 'nationality'
	| 'birthDate'
	| 'sex'
	| 'expiryDate'
	| 'optionalData'
	| 'optionalData2';

export type CheckName =
	| 'documentNumber'
	| 'birthDate'
	| 'expiryDate'
	| 'optionalData'
	| 'composite';

export interface Span {
	/** 1-based line number. */
	line: number;
	/** 1-based first position. */
	start: number;
	/** 1-based last position (inclusive). */
	end: number;
}

export interface FieldSpec extends Span {
	name: FieldName;
	type: FieldType;
}

export interface CheckSpec {
	name: CheckName;
	/** Where the check digit sits. */
	line: number;
	position: number;
	/** The characters it covers, concatenated in this order. */
	covers: Span[];
	/** The field whose value the digit protects (none for the composite). */
	field?: FieldName;
	/** Doc 9303 allows '<' instead of '0' when every covered character is a filler. */
	fillerWhenEmpty?: boolean;
}

export interface FormatSpec {
	format: MrzFormat;
	lineCount: number;
	lineLength: number;
	fields: FieldSpec[];
	checks: CheckSpec[];
	/**
	 * TD1/TD2: a document number longer than 9 characters puts '<' in its check-digit position and
	 * continues, followed by its check digit, at the start of this optional field.
	 */
	longDocumentNumberIn?: FieldName;
}

const span = (line: number, start: number, end: number): Span => ({ line, start, end });

export const TD3: FormatSpec = {
	format: 'TD3',
	lineCount: 2,
	lineLength: 44,
	fields: [
		{ name: 'documentCode', line: 1, start: 1, end: 2, type: 'alpha' },
		{ name: 'issuingState', line: 1, start: 3, end: 5, type: 'country' },
		{ name: 'name', line: 1, start: 6, end: 44, type: 'name' },
		{ name: 'documentNumber', line: 2, start: 1, end: 9, type: 'alphanumeric' },
		{ name: 'nationality', line: 2, start: 11, end: 13, type: 'country' },
		{ name: 'birthDate', line: 2, start: 14, end: 19, type: 'date' },
		{ name: 'sex', line: 2, start: 21, end: 21, type: 'sex' },
		{ name: 'expiryDate', line: 2, start: 22, end: 27, type: 'date' },
		{ name: 'optionalData', line: 2, start: 29, end: 42, type: 'alphanumeric' },
	],
	checks: [
		{
			name: 'documentNumber',
			field: 'documentNumber',
			line: 2,
			position: 10,
			covers: [span(2, 1, 9)],
		},
		{ name: 'birthDate', field: 'birthDate', line: 2, position: 20, covers: [span(2, 14, 19)] },
		{ name: 'expiryDate', field: 'expiryDate', line: 2, position: 28, covers: [span(2, 22, 27)] },
		{
			name: 'optionalData',
			field: 'optionalData',
			line: 2,
			position: 43,
			covers: [span(2, 29, 42)],
			fillerWhenEmpty: true,
		},
		{
			name: 'composite',
			line: 2,
			position: 44,
			covers: [span(2, 1, 10), span(2, 14, 20), span(2, 22, 43)],
		},
	],
};

export const TD2: FormatSpec = {
	format: 'TD2',
	lineCount: 2,
	lineLength: 36,
	fields: [
		{ name: 'documentCode', line: 1, start: 1, end: 2, type: 'alpha' },
		{ name: 'issuingState', line: 1, start: 3, end: 5, type: 'country' },
		{ name: 'name', line: 1, start: 6, end: 36, type: 'name' },
		{ name: 'documentNumber', line: 2, start: 1, end: 9, type: 'alphanumeric' },
		{ name: 'nationality', line: 2, start: 11, end: 13, type: 'country' },
		{ name: 'birthDate', line: 2, start: 14, end: 19, type: 'date' },
		{ name: 'sex', line: 2, start: 21, end: 21, type: 'sex' },
		{ name: 'expiryDate', line: 2, start: 22, end: 27, type: 'date' },
		{ name: 'optionalData', line: 2, start: 29, end: 35, type: 'alphanumeric' },
	],
	checks: [
		{
			name: 'documentNumber',
			field: 'documentNumber',
			line: 2,
			position: 10,
			covers: [span(2, 1, 9)],
		},
		{ name: 'birthDate', field: 'birthDate', line: 2, position: 20, covers: [span(2, 14, 19)] },
		{ name: 'expiryDate', field: 'expiryDate', line: 2, position: 28, covers: [span(2, 22, 27)] },
		{
			name: 'composite',
			line: 2,
			position: 36,
			covers: [span(2, 1, 10), span(2, 14, 20), span(2, 22, 35)],
		},
	],
	longDocumentNumberIn: 'optionalData',
};

export const TD1: FormatSpec = {
	format: 'TD1',
	lineCount: 3,
	lineLength: 30,
	fields: [
		{ name: 'documentCode', line: 1, start: 1, end: 2, type: 'alpha' },
		{ name: 'issuingState', line: 1, start: 3, end: 5, type: 'country' },
		{ name: 'documentNumber', line: 1, start: 6, end: 14, type: 'alphanumeric' },
		{ name: 'optionalData', line: 1, start: 16, end: 30, type: 'alphanumeric' },
		{ name: 'birthDate', line: 2, start: 1, end: 6, type: 'date' },
		{ name: 'sex', line: 2, start: 8, end: 8, type: 'sex' },
		{ name: 'expiryDate', line: 2, start: 9, end: 14, type: 'date' },
		{ name: 'nationality', line: 2, start: 16, end: 18, type: 'country' },
		{ name: 'optionalData2', line: 2, start: 19, end: 29, type: 'alphanumeric' },
		{ name: 'name', line: 3, start: 1, end: 30, type: 'name' },
	],
	checks: [
		{
			name: 'documentNumber',
			field: 'documentNumber',
			line: 1,
			position: 15,
			covers: [span(1, 6, 14)],
		},
		{ name: 'birthDate', field: 'birthDate', line: 2, position: 7, covers: [span(2, 1, 6)] },
		{ name: 'expiryDate', field: 'expiryDate', line: 2, position: 15, covers: [span(2, 9, 14)] },
		{
			name: 'composite',
			line: 2,
			position: 30,
			covers: [span(1, 6, 30), span(2, 1, 7), span(2, 9, 15), span(2, 19, 29)],
		},
	],
	longDocumentNumberIn: 'optionalData',
};

/** The fields every 2-line visa has (Part 7): as TD3/TD2 up to the expiry check digit. */
function visaFields(lineLength: number): FieldSpec[] {
	return [
		{ name: 'documentCode', line: 1, start: 1, end: 2, type: 'alpha' },
		{ name: 'issuingState', line: 1, start: 3, end: 5, type: 'country' },
		{ name: 'name', line: 1, start: 6, end: lineLength, type: 'name' },
		{ name: 'documentNumber', line: 2, start: 1, end: 9, type: 'alphanumeric' },
		{ name: 'nationality', line: 2, start: 11, end: 13, type: 'country' },
		{ name: 'birthDate', line: 2, start: 14, end: 19, type: 'date' },
		{ name: 'sex', line: 2, start: 21, end: 21, type: 'sex' },
		{ name: 'expiryDate', line: 2, start: 22, end: 27, type: 'date' },
		{ name: 'optionalData', line: 2, start: 29, end: lineLength, type: 'alphanumeric' },
	];
}

/** Visas have no composite check digit and none over the optional data (Part 7). */
const VISA_CHECKS: CheckSpec[] = [
	{
		name: 'documentNumber',
		field: 'documentNumber',
		line: 2,
		position: 10,
		covers: [span(2, 1, 9)],
	},
	{ name: 'birthDate', field: 'birthDate', line: 2, position: 20, covers: [span(2, 14, 19)] },
	{ name: 'expiryDate', field: 'expiryDate', line: 2, position: 28, covers: [span(2, 22, 27)] },
];

/** Machine-readable visa, full size: 2 lines × 44 (Part 7, Format-A). */
export const MRV_A: FormatSpec = {
	format: 'MRV-A',
	lineCount: 2,
	lineLength: 44,
	fields: visaFields(44),
	checks: VISA_CHECKS,
};

/** Machine-readable visa, smaller: 2 lines × 36 (Part 7, Format-B). */
export const MRV_B: FormatSpec = {
	format: 'MRV-B',
	lineCount: 2,
	lineLength: 36,
	fields: visaFields(36),
	checks: VISA_CHECKS,
};

/**
 * France's national identity card issued from 1994 to August 2021: 2 lines × 36 but not TD2. No
 * nationality and no expiry in the MRZ; the card number (line 2, 1-12) is the year and month of issue,
 * the department and a sequence; line 1, 31-36 the administrative code (department and office), read
 * as the optional data. Layout: docs/mrz-rules.md section 2 (sources there).
 */
export const FRA_ID: FormatSpec = {
	format: 'FRA-ID',
	lineCount: 2,
	lineLength: 36,
	fields: [
		{ name: 'documentCode', line: 1, start: 1, end: 2, type: 'alpha' },
		{ name: 'issuingState', line: 1, start: 3, end: 5, type: 'country' },
		{ name: 'surname', line: 1, start: 6, end: 30, type: 'name' },
		{ name: 'optionalData', line: 1, start: 31, end: 36, type: 'alphanumeric' },
		{ name: 'documentNumber', line: 2, start: 1, end: 12, type: 'alphanumeric' },
		{ name: 'givenNames', line: 2, start: 14, end: 27, type: 'name' },
		{ name: 'birthDate', line: 2, start: 28, end: 33, type: 'date' },
		{ name: 'sex', line: 2, start: 35, end: 35, type: 'sex' },
	],
	checks: [
		{
			name: 'documentNumber',
			field: 'documentNumber',
			line: 2,
			position: 13,
			covers: [span(2, 1, 12)],
		},
		{ name: 'birthDate', field: 'birthDate', line: 2, position: 34, covers: [span(2, 28, 33)] },
		{ name: 'composite', line: 2, position: 36, covers: [span(1, 1, 36), span(2, 1, 35)] },
	],
};

export const FORMATS: Record<MrzFormat, FormatSpec> = {
	TD1,
	TD2,
	TD3,
	'MRV-A': MRV_A,
	'MRV-B': MRV_B,
	'FRA-ID': FRA_ID,
};

/** The characters of one span of the (normalised) lines. */
export function slice(lines: readonly string[], s: Span): string {
	return (lines[s.line - 1] ?? '').slice(s.start - 1, s.end);
}
