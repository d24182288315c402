/**
 * Property tests for the visa formats and France's 1994-2021 card, and for unknown birth-date parts in
 * every format: the generator (test-side code, generator.ts) lays out random MRZs with their truth.
 */
import { characterValue } from '../../../../nodes/HuaweiPassportOcr/mrz/checkDigit';
import { FORMATS, type MrzFormat } from '../../../../nodes/HuaweiPassportOcr/mrz/formats';
import { generateMrz, seeded } from './generator';
import { ALPHABET, coveredPositions, parse, replaceAt, samples } from './propertyKit';
import { TODAY } from './specimens';

const NEW_FORMATS: MrzFormat[] = ['MRV-A', 'MRV-B', 'FRA-ID'];
const KIND: Record<string, string> = { 'MRV-A': 'visa', 'MRV-B': 'visa', 'FRA-ID': 'id_card' };

describe.each(NEW_FORMATS)('%s generated MRZs', (format) => {
	it('parse(generate(x)) gives x back, valid, without errors, with the document kind', () => {
		for (const [{ lines, truth }] of samples(format, 11)) {
			const r = parse(lines);
			expect(r.errors).toEqual([]);
			expect(r.valid).toBe(true);
			expect(r.format).toBe(format);
			expect(r.fields).toEqual(truth);
			expect(r.document).toEqual({ kind: KIND[format], code: truth.documentCode, format });
			expect(r.normalisation).toEqual([]);
		}
	});

	it('survives OCR-shaped input: one string, lower case, « fillers, a stray space', () => {
		for (const [{ lines, truth }, rand] of samples(format, 12)) {
			const shapes = [
				lines.join(''),
				lines.join('\n').toLowerCase(),
				lines.map((l) => l.replace(/</g, '«')),
				lines.map((l) => {
					const at = 1 + Math.floor(rand() * (l.length - 1));
					return `${l.slice(0, at)} ${l.slice(at)}`;
				}),
			];
			for (const shape of shapes) {
				const r = parse(shape as string[]);
				expect(r.format).toBe(format);
				expect(r.fields).toEqual(truth);
				expect(r.lines).toEqual(lines);
			}
		}
	});

	it('any single change of a covered character to a different check value is caught or reported', () => {
		const covered = coveredPositions(format);
		for (const [{ lines }, rand] of samples(format, 13)) {
			const { line, position } = covered[Math.floor(rand() * covered.length)];
			const original = lines[line - 1][position - 1];
			// Characters 10 apart (0/A/K/U, '<'/0) share a check value mod 10: no check digit sees those.
			const options = [...ALPHABET].filter(
				(c) => (characterValue(c)! - characterValue(original)!) % 10 !== 0,
			);
			const c = options[Math.floor(rand() * options.length)];
			const r = parse(replaceAt(lines, line, position, c));
			const readAsOther = r.format !== format && r.warnings.some((w) => w.code === 'format_choice');
			expect(!r.valid || readAsOther).toBe(true);
		}
	});

	it('a change outside every check (name, nationality, sex, visa optional data) is not a check-digit error', () => {
		// Line 1's first letter is left alone too: it tells the format ('V' a visa).
		const covered = new Set([
			'1:1',
			...coveredPositions(format).map((p) => `${p.line}:${p.position}`),
		]);
		for (const [{ lines }, rand] of samples(format, 14)) {
			const free = lines.flatMap((text, l) =>
				[...text].flatMap((_, p) => (covered.has(`${l + 1}:${p + 1}`) ? [] : [[l + 1, p + 1]])),
			);
			if (free.length === 0) continue;
			const [line, position] = free[Math.floor(rand() * free.length)];
			const r = parse(replaceAt(lines, line, position, 'Q'));
			expect(r.errors.filter((e) => e.code === 'check_digit')).toEqual([]);
		}
	});

	it('correction restores a letter read in a date or a check digit', () => {
		const toLetter: Record<string, string> = {
			'0': 'O',
			'1': 'I',
			'5': 'S',
			'8': 'B',
			'2': 'Z',
			'6': 'G',
		};
		const spec = FORMATS[format];
		for (const [{ lines }, rand] of samples(format, 15)) {
			const numeric = [
				...spec.fields
					.filter((f) => f.type === 'date')
					.flatMap((f) =>
						Array.from({ length: f.end - f.start + 1 }, (_, i) => ({
							line: f.line,
							position: f.start + i,
						})),
					),
				...spec.checks.map((c) => ({ line: c.line, position: c.position })),
			].filter(({ line, position }) => lines[line - 1][position - 1] in toLetter);
			if (numeric.length === 0) continue;
			const { line, position } = numeric[Math.floor(rand() * numeric.length)];
			const corrupted = replaceAt(lines, line, position, toLetter[lines[line - 1][position - 1]]);
			const fixed = parse(corrupted, { correct: true });
			expect(fixed.lines).toEqual(lines);
			expect(fixed.valid).toBe(true);
			expect(fixed.corrections).toEqual([expect.objectContaining({ line, position })]);
		}
	});
});

describe.each(['TD3', 'TD2', 'TD1', ...NEW_FORMATS] as MrzFormat[])(
	'%s with an unknown birth-date part',
	(format) => {
		it.each([
			['day', '<<'],
			['day', '00'],
			['day', 'XX'],
			['month', '<<'],
			['month', '00'],
			['month', 'XX'],
		] as const)('%s written %s: valid, partial ISO date, a warning', (part, written) => {
			const rand = seeded(16);
			for (let i = 0; i < 40; i++) {
				const { lines, truth } = generateMrz(rand, format, TODAY, {
					unknownBirth: { part, written },
				});
				const r = parse(lines);
				expect(r.errors).toEqual([]);
				expect(r.format).toBe(format);
				expect(r.fields).toEqual(truth);
				expect(r.fields?.birthDate).toHaveLength(part === 'day' ? 7 : 4);
				expect(r.warnings).toContainEqual(
					expect.objectContaining({ code: 'date_partial', field: 'birthDate' }),
				);
				expect(parse(lines, { strict: true }).valid).toBe(false);
			}
		});
	},
);
