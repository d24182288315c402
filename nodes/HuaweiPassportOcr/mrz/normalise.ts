import { FORMATS, type FormatSpec } from './formats';
import type { MrzIssue, NormalisationChange } from './types';

/** Characters OCR engines and keyboards produce for the '<' filler. */
const FILLER_LOOKALIKES = /[«‹＜〈⟨≺˂❮﹤]/g;
const WHITESPACE = /[\s\u00a0\u2000-\u200b\u3000]/g;

export interface Normalised {
	lines: string[];
	format: FormatSpec | null;
	changes: NormalisationChange[];
	problems: MrzIssue[];
}

/** The input as trimmed, non-empty text lines, whatever shape it came in. */
function splitLines(input: string | readonly string[]): string[] {
	const parts = typeof input === 'string' ? [input] : [...input];
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
	if (fillers !== out) changes.push({ what: 'filler_lookalike', line: lineNumber, from: out, to: fillers });
	return fillers;
}

const withoutSpaces = (line: string) => line.replace(/ /g, '');

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
	const kept = lines.filter((line) => withoutSpaces(line).length >= 28 && /<.*</.test(line));
	for (const line of lines) {
		if (!kept.includes(line)) changes.push({ what: 'dropped_line', from: line, to: '' });
	}
	return kept;
}

function detectFormat(lines: string[]): FormatSpec | null {
	if (lines.length === 3) return FORMATS.TD1;
	if (lines.length !== 2) return null;
	const longest = Math.max(...lines.map((line) => withoutSpaces(line).length));
	// Halfway between TD2's 36 and TD3's 44 characters.
	return longest >= 40 ? FORMATS.TD3 : FORMATS.TD2;
}

/**
 * Brings a line to the format's length. Inner spaces are dropped when that gives the exact length
 * (stray spaces, as in Huawei's example), read as fillers when that does, and dropped otherwise.
 * Short lines are padded with fillers, long ones cut, and each change is reported.
 */
function fitLine(line: string, length: number, lineNumber: number, changes: NormalisationChange[], problems: MrzIssue[]): string {
	let out = line;
	if (out.includes(' ')) {
		const dropped = withoutSpaces(out);
		const asFillers = out.replace(/ /g, '<');
		const useFillers = dropped.length !== length && asFillers.length === length;
		const fixed = useFillers ? asFillers : dropped;
		changes.push({ what: useFillers ? 'space_as_filler' : 'space_removed', line: lineNumber, from: out, to: fixed });
		out = fixed;
	}
	if (out.length < length) {
		const padded = out.padEnd(length, '<');
		changes.push({ what: 'line_padded', line: lineNumber, from: out, to: padded });
		problems.push({ code: 'line_length', message: `line ${lineNumber} had ${out.length} characters, padded to ${length}` });
		out = padded;
	} else if (out.length > length) {
		const cut = out.slice(0, length);
		changes.push({ what: 'line_trimmed', line: lineNumber, from: out, to: cut });
		problems.push({ code: 'line_length', message: `line ${lineNumber} had ${out.length} characters, cut to ${length}` });
		out = cut;
	}
	return out;
}

export function normalise(input: string | readonly string[]): Normalised {
	const changes: NormalisationChange[] = [];
	const problems: MrzIssue[] = [];
	let lines = splitLines(input).map((line, i) => cleanCharacters(line, i + 1, changes));
	if (lines.length === 1) lines = splitSingleString(lines[0], changes);
	lines = keepMrzLikeLines(lines, changes);
	const format = detectFormat(lines);
	if (!format) {
		return { lines, format, changes, problems: [{ code: 'unrecognised_format', message: `cannot read ${lines.length} line(s) as TD1, TD2 or TD3` }] };
	}
	lines = lines.map((line, i) => fitLine(line, format.lineLength, i + 1, changes, problems));
	return { lines, format, changes, problems };
}
