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
	nationality: string;
	/** ISO YYYY-MM-DD (YYYY-MM or YYYY when the MRZ gives '<<' for day or month); null when invalid. */
	birthDate: string | null;
	birthDateRaw: string;
	/** null when the character is not a valid sex marker. */
	sex: MrzSex | null;
	expiryDate: string | null;
	expiryDateRaw: string;
	optionalData: string;
	optionalData2?: string;
}

export interface MrzChecks {
	documentNumber: CheckResult;
	birthDate: CheckResult;
	expiryDate: CheckResult;
	optionalData?: CheckResult;
	composite: CheckResult;
}

export interface MrzResult {
	format: MrzFormat | null;
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

export type { CheckName };
