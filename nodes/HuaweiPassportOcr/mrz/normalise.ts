import { allChecksPass } from './checks';
import { FORMATS, type FormatSpec } from './formats';
import type { MrzIssue, NormalisationChange } from './types';

/** Characters OCR engines and keyboards produce for the '<' filler. */
const FILLER_LOOKALIKES = /[«‹＜〈⟨≺˂❮﹤]/g;
const WHITESPACE = /[\s\u00a0\u2000-\u200b\u3000]/g;

/** The lines fitted to one layout, with what fitting changed and found. */
export interface Reading {
	lines: string[];
	format: FormatSpec;
	changes: NormalisationChange[];
	problems: MrzIssue[];
}

export interface Normalised {
	lines: string[];
	format: FormatSpec | null;
	changes: NormalisationChange[];
	problems: MrzIssue[];
	/**
	 * Every layout the lines can be, the likelier first (the fields above are the first's): 2 × 36
	 * lines starting 'IDFRA' are France's 1994-2021 card or TD2, and parse chooses by check digits.
	 */
	readings: Reading[];
}

/** The input as trimmed, non-empty text lines, whatever shape it came in. */
function splitLines(input: string | readonly string[] | null | undefined): string[] {
	// Item JSON can hold anything: a missing MRZ is simply no lines.
	const parts = typeof input === 'string' ? [input] : Array.isArray(input) ? input : [];
	return parts
		.flatMap((part) => String(part ?? '').split(/\r\n|\r|\n/))
		.map((line) => line.trim())
		.filter((line) => line.length > 0);
}

function cleanCharacters(line: string, lineNumber: number, changes: NormalisationChange[]): string {
	let out = line.replace(WHITESPACE, ' ');
	const upper = out.toUpperCase();
	if (upper !== out) changes.push({ what: 'upper_case', line: lineNumber, from: out, to: upper });
	out = upper;
	const fillers = out.replace(FILLER_LOOKALIKES, '<');
	if (fillers !== out)
		changes.push({ what: 'filler_lookalike', line: lineNumber, from: out, to: fillers });
	return fillers;
}

const withoutSpaces = (line: string) => line.replace(/ /g, '');

/** ICAO 9303 lines are 30 (TD1), 36 (TD2) or 44 (TD3) characters; OCR may drop one or two. */
const MIN_MRZ_LINE_LENGTH = 28;
/** OCR noise tolerated in a line that is otherwise MRZ characters (the corrector deals with it). */
const MAX_FOREIGN_CHARACTERS = 2;

/** The line lengths of every format (TD1 30; TD2, MRV-B and France's old card 36; TD3 and MRV-A 44). */
const MRZ_LINE_LENGTHS = new Set(Object.values(FORMATS).map((spec) => spec.lineLength));
/** A data line's dates alone give 14 digits (birth and expiry with their check digits; France: 19+). */
const MIN_DIGITS_WITHOUT_FILLER = 12;

/**
 * Whether a line of text can be an MRZ line: without spaces at least 28 characters (the shortest
 * line, TD1's, has 30), at least one filler ('<' or a look-alike; a fully used data line such as
 * `3400200135USA8001014F1905054710000307<715816` has just one) and MRZ characters (A-Z, 0-9, '<')
 * but for at most two (lower case counts as foreign: an MRZ is printed in capitals, prose is not).
 * A data line whose fields are all fully used has no filler at all: one of exactly a format's length,
 * only MRZ characters and at least 12 digits counts too. The one test for it (normalise, after
 * upper-casing, and the second read's line search).
 */
export function looksLikeMrzLine(line: string): boolean {
	const compact = line.replace(WHITESPACE, '').replace(FILLER_LOOKALIKES, '<');
	const foreign = compact.replace(/[A-Z0-9<]/g, '').length;
	const fullDataLine =
		foreign === 0 &&
		MRZ_LINE_LENGTHS.has(compact.length) &&
		compact.replace(/[^0-9]/g, '').length >= MIN_DIGITS_WITHOUT_FILLER;
	return (
		compact.length >= MIN_MRZ_LINE_LENGTH &&
		(compact.includes('<') || fullDataLine) &&
		foreign <= MAX_FOREIGN_CHARACTERS
	);
}

/** One string holding every line (concatenated or space-separated): cut it by the format lengths. */
function splitSingleString(line: string, changes: NormalisationChange[]): string[] {
	const tokens = line.split(' ').filter(Boolean);
	for (const spec of Object.values(FORMATS)) {
		if (tokens.length === spec.lineCount && tokens.every((t) => t.length === spec.lineLength)) {
			changes.push({ what: 'split_lines', from: line, to: tokens.join('\n') });
			return tokens;
		}
	}
	const compact = withoutSpaces(line);
	for (const spec of Object.values(FORMATS)) {
		if (compact.length === spec.lineCount * spec.lineLength) {
			const lines = Array.from({ length: spec.lineCount }, (_, i) =>
				compact.slice(i * spec.lineLength, (i + 1) * spec.lineLength),
			);
			changes.push({ what: 'split_lines', from: line, to: lines.join('\n') });
			return lines;
		}
	}
	return [line];
}

/** OCR sometimes returns text around the MRZ: keep the lines that look like MRZ lines. */
function keepMrzLikeLines(lines: string[], changes: NormalisationChange[]): string[] {
	if (lines.length <= 3) return lines;
	const kept = lines.filter(looksLikeMrzLine);
	for (const line of lines) {
		if (!kept.includes(line)) changes.push({ what: 'dropped_line', from: line, to: '' });
	}
	return kept;
}

/** Document code and state: how every first line (and no data line, bar a few numbers) begins. */
const FIRST_LINE_START = /^[A-Z][A-Z<][A-Z<]{3}/;

/**
 * A passport's or a visa's first line starts with 'P' or 'V' and a state code; when only the second
 * line given looks so, the lines came in the wrong order and are put back.
 */
function reorderFirstLine(lines: string[], changes: NormalisationChange[]): string[] {
	const swapped =
		lines.length === 2 &&
		!FIRST_LINE_START.test(lines[0]) &&
		/^[PV]/.test(lines[1]) &&
		FIRST_LINE_START.test(lines[1]);
	if (!swapped) return lines;
	changes.push({ what: 'lines_reordered', from: lines.join('\n'), to: `${lines[1]}\n${lines[0]}` });
	return [lines[1], lines[0]];
}

/**
 * The layouts the lines can be, the likelier first: by line count, length (halfway between 36 and 44
 * characters) and how line 1 starts ('V' a visa; 'IDFRA' in 2 × 36 France's 1994-2021 card or TD2).
 */
function candidateFormats(lines: string[]): FormatSpec[] {
	if (lines.length === 3) return [FORMATS.TD1];
	if (lines.length !== 2) return [];
	const longest = Math.max(...lines.map((line) => withoutSpaces(line).length));
	const first = withoutSpaces(lines[0]);
	if (longest >= 40) return [first.startsWith('V') ? FORMATS['MRV-A'] : FORMATS.TD3];
	if (first.startsWith('V')) return [FORMATS['MRV-B']];
	return first.startsWith('IDFRA') ? [FORMATS['FRA-ID'], FORMATS.TD2] : [FORMATS.TD2];
}

/**
 * Brings a line to the format's length. Inner spaces are dropped when that gives the exact length
 * (stray spaces, as in Huawei's example), read as fillers when that does, and dropped otherwise.
 * Short lines are padded with fillers, long ones cut, and each change is reported.
 */
function fitLine(
	line: string,
	length: number,
	lineNumber: number,
	changes: NormalisationChange[],
	problems: MrzIssue[],
): { line: string; beforePadding?: string } {
	let out = line;
	if (out.includes(' ')) {
		const dropped = withoutSpaces(out);
		const asFillers = out.replace(/ /g, '<');
		const useFillers = dropped.length !== length && asFillers.length === length;
		const fixed = useFillers ? asFillers : dropped;
		changes.push({
			what: useFillers ? 'space_as_filler' : 'space_removed',
			line: lineNumber,
			from: out,
			to: fixed,
		});
		out = fixed;
	}
	if (out.length < length) {
		const padded = out.padEnd(length, '<');
		changes.push({ what: 'line_padded', line: lineNumber, from: out, to: padded });
		problems.push({
			code: 'line_length',
			message: `line ${lineNumber} had ${out.length} characters, padded to ${length}`,
		});
		return { line: padded, beforePadding: out };
	} else if (out.length > length) {
		const cut = out.slice(0, length);
		changes.push({ what: 'line_trimmed', line: lineNumber, from: out, to: cut });
		problems.push({
			code: 'line_length',
			message: `line ${lineNumber} had ${out.length} characters, cut to ${length}`,
		});
		out = cut;
	}
	return { line: out };
}

/** Every way to put the missing fillers back by lengthening one run of fillers (or the end). */
function fillerInsertions(short: string, missing: string): string[] {
	const out = new Set([short + missing]);
	for (let i = 0; i < short.length; i++) {
		if (short[i] === '<') out.add(short.slice(0, i) + missing + short.slice(i));
	}
	return [...out];
}

/**
 * A '<' dropped inside a data line shifts every field after it, so padding at the end cannot be right.
 * When exactly one placement inside an existing filler run makes every check digit hold, use it.
 */
function restoreDroppedFillers(
	lines: string[],
	unpadded: Map<number, string>,
	format: FormatSpec,
	changes: NormalisationChange[],
): string[] {
	if (allChecksPass(lines, format)) return lines;
	const nameLine = format.fields.find((f) => f.name === 'name')?.line;
	for (const [index, short] of unpadded) {
		if (index + 1 === nameLine) continue; // a name ends in fillers: padding at the end is right
		const missing = '<'.repeat(format.lineLength - short.length);
		const passing = fillerInsertions(short, missing).filter((candidate) =>
			allChecksPass(
				lines.map((line, i) => (i === index ? candidate : line)),
				format,
			),
		);
		if (passing.length === 1 && passing[0] !== lines[index]) {
			changes.push({
				what: 'filler_restored',
				line: index + 1,
				from: lines[index],
				to: passing[0],
			});
			lines = lines.map((line, i) => (i === index ? passing[0] : line));
		}
	}
	return lines;
}

/** The lines fitted to a format's line length, dropped fillers restored where the check digits tell. */
function fitLines(
	input: string[],
	format: FormatSpec,
	changes: NormalisationChange[],
	problems: MrzIssue[],
): string[] {
	const unpadded = new Map<number, string>();
	const lines = input.map((line, i) => {
		const fitted = fitLine(line, format.lineLength, i + 1, changes, problems);
		if (fitted.beforePadding !== undefined) unpadded.set(i, fitted.beforePadding);
		return fitted.line;
	});
	return restoreDroppedFillers(lines, unpadded, format, changes);
}

export function normalise(input: string | readonly string[] | null | undefined): Normalised {
	const changes: NormalisationChange[] = [];
	const problems: MrzIssue[] = [];
	let lines = splitLines(input).map((line, i) => cleanCharacters(line, i + 1, changes));
	if (lines.length === 1) lines = splitSingleString(lines[0], changes);
	lines = reorderFirstLine(keepMrzLikeLines(lines, changes), changes);
	const candidates = candidateFormats(lines);
	if (candidates.length === 0) {
		return {
			lines,
			format: null,
			changes,
			readings: [],
			problems: [
				{
					code: 'unrecognised_format',
					message: `cannot read ${lines.length} line(s) as TD1, TD2 or TD3`,
				},
			],
		};
	}
	// Each layout fits the lines with its own record of changes and findings.
	const readings = candidates.map((format): Reading => {
		const record = { changes: [...changes], problems: [...problems] };
		const fitted = fitLines(lines, format, record.changes, record.problems);
		return { lines: fitted, format, ...record };
	});
	return { ...readings[0], readings };
}
