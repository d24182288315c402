import type { MrzDocument } from './documentKind';
import type { CheckName, MrzFormat } from './formats';

/** A finding, JSON-friendly so it can travel in n8n item JSON. */
export interface MrzIssue {
	code: string;
	message: string;
	field?: string;
}

/** One change made to the input text before parsing. */
export interface NormalisationChange {
	what: string;
	line?: number;
	from: string;
	to: string;
}

/** One character changed by OCR-confusion correction (1-based line and position). */
export interface MrzCorrection {
	field: string;
	line: number;
	position: number;
	from: string;
	to: string;
}

/** A correction that was not applied: several candidates tied, or strict mode withheld it. */
export interface MrzAmbiguity {
	fields: string[];
	reason: 'several_candidates' | 'withheld_strict';
	candidates: MrzCorrection[][];
}

export interface CheckResult {
	valid: boolean;
	/** The digit the covered characters give (null when they hold characters outside the MRZ alphabet). */
	expected: string | null;
	/** The character found in the check-digit position. */
	actual: string;
	/** Long document numbers only: the digit holds when the '<' before the continuation is counted. */
	variant?: 'filler_included';
}

export type MrzSex = 'M' | 'F' | 'X' | 'unspecified';

export interface MrzFields {
	documentCode: string;
	issuingState: string;
	surname: string;
	givenNames: string;
	documentNumber: string;
	/** '' where the format has no nationality (France's 1994-2021 card). */
	nationality: string;
	/**
	 * ISO YYYY-MM-DD (YYYY-MM or YYYY when the MRZ leaves day or month unknown: '<<', '00' or 'XX');
	 * null when invalid.
	 */
	birthDate: string | null;
	birthDateRaw: string;
	/** null when the character is not a valid sex marker. */
	sex: MrzSex | null;
	/** null (and the raw '') where the format has no expiry date (France's 1994-2021 card). */
	expiryDate: string | null;
	expiryDateRaw: string;
	optionalData: string;
	optionalData2?: string;
}

export interface MrzChecks {
	documentNumber: CheckResult;
	birthDate: CheckResult;
	/** Absent where the format has no expiry date (France's 1994-2021 card). */
	expiryDate?: CheckResult;
	optionalData?: CheckResult;
	/** Absent on visas (MRV-A, MRV-B), which have no composite check digit. */
	composite?: CheckResult;
}

export interface MrzResult {
	format: MrzFormat | null;
	/** What the document is (kind by document code and format); null when no format was recognised. */
	document: MrzDocument | null;
	/** true when every check digit holds and no field is invalid (warnings do not count). */
	valid: boolean;
	/** The normalised (and, with `correct`, corrected) lines that were parsed. */
	lines: string[];
	fields: MrzFields | null;
	checks: MrzChecks | null;
	normalisation: NormalisationChange[];
	corrections: MrzCorrection[];
	ambiguous: MrzAmbiguity[];
	warnings: MrzIssue[];
	errors: MrzIssue[];
}

export type { CheckName, MrzDocument };
