import { characterValue } from '../../../../nodes/HuaweiPassportOcr/mrz/checkDigit';
import { FORMATS, type MrzFormat } from '../../../../nodes/HuaweiPassportOcr/mrz/formats';
import { ALPHABET, coveredPositions, parse, replaceAt, samples } from './propertyKit';

const FORMAT_NAMES: MrzFormat[] = ['TD3', 'TD2', 'TD1'];

describe.each(FORMAT_NAMES)('%s generated MRZs', (format) => {
	it('parse(generate(x)) gives x back, valid, without errors', () => {
		for (const [{ lines, truth }] of samples(format, 1)) {
			const r = parse(lines);
			expect(r.errors).toEqual([]);
			expect(r.valid).toBe(true);
			expect(r.format).toBe(format);
			expect(r.fields).toEqual(truth);
			expect(r.normalisation).toEqual([]);
		}
	});

	it('survives OCR-shaped input: one string, lower case, « fillers, stray spaces, dropped padding', () => {
		const nameLine = FORMATS[format].fields.find((f) => f.name === 'name')!.line;
		for (const [{ lines, truth }, rand] of samples(format, 5)) {
			const shapes = [
				lines.join(''),
				lines.join('\n').toLowerCase(),
				lines.map((l) => l.replace(/</g, '«')),
				lines.map((l) => {
					const at = 1 + Math.floor(rand() * (l.length - 1));
					return `${l.slice(0, at)} ${l.slice(at)}`;
				}),
				lines.map((l, i) => (i === nameLine - 1 ? l.replace(/<+$/, '') : l)),
			];
			for (const shape of shapes) {
				const r = parse(shape as string[]);
				expect(r.fields).toEqual(truth);
				expect(r.lines).toEqual(lines);
			}
		}
	});

	it('any single change of a covered character to a different check value is detected', () => {
		const covered = coveredPositions(format);
		for (const [{ lines }, rand] of samples(format, 2)) {
			const { line, position } = covered[Math.floor(rand() * covered.length)];
			const original = lines[line - 1][position - 1];
			// Characters 10 apart (0/A/K/U, '<'/0) share a check value mod 10: no check digit can see those.
			const options = [...ALPHABET].filter(
				(c) => (characterValue(c)! - characterValue(original)!) % 10 !== 0,
			);
			const corrupted = replaceAt(
				lines,
				line,
				position,
				options[Math.floor(rand() * options.length)],
			);
			const r = parse(corrupted);
			expect(r.valid).toBe(false);
		}
	});

	it('correction restores a type confusion in a date, a check digit or a name', () => {
		const toLetter: Record<string, string> = {
			'0': 'O',
			'1': 'I',
			'5': 'S',
			'8': 'B',
			'2': 'Z',
			'6': 'G',
		};
		const toDigit = Object.fromEntries(Object.entries(toLetter).map(([d, l]) => [l, d]));
		const spec = FORMATS[format];
		for (const [{ lines }, rand] of samples(format, 3)) {
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
			const name = spec.fields.find((f) => f.name === 'name')!;
			const letters = Array.from({ length: name.end - name.start + 1 }, (_, i) => ({
				line: name.line,
				position: name.start + i,
			})).filter(({ line, position }) => lines[line - 1][position - 1] in toDigit);
			let corrupted = lines;
			for (const [targets, map] of [
				[numeric, toLetter],
				[letters, toDigit],
			] as const) {
				if (targets.length === 0) continue;
				const { line, position } = targets[Math.floor(rand() * targets.length)];
				corrupted = replaceAt(corrupted, line, position, map[lines[line - 1][position - 1]]);
			}
			const plain = parse(corrupted);
			const fixed = parse(corrupted, { correct: true });
			expect(fixed.lines).toEqual(lines);
			expect(fixed.valid).toBe(true);
			const changed = corrupted.flatMap((text, l) =>
				[...text].flatMap((c, p) =>
					c === lines[l][p] ? [] : [{ line: l + 1, position: p + 1, from: c, to: lines[l][p] }],
				),
			);
			expect(
				fixed.corrections.map(({ line, position, from, to }) => ({ line, position, from, to })),
			).toEqual(expect.arrayContaining(changed));
			expect(fixed.corrections).toHaveLength(changed.length);
			if (changed.length > 0 && changed.some((c) => /\d/.test(c.to)))
				expect(plain.valid).toBe(false);
		}
	});

	it('a confusion in the document number is restored or reported as ambiguous, never guessed wrong', () => {
		const confusions: Record<string, string> = {
			'0': 'O',
			O: '0',
			'1': 'I',
			I: '1',
			'5': 'S',
			S: '5',
			'8': 'B',
			B: '8',
			'2': 'Z',
			Z: '2',
			'6': 'G',
			G: '6',
		};
		const number = FORMATS[format].fields.find((f) => f.name === 'documentNumber')!;
		let restored = 0;
		let ambiguous = 0;
		for (const [{ lines }, rand] of samples(format, 4)) {
			const spots = Array.from({ length: 9 }, (_, i) => number.start + i).filter(
				(p) => lines[number.line - 1][p - 1] in confusions,
			);
			if (spots.length === 0) continue;
			const position = spots[Math.floor(rand() * spots.length)];
			const corrupted = replaceAt(
				lines,
				number.line,
				position,
				confusions[lines[number.line - 1][position - 1]],
			);
			const r = parse(corrupted, { correct: true });
			if (parse(corrupted).valid) {
				// 6/G and 1/L differ by 10 in check value: invisible to every check digit, so zero edits wins.
				expect(r.corrections).toEqual([]);
				expect(r.lines).toEqual(corrupted);
			} else if (r.ambiguous.length > 0) {
				ambiguous++;
				expect(r.lines).toEqual(corrupted);
				expect(r.ambiguous[0].candidates.length).toBeGreaterThan(1);
				expect(r.ambiguous[0].candidates).toContainEqual([
					expect.objectContaining({ line: number.line, position }),
				]);
				expect(r.warnings.map((w) => w.code)).toContain('correction_ambiguous');
			} else {
				restored++;
				expect(r.lines).toEqual(lines);
				expect(r.corrections).toEqual([
					expect.objectContaining({ field: 'documentNumber', line: number.line, position }),
				]);
				// Strict mode never changes a document number.
				const strict = parse(corrupted, { correct: true, strict: true });
				expect(strict.lines).toEqual(corrupted);
				expect(strict.ambiguous[0].reason).toBe('withheld_strict');
				expect(strict.valid).toBe(false);
			}
		}
		// Both outcomes occur over the sample (check digits alone cannot always decide).
		expect(restored).toBeGreaterThan(0);
		expect(ambiguous).toBeGreaterThan(0);
	});
});
