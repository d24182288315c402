/**
 * What both property tests (property.test.ts: TD1-TD3; propertyFormats.test.ts: visas, France's old
 * card) build on: seeded samples from the generator, a one-character edit, and the positions a
 * format's check digits cover, read from its table.
 */
import { FORMATS, type MrzFormat } from '../../../../nodes/HuaweiPassportOcr/mrz/formats';
import { parseMrz } from '../../../../nodes/HuaweiPassportOcr/mrz';
import { generateMrz, seeded, type GeneratedMrz, type Random } from './generator';
import { TODAY } from './specimens';

export const RUNS = 150;
export const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

export const parse = (lines: string[], options = {}) =>
	parseMrz(lines, { today: TODAY, ...options });

/** RUNS generated MRZs of one format from one seed, each with the generator it came from. */
export const samples = (format: MrzFormat, seed: number): [GeneratedMrz, Random][] => {
	const rand = seeded(seed);
	return Array.from({ length: RUNS }, () => [generateMrz(rand, format, TODAY), rand]);
};

/** The lines with character `position` (1-based) of line `line` replaced by `c`. */
export const replaceAt = (lines: string[], line: number, position: number, c: string) =>
	lines.map((text, i) =>
		i === line - 1 ? text.slice(0, position - 1) + c + text.slice(position) : text,
	);

/** Every (line, position) a check digit covers, including the check-digit positions themselves. */
export function coveredPositions(format: MrzFormat): { line: number; position: number }[] {
	const out = new Map<string, { line: number; position: number }>();
	for (const check of FORMATS[format].checks) {
		out.set(`${check.line}:${check.position}`, { line: check.line, position: check.position });
		for (const s of check.covers) {
			for (let p = s.start; p <= s.end; p++)
				out.set(`${s.line}:${p}`, { line: s.line, position: p });
		}
	}
	return [...out.values()];
}
