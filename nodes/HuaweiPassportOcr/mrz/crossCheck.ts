import { canonicalCountry } from './countries';
import { parseIsoDate, UNKNOWN_DATE_PARTS } from './dates';
import { mrzForm, transliterations } from './names';
import type { MrzResult, MrzSex } from './types';

/** Huawei's printed-zone field names that the MRZ also carries. */
export type PrintedField =
	| 'passport_number'
	| 'surname'
	| 'given_name'
	| 'sex'
	| 'date_of_birth'
	| 'date_of_expiry'
	| 'nationality'
	| 'country_code';

export type PrintedFields = Partial<Record<PrintedField, string | null | undefined>>;

export interface Mismatch {
	field: PrintedField;
	printed: string;
	mrz: string;
	reason: string;
}

export interface CrossCheck {
	/** No compared field disagrees (fields that could not be compared do not count against it). */
	consistent: boolean;
	mismatches: Mismatch[];
	compared: PrintedField[];
	notCompared: { field: PrintedField; reason: string }[];
	/** Agreements that needed a rule: a truncated MRZ name, a printed century. */
	notes: { field: PrintedField; note: string }[];
}

type Comparison =
	| { compared: false; reason: string }
	| { compared: true; mrz: string; mismatch?: string; note?: string };

const skip = (reason: string): Comparison => ({ compared: false, reason });

function compareNumber(printed: string, mrz: string): Comparison {
	const clean = printed.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return { compared: true, mrz, mismatch: clean === mrz ? undefined : 'different document number' };
}

function compareName(printed: string, mrzName: string, mayBeTruncated: boolean): Comparison {
	const mrz = mrzForm(mrzName);
	const variants = transliterations(printed);
	// Non-Latin scripts (e.g. a name in Chinese characters) need a national transliteration table.
	if (variants.every((v) => v === ''))
		return skip(`printed name '${printed}' has no Latin letters`);
	if (variants.includes(mrz)) return { compared: true, mrz: mrzName };
	if (mayBeTruncated && mrz.length > 0 && variants.some((v) => v.startsWith(mrz))) {
		return {
			compared: true,
			mrz: mrzName,
			note: 'the MRZ holds a truncated form of the printed name',
		};
	}
	return { compared: true, mrz: mrzName, mismatch: 'different name after MRZ transliteration' };
}

function printedSex(printed: string): MrzSex | null {
	const value = printed.trim().toUpperCase();
	if (value === '' || value === '<') return 'unspecified';
	if (value.startsWith('F') || value.includes('女')) return 'F';
	if (value.startsWith('M') || value.includes('男')) return 'M';
	if (value.startsWith('X')) return 'X';
	return null;
}

function compareSex(printed: string, mrz: MrzSex | null): Comparison {
	const sex = printedSex(printed);
	if (sex === null) return skip(`printed sex '${printed}' is not M, F or X`);
	if (mrz === null) return { compared: true, mrz: '', mismatch: 'the MRZ sex is unreadable' };
	// Doc 9303: a printed 'X' is written '<' in the MRZ.
	const same =
		sex === mrz || (sex === 'X' && mrz === 'unspecified') || (sex === 'unspecified' && mrz === 'X');
	return { compared: true, mrz, mismatch: same ? undefined : 'different sex' };
}

/** The printed date as YYMMDD, or null; accepts YYYY-MM-DD (Huawei) and a bare YYMMDD. */
function printedYymmdd(printed: string): { yymmdd: string; year?: number } | null {
	const iso = parseIsoDate(printed);
	if (iso) {
		const two = (n: number) => String(n % 100).padStart(2, '0');
		return { yymmdd: two(iso.year) + two(iso.month) + two(iso.day), year: iso.year };
	}
	const compact = printed.trim();
	return /^\d{6}$/.test(compact) ? { yymmdd: compact } : null;
}

/** An MRZ date part: '<' matches any printed digit, an unknown month or day ('00', 'XX') any. */
function samePart(mrz: string, printed: string, index: number): boolean {
	if (index > 0 && UNKNOWN_DATE_PARTS.includes(mrz)) return true;
	return [...mrz].every((c, i) => c === '<' || c === printed[i]);
}

function compareDate(printed: string, raw: string, iso: string | null): Comparison {
	if (raw === '') return skip('the MRZ of this format has no such date');
	const read = printedYymmdd(printed);
	if (!read) return skip(`printed date '${printed}' is not YYYY-MM-DD`);
	// An unknown day or month in the MRZ matches whatever the printed zone says.
	const same = [0, 1, 2].every((i) =>
		samePart(raw.slice(i * 2, i * 2 + 2), read.yymmdd.slice(i * 2, i * 2 + 2), i),
	);
	if (!same) return { compared: true, mrz: raw, mismatch: 'different date' };
	const inferredYear = iso ? Number(iso.slice(0, 4)) : undefined;
	if (read.year !== undefined && inferredYear !== undefined && read.year !== inferredYear) {
		return {
			compared: true,
			mrz: raw,
			note: `printed year ${read.year}; the MRZ century rule gave ${inferredYear}`,
		};
	}
	return { compared: true, mrz: raw };
}

function compareCountry(printed: string, mrz: string): Comparison {
	if (mrz === '') return skip('the MRZ of this format has no such field');
	const code = canonicalCountry(printed);
	if (!/^[A-Z]{3}$/.test(code)) return skip(`printed '${printed}' is not a country code`);
	return {
		compared: true,
		mrz,
		mismatch: code === canonicalCountry(mrz) ? undefined : 'different country code',
	};
}

/**
 * Compares the printed-zone fields (as Huawei returns them) with the parsed MRZ. Fair to OCR output:
 * names after MRZ transliteration and truncation, dates as YYMMDD, Germany's 'D' equal to 'DEU', and
 * a missing printed field is "not compared", never a mismatch.
 */
export function crossCheck(mrz: MrzResult, printed: PrintedFields): CrossCheck {
	const result: CrossCheck = {
		consistent: true,
		mismatches: [],
		compared: [],
		notCompared: [],
		notes: [],
	};
	const f = mrz.fields;
	const truncated = mrz.warnings.some((w) => w.code === 'name_truncated');
	const comparisons: Record<PrintedField, (value: string) => Comparison> = {
		passport_number: (v) => (f ? compareNumber(v, f.documentNumber) : skip('no MRZ')),
		surname: (v) => (f ? compareName(v, f.surname, truncated) : skip('no MRZ')),
		given_name: (v) => (f ? compareName(v, f.givenNames, truncated) : skip('no MRZ')),
		sex: (v) => (f ? compareSex(v, f.sex) : skip('no MRZ')),
		date_of_birth: (v) => (f ? compareDate(v, f.birthDateRaw, f.birthDate) : skip('no MRZ')),
		date_of_expiry: (v) => (f ? compareDate(v, f.expiryDateRaw, f.expiryDate) : skip('no MRZ')),
		nationality: (v) => (f ? compareCountry(v, f.nationality) : skip('no MRZ')),
		country_code: (v) => (f ? compareCountry(v, f.issuingState) : skip('no MRZ')),
	};
	for (const field of Object.keys(comparisons) as PrintedField[]) {
		const value = printed[field];
		const comparison =
			typeof value === 'string' && value.trim() !== ''
				? comparisons[field](value)
				: skip('missing in the printed zone');
		if (!comparison.compared) {
			result.notCompared.push({ field, reason: comparison.reason });
			continue;
		}
		result.compared.push(field);
		if (comparison.mismatch)
			result.mismatches.push({
				field,
				printed: value as string,
				mrz: comparison.mrz,
				reason: comparison.mismatch,
			});
		if (comparison.note) result.notes.push({ field, note: comparison.note });
	}
	result.consistent = result.mismatches.length === 0;
	return result;
}
