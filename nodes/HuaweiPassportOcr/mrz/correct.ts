import { allChecksPass, evaluateChecks } from './checks';
import { countryKind } from './countries';
import type { CheckName, FieldName, FieldType, FormatSpec } from './formats';
import type { MrzAmbiguity, MrzCorrection } from './types';

/**
 * OCR confusion classes (docs/mrz-rules.md; the MRZ's OCR-B font is ICAO Doc 9303 Part 3 §4.2): each
 * character may have been read as any other of its class.
 */
const CONFUSIONS = ['0ODQ', '1IL', '5S', '8B', '2Z', '6G'];
const alternatives = (c: string) =>
	(CONFUSIONS.find((group) => group.includes(c)) ?? c).replace(c, '').split('');
const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => c >= 'A' && c <= 'Z';

/** The alphanumeric search stops at this many changes: beyond it, too many readings pass to mean anything. */
const MAX_EDITS = 2;

interface Position {
	/** The field, or for a check-digit position '<check>CheckDigit' (e.g. 'birthDateCheckDigit'). */
	field: FieldName | `${CheckName}CheckDigit`;
	type: FieldType | 'check';
	line: number;
	/** 1-based. */
	position: number;
}

/** Every position of the lines with the type that governs it. */
function positions(spec: FormatSpec): Position[] {
	const out: Position[] = [];
	for (const field of spec.fields) {
		for (let p = field.start; p <= field.end; p++)
			out.push({ field: field.name, type: field.type, line: field.line, position: p });
	}
	for (const check of spec.checks)
		out.push({
			field: `${check.name}CheckDigit`,
			type: 'check',
			line: check.line,
			position: check.position,
		});
	return out;
}

const charAt = (lines: string[], p: Position) => lines[p.line - 1].charAt(p.position - 1);

function withChanges(lines: string[], changes: MrzCorrection[]): string[] {
	const out = lines.map((line) => line.split(''));
	for (const change of changes) out[change.line - 1][change.position - 1] = change.to;
	return out.map((chars) => chars.join(''));
}

const change = (p: Position, from: string, to: string): MrzCorrection => ({
	field: p.field,
	line: p.line,
	position: p.position,
	from,
	to,
});

/** Letters where only digits may stand (dates, check digits) have exactly one digit they can be. */
function numericFixes(lines: string[], all: Position[]): MrzCorrection[] {
	return all
		.filter((p) => p.type === 'date' || p.type === 'check' || p.type === 'numeric')
		.flatMap((p) => {
			const c = charAt(lines, p);
			const digit = isLetter(c) ? alternatives(c).find(isDigit) : undefined;
			return digit ? [change(p, c, digit)] : [];
		});
}

/** Digits in names and document codes: the first letter of their class (0→O, 1→I, 5→S, 8→B, 2→Z, 6→G). */
function letterFixes(lines: string[], all: Position[]): MrzCorrection[] {
	return all
		.filter((p) => p.type === 'name' || p.type === 'alpha')
		.flatMap((p) => {
			const c = charAt(lines, p);
			const letter = isDigit(c) ? alternatives(c).find(isLetter) : undefined;
			return letter ? [change(p, c, letter)] : [];
		});
}

/**
 * A lone 'K' in a name field's trailing padding ('<<K<<' or a final '<<K') is a misread filler; 'KK'
 * or a 'K' followed by letters is a name and stays. Each name field on its own (France's 1994-2021
 * card has two).
 */
function fillerFixes(lines: string[], all: Position[]): MrzCorrection[] {
	const names = [...new Set(all.filter((p) => p.type === 'name').map((p) => p.field))];
	return names.flatMap((field) =>
		nameFillerFixes(
			lines,
			all.filter((p) => p.field === field),
		),
	);
}

function nameFillerFixes(lines: string[], name: Position[]): MrzCorrection[] {
	const text = name.map((p) => charAt(lines, p));
	const fixes: MrzCorrection[] = [];
	for (let i = 2; i < text.length; i++) {
		const lone =
			text[i] === 'K' && text[i - 1] === '<' && text[i - 2] === '<' && (text[i + 1] ?? '<') === '<';
		if (lone && /^[<K]*$/.test(text.slice(i + 1).join(''))) {
			fixes.push(change(name[i], 'K', '<'));
			text[i] = '<';
		}
	}
	return fixes;
}

/** Country codes with digits: the letter readings that make a known code; several → ambiguity. */
function countryFixes(
	lines: string[],
	spec: FormatSpec,
	all: Position[],
	ambiguous: MrzAmbiguity[],
): MrzCorrection[] {
	const fixes: MrzCorrection[] = [];
	for (const field of spec.fields.filter((f) => f.type === 'country')) {
		const ps = all.filter((p) => p.field === field.name);
		if (!ps.some((p) => isDigit(charAt(lines, p)))) continue;
		let readings: MrzCorrection[][] = [[]];
		for (const p of ps) {
			const c = charAt(lines, p);
			const options = isDigit(c) ? alternatives(c).filter(isLetter) : [c];
			readings = readings.flatMap((r) =>
				options.map((o) => (o === c ? r : [...r, change(p, c, o)])),
			);
		}
		const known = readings.filter((r) => {
			const code = ps
				.map((p) => r.find((x) => x.position === p.position)?.to ?? charAt(lines, p))
				.join('');
			return countryKind(code.replace(/<+$/, '')) !== 'unknown';
		});
		if (known.length === 1) fixes.push(...known[0]);
		else if (known.length > 1)
			ambiguous.push({ fields: [field.name], reason: 'several_candidates', candidates: known });
	}
	return fixes;
}

function combinations<T>(items: T[], size: number, from = 0): T[][] {
	if (size === 0) return [[]];
	const out: T[][] = [];
	for (let i = from; i <= items.length - size; i++) {
		for (const rest of combinations(items, size - 1, i + 1)) out.push([items[i], ...rest]);
	}
	return out;
}

/** Every way to re-read the characters at these positions within their confusion classes. */
function readingsOf(lines: string[], ps: Position[]): MrzCorrection[][] {
	return ps.reduce<MrzCorrection[][]>(
		(acc, p) =>
			acc.flatMap((r) =>
				alternatives(charAt(lines, p)).map((to) => [...r, change(p, charAt(lines, p), to)]),
			),
		[[]],
	);
}

/**
 * Alphanumeric fields (document number, optional data) can hold letters and digits alike, so only the
 * check digits can decide: fewest changes first, and a tie between different readings is reported,
 * never guessed.
 */
function searchAlphanumeric(lines: string[], spec: FormatSpec, all: Position[]): MrzCorrection[][] {
	const failing = spec.checks.filter((c) => evaluateChecks(lines, spec)[c.name]?.valid === false);
	const covered = (p: Position) =>
		failing.some((c) =>
			c.covers.some((s) => s.line === p.line && p.position >= s.start && p.position <= s.end),
		);
	const suspects = all.filter(
		(p) => p.type === 'alphanumeric' && covered(p) && alternatives(charAt(lines, p)).length > 0,
	);
	for (let edits = 1; edits <= MAX_EDITS; edits++) {
		const passing = combinations(suspects, edits)
			.flatMap((ps) => readingsOf(lines, ps))
			.filter((candidate) => allChecksPass(withChanges(lines, candidate), spec));
		if (passing.length > 0) return passing;
	}
	return [];
}

export interface Corrected {
	lines: string[];
	corrections: MrzCorrection[];
	ambiguous: MrzAmbiguity[];
}

export function correct(
	input: string[],
	spec: FormatSpec,
	options: { strict: boolean },
): Corrected {
	const all = positions(spec);
	const ambiguous: MrzAmbiguity[] = [];
	const typed = [
		...numericFixes(input, all),
		...letterFixes(input, all),
		...fillerFixes(input, all),
		...countryFixes(input, spec, all, ambiguous),
	];
	let lines = withChanges(input, typed);
	const corrections = [...typed];
	if (!allChecksPass(lines, spec)) {
		const candidates = searchAlphanumeric(lines, spec, all);
		const touchesNumber = (candidate: MrzCorrection[]) =>
			candidate.some((c) => c.field === 'documentNumber');
		const fieldsOf = (cs: MrzCorrection[][]) => [...new Set(cs.flat().map((c) => c.field))];
		if (candidates.length > 1) {
			ambiguous.push({ fields: fieldsOf(candidates), reason: 'several_candidates', candidates });
		} else if (candidates.length === 1 && options.strict && touchesNumber(candidates[0])) {
			ambiguous.push({ fields: fieldsOf(candidates), reason: 'withheld_strict', candidates });
		} else if (candidates.length === 1) {
			lines = withChanges(lines, candidates[0]);
			corrections.push(...candidates[0]);
		}
	}
	return { lines, corrections, ambiguous };
}
